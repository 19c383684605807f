import { TimeSentence } from '../../../ui/time/TimeText';
import { useRef } from 'react';
import type { Plan } from '../../../../shared/access-contract';
import { useTranslation } from '../../../i18n/useTranslation';
import { CountChips } from '../CountChips';
import { secretActionLabel, serviceAccountActionLabel } from '../labels';
import { useOperationStore } from '../operation-store';
import { useFocusWhenLost } from '../../../ui/use-focus-when-lost';
import { PlanContextCard } from './PlanContextCard';
import { Button } from '../../../ui/Button';
import { planWritesText } from './plan-writes-text';

function PlanSummary({ plan }: { plan: Plan }) {
  const { t, language } = useTranslation();
  const apply = useOperationStore((state) => state.apply);
  const adopted = useOperationStore((state) => state.adopt.length);
  const only = useOperationStore((state) => (state.source?.kind === 'apply' ? state.source.only : undefined));
  const nothing = plan.writes === 0;
  const title = useRef<HTMLHeadingElement>(null);
  useFocusWhenLost(title);
  return (
    <section className="card plan-summary" aria-labelledby="plan-title" data-testid="plan-summary">
      <div className="context-card-heading">
        <h2 id="plan-title" ref={title} tabIndex={-1}>{t(plan.kind === 'cleanup' ? 'plan.cleanupTitle' : 'plan.title')}</h2>
        <span className="detail"><TimeSentence template="plan.expires" at={plan.expiresAt} /></span>
      </div>
      {only && <p className="muted" data-testid="plan-only">{t('plan.onlyRow', only)}</p>}
      <CountChips counts={plan.totals.secrets} label={secretActionLabel(t)} title={t('plan.secretTotals')} />
      <CountChips counts={plan.totals.serviceAccounts} label={serviceAccountActionLabel(t)} title={t('plan.serviceAccountTotals')} />
      <p role="status">
        {planWritesText({ t, language }, plan)}
        {adopted > 0 && ` ${t('plan.adopting', { count: adopted })}`}
      </p>
      <div className="form-actions">
        <Button tone={plan.kind === 'cleanup' ? 'danger-solid' : 'primary'} disabled={nothing} onClick={() => void apply()}>
          {t(plan.kind === 'cleanup' ? 'plan.runCleanup' : 'plan.apply')}
        </Button>
      </div>
    </section>
  );
}

/** The preview: totals and the Apply button first, then each context. */
export function PlanView({ plan }: { plan: Plan }) {
  return (
    <div className="plan">
      <PlanSummary plan={plan} />
      {plan.contexts.map((context) => (
        <PlanContextCard key={context.context} plan={plan} context={context} />
      ))}
    </div>
  );
}
