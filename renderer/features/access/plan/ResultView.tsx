import { TimeSentence } from '../../../ui/time/TimeText';
import { useRef } from 'react';
import type { ApplyResult, ContextResult } from '../../../../shared/access-contract';
import { useTranslation } from '../../../i18n/useTranslation';
import { CountChips } from '../CountChips';
import { outcomeLabel } from '../labels';
import { useFocusWhenLost } from '../../../ui/use-focus-when-lost';
import { NamespaceRows } from './NamespaceRows';
import { domId } from '../../../ui/dom-id';
import { Button } from '../../../ui/Button';

const TROUBLE = new Set(['failed', 'skipped', 'cancelled']);

function outcomesOf(context: ContextResult): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const namespace of context.namespaces) {
    for (const step of [...namespace.secrets, ...namespace.serviceAccounts]) counts[step.outcome] = (counts[step.outcome] ?? 0) + 1;
  }
  return counts;
}

function ContextOutcome({ context }: { context: ContextResult }) {
  const { t, problemText } = useTranslation();
  const counts = outcomesOf(context);
  const troubled = Object.keys(counts).some((outcome) => TROUBLE.has(outcome));
  return (
    <section className="card context-card" aria-label={context.context} data-testid="result-context" data-context={context.context}>
      <h3>{context.context}</h3>
      {context.error && <p className="field-error">{problemText(context.error)}</p>}
      <CountChips counts={counts} label={outcomeLabel(t)} title={t('result.contextCounts', { context: context.context })} />
      <NamespaceRows id={domId('result', context.context)} context={context.context} rows={context.namespaces} initialFilter={troubled ? 'problems' : 'all'} />
    </section>
  );
}

interface ResultViewProps {
  result: ApplyResult;
  onStatus: () => void;
  onPreviewAgain: () => void;
}

/** What apply did, namespace by namespace; failures and skips are one filter away. */
export function ResultView({ result, onStatus, onPreviewAgain }: ResultViewProps) {
  const { t } = useTranslation();
  const seconds = ((Date.parse(result.finishedAt) - Date.parse(result.startedAt)) / 1000).toFixed(1);
  const title = useRef<HTMLHeadingElement>(null);
  useFocusWhenLost(title);
  return (
    <div className="plan" data-testid="apply-result">
      <section className="card plan-summary" aria-labelledby="result-title">
        <h2 id="result-title" ref={title} tabIndex={-1}>
          {t(result.outcome === 'cancelled' ? 'result.cancelled' : result.kind === 'cleanup' ? 'result.cleanupDone' : 'result.done')}
        </h2>
        <p className="detail"><TimeSentence template="result.when" at={result.finishedAt} params={{ seconds }} /></p>
        <CountChips counts={result.counts} label={outcomeLabel(t)} title={t('result.counts')} />
        <div className="form-actions">
          <Button onClick={onPreviewAgain}>
            {t('result.previewAgain')}
          </Button>
          <Button tone="primary" onClick={onStatus}>
            {t('result.viewStatus')}
          </Button>
        </div>
      </section>
      {result.contexts.map((context) => (
        <ContextOutcome key={context.context} context={context} />
      ))}
    </div>
  );
}
