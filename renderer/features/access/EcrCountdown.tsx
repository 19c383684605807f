import type { RegistryRefresh } from '../../../shared/access-contract';
import { useTranslation } from '../../i18n/useTranslation';
import { TimeSentence } from '../../ui/time/TimeText';
import { useDateTime } from '../../ui/time/use-date-time';
import { durationText } from '../../ui/time/duration';
import { useRefreshStore } from '../../data/ecr-refresh';
import { useNow } from '../../ui/time/use-now';

/** "Expires in 11 h 42 min" per cluster, ticking every second on main's clock. */
export function EcrCountdown({ refresh }: { refresh: RegistryRefresh }) {
  const { t } = useTranslation();
  const offset = useRefreshStore((state) => state.clockOffsetMs);
  const now = useNow(1000, offset);
  const until = (time: string) => Date.parse(time) - now;
  const dateTime = useDateTime();

  return (
    <div className="ecr-countdown">
      <p>
        {refresh.nextRefreshAt ? (
          <span title={dateTime(refresh.nextRefreshAt)}>{t('ecr.nextRefresh', { time: durationText(t, until(refresh.nextRefreshAt)) })}</span>
        ) : (
          t('ecr.noneScheduled')
        )}
        {refresh.lastRefreshAt && (
          <span className="detail">
            {' · '}
            <TimeSentence template="ecr.lastRefresh" at={refresh.lastRefreshAt} />
          </span>
        )}
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
                    ? <span title={dateTime(entry.expiresAt)}>{t('access.refresh.expiresIn', { time: durationText(t, until(entry.expiresAt)) })}</span>
                    : <TimeSentence template="ecr.expired" at={entry.expiresAt} />}
              </span>
              <span className="detail">{t('ecr.namespaces', { count: entry.namespaces })}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
