import { useTranslation } from '../../i18n/useTranslation';
import type { PlanFilter } from './plan-filter';

interface RowFilterProps {
  id: string;
  filter: PlanFilter;
  search: string;
  onFilter: (filter: PlanFilter) => void;
  onSearch: (search: string) => void;
}

export function RowFilter({ id, filter, search, onFilter, onSearch }: RowFilterProps) {
  const { t } = useTranslation();
  return (
    <div className="row-filter">
      <label htmlFor={`${id}-filter`}>{t('table.show')}</label>
      <select id={`${id}-filter`} value={filter} onChange={(event) => onFilter(event.target.value as PlanFilter)}>
        <option value="all">{t('table.filter.all')}</option>
        <option value="changes">{t('table.filter.changes')}</option>
        <option value="problems">{t('table.filter.problems')}</option>
      </select>
      <label htmlFor={`${id}-search`}>{t('table.searchNamespace')}</label>
      <input id={`${id}-search`} type="search" className="search-input" value={search} onChange={(event) => onSearch(event.target.value)} />
    </div>
  );
}
