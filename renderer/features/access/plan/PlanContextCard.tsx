import type { ContextPlan, NamespacePlan, Plan } from '../../../../shared/access-contract';
import { useTranslation } from '../../../i18n/useTranslation';
import { CountChips } from '../CountChips';
import { secretActionLabel, serviceAccountActionLabel } from '../labels';
import { useOperationStore } from '../operation-store';
import { NamespaceRows } from './NamespaceRows';
import { domId } from '../../../ui/dom-id';
import { Button } from '../../../ui/Button';
import { Badge, type BadgeTone } from '../../../ui/Badge';

function AdoptButton({ context, row, secretName }: { context: string; row: NamespacePlan; secretName: string }) {
  const { t } = useTranslation();
  const previewing = useOperationStore((state) => state.previewing);
  const adoptConflict = useOperationStore((state) => state.adoptConflict);
  return (
    <Button
      small
      disabled={previewing}
      onClick={() => void adoptConflict({ context, namespace: row.namespace, secretName })}
    >
      {t('plan.adopt')}
      <span className="visually-hidden"> {t('plan.adoptWhat', { name: secretName, namespace: row.namespace, context })}</span>
    </Button>
  );
}

const CONTEXT_TONE: Record<ContextPlan['state'], BadgeTone> = { targeted: 'change', 'not-targeted': 'neutral', unreachable: 'error', broken: 'error', forbidden: 'error' };

/** One context of the plan: what happens there, counted, then namespace by namespace. */
export function PlanContextCard({ plan, context }: { plan: Plan; context: ContextPlan }) {
  const { t, problemText } = useTranslation();
  const canAdopt = (row: NamespacePlan, secretName: string) =>
    plan.kind === 'apply' && row.secrets.some((step) => step.name === secretName && step.action === 'conflict' && step.reason === 'foreign');
  return (
    <section className="card context-card" aria-label={context.context} data-testid="plan-context" data-context={context.context}>
      <div className="context-card-heading">
        <h3>{context.context}</h3>
        <Badge tone={CONTEXT_TONE[context.state]}>{t(`plan.contextState.${context.state}`)}</Badge>
      </div>
      {context.error && <p className="field-error">{problemText(context.error)}</p>}
      <CountChips counts={context.counts.secrets} label={secretActionLabel(t)} title={t('plan.secretCounts', { context: context.context })} />
      <CountChips
        counts={context.counts.serviceAccounts}
        label={serviceAccountActionLabel(t)}
        title={t('plan.serviceAccountCounts', { context: context.context })}
      />
      <NamespaceRows
        id={domId('plan', context.context)}
        context={context.context}
        rows={context.namespaces}
        planId={plan.planId}
        secretAction={(row, secretName) => (canAdopt(row, secretName) ? <AdoptButton context={context.context} row={row} secretName={secretName} /> : null)}
      />
    </section>
  );
}
