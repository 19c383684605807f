import { ProblemBanner } from '../../ui/ProblemBanner';
import { ScreenHeading } from '../../ui/ScreenHeading';
import { PullDoctorEntry } from './PullDoctorEntry';
import { useTranslation } from '../../i18n/useTranslation';
import { RowActionText } from '../../ui/RowActionText';
import { selectRegistries, useRegistriesStore } from '../../data/registries';
import { navigate } from '../../data/navigation';
import { useContextsStore } from '../../data/contexts';
import { ContextTable } from './ContextTable';
import { EcrRefreshPanel } from './EcrRefreshPanel';
import { KubeconfigFiles } from './KubeconfigFiles';
import { Button } from '../../ui/Button';

function RegistryAccessList() {
  const { t } = useTranslation();
  const registries = useRegistriesStore(selectRegistries);
  if (registries.length === 0) return <p className="muted">{t('clusters.noRegistries')}</p>;
  return (
    <ul className="access-registries">
      {registries.map((registry) => (
        <li key={registry.id}>
          <span className="registry-name">{registry.name}</span>
          <span className="detail">{registry.access ? t(`access.mode.${registry.access.mode}`) : t('clusters.notConfigured')}</span>
          <Button onClick={() => navigate({ screen: 'access', registryId: registry.id })}>
            <RowActionText template="action.manageAccess" name={registry.name} />
          </Button>
        </li>
      ))}
    </ul>
  );
}

export function ClustersOverview() {
  const { t } = useTranslation();
  const list = useContextsStore((state) => state.contexts.data);
  const error = useContextsStore((state) => state.contexts.error);
  const probing = useContextsStore((state) => state.probing);
  const probe = useContextsStore((state) => state.probe);
  const dismissError = useContextsStore((state) => state.dismissError);

  return (
    <section className="screen" aria-labelledby="clusters-title">
      <ScreenHeading id="clusters-title" title={t('clusters.title')} intro={t('clusters.intro')}>
        <Button disabled={probing || !list} onClick={() => void probe()}>
          {t(probing ? 'clusters.checking' : 'clusters.checkAll')}
        </Button>
      </ScreenHeading>
      <ProblemBanner problem={error} onDismiss={dismissError} />
      {!list && !error && (
        <p className="muted" role="status">
          {t('clusters.loading')}
        </p>
      )}
      {list && (
        <>
          <KubeconfigFiles list={list} />
          {list.contexts.length === 0 ? <p className="empty-state">{t('clusters.noContexts')}</p> : <ContextTable contexts={list.contexts} />}
        </>
      )}
      <section className="card" aria-labelledby="access-registries-title">
        <h2 id="access-registries-title">{t('clusters.registriesTitle')}</h2>
        <RegistryAccessList />
      </section>
      <PullDoctorEntry />
      <EcrRefreshPanel />
    </section>
  );
}
