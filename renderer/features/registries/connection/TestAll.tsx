import { useEffect } from 'react';
import { ProblemBanner } from '../../../ui/ProblemBanner';
import { useTranslation } from '../../../i18n/useTranslation';
import { useConnectionStore } from './connection-store';
import './connection.css';
import { Button } from '../../../ui/Button';

/** "Test all": every saved registry at once, with progress as each one finishes. */
export function TestAllButton() {
  const { t } = useTranslation();
  const all = useConnectionStore((state) => state.all);
  const testAll = useConnectionStore((state) => state.testAll);
  const cancel = useConnectionStore((state) => state.cancel);
  const loadLast = useConnectionStore((state) => state.loadLast);
  useEffect(() => void loadLast(), [loadLast]);
  const running = all?.running ?? false;
  return (
    <div className="test-all">
      <Button onClick={() => void testAll()} disabled={running} aria-busy={running}>
        {t('connection.testAll')}
      </Button>
      {running && all && (
        <Button tone="quiet" onClick={() => void cancel(all.testId)}>
          {t('connection.cancel')}
        </Button>
      )}
    </div>
  );
}

export function TestAllProgress() {
  const { t } = useTranslation();
  const all = useConnectionStore((state) => state.all);
  const error = useConnectionStore((state) => state.error);
  const dismissError = useConnectionStore((state) => state.dismissError);
  return (
    <>
      <ProblemBanner problem={error} onDismiss={dismissError} />
      {all && (
        <div className="test-all-progress" role="status" data-testid="test-all-progress">
          {all.running ? (
            <>
              <progress value={all.done} max={Math.max(all.total, 1)} aria-label={t('connection.testAll')} />
              <span>{t('connection.testAllProgress', { done: all.done, total: all.total || '…' })}</span>
            </>
          ) : (
            <span>{t('connection.testAllDone', { total: all.total, passed: all.passed, failed: all.failed })}</span>
          )}
        </div>
      )}
    </>
  );
}
