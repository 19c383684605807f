import type { ApplyResult } from '../../../shared/access-contract';
import { useTranslation } from '../../i18n/useTranslation';
import { CountChips } from '../CountChips';
import { outcomeLabel } from '../labels';
import { NamespaceRows } from './NamespaceRows';

interface ResultViewProps {
  result: ApplyResult;
  onStatus: () => void;
  onPreviewAgain: () => void;
}

/** What apply did, namespace by namespace; failures and skips are one filter away. */
export function ResultView({ result, onStatus, onPreviewAgain }: ResultViewProps) {
  const { t, problemText, language } = useTranslation();
  const seconds = ((Date.parse(result.finishedAt) - Date.parse(result.startedAt)) / 1000).toFixed(1);
  const troubled = (result.counts.failed ?? 0) + (result.counts.skipped ?? 0) + (result.counts.cancelled ?? 0) > 0;
  return (
    <div className="plan" data-testid="apply-result">
      <section className="card plan-summary" aria-labelledby="result-title">
        <h2 id="result-title" tabIndex={-1}>
          {t(result.outcome === 'cancelled' ? 'result.cancelled' : result.kind === 'cleanup' ? 'result.cleanupDone' : 'result.done')}
        </h2>
        <p className="detail">{t('result.when', { at: new Date(result.finishedAt).toLocaleString(language), seconds })}</p>
        <CountChips counts={result.counts} label={outcomeLabel(t)} title={t('result.counts')} />
        <div className="form-actions">
          <button type="button" className="button" onClick={onPreviewAgain}>
            {t('result.previewAgain')}
          </button>
          <button type="button" className="button button-primary" onClick={onStatus}>
            {t('result.viewStatus')}
          </button>
        </div>
      </section>
      {result.contexts.map((context) => (
        <section key={context.context} className="card context-card" aria-label={context.context} data-testid="result-context" data-context={context.context}>
          <h3>{context.context}</h3>
          {context.error && <p className="field-error">{problemText(context.error)}</p>}
          <NamespaceRows id={`result-${context.context.replace(/[^\w-]/g, '_')}`} context={context.context} rows={context.namespaces} initialFilter={troubled ? 'problems' : 'all'} />
        </section>
      ))}
    </div>
  );
}
