import { Fragment, useState, type ReactNode } from 'react';
import type { NamespacePlan, NamespaceResult } from '../../../../shared/access-contract';
import { useTranslation } from '../../../i18n/useTranslation';
import { Button } from '../../../ui/Button';
import { CommandBlock } from '../../../ui/CommandBlock';
import { NamespaceTable } from '../NamespaceTable';
import { canICommand } from './can-i-command';
import { filterRows, type PlanFilter } from './plan-filter';
import { SentObjects } from './SentObjects';
import { SecretStepText, ServiceAccountStepText } from './StepText';

type Row = NamespacePlan | NamespaceResult;

interface NamespaceRowsProps<T extends Row> {
  id: string;
  context: string;
  rows: T[];
  /** Extra control after a secret step (the "Adopt" button of a conflict). */
  secretAction?: (row: T, secretName: string) => ReactNode;
  initialFilter?: PlanFilter;
  /** A previewed plan's id: each namespace that changes can show what apply will send. */
  planId?: string;
}

const WRITES = new Set(['create', 'update', 'remove', 'add', 'missing']);

/** The exact check of a refusal, for a forbidden step of a preview. */
function CanI({ verb, resource, namespace, context }: { verb?: string; resource: 'secrets' | 'serviceaccounts'; namespace: string; context: string }) {
  const { t } = useTranslation();
  if (!verb) return null;
  return (
    <div className="can-i" data-testid="can-i">
      <span className="detail">{t('plan.canI')}</span>
      <CommandBlock command={canICommand(verb, resource, namespace, context)} what={t('plan.canIWhat', { namespace })} />
    </div>
  );
}

function SentToggle({ open, onToggle, namespace, context }: { open: boolean; onToggle: () => void; namespace: string; context: string }) {
  const { t } = useTranslation();
  return (
    <Button small aria-expanded={open} onClick={onToggle}>
      {t(open ? 'plan.hideSent' : 'plan.showSent')}
      <span className="visually-hidden"> {t('plan.sentFor', { namespace, context })}</span>
    </Button>
  );
}

/** The per-namespace table of a plan or a result. */
export function NamespaceRows<T extends Row>({ id, context, rows, secretAction, initialFilter = 'all', planId }: NamespaceRowsProps<T>) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (namespace: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(namespace)) next.add(namespace);
      return next;
    });
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
      renderRow={(row) => {
        const writes = planId !== undefined && [...row.secrets, ...row.serviceAccounts].some((step) => WRITES.has(step.action));
        const shown = writes && open.has(row.namespace);
        return (
          <Fragment key={row.namespace}>
            <tr data-testid="namespace-row" data-namespace={row.namespace}>
              <th scope="row" className="mono">
                {row.namespace}
                {writes && <SentToggle open={shown} onToggle={() => toggle(row.namespace)} namespace={row.namespace} context={context} />}
              </th>
              <td>
                {row.secrets.map((step) => (
                  <Fragment key={step.name}>
                    <SecretStepText step={step} action={secretAction?.(row, step.name)} />
                    {planId !== undefined && step.action === 'forbidden' && <CanI verb={step.verb} resource="secrets" namespace={row.namespace} context={context} />}
                  </Fragment>
                ))}
              </td>
              <td>
                {row.serviceAccounts.length === 0 && <span className="muted">—</span>}
                {row.serviceAccounts.map((step) => (
                  <Fragment key={step.name}>
                    <ServiceAccountStepText step={step} />
                    {planId !== undefined && step.action === 'forbidden' && <CanI verb={step.verb} resource="serviceaccounts" namespace={row.namespace} context={context} />}
                  </Fragment>
                ))}
              </td>
            </tr>
            {shown && planId !== undefined && (
              <tr className="sent-row" data-testid="sent-row" data-namespace={row.namespace}>
                <td colSpan={3}>
                  <SentObjects planId={planId} context={context} namespace={row.namespace} />
                </td>
              </tr>
            )}
          </Fragment>
        );
      }}
    />
  );
}
