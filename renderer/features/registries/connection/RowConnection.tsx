import type { RegistryView } from '../../../../shared/schemas';
import { useTranslation } from '../../../i18n/useTranslation';
import { RowActionText } from '../../../ui/RowActionText';
import { ConnectionResultPanel } from './ConnectionResultPanel';
import { useConnectionStore } from './connection-store';
import { TimeSentence } from '../../../ui/time/TimeText';
import './connection.css';
import { Button } from '../../../ui/Button';

/** The last result and when it ran; the details open on demand to keep the table compact. */
function LastResult({ registry }: { registry: RegistryView }) {
  const { t } = useTranslation();
  const result = useConnectionStore((state) => state.results[registry.id]);
  const running = useConnectionStore((state) => registry.id in state.runningRows);
  if (running) return <span className="muted" role="status">{t('connection.testing')}</span>;
  if (!result) return <span className="muted">{t('connection.notTested')}</span>;
  const verdict = result.ok ? t('connection.passed') : t('connection.failedAt', { step: result.step ? t(`connection.step.${result.step}`) : '' });
  return (
    <details className="connection-row" data-testid="connection-row-result">
      <summary>
        <span className={result.ok ? 'connection-badge-ok' : 'connection-badge-failed'}>
          <span aria-hidden="true">{result.ok ? '✓ ' : '✕ '}</span>
          {verdict}
        </span>
        <span className="connection-when">
          <TimeSentence template="connection.lastRun" slot="when" at={result.testedAt} />
        </span>
      </summary>
      <ConnectionResultPanel result={result} withoutVerdict />
    </details>
  );
}

/** A registry's connection cell: its last result and the button that tests it with the stored credentials. */
export function RowConnection({ registry }: { registry: RegistryView }) {
  const running = useConnectionStore((state) => registry.id in state.runningRows);
  const testRegistry = useConnectionStore((state) => state.testRegistry);
  return (
    <div className="connection-cell">
      <LastResult registry={registry} />
      <Button disabled={running} aria-busy={running} onClick={() => void testRegistry(registry.id)}>
        <RowActionText template="connection.testRow" name={registry.name} />
      </Button>
    </div>
  );
}
