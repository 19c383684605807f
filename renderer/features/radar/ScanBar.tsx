import { selectContexts, useContextsStore } from '../../data/contexts';
import type { RadarProgress } from '../../../shared/radar-contract';
import { useTranslation, type Translation } from '../../i18n/useTranslation';
import { Button } from '../../ui/Button';
import { useNow } from '../../ui/time/use-now';
import { useRadarStore } from './radar-store';

/** Where the scan is: the context n of m read, then the registry checks answered; before main's first word, the plan. */
function progressText(t: Translation['t'], progress: RadarProgress | null, contexts: number, seconds: number): string {
  if (!progress) return t('radar.scanning', { contexts, seconds });
  const { done, total } = progress;
  if (progress.phase === 'registry') return t('radar.progress.registry', { done, total, seconds });
  return progress.context ? t('radar.progress.inventoryLast', { done, total, context: progress.context, seconds }) : t('radar.progress.inventory', { done, total, seconds });
}

/** Scan (again), and while it runs its progress with Cancel; then how to save the report. */
export function ScanBar() {
  const { t } = useTranslation();
  const since = useRadarStore((state) => state.scanningSince);
  const progress = useRadarStore((state) => state.progress);
  const hasReport = useRadarStore((state) => state.report !== null);
  const saving = useRadarStore((state) => state.saving);
  const contexts = useContextsStore((state) => selectContexts(state).length);
  const now = useNow(1000);
  const { scan, cancel, save } = useRadarStore.getState();
  if (since !== null) {
    return (
      <div className="radar-bar" role="status" data-testid="radar-progress">
        <span className="radar-spinner" aria-hidden="true" />
        <span>{progressText(t, progress, contexts, Math.max(0, Math.round((now - since) / 1000)))}</span>
        <Button small tone="quiet" onClick={cancel}>
          {t('radar.cancel')}
        </Button>
      </div>
    );
  }
  return (
    <div className="radar-bar">
      <Button tone="primary" onClick={() => void scan()}>
        {t(hasReport ? 'radar.rescan' : 'radar.scan')}
      </Button>
      {hasReport && (
        <>
          <Button disabled={saving} onClick={() => void save('json')}>
            {t('radar.export.json')}
          </Button>
          <Button disabled={saving} onClick={() => void save('csv')}>
            {t('radar.export.csv')}
          </Button>
        </>
      )}
    </div>
  );
}
