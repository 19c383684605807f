import type { ContextSyncPlan, EngineDetection, SyncNote } from '../../shared/cluster-sync-contract';
import { identitiesFor } from '../../shared/cluster-sync-rules';
import { AppFailure } from '../app-errors/app-failure';
import type { KubeApi } from '../kube/kube-api';
import { clusterFailure, isStatus } from '../kube/kube-errors';
import { runPool } from '../kube/work-pool';
import { desiredSync, plain, type DesiredObject, type SourceMaterial, type SyncSubject } from './desired-sync';
import { isPresent } from './engine-detection';
import { manifestsYaml } from './manifest-yaml';
import { objectKey, type Manifest } from './object-kinds';
import { classify, listMarked, namespaceConfig, readLive, removal, type MarkedObject, type ObjectWork } from './sync-objects';
import { syncNamespaceLabel } from './sync-marks';

/** A context's plan as main keeps it: the public plan and what apply sends. */
export interface SyncContextWork {
  plan: ContextSyncPlan;
  objects: ObjectWork[];
}

const CONCURRENCY = 8;
export const SECRET_PLACEHOLDER = '(kept in the OS keychain: not shown)';

/** The manifests as the window may see them: every secret value replaced by a placeholder. */
export function shownYaml(objects: ObjectWork[]): string {
  const shown = objects.flatMap(({ step, manifest }) => {
    if (!manifest) return [];
    if (!step.carriesSecret || !manifest.data) return [manifest];
    const data = Object.fromEntries(Object.keys(manifest.data as object).map((key) => [key, SECRET_PLACEHOLDER]));
    return [{ ...manifest, data }];
  });
  return manifestsYaml(shown as Manifest[]);
}

export function failedContext(context: string, error: unknown, engines: EngineDetection[] = []): SyncContextWork {
  const invalid = isStatus(error, 422) || (error instanceof AppFailure && error.appError.code.startsWith('clusterSync.'));
  const state = isStatus(error, 403) ? 'forbidden' : invalid ? 'invalid' : 'unreachable';
  return { plan: { context, state, error: clusterFailure(error, { context }).appError, engines, objects: [], yaml: '', notes: [], labelledNamespaces: [] }, objects: [] };
}

async function labelWork(api: KubeApi, registryId: string, wanted: string[], signal?: AbortSignal): Promise<Manifest[]> {
  const label = syncNamespaceLabel(registryId);
  const current = (await api.list<Manifest>('/api/v1/namespaces', { labelSelector: label }, signal)).map((namespace) => namespace.metadata.name);
  const names = [...new Set([...wanted, ...current])].sort();
  const configs = await Promise.all(
    names.map(async (name) => {
      const live = await readLive(api, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, signal);
      if (!live) return null;
      return wanted.includes(name) ? namespaceConfig(name, live, { [label]: 'true' }) : namespaceConfig(name, live, {}, [label]);
    }),
  );
  return configs.filter((config): config is Manifest => config !== null);
}

async function classifyAll(api: KubeApi, registryId: string, desired: DesiredObject[], signal?: AbortSignal): Promise<ObjectWork[]> {
  const results: ObjectWork[] = new Array(desired.length);
  await runPool(desired.map((object, index) => ({ object, index })), CONCURRENCY, async ({ object, index }) => {
    results[index] = await classify(api, object, registryId, signal);
  }, signal);
  return results;
}

/** What the plan deletes: the registry's marked objects the desired state no longer has (the app's own pull secrets included). */
function removals(marked: MarkedObject[], keep: Set<string>, onlyInCluster: boolean): ObjectWork[] {
  return marked.filter((entry) => !keep.has(objectKey(entry.object)) && (!onlyInCluster || entry.inCluster)).map(removal);
}

export interface ContextInput {
  context: string;
  registryId: string;
  engines: EngineDetection[];
  /** null: the context is not kept in sync (cleanup, or the operator switched it off). */
  subject: SyncSubject | null;
  material: SourceMaterial;
  signal?: AbortSignal;
}

/**
 * One context's plan: the exact manifests (server-side dry runs say create, update, unchanged or
 * conflict), namespace labels, and removals — engine objects no longer wanted and the app's own
 * per-namespace copies the engine takes over. A context that is not synced only loses what the
 * in-cluster sync put there.
 */
export async function planSyncContext(api: KubeApi, input: ContextInput): Promise<SyncContextWork> {
  const { context, registryId, engines, subject, signal } = input;
  const marked = await listMarked(api, registryId, signal);
  if (!subject) {
    const objects = [...(await classifyAll(api, registryId, (await labelWork(api, registryId, [], signal)).map(plain), signal)), ...removals(marked, new Set(), true)];
    return { plan: { context, state: 'not-synced', engines, objects: objects.map((work) => work.step), yaml: shownYaml(objects), notes: [], labelledNamespaces: [] }, objects };
  }
  const { engine, identity } = subject.choice;
  if (!identitiesFor(subject.registryType, subject.authType, engine).includes(identity.kind)) throw new AppFailure('clusterSync.identityNotForType', { engine, identity: identity.kind });
  if (!isPresent(engines, engine)) return { plan: { context, state: 'engine-missing', engine, engines, objects: [], yaml: '', notes: [], labelledNamespaces: [] }, objects: [] };
  const desired = desiredSync(subject, input.material, isPresent(engines, 'kyverno'));
  const sourceNamespace = desired.objects[0]!.manifest;
  const sourceLive = await readLive(api, sourceNamespace, signal);
  desired.objects[0] = plain(namespaceConfig(sourceNamespace.metadata.name, sourceLive, sourceNamespace.metadata.labels ?? {}));
  const labels = (await labelWork(api, registryId, desired.labelled, signal)).map(plain);
  const applied = await classifyAll(api, registryId, [...desired.objects, ...labels], signal);
  const gone = removals(marked, new Set(desired.objects.map((object) => objectKey(object.manifest))), false);
  const notes: SyncNote[] = [...desired.notes, ...(gone.some((work) => work.step.kind === 'Secret' && !marked.find((entry) => entry.object.metadata.name === work.step.name && entry.object.metadata.namespace === work.step.namespace)?.inCluster) ? (['handover'] as const) : [])];
  const objects = [...applied, ...gone];
  return {
    plan: { context, state: 'ready', engine, engines, objects: objects.map((work) => work.step), yaml: shownYaml(applied), notes, labelledNamespaces: desired.labelled },
    objects,
  };
}
