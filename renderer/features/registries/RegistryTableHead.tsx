import { useTranslation } from '../../i18n/useTranslation';
import { useListViewStore, type SortKey } from './list-view-store';

function SortButton({ sortKey, label }: { sortKey: SortKey; label: string }) {
  const { t } = useTranslation();
  const sort = useListViewStore((state) => state.sort);
  const sortBy = useListViewStore((state) => state.sortBy);
  const active = sort?.key === sortKey;
  return (
    <button type="button" className="sort-button" title={t('registryList.sortBy', { column: label })} onClick={() => sortBy(sortKey)}>
      {label}
      <span aria-hidden="true" className="sort-mark">
        {active ? (sort.descending ? '▼' : '▲') : '↕'}
      </span>
    </button>
  );
}

/** A heading the list sorts by: a button per key inside it, and aria-sort saying the order when one of its keys sorts. */
function SortableHeading({ sortKeys }: { sortKeys: Array<{ key: SortKey; label: string }> }) {
  const sort = useListViewStore((state) => state.sort);
  const active = sort !== null && sortKeys.some(({ key }) => key === sort.key);
  const order = active ? (sort.descending ? 'descending' : 'ascending') : 'none';
  return (
    <th scope="col" aria-sort={order}>
      <span className="sort-buttons">
        {sortKeys.map(({ key, label }) => (
          <SortButton key={key} sortKey={key} label={label} />
        ))}
      </span>
    </th>
  );
}

export function RegistryTableHead() {
  const { t } = useTranslation();
  return (
    <thead>
      <tr>
        {/* The type is the name's detail line (a column of its own leaves no room for a name on one line at 1024 px),
            so both sort from this heading, stacked as the cell is. */}
        <SortableHeading
          sortKeys={[
            { key: 'name', label: t('field.name') },
            { key: 'type', label: t('field.type') },
          ]}
        />
        <th scope="col">
          {t('field.registryUrl')}
          <span className="heading-detail">{t('registryList.column.connection')}</span>
        </th>
        <SortableHeading sortKeys={[{ key: 'health', label: t('registryList.column.clusters') }]} />
        <th scope="col">
          <span className="visually-hidden">{t('registries.actions')}</span>
        </th>
      </tr>
    </thead>
  );
}
