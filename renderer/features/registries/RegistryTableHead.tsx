import { useTranslation } from '../../i18n/useTranslation';
import { useListViewStore, type SortKey } from './list-view-store';

/** A heading the list sorts by: a button inside it, and aria-sort saying the order. */
function SortableHeading({ sortKey, label }: { sortKey: SortKey; label: string }) {
  const { t } = useTranslation();
  const sort = useListViewStore((state) => state.sort);
  const sortBy = useListViewStore((state) => state.sortBy);
  const active = sort?.key === sortKey;
  const order = active ? (sort.descending ? 'descending' : 'ascending') : 'none';
  return (
    <th scope="col" aria-sort={order}>
      <button type="button" className="sort-button" title={t('registryList.sortBy', { column: label })} onClick={() => sortBy(sortKey)}>
        {label}
        <span aria-hidden="true" className="sort-mark">
          {active ? (sort.descending ? '▼' : '▲') : '↕'}
        </span>
      </button>
    </th>
  );
}

export function RegistryTableHead() {
  const { t } = useTranslation();
  return (
    <thead>
      <tr>
        <SortableHeading sortKey="name" label={t('field.name')} />
        <SortableHeading sortKey="type" label={t('field.type')} />
        <th scope="col">{t('field.registryUrl')}</th>
        <SortableHeading sortKey="health" label={t('registryList.column.clusters')} />
        <th scope="col">{t('registryList.column.connection')}</th>
        <th scope="col">
          <span className="visually-hidden">{t('registries.actions')}</span>
        </th>
      </tr>
    </thead>
  );
}
