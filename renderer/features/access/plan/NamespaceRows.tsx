import type { ReactNode } from 'react';
import type { NamespacePlan, NamespaceResult } from '../../../../shared/access-contract';
import { useTranslation } from '../../../i18n/useTranslation';
import { NamespaceTable } from '../NamespaceTable';
import { filterRows, type PlanFilter } from './plan-filter';
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

/** The per-namespace table of a plan or a result. */
export function NamespaceRows<T extends Row>({ id, context, rows, secretAction, initialFilter = 'all' }: NamespaceRowsProps<T>) {
  const { t } = useTranslation();
  return (
    <NamespaceTable
      id={id}
      context={context}
      rows={rows}
      filters={[
        { value: 'all', label: t('table.filter.all') },
        { value: 'changes', label: t('table.filter.changes') },
        { value: 'problems', label: t('table.filter.problems') },
      ]}
      initialFilter={initialFilter}
      matching={filterRows}
      testId="namespace-table"
      caption={t('plan.tableCaption', { context })}
      columns={[t('clusters.namespace'), t('plan.secrets'), t('plan.serviceAccounts')]}
      renderRow={(row) => (
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
      )}
    />
  );
}
