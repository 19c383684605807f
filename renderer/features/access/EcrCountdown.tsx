import type { RegistryRefresh } from '../../../shared/access-contract';
import { useTranslation } from '../../i18n/useTranslation';
import { TimeSentence } from '../../ui/time/TimeText';
import { useRefreshStore } from '../../data/ecr-refresh';
import { useNow } from '../../ui/time/use-now';
import { DataTable } from '../../ui/DataTable';

/** "Expires in 11 hours" per cluster, in the kit's one time format (exact time on hover); past it, "Expired …" on main's clock. */
export function EcrCountdown({ refresh }: { refresh: RegistryRefresh }) {
  const { t } = useTranslation();
  const offset = useRefreshStore((state) => state.clockOffsetMs);
  const now = useNow(1000, offset);
  const until = (time: string) => Date.parse(time) - now;

  return (
    <div className="ecr-countdown">
      <p>
        {refresh.nextRefreshAt ? (
          <TimeSentence template="access.refresh.nextRefresh" slot="time" at={refresh.nextRefreshAt} />
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
        // A kit table, so each cluster's name, expiry and namespace count line up under their headings.
        <DataTable caption={t('ecr.perCluster')} columns={[t('ecr.column.cluster'), t('ecr.column.expiry'), t('ecr.column.namespaces')]} className="ecr-countdowns">
          {refresh.contexts.map((entry) => (
            <tr key={entry.context} data-testid="ecr-countdown">
              <td className="mono">{entry.context}</td>
              <td>
                {entry.expiresAt === null
                  ? t('ecr.noSecrets')
                  : until(entry.expiresAt) > 0
                    ? <TimeSentence template="plan.expires" at={entry.expiresAt} />
                    : <TimeSentence template="ecr.expired" at={entry.expiresAt} />}
              </td>
              <td>{entry.namespaces}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
