import { useEffect } from 'react';
import type { RegistryRefresh } from '../../../shared/access-contract';
import { ProblemBanner } from '../../ui/ProblemBanner';
import { useTranslation } from '../../i18n/useTranslation';
import { selectRegistries, useRegistriesStore } from '../../data/registries';
import { EcrCountdown } from './EcrCountdown';
import { useRefreshStore } from '../../data/ecr-refresh';
import { Button } from '../../ui/Button';
import { navigate } from '../../data/navigation';
import { Badge } from '../../ui/Badge';

function RefreshEntry({ refresh, name }: { refresh: RegistryRefresh; name: string }) {
  const { t, problemText } = useTranslation();
  const refreshing = useRefreshStore((state) => state.refreshing.has(refresh.registryId));
  const refreshNow = useRefreshStore((state) => state.refreshNow);
  return (
    <li className="inset-box ecr-entry" data-testid="ecr-refresh">
      <div className="ecr-entry-heading">
        <span className="registry-name">{name}</span>
        <Badge tone={refresh.state === 'failed' ? 'error' : 'neutral'}>{t(`ecr.state.${refresh.state}`)}</Badge>
        <Button disabled={refreshing || refresh.state === 'refreshing'} onClick={() => void refreshNow(refresh.registryId)}>
          {t('ecr.refreshNow')}
          <span className="visually-hidden"> {name}</span>
        </Button>
      </div>
      {refresh.lastError && <p className="field-error">{problemText(refresh.lastError)}</p>}
      <EcrCountdown refresh={refresh} />
    </li>
  );
}

/** ECR tokens expire after 12 hours; this says when each cluster's secrets do and when they are renewed. */
export function EcrRefreshPanel({ registryId }: { registryId?: string }) {
  const { t } = useTranslation();
  const all = useRefreshStore((state) => state.registries);
  const error = useRefreshStore((state) => state.error);
  const registries = useRegistriesStore(selectRegistries);
  useEffect(() => {
    void useRefreshStore.getState().load();
    return useRefreshStore.getState().follow();
  }, []);

  const shown = all.filter((entry) => registryId === undefined || entry.registryId === registryId);
  if (shown.length === 0 && !error) return null;
  const nameOf = (id: string) => registries.find((registry) => registry.id === id)?.name ?? id;
  return (
    <section className="card" aria-labelledby="ecr-refresh-title">
      <h2 id="ecr-refresh-title">{t('ecr.title')}</h2>
      <div className="callout callout-warning ecr-stops-when-closed" data-testid="ecr-stops-when-closed">
        <p>{t('access.refresh.stopsWhenClosed')}</p>
        {/* An engine in the cluster renews the tokens whether the app runs or not: the way out of this warning. */}
        {shown.map((refresh) => (
          <Button key={refresh.registryId} inline onClick={() => navigate({ screen: 'access', registryId: refresh.registryId, tab: 'cluster-sync' })}>
            {t('access.refresh.keepInCluster')}
            {shown.length > 1 && <span> ({nameOf(refresh.registryId)})</span>}
          </Button>
        ))}
      </div>
      <ProblemBanner problem={error} />
      <ul className="ecr-entries">
        {shown.map((refresh) => (
          <RefreshEntry key={refresh.registryId} refresh={refresh} name={nameOf(refresh.registryId)} />
        ))}
      </ul>
    </section>
  );
}
