import { useTranslation } from '../i18n/useTranslation';

export interface FilterChoice<F extends string> {
  value: F;
  label: string;
}

interface RowFilterProps<F extends string> {
  id: string;
  filter: F;
  choices: FilterChoice<F>[];
  search: string;
  onFilter: (filter: F) => void;
  onSearch: (search: string) => void;
}

export function RowFilter<F extends string>({ id, filter, choices, search, onFilter, onSearch }: RowFilterProps<F>) {
  const { t } = useTranslation();
  return (
    <div className="row-filter">
      <label htmlFor={`${id}-filter`}>{t('table.show')}</label>
      <select id={`${id}-filter`} value={filter} onChange={(event) => onFilter(event.target.value as F)}>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-search`}>{t('table.searchNamespace')}</label>
      <input id={`${id}-search`} type="search" className="search-input" value={search} onChange={(event) => onSearch(event.target.value)} />
    </div>
  );
}
