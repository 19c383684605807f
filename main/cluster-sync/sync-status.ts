import type { AccessState } from '../../shared/access-contract';
import type { SyncEngine, TargetScope } from '../../shared/access-settings';
import type { ContextSyncStatus, SyncObjectStatus, SyncRow } from '../../shared/cluster-sync-contract';
import type { KubeApi } from '../kube/kube-api';
import { emptyStateCounts } from '../plans/state-counts';
import type { SecretObject } from '../pull-secrets/pull-secret';
import type { Manifest } from './object-kinds';
import { REFLECTS_ANNOTATION } from './reflector-manifests';
import { listMarked } from './sync-objects';

interface Condition {
  type?: string;
  status?: string;
  message?: string;
  lastTransitionTime?: unknown;
}
interface EngineReport {
  conditions?: Condition[];
  provisionedNamespaces?: string[];
  failedNamespaces?: { namespace: string; reason?: string }[];
}
type Reported = Manifest & { status?: EngineReport };

/** An ISO time the cluster sent, or nothing when it is not one (bounded: it comes from the cluster). */
function timeOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 64) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** The object as its engine reports it: the Ready condition, and since when, where the engine keeps one. */
function objectStatus(object: Reported): SyncObjectStatus {
  const ready = object.status?.conditions?.find((condition) => condition.type === 'Ready');
  const since = timeOf(ready?.lastTransitionTime);
  const failed = object.status?.failedNamespaces?.map((entry) => `${entry.namespace}: ${entry.reason ?? ''}`).join('; ');
  return {
    kind: object.kind,
    ...(object.metadata.namespace ? { namespace: object.metadata.namespace } : {}),
    name: object.metadata.name,
    present: true,
    ready: ready?.status === 'True' ? 'true' : ready?.status === 'False' ? 'false' : 'unknown',
    ...(ready?.message || failed ? { message: [ready?.message, failed].filter(Boolean).join(' — ') } : {}),
    ...(since ? { since } : {}),
  };
}

/** Whether the engine itself wrote this copy: Reflector's `reflects`, External Secrets' owner, Kyverno's policy label. */
function writtenByEngine(secret: SecretObject & { metadata: { ownerReferences?: { kind: string }[] } }, engine: SyncEngine, source: string): boolean {
  const meta = secret.metadata;
  switch (engine) {
    case 'reflector':
      return meta.annotations?.[REFLECTS_ANNOTATION] === source;
    case 'external-secrets':
      return (meta.ownerReferences ?? []).some((owner) => owner.kind === 'ExternalSecret') || meta.labels?.['reconcile.external-secrets.io/managed'] === 'true';
    case 'kyverno':
      return meta.labels?.['generate.kyverno.io/policy-name'] !== undefined;
  }
}

function selectedNamespaces(scope: TargetScope, namespaces: Manifest[], sourceNamespace: string): string[] {
  const live = namespaces.filter((namespace) => (namespace as { status?: { phase?: string } }).status?.phase !== 'Terminating').map((namespace) => namespace.metadata.name);
  const selection = scope.namespaces;
  const chosen = selection.kind === 'all' ? live.filter((name) => !selection.excluded.includes(name)) : selection.kind === 'list' ? selection.names.filter((name) => live.includes(name)) : live;
  return chosen.filter((name) => name !== sourceNamespace);
}

export interface StatusInput {
  registryId: string;
  engine: SyncEngine;
  secretName: string;
  sourceNamespace: string;
  scope: TargetScope;
  signal?: AbortSignal;
}

/**
 * One synced context, read from the engines' own reports: the generated objects (present, Ready)
 * and, per selected namespace, whether the engine's copy is there and carries the source's data.
 */
export async function contextSyncStatus(api: KubeApi, input: StatusInput): Promise<ContextSyncStatus> {
  const { signal, secretName, sourceNamespace, engine } = input;
  const selector = input.scope.namespaces.kind === 'selector' ? input.scope.namespaces.labelSelector : undefined;
  const [marked, namespaces, copies] = await Promise.all([
    listMarked(api, input.registryId, signal),
    api.list<Manifest>('/api/v1/namespaces', { labelSelector: selector }, signal),
    api.list<SecretObject>('/api/v1/secrets', { fieldSelector: `metadata.name=${secretName}` }, signal),
  ]);
  const objects = marked.filter((entry) => entry.inCluster).map((entry) => objectStatus(entry.object as Reported));
  const source = copies.find((secret) => secret.metadata.namespace === sourceNamespace);
  const failures = new Map(marked.flatMap((entry) => (entry.object as Reported).status?.failedNamespaces ?? []).map((entry) => [entry.namespace, entry.reason ?? '']));
  const selected = new Set(selectedNamespaces(input.scope, namespaces, sourceNamespace));
  const byNamespace = new Map(copies.map((secret) => [secret.metadata.namespace ?? '', secret]));
  const rows: SyncRow[] = [];
  const row = (namespace: string, state: AccessState, reason: SyncRow['reason'], message?: string) => rows.push({ namespace, state, reason, ...(message ? { message } : {}) });
  for (const namespace of [...selected].sort()) {
    const copy = byNamespace.get(namespace);
    const failure = failures.get(namespace);
    if (!copy) row(namespace, failure === undefined ? 'missing' : 'drifted', failure === undefined ? 'missing' : 'failed', failure);
    else if (!writtenByEngine(copy, engine, `${sourceNamespace}/${secretName}`)) row(namespace, 'conflict', 'foreign');
    else if (source && JSON.stringify(copy.data) !== JSON.stringify(source.data)) row(namespace, 'drifted', 'stale');
    else row(namespace, 'in-sync', 'mirror');
  }
  for (const [namespace, copy] of byNamespace) {
    if (namespace !== sourceNamespace && !selected.has(namespace) && writtenByEngine(copy, engine, `${sourceNamespace}/${secretName}`)) row(namespace, 'drifted', 'extra');
  }
  const counts = emptyStateCounts();
  for (const entry of rows) counts[entry.state] += 1;
  return { context: api.context, state: 'checked', engine, objects, rows, counts };
}
