import { useEffect, useState } from 'react';
import type { AppError } from '../../../shared/errors';
import { callApi } from '../../api/call-api';
import { useTranslation } from '../../i18n/useTranslation';
import { ProblemBanner } from '../../ui/ProblemBanner';

/**
 * The radar's desktop notices, off by default: a preference kept with the language, read when the
 * screen opens. Main sends the notices (only counts, no names) after each scan while it is on.
 */
export function NoticeToggle() {
  const { t } = useTranslation();
  const [on, setOn] = useState<boolean | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  useEffect(() => {
    let live = true;
    void callApi('preferences:get', {}).then((result) => {
      if (!live) return;
      if (result.ok) setOn(result.value.radarNotifications === true);
      else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, []);
  const choose = async (value: boolean) => {
    setOn(value);
    setError(null);
    const current = await callApi('preferences:get', {});
    const result = current.ok ? await callApi('preferences:set', { ...current.value, radarNotifications: value }) : current;
    if (!result.ok) setError(result.error);
  };
  return (
    <div className="radar-notices">
      <label className="checkbox-row">
        <input type="checkbox" checked={on === true} disabled={on === null} onChange={(event) => void choose(event.target.checked)} data-testid="radar-notices" />
        {t('radar.notices.label')}
      </label>
      <p className="detail">{t('radar.notices.hint')}</p>
      <ProblemBanner problem={error} onDismiss={() => setError(null)} />
    </div>
  );
}
