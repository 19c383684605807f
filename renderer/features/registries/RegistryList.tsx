import { ProblemBanner } from '../../ui/ProblemBanner';
import { ScreenHeading } from '../../ui/ScreenHeading';
import { TestAllButton, TestAllProgress } from './connection/TestAll';
import { useTranslation } from '../../i18n/useTranslation';
import { useEditorStore } from './editor-store';
import { selectRegistries, useRegistriesStore } from '../../data/registries';
import { EmptyState } from './EmptyState';
import { RegistryRow } from './RegistryRow';
import { Button } from '../../ui/Button';

export function RegistryList() {
  const { t } = useTranslation();
  const registries = useRegistriesStore(selectRegistries);
  const loaded = useRegistriesStore((state) => state.list.data !== null);
  const error = useRegistriesStore((state) => state.list.error);
  const dismissError = useRegistriesStore((state) => state.dismissError);
  const openAdd = useEditorStore((state) => state.openAdd);
  const hasRegistries = registries.length > 0;

  return (
    <section className="screen" aria-labelledby="registries-title">
      <ScreenHeading id="registries-title" title={t('registries.title')} intro={t('registries.intro')}>
        {hasRegistries && (
          <div className="heading-actions">
            <TestAllButton />
            <Button tone="primary" onClick={openAdd}>
              {t('action.add')}
            </Button>
          </div>
        )}
      </ScreenHeading>
      <ProblemBanner problem={error} onDismiss={dismissError} />
      <TestAllProgress />
      {!loaded && !error && (
        <p className="muted" role="status">
          {t('registries.loading')}
        </p>
      )}
      {loaded && !hasRegistries && <EmptyState onAdd={openAdd} />}
      {hasRegistries && (
        <div className="table-frame">
          <table className="registry-table">
            <thead>
              <tr>
                <th scope="col">{t('field.name')}</th>
                <th scope="col">{t('field.type')}</th>
                <th scope="col">{t('field.registryUrl')}</th>
                <th scope="col">{t('registries.details')}</th>
                <th scope="col">{t('connection.resultTitle')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('registries.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {registries.map((registry) => (
                <RegistryRow key={registry.id} registry={registry} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
