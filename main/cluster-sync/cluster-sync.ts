import type { AccessSettings } from '../../shared/access-settings';
import type { ContextEngines, ContextSyncStatus, ExportFile, RegistryEsoExportRequest, SavedExport, SaveExportRequest, SyncApplyRequest, SyncApplyResult, SyncPlan, SyncStatus } from '../../shared/cluster-sync-contract';
import { parseEcrHost, parseRegistryUrl } from '../../shared/registry-url';
import type { RegistryId, RegistryRecord } from '../../shared/schemas';
import { AppFailure } from '../app-errors/app-failure';
import type { Clusters } from '../clusters';
import { clusterFailure, isStatus } from '../kube/kube-errors';
import { dockerServerKey, type PullSecretLogin } from '../pull-secrets/pull-secret';
import { createPlanStore, PLAN_LIFETIME_MS } from '../plans/plan-store';
import { emptyStateCounts } from '../plans/state-counts';
import { checked, findRecord } from '../plans/saved-access';
import { contextTargets } from '../plans/targets';
import type { Clock } from '../logging/clock';
import type { Logger } from '../logging/logger';
import type { RegistryCredentials } from '../registry-credentials/registry-credentials';
import type { SettingsRepository } from '../settings/settings-repository';
import type { SourceMaterial, SyncSubject } from './desired-sync';
import { detectEngines, undetected } from './engine-detection';
import { gitopsFiles } from './gitops-export';
import { createGitopsSave } from './gitops-save';
import { manifestsYaml } from './manifest-yaml';
import { registryEsoManifests } from './registry-eso-export';
import { applyObjects } from './sync-applier';
import { failedContext, planSyncContext, type SyncContextWork } from './sync-plans';
import { contextSyncStatus } from './sync-status';
import type { SaveDialog } from '../saved-files/saved-files';
import { ownValue } from '../../shared/own-property';

/** Where the source secret and the AWS keys come from: the registry logins (keychain, ECR). */
export interface SyncCredentials {
  forRegistry(id: RegistryId): Promise<PullSecretLogin>;
  credentials(id: RegistryId): Promise<RegistryCredentials>;
}

export interface ClusterSyncDependencies {
  settings: SettingsRepository;
  clusters: Pick<Clusters, 'api' | 'contextNames'>;
  credentials: SyncCredentials;
  clock: Clock;
  logger: Logger;
  /** Saves the access settings an apply plan was made from (Manage access owns them). */
  saveAccess: (registryId: RegistryId, settings: AccessSettings) => Promise<AccessSettings>;
  /** Asks the operator for a folder (the shell's dialog); absent: saving is unavailable. */
  saveDialog?: Pick<SaveDialog, 'chooseFolder'>;
}

interface StoredSyncPlan {
  plan: SyncPlan;
  works: SyncContextWork[];
  settings: AccessSettings | null;
}


function ecrRegion(url: string): string | undefined {
  const parsed = parseRegistryUrl(url);
  return typeof parsed === 'string' ? undefined : parseEcrHost(parsed)?.region;
}

/** The registry in one context as the settings keep it in sync there; null where the app writes the secrets itself (or nothing). */
function subjectFor(record: RegistryRecord, settings: AccessSettings | null, context: string, contexts: string[]): SyncSubject | null {
  const choice = ownValue(settings?.clusterSync, context);
  const scope = contextTargets(settings, contexts).get(context);
  if (!settings || !choice || !scope) return null;
  if (settings.credential.type !== 'registry-credentials') throw new AppFailure('clusterSync.needsRegistryCredentials');
  return {
    registryId: record.id,
    registryType: record.type,
    ...(record.authType ? { authType: record.authType } : {}),
    serverKey: dockerServerKey(record.url),
    ...(ecrRegion(record.url) ? { ecrRegion: ecrRegion(record.url) } : {}),
    secretName: settings.credential.secretName,
    choice,
    scope,
  };
}

/** "Keep in sync in the cluster": detection, preview, apply, status, cleanup and export of the engines' objects. */
export function createClusterSync(deps: ClusterSyncDependencies) {
  const plans = createPlanStore<StoredSyncPlan>(deps.clock);
  const gitopsSave = createGitopsSave(deps);

  async function material(subject: SyncSubject | null): Promise<SourceMaterial> {
    const identity = subject?.choice.identity.kind;
    if (!subject || (identity !== 'source-secret' && identity !== 'access-keys')) return { login: null, awsKeys: null };
    try {
      if (identity === 'source-secret') return { login: await deps.credentials.forRegistry(subject.registryId as RegistryId), awsKeys: null };
      const stored = await deps.credentials.credentials(subject.registryId as RegistryId);
      return { login: null, awsKeys: stored.kind === 'ecr' && stored.accessKey ? stored.accessKey : null };
    } catch (error) {
      throw new AppFailure('access.credentialsUnavailable', { detail: error instanceof AppFailure ? error.message : 'unknown error' });
    }
  }

  async function planContext(record: RegistryRecord, settings: AccessSettings | null, context: string, contexts: string[], cleanup: boolean, signal?: AbortSignal): Promise<SyncContextWork> {
    try {
      const subject = cleanup ? null : subjectFor(record, settings, context, contexts);
      const api = await deps.clusters.api(context);
      const engines = subject ? await detectEngines(api, signal) : [];
      return await planSyncContext(api, { context, registryId: record.id, engines, subject, material: await material(subject), signal });
    } catch (error) {
      return failedContext(context, error);
    }
  }

  async function makePlan(kind: SyncPlan['kind'], record: RegistryRecord, settings: AccessSettings | null, signal?: AbortSignal): Promise<SyncPlan> {
    const contexts = await deps.clusters.contextNames();
    // An apply plan touches only the contexts it keeps in sync: another context may name the same
    // cluster. What a context no longer kept in sync still holds goes with "Remove from clusters".
    const planned = kind === 'cleanup' ? contexts : contexts.filter((context) => subjectFor(record, settings, context, contexts) !== null);
    const works = (await Promise.all(planned.map((context) => planContext(record, settings, context, contexts, kind === 'cleanup', signal)))).filter(
      (work) => work.plan.state !== 'not-synced' || work.objects.length > 0,
    );
    // A cancelled read leaves its context looking unreachable: no plan is kept of that.
    signal?.throwIfAborted();
    const steps = works.flatMap((work) => work.objects.map((object) => object.step));
    const now = deps.clock.now();
    const plan: SyncPlan = {
      planId: plans.newId(),
      kind,
      registryId: record.id,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + PLAN_LIFETIME_MS).toISOString(),
      contexts: works.map((work) => work.plan),
      writes: steps.filter((step) => ['create', 'update', 'remove', 'conflict'].includes(step.action)).length,
      removals: steps.filter((step) => step.action === 'remove').length,
      conflicts: steps.filter((step) => step.action === 'conflict').length,
    };
    plans.keep({ plan, works, settings });
    return plan;
  }

  async function apply(request: SyncApplyRequest, signal?: AbortSignal): Promise<SyncApplyResult> {
    const stored = plans.get(request.planId);
    const { plan } = stored;
    if (plan.removals > 0 && !request.confirmRemovals) throw new AppFailure('access.removalsNotConfirmed', { count: plan.removals });
    plans.drop(plan.planId);
    if (plan.kind === 'apply' && stored.settings) await deps.saveAccess(plan.registryId, stored.settings);
    const contexts = await Promise.all(
      stored.works.map(async (work) => {
        try {
          const api = await deps.clusters.api(work.plan.context);
          return { context: work.plan.context, objects: await applyObjects(api, work.objects, request.takeOver, signal), labelledNamespaces: work.plan.labelledNamespaces };
        } catch (error) {
          return { context: work.plan.context, error: clusterFailure(error, { context: work.plan.context }).appError, objects: [], labelledNamespaces: [] };
        }
      }),
    );
    const counts = { done: 0, unchanged: 0, skipped: 0, failed: 0 };
    for (const context of contexts) for (const object of context.objects) counts[object.outcome] += 1;
    deps.logger.info('cluster sync applied', { registryId: plan.registryId, kind: plan.kind, ...counts });
    return { operationId: request.operationId, planId: plan.planId, registryId: plan.registryId, kind: plan.kind, contexts, counts };
  }

  async function statusOf(record: RegistryRecord, context: string, contexts: string[], signal?: AbortSignal): Promise<ContextSyncStatus | null> {
    const settings = record.access ?? null;
    try {
      const subject = subjectFor(record, settings, context, contexts);
      if (!subject) return null;
      const api = await deps.clusters.api(context);
      const { engine, sourceNamespace } = subject.choice;
      return await contextSyncStatus(api, { registryId: record.id, engine, secretName: subject.secretName, sourceNamespace, scope: subject.scope, signal });
    } catch (error) {
      const state = isStatus(error, 403) ? 'forbidden' : 'unreachable';
      return { context, state, error: clusterFailure(error, { context }).appError, objects: [], rows: [], counts: emptyStateCounts() };
    }
  }

  async function exportFiles(registryId: RegistryId): Promise<ExportFile[]> {
    const record = findRecord(deps.settings, registryId);
    const contexts = [...(await deps.clusters.contextNames())].sort();
    const synced = contexts.flatMap((context) => {
      const subject = subjectFor(record, record.access ?? null, context, contexts);
      return subject ? [{ context, subject }] : [];
    });
    return gitopsFiles(record.name, synced);
  }

  return {
    async detect(only?: string[], signal?: AbortSignal): Promise<ContextEngines[]> {
      const contexts = only ?? (await deps.clusters.contextNames());
      const detected = await Promise.all(
        contexts.map(async (context) => {
          const engines = await deps.clusters
            .api(context)
            .then((api) => detectEngines(api, signal))
            .catch((error: unknown) => undetected(context, error));
          return { context, engines, checkedAt: deps.clock.now().toISOString() };
        }),
      );
      signal?.throwIfAborted();
      return detected;
    },
    async preview(registryId: RegistryId, edited?: AccessSettings, signal?: AbortSignal): Promise<SyncPlan> {
      const record = findRecord(deps.settings, registryId);
      return makePlan('apply', record, edited ? checked(edited) : (record.access ?? null), signal);
    },
    previewCleanup: (registryId: RegistryId, signal?: AbortSignal): Promise<SyncPlan> => makePlan('cleanup', findRecord(deps.settings, registryId), null, signal),
    apply,
    async status(registryId: RegistryId, signal?: AbortSignal): Promise<SyncStatus> {
      const record = findRecord(deps.settings, registryId);
      const contexts = await deps.clusters.contextNames();
      const results = await Promise.all(contexts.map((context) => statusOf(record, context, contexts, signal)));
      signal?.throwIfAborted();
      return { registryId, checkedAt: deps.clock.now().toISOString(), contexts: results.filter((result): result is ContextSyncStatus => result !== null) };
    },
    export: exportFiles,
    async saveExport(request: SaveExportRequest): Promise<SavedExport> {
      if (request.replaceId) return gitopsSave.replace(request.registryId, request.replaceId);
      return gitopsSave.save(request.registryId, await exportFiles(request.registryId));
    },
    registryEsoExport(request: RegistryEsoExportRequest): ExportFile {
      const record = findRecord(deps.settings, request.registryId);
      const manifests = registryEsoManifests(
        { registryId: record.id, registryType: record.type, serverKey: dockerServerKey(record.url), ...(ecrRegion(record.url) ? { ecrRegion: ecrRegion(record.url) } : {}) },
        request,
      );
      const header = [`Registry Desk: registry "${record.name}" as External Secrets manifests. No secret data is in this file.`];
      return { context: '', fileName: `${request.secretName}.external-secrets.yaml`, content: manifestsYaml(manifests, header) };
    },
  };
}
export type ClusterSync = ReturnType<typeof createClusterSync>;
