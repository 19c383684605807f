import { useState, type ReactNode } from 'react';
import { DataTable } from '../../ui/DataTable';
import { useTranslation } from '../../i18n/useTranslation';
import { Pager } from '../../ui/Pager';
import { RowFilter, type FilterChoice } from '../../ui/RowFilter';
import { usePage } from '../../ui/use-page';

interface NamespaceTableProps<T, F extends string> {
  id: string;
  context: string;
  rows: T[];
  filters: FilterChoice<F>[];
  initialFilter: F;
  /** The rows the filter and the searched namespace leave. */
  matching: (rows: T[], filter: F, search: string) => T[];
  testId: string;
  caption: string;
  columns: string[];
  renderRow: (row: T) => ReactNode;
}

/** The per-namespace table of one context: filtered, searched and paged; nothing when it has no rows. */
export function NamespaceTable<T, F extends string>({ id, context, rows, filters, initialFilter, matching, testId, caption, columns, renderRow }: NamespaceTableProps<T, F>) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<F>(initialFilter);
  const [search, setSearch] = useState('');
  const page = usePage(matching(rows, filter, search));
  if (rows.length === 0) return null;
  return (
    <div className="namespace-rows">
      <RowFilter id={id} filter={filter} choices={filters} search={search} onFilter={setFilter} onSearch={setSearch} />
      <DataTable caption={caption} columns={columns} className="access-table" testId={testId}>
        {page.rows.map((row) => renderRow(row))}
        {page.total === 0 && (
          <tr>
            <td colSpan={columns.length} className="muted">
              {t('table.noMatch')}
            </td>
          </tr>
        )}
      </DataTable>
      <Pager page={page} label={t('table.pages', { context })} />
    </div>
  );
}
