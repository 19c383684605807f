import type { ContextResult, AccessProgress, NamespaceResult, StepOutcome } from '../../shared/access-contract';
import type { AppError } from '../../shared/errors';
import { AppFailure } from '../app-errors/app-failure';
import type { KubeApi } from '../kube/kube-api';
import { clusterFailure, isCancelled } from '../kube/kube-errors';
import type { ContextWork, NamespaceWork } from './plan-work';
import { writesAccount, writesSecret } from './plan-work';
import { executeSecret, type WriteScope } from './secret-writer';
import { executeServiceAccount, type AccountWriteOptions } from './service-account-writer';
import { runPool } from '../kube/work-pool';

export interface ApplyOptions extends AccountWriteOptions {
  registryId: string;
  concurrency: number;
  signal: AbortSignal;
  api: (context: string) => Promise<KubeApi>;
  /** Called with the counts whenever a namespace finishes (the caller throttles). */
  progress: (contexts: AccessProgress['contexts']) => void;
}

type Outcome = { outcome: StepOutcome; error?: AppError };

/** Steps that need no request: their outcome follows from the plan. */
function settled(action: string, namespace: string, name: string, verb: string | undefined, resource: string, context: string): Outcome {
  switch (action) {
    case 'unchanged':
      return { outcome: 'unchanged' };
    case 'conflict':
      return { outcome: 'skipped', error: new AppFailure('access.conflict', { name, namespace }).appError };
    case 'forbidden':
      return { outcome: 'skipped', error: new AppFailure('cluster.forbiddenIn', { context, verb: verb ?? '', resource, namespace }).appError };
    case 'missing':
      return resource === 'serviceaccounts'
        ? { outcome: 'skipped', error: new AppFailure('access.serviceAccountMissing', { name, namespace }).appError }
        : { outcome: 'skipped' };
    default:
      return { outcome: 'skipped' };
  }
}

async function attempt(run: () => Promise<StepOutcome>, context: string): Promise<Outcome> {
  try {
    return { outcome: await run() };
  } catch (error) {
    if (isCancelled(error)) return { outcome: 'cancelled' };
    return { outcome: 'failed', error: clusterFailure(error, { context }).appError };
  }
}

async function applyNamespace(scope: WriteScope, work: NamespaceWork, options: ApplyOptions): Promise<NamespaceResult> {
  const context = scope.api.context;
  const secrets = [];
  const unwritten = new Set<string>();
  for (const secret of work.secrets) {
    const result = !writesSecret(secret)
      ? settled(secret.step.action, work.namespace, secret.step.name, secret.step.verb, 'secrets', context)
      : scope.signal.aborted
        ? { outcome: 'cancelled' as const }
        : await attempt(() => executeSecret(scope, work.namespace, secret), context);
    if (result.outcome === 'failed' || result.outcome === 'cancelled') unwritten.add(secret.step.name);
    secrets.push({ ...secret.step, ...result });
  }
  const serviceAccounts = [];
  for (const account of work.serviceAccounts) {
    const result = !writesAccount(account)
      ? settled(account.step.action, work.namespace, account.step.name, account.step.verb, 'serviceaccounts', context)
      : scope.signal.aborted
        ? { outcome: 'cancelled' as const }
        : account.wanted.some((name) => unwritten.has(name))
          ? { outcome: 'skipped' as const }
          : await attempt(() => executeServiceAccount(scope, work.namespace, account, options), context);
    serviceAccounts.push({ ...account.step, ...result });
  }
  return { namespace: work.namespace, secrets, serviceAccounts };
}

const needsRequests = (work: NamespaceWork) => work.secrets.some(writesSecret) || work.serviceAccounts.some(writesAccount);

/** A namespace the pool never reached because the operation was cancelled. */
function neverStarted(work: NamespaceWork, context: string): NamespaceResult {
  const outcome = (writes: boolean, action: string, name: string, verb: string | undefined, resource: string): Outcome =>
    writes ? { outcome: 'cancelled' } : settled(action, work.namespace, name, verb, resource, context);
  return {
    namespace: work.namespace,
    secrets: work.secrets.map((secret) => ({ ...secret.step, ...outcome(writesSecret(secret), secret.step.action, secret.step.name, secret.step.verb, 'secrets') })),
    serviceAccounts: work.serviceAccounts.map((account) => ({
      ...account.step,
      ...outcome(writesAccount(account), account.step.action, account.step.name, account.step.verb, 'serviceaccounts'),
    })),
  };
}

async function applyContext(work: ContextWork, count: AccessProgress['contexts'][number], options: ApplyOptions, report: () => void): Promise<ContextResult> {
  if (work.state !== 'targeted' && work.state !== 'not-targeted') return { context: work.context, ...(work.error ? { error: work.error } : {}), namespaces: [] };
  let api: KubeApi;
  try {
    api = await options.api(work.context);
  } catch (error) {
    return { context: work.context, error: clusterFailure(error, { context: work.context }).appError, namespaces: [] };
  }
  const scope: WriteScope = { api, registryId: options.registryId, signal: options.signal };
  const results = new Map<string, NamespaceResult>();
  await runPool(
    work.namespaces,
    options.concurrency,
    async (namespace) => {
      const writes = needsRequests(namespace);
      const result = await applyNamespace(scope, namespace, options);
      results.set(namespace.namespace, result);
      if (!writes) return;
      count.done += 1;
      if ([...result.secrets, ...result.serviceAccounts].some((step) => step.outcome === 'failed')) count.failed += 1;
      report();
    },
    options.signal,
  );
  return { context: work.context, namespaces: work.namespaces.map((namespace) => results.get(namespace.namespace) ?? neverStarted(namespace, work.context)) };
}

/**
 * Executes a plan: contexts in parallel, within each at most `concurrency` namespaces at once,
 * each namespace's secrets before its ServiceAccounts. A failing context or namespace never
 * stops the others; after cancellation nothing new starts and what did not run says so.
 */
export async function applyPlan(works: ContextWork[], options: ApplyOptions): Promise<ContextResult[]> {
  const counts = works.map((work) => ({ context: work.context, total: work.namespaces.filter(needsRequests).length, done: 0, failed: 0 }));
  const report = () => options.progress(counts);
  report();
  return Promise.all(works.map((work, index) => applyContext(work, counts[index]!, options, report)));
}
