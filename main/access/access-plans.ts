import type { AccessStatus, ApplyRequest, ContextStatusRows, ApplyResult, OutcomeCounts, Plan, PreviewRequest, SentObjects, SentObjectsRequest } from '../../shared/access-contract';
import type { AccessSettings } from '../../shared/access-settings';
import type { RegistryId, RegistryRecord } from '../../shared/schemas';
import { AppFailure } from '../app-errors/app-failure';
import type { Clusters } from '../clusters';
import type { Clock } from '../logging/clock';
import type { Logger } from '../logging/logger';
import type { SettingsRepository } from '../settings/settings-repository';
import { applyPlan } from './applier';
import { planContexts } from './context-plans';
import type { Operations } from './operations';
import { countActions, publicContextPlan, writesAccount, writesSecret, type ContextWork, type StoredPlan } from './plan-work';
import { createPlanStore, PLAN_LIFETIME_MS } from '../plans/plan-store';
import { ECR_TOKEN_LIFETIME_MS } from '../registry-credentials/registry-login';
import { dockerServerKey, type PullSecretLogin } from '../pull-secrets/pull-secret';
import { checked, findRecord } from '../plans/saved-access';
import { emptyStateCounts } from '../plans/state-counts';
import { contextStatusRows } from './status-rows';
import { withInSyncTimes } from './in-sync-times';
import { ownValue } from '../../shared/own-property';
import { sentObjects } from './sent-objects';

/** Where the app's pull secrets get their credentials: the registry logins in the app, a fake in unit tests. */
export interface CredentialSource {
  forRegistry(id: RegistryId): Promise<PullSecretLogin>;
}

export interface AccessPlansDependencies {
  settings: SettingsRepository;
  clusters: Pick<Clusters, 'api' | 'contextNames'>;
  credentials: CredentialSource;
  operations: Operations;
  clock: Clock;
  logger: Logger;
  /** Parallel requests per context (default 8). */
  concurrency?: number;
  /** How long apply waits for a new namespace's `default` ServiceAccount (default 5 s). */
  serviceAccountWaitMs?: number;
}

export const DEFAULT_CONCURRENCY = 8;
const DEFAULT_SERVICE_ACCOUNT_WAIT_MS = 5_000;


function emptyOutcomes(): OutcomeCounts {
  return { done: 0, unchanged: 0, skipped: 0, failed: 0, cancelled: 0 };
}

/** "Manage access": save, preview, apply, cancel, status and cleanup of one registry's pull secrets. */
export function createAccessPlans(deps: AccessPlansDependencies) {
  const concurrency = deps.concurrency ?? DEFAULT_CONCURRENCY;
  const plans = createPlanStore<StoredPlan>(deps.clock);
  const planning = { clusters: deps.clusters, logger: deps.logger };

  function saveSettings(registryId: RegistryId, access: AccessSettings | undefined): void {
    deps.settings.update((file) => ({
      ...file,
      registries: file.registries.map((record) => {
        if (record.id !== registryId) return record;
        const { access: _previous, ...rest } = record;
        return access ? { ...rest, access } : rest;
      }),
    }));
  }

  /** The login the secrets are made from. Only "Specify image pull secret" without creation can do without. */
  async function loginFor(registryId: RegistryId, required: boolean): Promise<PullSecretLogin | null> {
    try {
      return await deps.credentials.forRegistry(registryId);
    } catch (error) {
      if (!required) return null;
      if (error instanceof AppFailure && error.appError.code === 'registry.notFound') throw error;
      throw new AppFailure('access.credentialsUnavailable', { detail: error instanceof AppFailure ? error.message : 'unknown error' });
    }
  }

  function toPlan(kind: Plan['kind'], registryId: RegistryId, settings: AccessSettings | null, works: ContextWork[]): Plan {
    const now = deps.clock.now();
    const contexts = works.map(publicContextPlan);
    const totals = countActions(works.flatMap((work) => work.namespaces));
    const steps = works
      .flatMap((work) => work.namespaces)
      .flatMap((namespace) => [
        ...namespace.secrets.map((secret) => ({ writes: writesSecret(secret), action: secret.step.action })),
        ...namespace.serviceAccounts.map((account) => ({ writes: writesAccount(account), action: account.step.action })),
      ]);
    return {
      planId: plans.newId(),
      kind,
      registryId,
      settings,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + PLAN_LIFETIME_MS).toISOString(),
      contexts,
      totals,
      removals: steps.filter((step) => step.action === 'remove').length,
      writes: steps.filter((step) => step.writes).length,
    };
  }

  async function preview(request: PreviewRequest, signal?: AbortSignal): Promise<Plan> {
    const record = findRecord(deps.settings, request.registryId);
    const settings = request.settings ? checked(request.settings) : (record.access ?? null);
    const { credential } = settings ?? {};
    const needsLogin = credential !== undefined && (credential.type === 'registry-credentials' || credential.createMissing || (request.adopt ?? []).length > 0);
    const login = settings ? await loginFor(record.id, needsLogin) : null;
    const works = await planContexts(planning, {
      registryId: record.id,
      settings,
      desired: { registryId: record.id, serverKey: dockerServerKey(record.url), login, now: deps.clock.now(), renewBeforeMs: ECR_TOKEN_LIFETIME_MS / 2 },
      adopt: request.adopt ?? [],
      reviewAccess: true,
      concurrency,
      signal,
      onlyContext: request.only?.context,
    });
    const { only } = request;
    // One row's repair: apply touches that namespace alone, whatever else is out of sync.
    const scoped = only ? works.map((work) => ({ ...work, namespaces: work.namespaces.filter((namespace) => namespace.namespace === only.namespace) })) : works;
    const plan = toPlan('apply', record.id, settings, scoped);
    plans.keep({ plan, works: scoped, login });
    return plan;
  }

  async function previewCleanup(registryId: RegistryId, signal?: AbortSignal): Promise<Plan> {
    const record = findRecord(deps.settings, registryId);
    const works = await planContexts(planning, {
      registryId: record.id,
      settings: null,
      desired: { registryId: record.id, serverKey: dockerServerKey(record.url), login: null, now: deps.clock.now(), renewBeforeMs: 0 },
      adopt: [],
      reviewAccess: true,
      concurrency,
      signal,
    });
    const plan = toPlan('cleanup', record.id, null, works);
    plans.keep({ plan, works, login: null });
    return plan;
  }

  async function execute(stored: StoredPlan, operationId: string, kind: 'apply' | 'cleanup' | 'refresh', requestedConcurrency?: number, signal?: AbortSignal): Promise<ApplyResult> {
    const { plan } = stored;
    const operation = deps.operations.begin(operationId, plan.registryId, kind);
    // The window cancels the call; the operation stops taking new work and reports what it did.
    const cancel = () => deps.operations.cancel(operationId);
    signal?.addEventListener('abort', cancel, { once: true });
    if (signal?.aborted) cancel();
    plans.drop(plan.planId);
    const startedAt = deps.clock.now().toISOString();
    let latest: Parameters<typeof operation.finish>[0] = [];
    try {
      if (plan.kind === 'apply' && plan.settings) saveSettings(plan.registryId, plan.settings);
      if (plan.kind === 'cleanup') saveSettings(plan.registryId, undefined);
      const contexts = await applyPlan(stored.works, {
        registryId: plan.registryId,
        concurrency: requestedConcurrency ?? concurrency,
        signal: operation.signal,
        api: deps.clusters.api,
        serviceAccountWaitMs: deps.serviceAccountWaitMs ?? DEFAULT_SERVICE_ACCOUNT_WAIT_MS,
        progress: (counts) => {
          latest = counts;
          operation.progress(counts);
        },
      });
      const counts = emptyOutcomes();
      for (const context of contexts) {
        for (const namespace of context.namespaces) for (const step of [...namespace.secrets, ...namespace.serviceAccounts]) counts[step.outcome] += 1;
      }
      deps.logger.info('access applied', { registryId: plan.registryId, kind, operationId, ...counts });
      return {
        operationId,
        planId: plan.planId,
        registryId: plan.registryId,
        kind: plan.kind,
        outcome: operation.signal.aborted ? 'cancelled' : 'completed',
        startedAt,
        finishedAt: deps.clock.now().toISOString(),
        contexts,
        counts,
      };
    } finally {
      signal?.removeEventListener('abort', cancel);
      operation.finish(latest);
    }
  }

  async function apply(request: ApplyRequest, signal?: AbortSignal): Promise<ApplyResult> {
    const stored = plans.get(request.planId);
    findRecord(deps.settings, stored.plan.registryId);
    if (stored.plan.removals > 0 && !request.confirmRemovals) throw new AppFailure('access.removalsNotConfirmed', { count: stored.plan.removals });
    return execute(stored, request.operationId, stored.plan.kind, request.concurrency, signal);
  }

  /** For status an ECR secret is in sync until it expires; no token is minted just to look. */
  async function statusLogin(record: RegistryRecord): Promise<PullSecretLogin | null> {
    if (record.type === 'ecr') return { registryId: record.id, type: 'ecr', server: record.url, username: 'AWS', password: '', expiresAt: deps.clock.now().toISOString() };
    return loginFor(record.id, false);
  }

  /** Kept in the settings file, so "last seen in sync" survives a restart; deleted registries' times go on the next write. */
  function rememberInSync(registryId: RegistryId, checked: ContextStatusRows[], checkedAt: string): ContextStatusRows[] {
    let contexts = checked;
    deps.settings.update((file) => {
      const seen = withInSyncTimes(ownValue(file.accessInSyncAt, registryId) ?? {}, checked, checkedAt);
      contexts = seen.contexts;
      const known = new Set(file.registries.map((entry) => entry.id));
      const kept = Object.entries(file.accessInSyncAt ?? {}).filter(([id]) => known.has(id) && id !== registryId);
      return { ...file, accessInSyncAt: Object.fromEntries([...kept, [registryId, seen.times]]) };
    });
    return contexts;
  }

  async function status(registryId: RegistryId, signal?: AbortSignal): Promise<AccessStatus> {
    const record = findRecord(deps.settings, registryId);
    const settings = record.access ?? null;
    const works = await planContexts(planning, {
      registryId: record.id,
      settings,
      desired: { registryId: record.id, serverKey: dockerServerKey(record.url), login: settings ? await statusLogin(record) : null, now: deps.clock.now(), renewBeforeMs: 0 },
      adopt: [],
      reviewAccess: true,
      concurrency,
      signal,
    });
    const checkedAt = deps.clock.now().toISOString();
    const contexts = rememberInSync(record.id, works.map(contextStatusRows), checkedAt);
    const counts = emptyStateCounts();
    const clusters = { checked: 0, unreachable: 0, forbidden: 0, 'not-targeted': 0 };
    for (const context of contexts) {
      for (const [state, count] of Object.entries(context.counts)) counts[state as keyof typeof counts] += count;
      clusters[context.state] += 1;
    }
    return { registryId: record.id, configured: settings !== null, checkedAt, contexts, counts, clusters };
  }

  /** What apply would send for one namespace of a previewed plan: from the plan kept here, nothing read or sent. */
  function planObjects(request: SentObjectsRequest): SentObjects {
    const stored = plans.get(request.planId);
    const work = stored.works.find((context) => context.context === request.context)?.namespaces.find((namespace) => namespace.namespace === request.namespace);
    return { objects: work ? sentObjects(work, stored.plan.registryId) : [] };
  }

  return {
    async save(registryId: RegistryId, settings: AccessSettings): Promise<AccessSettings> {
      findRecord(deps.settings, registryId);
      const valid = checked(settings);
      saveSettings(registryId, valid);
      return valid;
    },
    preview,
    previewCleanup,
    sentObjects: planObjects,
    apply,
    /** Preview and apply in one go, for the ECR refresh: the saved settings, nothing removed without the operator. */
    async refreshRegistry(registryId: RegistryId, operationId: string, signal?: AbortSignal): Promise<ApplyResult> {
      const plan = await preview({ registryId }, signal);
      const stored = plans.get(plan.planId);
      const works = stored.works.map((work) => ({
        ...work,
        namespaces: work.namespaces.map((namespace) => ({
          ...namespace,
          secrets: namespace.secrets.filter((secret) => secret.step.action !== 'remove'),
          serviceAccounts: namespace.serviceAccounts.filter((account) => account.step.action !== 'remove'),
        })),
      }));
      return execute({ ...stored, works }, operationId, 'refresh', undefined, signal);
    },
    status,
    isBusy: (registryId: RegistryId) => deps.operations.isBusy(registryId),
  };
}
export type AccessPlans = ReturnType<typeof createAccessPlans>;
