import { useEffect, useState } from 'react';
import type { AppError } from '../../../shared/errors';
import type { Preferences, RadarRescan } from '../../../shared/schemas';
import { callApi } from '../../api/call-api';
import { useTranslation } from '../../i18n/useTranslation';
import { ProblemBanner } from '../../ui/ProblemBanner';
import { WindowOptions } from './RadarFilters';

const EVERY: RadarRescan['everyMinutes'][] = [15, 60, 240];
/** The window offered first when the operator picks an interval. */
const DEFAULT_WINDOW_DAYS = 7;

/**
 * The radar's desktop notices, off by default: preferences kept with the language, read when the
 * screen opens. Main sends the notices (only counts, no names) after each scan while they are on,
 * and re-scans at the chosen interval while the app is open when one is chosen.
 */
export function NoticeToggle() {
  const { t } = useTranslation();
  const [preferences, setPreferences] = useState<Preferences | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  useEffect(() => {
    let live = true;
    void callApi('preferences:get', {}).then((result) => {
      if (!live) return;
      if (result.ok) setPreferences(result.value);
      else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, []);
  const choose = async (change: Pick<Preferences, 'radarNotifications' | 'radarRescan'>) => {
    setPreferences((current) => (current ? { ...current, ...change } : current));
    setError(null);
    const current = await callApi('preferences:get', {});
    const result = current.ok ? await callApi('preferences:set', { ...current.value, ...change }) : current;
    if (!result.ok) setError(result.error);
  };
  const on = preferences?.radarNotifications === true;
  const rescan = preferences?.radarRescan ?? null;
  return (
    <div className="radar-notices">
      <label className="checkbox-row">
        <input type="checkbox" checked={on} disabled={preferences === null} onChange={(event) => void choose({ radarNotifications: event.target.checked })} data-testid="radar-notices" />
        {t('radar.notices.label')}
      </label>
      <p className="detail">{t('radar.notices.hint')}</p>
      <div className="radar-watch">
        <label>
          {t('radar.watch.every')}
          <select
            value={rescan?.everyMinutes ?? ''}
            disabled={!on}
            data-testid="radar-watch-every"
            onChange={(event) => void choose({ radarRescan: event.target.value === '' ? null : { everyMinutes: Number(event.target.value) as RadarRescan['everyMinutes'], windowDays: rescan?.windowDays ?? DEFAULT_WINDOW_DAYS } })}
          >
            <option value="">{t('radar.watch.off')}</option>
            {EVERY.map((minutes) => (
              <option key={minutes} value={minutes}>
                {t(`radar.watch.minutes.${minutes}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('radar.watch.window')}
          <select value={rescan?.windowDays ?? DEFAULT_WINDOW_DAYS} disabled={!on || !rescan} data-testid="radar-watch-window" onChange={(event) => rescan && void choose({ radarRescan: { ...rescan, windowDays: Number(event.target.value) } })}>
            <WindowOptions />
          </select>
        </label>
      </div>
      <p className="detail">{t('radar.watch.hint')}</p>
      <ProblemBanner problem={error} onDismiss={() => setError(null)} />
    </div>
  );
}
