import type { RegistryRefresh } from '../../../shared/access-contract';
import { useTranslation } from '../../i18n/useTranslation';
import { durationText } from '../../ui/time/duration';
import { useRefreshStore } from '../../data/ecr-refresh';
import { useNow } from '../../ui/time/use-now';

/** "Expires in 11 h 42 min" per cluster, ticking every second on main's clock. */
export function EcrCountdown({ refresh }: { refresh: RegistryRefresh }) {
  const { t, language } = useTranslation();
  const offset = useRefreshStore((state) => state.clockOffsetMs);
  const now = useNow(1000, offset);
  const until = (time: string) => Date.parse(time) - now;
  const at = (time: string) => new Date(time).toLocaleString(language);

  return (
    <div className="ecr-countdown">
      <p>
        {refresh.nextRefreshAt
          ? t('ecr.nextRefresh', { time: durationText(t, until(refresh.nextRefreshAt)), at: at(refresh.nextRefreshAt) })
          : t('ecr.noneScheduled')}
        {refresh.lastRefreshAt && <span className="detail"> · {t('ecr.lastRefresh', { at: at(refresh.lastRefreshAt) })}</span>}
      </p>
      {refresh.contexts.length > 0 && (
        <ul className="countdown-list" aria-label={t('ecr.perCluster')}>
          {refresh.contexts.map((entry) => (
            <li key={entry.context} data-testid="ecr-countdown">
              <span className="mono">{entry.context}</span>
              <span>
                {entry.expiresAt === null
                  ? t('ecr.noSecrets')
                  : until(entry.expiresAt) > 0
                    ? t('access.refresh.expiresIn', { time: durationText(t, until(entry.expiresAt)) })
                    : t('ecr.expired', { at: at(entry.expiresAt) })}
              </span>
              <span className="detail">{t('ecr.namespaces', { count: entry.namespaces })}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
