import { isDeepStrictEqual } from 'node:util';
import type { SyncObject } from '../../shared/cluster-sync-contract';
import type { KubeApi } from '../kube/kube-api';
import { isStatus, KubeStatusError } from '../kube/kube-errors';
import type { DesiredObject } from './desired-sync';
import { ALL_KINDS, collectionPath, objectKey, objectPath, type KindRef, type Manifest } from './object-kinds';
import { predictedSecret, secretProbe, type ManagedFieldsEntry } from './secret-dry-run';
import { FIELD_MANAGER, IN_CLUSTER_ANNOTATION, isMarked, selectorForRegistry } from './sync-marks';

/** One object of a plan as main keeps it: the public step, and what apply sends. */
export interface ObjectWork {
  step: SyncObject;
  /** What server-side apply sends (create/update/conflict); absent for removals and untouchable objects. */
  manifest?: Manifest;
}

export interface LiveObject extends Manifest {
  metadata: Manifest['metadata'] & { managedFields?: ManagedFieldsEntry[] };
}

const stepOf = (manifest: Manifest, action: SyncObject['action'], carriesSecret: boolean, detail?: string): SyncObject => ({
  apiVersion: manifest.apiVersion,
  kind: manifest.kind,
  ...(manifest.metadata.namespace ? { namespace: manifest.metadata.namespace } : {}),
  name: manifest.metadata.name,
  action,
  carriesSecret,
  ...(detail ? { detail } : {}),
});

const entryKey = (entry: ManagedFieldsEntry): string => JSON.stringify([entry.manager, entry.operation, entry.subresource ?? '']);

/**
 * What a no-op leaves alone: resourceVersion and managedFields timestamps — and the entries' order,
 * which the API server sorts by time.
 */
function comparable(object: LiveObject): unknown {
  const { resourceVersion: _version, managedFields, ...metadata } = object.metadata;
  const entries = managedFields?.map(({ time: _time, ...entry }) => entry).sort((a, b) => (entryKey(a) < entryKey(b) ? -1 : entryKey(a) > entryKey(b) ? 1 : 0));
  return { ...object, metadata: { ...metadata, ...(entries ? { managedFields: entries } : {}) } };
}

const same = (a: LiveObject, b: LiveObject): boolean => isDeepStrictEqual(comparable(a), comparable(b));

export async function readLive(api: KubeApi, manifest: Manifest, signal?: AbortSignal): Promise<LiveObject | undefined> {
  try {
    return await api.get<LiveObject>(objectPath(manifest), signal);
  } catch (error) {
    if (isStatus(error, 404)) return undefined;
    throw error;
  }
}

/** The labels the app's field manager owns on a namespace (any registry's), with their live values. */
function ownedLabels(live: LiveObject | undefined): Record<string, string> {
  const entry = live?.metadata.managedFields?.find((field) => field.manager === FIELD_MANAGER && field.operation === 'Apply');
  const keys = Object.keys(entry?.fieldsV1?.['f:metadata']?.['f:labels'] ?? {}).filter((key) => key.startsWith('f:')).map((key) => key.slice(2));
  return Object.fromEntries(keys.filter((key) => live?.metadata.labels?.[key] !== undefined).map((key) => [key, live!.metadata.labels![key]!]));
}

/**
 * A Namespace as the app applies it: every label its field manager already owns there (other
 * registries' included, or apply would drop them), plus `add`, minus `drop`.
 */
export function namespaceConfig(name: string, live: LiveObject | undefined, add: Record<string, string>, drop: string[] = []): Manifest {
  const labels = { ...ownedLabels(live), ...add };
  for (const key of drop) delete labels[key];
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, ...(Object.keys(labels).length ? { labels } : {}) } };
}

/**
 * What applying the object would do, asked of the API server itself: a server-side dry run (409
 * names the other manager; 403 a refusal), compared with the live object. An object carrying
 * credentials is dry-run as its stand-in, with placeholders: nothing secret leaves before apply.
 */
export async function classify(api: KubeApi, desired: DesiredObject, registryId: string, signal?: AbortSignal): Promise<ObjectWork> {
  const { manifest: wanted, carriesSecret } = desired;
  let live: LiveObject | undefined;
  try {
    live = await readLive(api, wanted, signal);
  } catch (error) {
    if (isStatus(error, 403)) return { step: stepOf(wanted, 'forbidden', carriesSecret) };
    throw error;
  }
  // Namespaces are shared: the app only adds its labels to them (see namespaceConfig).
  if (live && wanted.kind !== 'Namespace' && !isMarked(live.metadata.labels, registryId)) return { step: stepOf(wanted, 'foreign', carriesSecret) };
  const manifest = wanted;
  const probe = desired.carriesSecret ? secretProbe(desired.standIn, wanted, live) : null;
  try {
    const dry = await api.apply<LiveObject>(objectPath(manifest), probe?.manifest ?? manifest, { fieldManager: FIELD_MANAGER, dryRun: true }, signal);
    const outcome = probe ? predictedSecret(dry, wanted, probe.omitted) : dry;
    const action = !live ? 'create' : same(live, outcome) ? 'unchanged' : 'update';
    return { step: stepOf(manifest, action, carriesSecret), manifest };
  } catch (error) {
    if (isStatus(error, 409)) return { step: stepOf(manifest, 'conflict', carriesSecret, (error as KubeStatusError).detail), manifest };
    // Its namespace is created by the same apply: nothing to dry-run against yet.
    if (isStatus(error, 404) && !live) return { step: stepOf(manifest, 'create', carriesSecret), manifest };
    if (isStatus(error, 403)) return { step: stepOf(manifest, 'forbidden', carriesSecret) };
    throw error;
  }
}

export interface MarkedObject {
  ref: KindRef;
  object: LiveObject;
  /** Made by the in-cluster sync (not one of the pull secrets the app writes itself). */
  inCluster: boolean;
}

/** Everything in the context carrying this registry's mark, of every kind the app generates and the cluster serves. */
export async function listMarked(api: KubeApi, registryId: string, signal?: AbortSignal): Promise<MarkedObject[]> {
  const lists = await Promise.all(
    ALL_KINDS.filter((ref) => ref.kind !== 'Namespace').map(async (ref) => {
      try {
        const items = await api.list<LiveObject>(collectionPath(ref), { labelSelector: selectorForRegistry(registryId) }, signal);
        return items.map((object) => ({ ref, object: { ...object, apiVersion: ref.apiVersion, kind: ref.kind }, inCluster: object.metadata.annotations?.[IN_CLUSTER_ANNOTATION] === 'true' }));
      } catch (error) {
        // Kinds the cluster does not serve (no such engine) or the user may not list hold nothing the app can touch.
        if (isStatus(error, 404) || isStatus(error, 403)) return [];
        throw error;
      }
    }),
  );
  return lists.flat();
}

export const removal = (marked: MarkedObject): ObjectWork => ({
  step: {
    apiVersion: marked.ref.apiVersion,
    kind: marked.ref.kind,
    ...(marked.object.metadata.namespace ? { namespace: marked.object.metadata.namespace } : {}),
    name: marked.object.metadata.name,
    action: 'remove',
    carriesSecret: marked.ref.kind === 'Secret',
  },
});

export { objectKey };
