import { useEffect, useMemo } from 'react';
import { registryTypeSpec } from '../../../shared/registry-catalogue';
import { useAccessStatusStore } from '../../data/access-status';
import { useRefreshStore } from '../../data/ecr-refresh';
import { selectRegistries, useRegistriesStore } from '../../data/registries';
import { useTranslation } from '../../i18n/useTranslation';
import { Button } from '../../ui/Button';
import { ProblemBanner } from '../../ui/ProblemBanner';
import { ScreenHeading } from '../../ui/ScreenHeading';
import { clusterHealth } from './cluster-health';
import { TestAllButton, TestAllProgress } from './connection/TestAll';
import { useEditorStore } from './editor-store';
import { EmptyState } from './EmptyState';
import { useListViewStore, visibleRegistries, type ListedRegistry } from './list-view-store';
import { RegistryDrawer } from './RegistryDrawer';
import { RegistryRow } from './RegistryRow';
import { RegistryTableHead } from './RegistryTableHead';
import './registry-list.css';

/** Every registry with its health and translated type: what search, sort and the rows read. */
function useListedRegistries(): ListedRegistry[] {
  const { t } = useTranslation();
  const registries = useRegistriesStore(selectRegistries);
  const reports = useAccessStatusStore((state) => state.lastReports);
  const refreshes = useRefreshStore((state) => state.registries);
  return useMemo(
    () =>
      registries.map((registry) => ({
        registry,
        health: clusterHealth(registry, reports.get(registry.id), refreshes.find((entry) => entry.registryId === registry.id)),
        typeLabel: t(registryTypeSpec(registry.type).label),
      })),
    [registries, reports, refreshes, t],
  );
}

/** The ECR schedule feeds the "In clusters" column; it is main's, read without touching a cluster. */
function useRefreshSchedule() {
  useEffect(() => {
    void useRefreshStore.getState().load();
    return useRefreshStore.getState().follow();
  }, []);
}

/** Details belong to this visit of the list: leaving it (to a form or another screen) closes them. */
function useDetailsClosedOnLeave() {
  useEffect(() => () => useListViewStore.getState().showDetails(null), []);
}

function ListSearch({ shown, total }: { shown: number; total: number }) {
  const { t } = useTranslation();
  const search = useListViewStore((state) => state.search);
  const setSearch = useListViewStore((state) => state.setSearch);
  return (
    <div className="registry-list-tools">
      <label htmlFor="registry-search">{t('registryList.search')}</label>
      <input id="registry-search" type="search" className="search-input" placeholder={t('registryList.searchPlaceholder')} value={search} onChange={(event) => setSearch(event.target.value)} />
      {shown !== total && (
        <span className="detail" role="status">
          {t('registryList.shown', { shown, total })}
        </span>
      )}
    </div>
  );
}

function RegistryTable({ rows }: { rows: ListedRegistry[] }) {
  const { t, language } = useTranslation();
  const search = useListViewStore((state) => state.search);
  const sort = useListViewStore((state) => state.sort);
  const visible = visibleRegistries(rows, search, sort, language);
  return (
    <>
      <ListSearch shown={visible.length} total={rows.length} />
      <div className="table-frame">
        <table className="registry-table registry-list-table">
          <RegistryTableHead />
          <tbody>
            {visible.map((row) => (
              <RegistryRow key={row.registry.id} row={row} />
            ))}
            {visible.length === 0 && (
              <tr>
                <td colSpan={4} className="muted">
                  {t('registryList.noMatch', { search: search.trim() })}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function RegistryList() {
  const { t } = useTranslation();
  const rows = useListedRegistries();
  const loaded = useRegistriesStore((state) => state.list.data !== null);
  const error = useRegistriesStore((state) => state.list.error);
  const dismissError = useRegistriesStore((state) => state.dismissError);
  const openAdd = useEditorStore((state) => state.openAdd);
  const detailsOf = useListViewStore((state) => state.detailsOf);
  const opened = rows.find((row) => row.registry.id === detailsOf);
  useRefreshSchedule();
  useDetailsClosedOnLeave();
  const hasRegistries = rows.length > 0;

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
      {hasRegistries && <RegistryTable rows={rows} />}
      {opened && <RegistryDrawer row={opened} />}
    </section>
  );
}
