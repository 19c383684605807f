import type { ActionCounts, ContextPlan, Plan, SecretStep, ServiceAccountStep } from '../../shared/access-contract';
import type { AppError } from '../../shared/errors';
import type { PullSecretLogin, SecretObject } from '../pull-secrets/pull-secret';
import type { ServiceAccountObject } from '../pull-secrets/service-account-references';

/**
 * A plan as main keeps it: the public steps plus what executing them needs (the objects read,
 * with their resourceVersions, and the objects to write). Never sent to the window as is.
 */
export interface SecretWork {
  step: SecretStep;
  existing?: SecretObject;
  desired?: SecretObject;
}

export interface ServiceAccountWork {
  step: ServiceAccountStep;
  existing?: ServiceAccountObject;
  /** This registry's references the account should end up with. */
  wanted: string[];
}

export interface NamespaceWork {
  namespace: string;
  secrets: SecretWork[];
  serviceAccounts: ServiceAccountWork[];
}

export interface ContextWork {
  context: string;
  state: ContextPlan['state'];
  error?: AppError;
  namespaces: NamespaceWork[];
}

/** A previewed plan as main keeps it until applied: the login stays here, in memory only. */
export interface StoredPlan {
  plan: Plan;
  works: ContextWork[];
  login: PullSecretLogin | null;
}

const WRITING_SECRET_ACTIONS = new Set(['create', 'update', 'remove']);
const WRITING_ACCOUNT_ACTIONS = new Set(['add', 'remove', 'missing']);

export const writesSecret = (work: SecretWork) => WRITING_SECRET_ACTIONS.has(work.step.action);
/** `missing` counts: apply waits for a new namespace's `default` ServiceAccount and then adds the reference. */
export const writesAccount = (work: ServiceAccountWork) =>
  WRITING_ACCOUNT_ACTIONS.has(work.step.action) && (work.step.action !== 'missing' || work.step.name === 'default');

export function countActions(namespaces: NamespaceWork[], into?: ActionCounts): ActionCounts {
  const counts = into ?? { secrets: {}, serviceAccounts: {} };
  for (const namespace of namespaces) {
    for (const { step } of namespace.secrets) counts.secrets[step.action] = (counts.secrets[step.action] ?? 0) + 1;
    for (const { step } of namespace.serviceAccounts) counts.serviceAccounts[step.action] = (counts.serviceAccounts[step.action] ?? 0) + 1;
  }
  return counts;
}

export function publicContextPlan(work: ContextWork): ContextPlan {
  return {
    context: work.context,
    state: work.state,
    ...(work.error ? { error: work.error } : {}),
    namespaces: work.namespaces.map((namespace) => ({
      namespace: namespace.namespace,
      secrets: namespace.secrets.map(({ step }) => step),
      serviceAccounts: namespace.serviceAccounts.map(({ step }) => step),
    })),
    counts: countActions(work.namespaces),
  };
}
