import type { TargetScope } from '../../shared/access-settings';
import type { KubeApi, KubeObject } from '../kube/kube-api';
import { selectorForRegistry, type SecretObject } from '../pull-secrets/pull-secret';
import { selectorForReferences, type ServiceAccountObject } from '../pull-secrets/service-account-references';

export interface NamespaceInfo {
  name: string;
  labels: Record<string, string>;
  terminating: boolean;
}

/** What one context holds that matters to one registry, read with a handful of cluster-wide lists. */
export interface ClusterSnapshot {
  /** null when the context is not targeted (only the app's leftovers matter there). */
  namespaces: NamespaceInfo[] | null;
  /** The app's secrets for this registry, plus every secret named like one the settings want. */
  secrets: SecretObject[];
  /** The ServiceAccounts the scope selects, plus every one carrying this registry's references. */
  serviceAccounts: ServiceAccountObject[];
}

export interface SnapshotQuery {
  registryId: string;
  /** Absent: the context is not targeted. */
  scope?: TargetScope;
  secretNames: string[];
}

/** Up to this many listed ServiceAccount names are read one field selector each; more, all are read. */
const MAX_NAMED_ACCOUNT_LISTS = 3;

const keyOf = (object: KubeObject) => `${object.metadata.namespace ?? ''}/${object.metadata.name}`;

function unique<T extends KubeObject>(lists: T[][]): T[] {
  const byKey = new Map<string, T>();
  for (const list of lists) for (const object of list) byKey.set(keyOf(object), object);
  return [...byKey.values()];
}

/**
 * A label list leaves out the names listed one by one (`metadata.name!=…`, and-ed): those lists
 * return them anyway, so no object comes twice — in a cluster where every `default` account
 * carries the app's reference, reading them twice was a third of a status check's bytes.
 */
const otherThan = (names: string[]) => (names.length === 0 ? {} : { fieldSelector: names.map((name) => `metadata.name!=${name}`).join(',') });

function accountQueries(scope: TargetScope | undefined, registryId: string): { fieldSelector?: string; labelSelector?: string }[] {
  const marked = { labelSelector: selectorForReferences(registryId) };
  const selection = scope?.serviceAccounts;
  if (!selection || selection.kind === 'none') return [marked];
  if (selection.kind === 'all' || (selection.kind === 'list' && selection.names.length > MAX_NAMED_ACCOUNT_LISTS)) return [{}];
  const names = selection.kind === 'default' ? ['default'] : selection.names;
  return [{ ...marked, ...otherThan(names) }, ...names.map((name) => ({ fieldSelector: `metadata.name=${name}` }))];
}

/**
 * Read from metadata alone: a namespace is Terminating exactly while it carries a deletionTimestamp
 * (the namespace controller sets the phase from it); the phase is still honoured where a server sends it.
 */
const namespaceInfo = (object: KubeObject & { metadata: { deletionTimestamp?: string }; status?: { phase?: string } }): NamespaceInfo => ({
  name: object.metadata.name,
  labels: object.metadata.labels ?? {},
  terminating: object.metadata.deletionTimestamp !== undefined || object.status?.phase === 'Terminating',
});

/** What the planner and the reference writer read of a ServiceAccount (all of them may be listed). */
function accountFields({ metadata, imagePullSecrets }: ServiceAccountObject): ServiceAccountObject {
  const { name, namespace, resourceVersion, labels, annotations } = metadata;
  return { metadata: { name, namespace, resourceVersion, labels, annotations }, ...(imagePullSecrets ? { imagePullSecrets } : {}) };
}

/** What the planner and the writers read of a secret: never managedFields, which are not even parsed. */
function secretFields({ metadata, type, data }: SecretObject): SecretObject {
  const { name, namespace, resourceVersion, labels, annotations } = metadata;
  return { metadata: { name, namespace, resourceVersion, labels, annotations }, ...(type === undefined ? {} : { type }), ...(data === undefined ? {} : { data }) };
}

/**
 * Every list runs at once; each is paged with limit/continue. Nothing here reads managedFields, so
 * they are not parsed (5,000 namespaces' worth cost more than the rest of a status check).
 */
export async function readSnapshot(api: KubeApi, query: SnapshotQuery, signal?: AbortSignal): Promise<ClusterSnapshot> {
  const namespaceSelector = query.scope?.namespaces.kind === 'selector' ? query.scope.namespaces.labelSelector : undefined;
  const lean = { dropManagedFields: true };
  const named = query.scope ? query.secretNames : [];
  const namespaces = query.scope ? api.listProjected('/api/v1/namespaces', { labelSelector: namespaceSelector, metadataOnly: true, ...lean }, namespaceInfo, signal) : Promise.resolve(null);
  const secretLists = [
    api.listProjected('/api/v1/secrets', { labelSelector: selectorForRegistry(query.registryId), ...otherThan(named), ...lean }, secretFields, signal),
    ...named.map((name) => api.listProjected('/api/v1/secrets', { fieldSelector: `metadata.name=${name}`, ...lean }, secretFields, signal)),
  ];
  const accountLists = accountQueries(query.scope, query.registryId).map((listQuery) =>
    api.listProjected('/api/v1/serviceaccounts', { ...listQuery, ...lean }, accountFields, signal),
  );
  const [namespaceInfos, secrets, accounts] = await Promise.all([namespaces, Promise.all(secretLists), Promise.all(accountLists)]);
  return {
    namespaces: namespaceInfos,
    secrets: unique(secrets),
    serviceAccounts: unique(accounts),
  };
}
