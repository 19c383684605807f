import { HostText } from '../../../ui/HostText';
import { TimeSentence } from '../../../ui/time/TimeText';
import type { ReactNode } from 'react';
import type { SecretStep, ServiceAccountStep, StepOutcome } from '../../../../shared/access-contract';
import { useTranslation, type Problem } from '../../../i18n/useTranslation';
import { toneOf } from '../tones';
import { Badge } from '../../../ui/Badge';

interface Outcome {
  outcome?: StepOutcome;
  error?: Problem | undefined;
}

/** Longer Secret and ServiceAccount names are cut in the middle, as in the Status table, never broken mid-word. */
const NAME_SHOWN = 40;

const VERBS = { create: 'plan.verb.create', update: 'plan.verb.update', delete: 'plan.verb.delete', patch: 'plan.verb.patch' } as const;

/** "may not create", with the verb in the operator's language (an unknown verb is shown as the API names it). */
function RefusedVerb({ verb }: { verb: string }) {
  const { t } = useTranslation();
  const word = Object.hasOwn(VERBS, verb) ? t(VERBS[verb as keyof typeof VERBS]) : verb;
  return <span className="detail">{t('plan.refusedVerb', { verb: word })}</span>;
}

/** What happened, unless it only repeats the plan ("Unchanged", then "Unchanged"). */
function OutcomeText({ outcome, error, action }: Outcome & { action: string }) {
  const { t, problemText } = useTranslation();
  if (!outcome) return null;
  return (
    <>
      {!(outcome === 'unchanged' && action === 'unchanged') && <Badge tone={toneOf(outcome)}>{t(`access.outcome.${outcome}`)}</Badge>}
      {error && <span className="step-error">{problemText(error)}</span>}
    </>
  );
}

/** One secret's step: what happens (or happened) to which secret, and why. */
export function SecretStepText({ step, action }: { step: SecretStep & Outcome; action?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <span className="step" data-action={step.action}>
      <Badge tone={toneOf(step.action)}>{t(`access.secretAction.${step.action}`)}</Badge>
      <HostText value={step.name} truncateAt={NAME_SHOWN} />
      {step.reason && <span className="detail">{t(`access.secretReason.${step.reason}`)}</span>}
      {step.verb && <RefusedVerb verb={step.verb} />}
      {step.expiresAt && <span className="detail"><TimeSentence template="plan.expiresAt" at={step.expiresAt} /></span>}
      <OutcomeText outcome={step.outcome} error={step.error} action={step.action} />
      {action}
    </span>
  );
}

export function ServiceAccountStepText({ step }: { step: ServiceAccountStep & Outcome }) {
  const { t } = useTranslation();
  return (
    <span className="step" data-action={step.action}>
      <Badge tone={toneOf(step.action)}>{t(`access.serviceAccountAction.${step.action}`)}</Badge>
      <HostText value={step.name} truncateAt={NAME_SHOWN} />
      {step.references.length > 0 && <span className="detail">{step.references.join(', ')}</span>}
      {step.verb && <RefusedVerb verb={step.verb} />}
      <OutcomeText outcome={step.outcome} error={step.error} action={step.action} />
    </span>
  );
}
