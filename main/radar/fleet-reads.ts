// What the radar reads from one context: one paged list per kind across all namespaces, each item
// projected as it arrives to the few fields the radar uses, so 20,000 pods cost their images and
// names, not their full objects. A kind the user may not list (403) or the server does not serve
// (404) is named and the rest is read; anything else fails the context.
// RBAC often grants a team only its own namespaces: a namespaced kind refused cluster-wide is then
// read namespace by namespace, in the namespaces the user can see (bounded), and a namespace that
// still refuses is named without stopping the others.
// Secrets are two lists: Helm keeps each release whole in a secret (up to etcd's 1.5 MiB, and one per
// revision), so a page of them could pass the 64 MiB answer limit; they are read as metadata only
// (their names, so that a reference to one is not called missing), every other secret whole.
import { LARGE_OBJECTS_PAGE_SIZE, type KubeApi, type ListQuery } from '../kube/kube-api';
import { isCancelled, isStatus } from '../kube/kube-errors';
import { runPool } from '../kube/work-pool';
import { DOCKER_CFG, DOCKER_CFG_KEY } from '../pull-secrets/kubelet-keyring';
import { DOCKER_CONFIG_JSON, DOCKER_CONFIG_KEY } from '../pull-secrets/pull-secret';
import { ARCH_LABEL, nodePlatform, OS_LABEL, placementOf, type LabelledNode, type Placement } from './node-placement';

export interface Meta {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  owners: { kind: string; name: string; controller: boolean }[];
  created: string | null;
}

export interface ContainerSpec {
  name: string;
  kind: 'init' | 'regular' | 'ephemeral';
  image: string;
  pullPolicy: string;
}

export interface TemplateSpec {
  serviceAccount: string;
  /** null: the template names none (the ServiceAccount's then apply to new pods). */
  pullSecrets: string[] | null;
  nodeName: string | null;
  /** What its pods require of their node (nodeSelector, required node affinity). */
  placement: Placement;
  containers: ContainerSpec[];
}

export interface SecretItem extends Meta {
  type: string;
  /** Only a pull secret's own data key is kept. */
  data: Record<string, string>;
  /** ESO's ECR generator writes the token's end as `expires_at` (Unix seconds); kept when a template keeps it. */
  expiresAtData?: string;
  /** The ExternalSecret that writes this secret (owner, or target name in the namespace), when one was read. */
  engine?: EngineSecretItem;
  /** An ExternalSecret owns this secret, but the ExternalSecrets could not be read. */
  engineUnread?: true;
}
/** An External Secrets Operator ExternalSecret: only what dates the token it writes. */
export interface EngineSecretItem extends Meta {
  /** The Secret it writes: `spec.target.name`, else its own name. */
  target: string;
  /** The kinds of the generators it reads (`generatorRef.kind` in data and dataFrom). */
  generators: string[];
  refreshInterval: string | null;
  refreshPolicy: string | null;
  /** When the controller last fetched and wrote the secret. */
  refreshTime: string | null;
}
export interface AccountItem extends Meta {
  pullSecrets: string[];
}
export interface WorkloadItem extends Meta {
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet' | 'Job' | 'CronJob' | 'Pod';
  template: TemplateSpec;
  /** A pod's running digests by container name. */
  imageIds: Map<string, string>;
}
export interface NodeItem extends LabelledNode {
  name: string;
}

export interface Refusal {
  resource: string;
  /** Absent: the cluster-wide list. */
  namespace?: string;
  error: unknown;
}

export interface FleetRead {
  secrets: SecretItem[];
  accounts: AccountItem[];
  workloads: WorkloadItem[];
  nodes: NodeItem[];
  /** ExternalSecrets; none where External Secrets Operator is not installed. */
  engineSecrets: EngineSecretItem[];
  refused: Refusal[];
  /** Kinds refused cluster-wide and read namespace by namespace instead: the namespaces read. */
  byNamespace: Map<string, Set<string>>;
  lists: number;
}

/** Namespaces a refused kind is read in one by one, at most: beyond this the rest is named, not read. */
export const MAX_FALLBACK_NAMESPACES = 100;
/** Per-namespace lists in flight at once, per context. */
const FALLBACK_CONCURRENCY = 4;

/** A namespace count past MAX_FALLBACK_NAMESPACES: those namespaces were not tried. */
export class NamespacesNotTried extends Error {
  constructor(
    readonly count: number,
    readonly limit: number,
  ) {
    super(`${count} namespaces not tried (limit ${limit})`);
    this.name = 'NamespacesNotTried';
  }
}

/** Whether a kind was read in a namespace: cluster-wide, or in that namespace by the fallback. */
export function readIn(read: Pick<FleetRead, 'refused' | 'byNamespace'>, resource: string, namespace: string): boolean {
  const some = read.byNamespace.get(resource);
  if (some) return some.has(namespace);
  return !read.refused.some((refusal) => refusal.resource === resource && isStatus(refusal.error, 403));
}

type Raw = Record<string, unknown>;
const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
const record = (value: unknown): Raw => (isRecord(value) ? value : {});
const strings = (value: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(record(value)).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
const list = (value: unknown): Raw[] => (Array.isArray(value) ? value.filter(isRecord) : []);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function metaOf(item: Raw): Meta {
  const meta = record(item.metadata);
  return {
    namespace: text(meta.namespace),
    name: text(meta.name),
    labels: strings(meta.labels),
    annotations: strings(meta.annotations),
    owners: list(meta.ownerReferences).map((owner) => ({ kind: text(owner.kind), name: text(owner.name), controller: owner.controller === true })),
    created: typeof meta.creationTimestamp === 'string' ? meta.creationTimestamp : null,
  };
}

const CONTAINER_LISTS = [['initContainers', 'init'], ['containers', 'regular'], ['ephemeralContainers', 'ephemeral']] as const;

function templateOf(spec: Raw): TemplateSpec {
  const secrets = list(spec.imagePullSecrets).map((reference) => text(reference.name)).filter((secretName) => secretName !== '');
  return {
    serviceAccount: text(spec.serviceAccountName) || text(spec.serviceAccount) || 'default',
    pullSecrets: secrets.length > 0 ? secrets : null,
    nodeName: text(spec.nodeName) || null,
    placement: placementOf(spec),
    containers: CONTAINER_LISTS.flatMap(([field, kind]) =>
      list(spec[field]).map((container) => ({ name: text(container.name), kind, image: text(container.image), pullPolicy: text(container.imagePullPolicy) })),
    ),
  };
}

function imageIdsOf(status: Raw): Map<string, string> {
  const ids = new Map<string, string>();
  for (const field of ['initContainerStatuses', 'containerStatuses', 'ephemeralContainerStatuses']) {
    for (const entry of list(status[field])) if (text(entry.imageID)) ids.set(text(entry.name), text(entry.imageID));
  }
  return ids;
}

const PULL_KEYS: Record<string, string> = { [DOCKER_CONFIG_JSON]: DOCKER_CONFIG_KEY, [DOCKER_CFG]: DOCKER_CFG_KEY };

/** ESO's ECR generator's output key for the token's end; base64 of a few digits, bounded. */
const EXPIRES_AT_KEY = 'expires_at';
const MAX_EXPIRES_AT_CHARS = 32;

function secretOf(item: Raw): SecretItem {
  const type = text(item.type);
  const key = Object.hasOwn(PULL_KEYS, type) ? PULL_KEYS[type]! : null;
  const value = key ? strings(item.data)[key] : undefined;
  const expiresAt = key ? strings(item.data)[EXPIRES_AT_KEY] : undefined;
  const kept = expiresAt !== undefined && expiresAt.length <= MAX_EXPIRES_AT_CHARS ? { expiresAtData: expiresAt } : {};
  return { ...metaOf(item), type, data: key && value !== undefined ? { [key]: value } : {}, ...kept };
}

/** A Helm release secret, read as metadata only: its name and type, never its (large) release. */
const helmReleaseOf = (item: Raw): SecretItem => ({ ...metaOf(item), type: HELM_RELEASE, data: {} });

const generatorKinds = (entries: unknown): string[] => list(entries).map((entry) => text(record(record(entry.sourceRef).generatorRef).kind)).filter(Boolean);

function engineSecretOf(item: Raw): EngineSecretItem {
  const meta = metaOf(item);
  const spec = record(item.spec);
  return {
    ...meta,
    target: text(record(spec.target).name) || meta.name,
    generators: [...new Set([...generatorKinds(spec.data), ...generatorKinds(spec.dataFrom)])],
    refreshInterval: text(spec.refreshInterval) || null,
    refreshPolicy: text(spec.refreshPolicy) || null,
    refreshTime: text(record(item.status).refreshTime) || null,
  };
}

/**
 * The ExternalSecret writing each secret: its owner reference, else the one targeting it by name.
 * Where the ExternalSecrets could not be read, a secret an ExternalSecret owns says so.
 */
function linkEngines(secrets: SecretItem[], engines: EngineSecretItem[], enginesUnread: boolean): void {
  if (enginesUnread) for (const secret of secrets) if (secret.owners.some((owner) => owner.kind === 'ExternalSecret')) secret.engineUnread = true;
  if (engines.length === 0) return;
  const byName = new Map(engines.map((engine) => [`${engine.namespace}/${engine.name}`, engine]));
  const byTarget = new Map(engines.map((engine) => [`${engine.namespace}/${engine.target}`, engine]));
  for (const secret of secrets) {
    const owner = secret.owners.find((candidate) => candidate.kind === 'ExternalSecret');
    const engine = (owner && byName.get(`${secret.namespace}/${owner.name}`)) ?? byTarget.get(`${secret.namespace}/${secret.name}`);
    if (engine) secret.engine = engine;
  }
}

const CONTROLLERS = [
  ['Deployment', '/apis/apps/v1/deployments', ['spec', 'template']],
  ['StatefulSet', '/apis/apps/v1/statefulsets', ['spec', 'template']],
  ['DaemonSet', '/apis/apps/v1/daemonsets', ['spec', 'template']],
  ['ReplicaSet', '/apis/apps/v1/replicasets', ['spec', 'template']],
  ['Job', '/apis/batch/v1/jobs', ['spec', 'template']],
  ['CronJob', '/apis/batch/v1/cronjobs', ['spec', 'jobTemplate', 'spec', 'template']],
] as const;

const NODES = '/api/v1/nodes';
const SECRETS = '/api/v1/secrets';
/** The type of the secrets Helm keeps each release revision in (its storage driver's default). */
const HELM_RELEASE = 'helm.sh/release.v1';
/** External Secrets Operator's API group: ESO releases before v1 serve ExternalSecrets only as v1beta1. */
const ESO_GROUP = '/apis/external-secrets.io';
/** The versions of ExternalSecret the radar reads (same fields it keeps), the first served preferred. */
const ESO_VERSIONS = ['v1', 'v1beta1'];
const EXTERNAL_SECRETS = 'externalsecrets';
/** The kind as the report names it: the path's last segment (`deployments`). */
const resourceOf = (path: string): string => path.split('/').pop() ?? path;

const templateAt = (item: Raw, path: readonly string[]): Raw => record(record(path.reduce<unknown>((value, key) => record(value)[key], item)).spec);

/** `/apis/apps/v1/deployments` → `/apis/apps/v1/namespaces/team-a/deployments`. */
function inNamespace(path: string, namespace: string): string {
  const cut = path.lastIndexOf('/');
  return `${path.slice(0, cut)}/namespaces/${encodeURIComponent(namespace)}${path.slice(cut)}`;
}

interface Fallback {
  path: string;
  query: ListQuery;
  project: (item: Raw) => unknown;
  into: unknown[];
  error: unknown;
}

export interface FleetReadOptions {
  /** The context's namespace in the kubeconfig: seen by the user even when nothing lists it. */
  namespace?: string | null;
  signal?: AbortSignal;
}

/** Reads one context; throws only what makes the whole context unreadable. */
export async function readFleet(api: KubeApi, options: FleetReadOptions = {}): Promise<FleetRead> {
  const { signal } = options;
  const read: FleetRead = { secrets: [], accounts: [], workloads: [], nodes: [], engineSecrets: [], refused: [], byNamespace: new Map(), lists: 0 };
  const fallbacks: Fallback[] = [];
  async function each<R>(path: string, query: ListQuery, project: (item: Raw) => R): Promise<R[]> {
    read.lists += 1;
    try {
      return await api.listProjected<Raw, R>(path, query, project, signal);
    } catch (error) {
      if (!isStatus(error, 403) && !isStatus(error, 404)) throw error;
      // The two lists of secrets are one kind to the operator: refused once.
      if (!read.refused.some((refusal) => refusal.resource === resourceOf(path) && refusal.namespace === undefined)) read.refused.push({ resource: resourceOf(path), error });
      const later: R[] = [];
      if (isStatus(error, 403) && path !== NODES) fallbacks.push({ path, query, project, into: later, error });
      return later;
    }
  }
  /**
   * ExternalSecrets, in the version ESO serves: none where ESO is not installed, and nothing missed.
   * They only date the tokens ESO writes, so any failure to read them (a refusal, a conversion
   * webhook down) is named, not retried namespace by namespace, and the context's other lists stand.
   */
  async function externalSecrets(): Promise<EngineSecretItem[]> {
    try {
      for (const version of await esoVersions()) {
        read.lists += 1;
        try {
          return await api.listProjected<Raw, EngineSecretItem>(`${ESO_GROUP}/${version}/${EXTERNAL_SECRETS}`, { limit: 500 }, engineSecretOf, signal);
        } catch (error) {
          if (!isStatus(error, 404)) throw error;
        }
      }
      return [];
    } catch (error) {
      if (signal?.aborted || isCancelled(error)) throw error;
      read.refused.push({ resource: EXTERNAL_SECRETS, error });
      return [];
    }
  }
  /** The version to read, from ESO's group document (one request); where discovery is refused, each in turn. */
  async function esoVersions(): Promise<string[]> {
    read.lists += 1;
    try {
      const group = await api.get<{ versions?: { version?: unknown }[] }>(ESO_GROUP, signal);
      const served = new Set((group.versions ?? []).map((entry) => entry.version));
      return ESO_VERSIONS.filter((version) => served.has(version)).slice(0, 1);
    } catch (error) {
      if (isStatus(error, 404)) return [];
      if (isStatus(error, 403)) return ESO_VERSIONS;
      throw error;
    }
  }
  const pod = (item: Raw): WorkloadItem => ({ ...metaOf(item), kind: 'Pod', template: templateOf(record(item.spec)), imageIds: imageIdsOf(record(item.status)) });
  const node = (item: Raw): NodeItem => {
    const labels = strings(record(item.metadata).labels);
    const info = record(record(item.status).nodeInfo);
    return { name: metaOf(item).name, labels, architecture: nodePlatform(labels[OS_LABEL] ?? text(info.operatingSystem), labels[ARCH_LABEL] ?? text(info.architecture)) };
  };
  // All kinds at once: each is one paged list, and the wall time is the slowest of them, not their sum.
  const [secrets, helmReleases, accounts, nodes, engineSecrets, pods, ...controllers] = await Promise.all([
    each(SECRETS, { limit: 500, fieldSelector: `type!=${HELM_RELEASE}` }, secretOf),
    each(SECRETS, { limit: 500, fieldSelector: `type=${HELM_RELEASE}`, metadataOnly: true }, helmReleaseOf),
    each('/api/v1/serviceaccounts', { limit: 5_000 }, (item) => ({ ...metaOf(item), pullSecrets: list(item.imagePullSecrets).map((reference) => text(reference.name)).filter(Boolean) })),
    each(NODES, { limit: LARGE_OBJECTS_PAGE_SIZE }, node),
    externalSecrets(),
    each('/api/v1/pods', { limit: LARGE_OBJECTS_PAGE_SIZE }, pod),
    ...CONTROLLERS.map(([kind, path, templatePath]) =>
      each(path, { limit: LARGE_OBJECTS_PAGE_SIZE }, (item): WorkloadItem => ({ ...metaOf(item), kind, template: templateOf(templateAt(item, templatePath)), imageIds: new Map() })),
    ),
  ]);
  for (const release of helmReleases) secrets.push(release);
  if (fallbacks.length > 0) {
    const seen = [secrets, accounts, pods, ...controllers].flatMap((items) => items.map((item) => item.namespace));
    await readByNamespace(fallbacks, await visibleNamespaces(seen));
  }
  linkEngines(secrets, engineSecrets, read.refused.some((refusal) => refusal.resource === EXTERNAL_SECRETS));
  Object.assign(read, { secrets, accounts, nodes, engineSecrets, workloads: [...pods, ...controllers.flat()] });
  read.refused.sort((a, b) => a.resource.localeCompare(b.resource) || (a.namespace ?? '').localeCompare(b.namespace ?? ''));
  return read;

  /** The namespace list where the user may read it, the namespaces other lists showed, and the kubeconfig's own. */
  async function visibleNamespaces(seen: string[]): Promise<string[]> {
    const names = new Set(seen);
    if (options.namespace) names.add(options.namespace);
    read.lists += 1;
    try {
      for (const name of await api.listProjected<Raw, string>('/api/v1/namespaces', {}, (item) => metaOf(item).name || undefined, signal)) names.add(name);
    } catch (error) {
      if (signal?.aborted || isCancelled(error)) throw error;
      // Namespace-scoped RBAC seldom grants the list of namespaces: what else showed them stands.
      // Any other failure of it is named, and the namespaces known otherwise are still read.
      if (!isStatus(error, 403)) read.refused.push({ resource: 'namespaces', error });
    }
    return [...names].filter(Boolean).sort();
  }

  async function readByNamespace(pending: Fallback[], namespaces: string[]): Promise<void> {
    if (namespaces.length === 0) return;
    const tried = namespaces.slice(0, MAX_FALLBACK_NAMESPACES);
    const work = pending.flatMap((fallback) => tried.map((namespace) => ({ fallback, namespace })));
    for (const { path } of pending) if (!read.byNamespace.has(resourceOf(path))) read.byNamespace.set(resourceOf(path), new Set());
    await runPool(work, FALLBACK_CONCURRENCY, async ({ fallback, namespace }) => {
      const resource = resourceOf(fallback.path);
      read.lists += 1;
      try {
        const items = await api.listProjected<Raw, unknown>(inNamespace(fallback.path, namespace), fallback.query, fallback.project, signal);
        for (const item of items) fallback.into.push(item);
        read.byNamespace.get(resource)!.add(namespace);
      } catch (error) {
        // One namespace's failure, whatever it is, names that namespace (once per kind); the others go on.
        if (signal?.aborted || isCancelled(error)) throw error;
        if (!read.refused.some((refusal) => refusal.resource === resource && refusal.namespace === namespace)) read.refused.push({ resource, namespace, error });
      }
    }, signal);
    if (signal?.aborted) return;
    const resources = new Set(pending.map(({ path }) => resourceOf(path)));
    // A kind read by two lists (secrets) is read in a namespace only where neither was refused.
    for (const refusal of read.refused) if (refusal.namespace !== undefined && resources.has(refusal.resource)) read.byNamespace.get(refusal.resource)?.delete(refusal.namespace);
    const untried = namespaces.length - tried.length;
    if (untried > 0) for (const resource of resources) read.refused.push({ resource, error: new NamespacesNotTried(untried, MAX_FALLBACK_NAMESPACES) });
  }
}
