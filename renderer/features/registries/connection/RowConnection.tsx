import type { RegistryView } from '../../../../shared/schemas';
import { useTranslation } from '../../../i18n/useTranslation';
import { ConnectionResultPanel } from './ConnectionResultPanel';
import { useConnectionStore } from './connection-store';
import { TimeSentence } from '../../../ui/time/TimeText';
import { Badge } from '../../../ui/Badge';
import './connection.css';

/** The last result and when it ran; the details open on demand to keep the table compact. */
function LastResult({ registry }: { registry: RegistryView }) {
  const { t } = useTranslation();
  const result = useConnectionStore((state) => state.results[registry.id]);
  const running = useConnectionStore((state) => registry.id in state.runningRows);
  if (running) return <span className="muted" role="status">{t('connection.testing')}</span>;
  if (!result) return <span className="muted">{t('connection.notTested')}</span>;
  // In the list a TLS failure is a short chip; what failed and what to do open on demand.
  const failure = result.step === 'tls' ? t('connection.tlsFailed') : t('connection.failedAt', { step: result.step ? t(`connection.step.${result.step}`) : '' });
  const verdict = result.ok ? t('connection.passed') : failure;
  return (
    <details className="connection-row" data-testid="connection-row-result">
      <summary>
        <Badge tone={result.ok ? 'ok' : 'error'}>
          <span aria-hidden="true">{result.ok ? '✓ ' : '✕ '}</span>
          {verdict}
        </Badge>
        <span className="connection-when">
          <TimeSentence template="connection.lastRun" slot="when" at={result.testedAt} />
        </span>
      </summary>
      <ConnectionResultPanel result={result} withoutVerdict />
    </details>
  );
}

/** A registry's connection cell: its last result, or that it is being tested (the test itself is in the row's menu). */
export function RowConnection({ registry }: { registry: RegistryView }) {
  return (
    <div className="connection-cell">
      <LastResult registry={registry} />
    </div>
  );
}
