import { useState, type ReactNode } from 'react';
import type { NamespacePlan, NamespaceResult } from '../../../shared/access-contract';
import { useTranslation } from '../../i18n/useTranslation';
import { Pager } from '../Pager';
import { usePage } from '../use-page';
import { filterRows, type PlanFilter } from './plan-filter';
import { RowFilter } from './RowFilter';
import { SecretStepText, ServiceAccountStepText } from './StepText';

type Row = NamespacePlan | NamespaceResult;

interface NamespaceRowsProps<T extends Row> {
  id: string;
  context: string;
  rows: T[];
  /** Extra control after a secret step (the "Adopt" button of a conflict). */
  secretAction?: (row: T, secretName: string) => ReactNode;
  initialFilter?: PlanFilter;
}

/** The per-namespace table of a plan or a result: filtered, searched and paged. */
export function NamespaceRows<T extends Row>({ id, context, rows, secretAction, initialFilter = 'all' }: NamespaceRowsProps<T>) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<PlanFilter>(initialFilter);
  const [search, setSearch] = useState('');
  const page = usePage(filterRows(rows, filter, search));
  if (rows.length === 0) return null;
  return (
    <div className="namespace-rows">
      <RowFilter id={id} filter={filter} search={search} onFilter={setFilter} onSearch={setSearch} />
      <div className="table-frame">
        <table className="registry-table access-table" data-testid="namespace-table">
          <caption className="visually-hidden">{t('plan.tableCaption', { context })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('clusters.namespace')}</th>
              <th scope="col">{t('plan.secrets')}</th>
              <th scope="col">{t('plan.serviceAccounts')}</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((row) => (
              <tr key={row.namespace} data-testid="namespace-row" data-namespace={row.namespace}>
                <th scope="row" className="mono">
                  {row.namespace}
                </th>
                <td>
                  {row.secrets.map((step) => (
                    <SecretStepText key={step.name} step={step} action={secretAction?.(row, step.name)} />
                  ))}
                </td>
                <td>
                  {row.serviceAccounts.length === 0 ? <span className="muted">—</span> : row.serviceAccounts.map((step) => <ServiceAccountStepText key={step.name} step={step} />)}
                </td>
              </tr>
            ))}
            {page.total === 0 && (
              <tr>
                <td colSpan={3} className="muted">
                  {t('table.noMatch')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <Pager page={page} label={t('table.pages', { context })} />
    </div>
  );
}
