import type { AdoptTarget } from '../../shared/access-contract';
import type { AccessSettings, TargetScope } from '../../shared/access-settings';
import type { Clusters } from '../clusters';
import type { KubeApi } from '../kube/kube-api';
import { clusterFailure, isStatus } from '../kube/kube-errors';
import type { Logger } from '../logging/logger';
import { reviewAccess } from './access-review';
import { readSnapshot } from './cluster-snapshot';
import type { ContextWork } from './plan-work';
import { planContext, type DesiredAccess } from './planner';
import { contextTargets, secretNamesOf } from '../plans/targets';
import { ownValue } from '../../shared/own-property';

export interface PlanningInput {
  registryId: string;
  settings: AccessSettings | null;
  /** Everything of DesiredAccess except what differs per context. */
  desired: Omit<DesiredAccess, 'adopt' | 'credential'>;
  adopt: AdoptTarget[];
  /** Ask SelfSubjectAccessReview about every write (preview, apply); status only reads. */
  reviewAccess: boolean;
  concurrency: number;
  signal?: AbortSignal;
  /** Plan this context alone (one status row's repair); absent: every context of the kubeconfig. */
  onlyContext?: string | undefined;
}

export interface PlanningDependencies {
  clusters: Pick<Clusters, 'api' | 'contextNames'>;
  logger: Logger;
}

function failedContext(context: string, error: unknown, state: ContextWork['state']): ContextWork {
  return { context, state, error: clusterFailure(error, { context }).appError, namespaces: [] };
}

/** A list refused with 403 means the context's user cannot even see what to change. */
function readFailure(context: string, error: unknown): ContextWork {
  if (isStatus(error, 403)) return failedContext(context, error, 'forbidden');
  return failedContext(context, error, 'unreachable');
}

async function planOne(deps: PlanningDependencies, input: PlanningInput, context: string, scope: TargetScope | null): Promise<ContextWork> {
  let api: KubeApi;
  try {
    api = await deps.clusters.api(context);
  } catch (error) {
    return failedContext(context, error, 'broken');
  }
  const credential = input.settings?.credential ?? { type: 'registry-credentials' as const, secretName: '' };
  let work: ContextWork;
  try {
    const secretNames = input.settings ? secretNamesOf(credential) : [];
    const snapshot = await readSnapshot(api, { registryId: input.registryId, scope: scope ?? undefined, secretNames }, input.signal);
    const adopt = new Set(input.adopt.filter((target) => target.context === context).map((target) => `${target.namespace}/${target.secretName}`));
    work = planContext(context, scope, snapshot, { ...input.desired, credential, adopt, secretsInCluster: ownValue(input.settings?.clusterSync, context) !== undefined });
  } catch (error) {
    return readFailure(context, error);
  }
  if (!input.reviewAccess) return work;
  try {
    return await reviewAccess(api, work, input.registryId, input.concurrency, input.signal);
  } catch (error) {
    // Without answers the plan stands as computed; apply then reports each refusal it meets.
    deps.logger.warn('access review failed', { context, error: clusterFailure(error, { context }).appError.code });
    return work;
  }
}

/**
 * A context the operator did not pick reads as not picked, reachable or not: with settings it is
 * only read for leftovers, and its failure is no reason to alarm. A cleanup (no settings) targets
 * every context, so there its failure stays.
 */
function unpicked(work: ContextWork): ContextWork {
  return work.state === 'targeted' || work.state === 'not-targeted' ? work : { context: work.context, state: 'not-targeted', namespaces: [] };
}

/** One plan per context of the kubeconfig, all at once: a slow or dead context holds up only itself. */
export async function planContexts(deps: PlanningDependencies, input: PlanningInput): Promise<ContextWork[]> {
  const targets = contextTargets(input.settings, await deps.clusters.contextNames());
  const picked = [...targets].filter(([context]) => input.onlyContext === undefined || context === input.onlyContext);
  const works = await Promise.all(
    picked.map(async ([context, scope]) => {
      const work = await planOne(deps, input, context, scope);
      return input.settings !== null && scope === null ? unpicked(work) : work;
    }),
  );
  // A cancelled read leaves its context looking unreachable: no plan or status is made of that.
  input.signal?.throwIfAborted();
  return works;
}
