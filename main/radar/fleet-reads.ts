// What the radar reads from one context: one paged list per kind across all namespaces, each item
// projected as it arrives to the few fields the radar uses, so 20,000 pods cost their images and
// names, not their full objects. A kind the user may not list (403) or the server does not serve
// (404) is named and the rest is read; anything else fails the context.
import { LARGE_OBJECTS_PAGE_SIZE, type KubeApi } from '../kube/kube-api';
import { isStatus } from '../kube/kube-errors';
import { DOCKER_CFG, DOCKER_CFG_KEY } from '../pull-secrets/kubelet-keyring';
import { DOCKER_CONFIG_JSON, DOCKER_CONFIG_KEY } from '../pull-secrets/pull-secret';

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
  /** `kubernetes.io/arch` from nodeSelector or a simple required node affinity; null: any node. */
  architectures: string[] | null;
  containers: ContainerSpec[];
}

export interface SecretItem extends Meta {
  type: string;
  /** Only a pull secret's own data key is kept. */
  data: Record<string, string>;
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
export interface NodeItem {
  name: string;
  architecture: string;
}

export interface FleetRead {
  secrets: SecretItem[];
  accounts: AccountItem[];
  workloads: WorkloadItem[];
  nodes: NodeItem[];
  refused: { resource: string; error: unknown }[];
  lists: number;
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

const ARCH_LABEL = 'kubernetes.io/arch';

/** The architectures a pod can land on, where the spec says so simply (nodeSelector, or one In term of required affinity). */
function architecturesOf(spec: Raw): string[] | null {
  const selected = strings(spec.nodeSelector)[ARCH_LABEL];
  if (selected) return [selected];
  const terms = list(record(record(record(spec.affinity).nodeAffinity).requiredDuringSchedulingIgnoredDuringExecution).nodeSelectorTerms);
  const expressions = terms.length === 1 ? list(terms[0]!.matchExpressions).filter((expression) => expression.key === ARCH_LABEL) : [];
  const only = expressions.length === 1 ? expressions[0]! : null;
  if (only?.operator === 'In' && Array.isArray(only.values)) return only.values.filter((value): value is string => typeof value === 'string');
  return null;
}

const CONTAINER_LISTS = [['initContainers', 'init'], ['containers', 'regular'], ['ephemeralContainers', 'ephemeral']] as const;

function templateOf(spec: Raw): TemplateSpec {
  const secrets = list(spec.imagePullSecrets).map((reference) => text(reference.name)).filter((secretName) => secretName !== '');
  return {
    serviceAccount: text(spec.serviceAccountName) || text(spec.serviceAccount) || 'default',
    pullSecrets: secrets.length > 0 ? secrets : null,
    nodeName: text(spec.nodeName) || null,
    architectures: architecturesOf(spec),
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

function secretOf(item: Raw): SecretItem {
  const type = text(item.type);
  const key = Object.hasOwn(PULL_KEYS, type) ? PULL_KEYS[type]! : null;
  const value = key ? strings(item.data)[key] : undefined;
  return { ...metaOf(item), type, data: key && value !== undefined ? { [key]: value } : {} };
}

const CONTROLLERS = [
  ['Deployment', '/apis/apps/v1/deployments', ['spec', 'template']],
  ['StatefulSet', '/apis/apps/v1/statefulsets', ['spec', 'template']],
  ['DaemonSet', '/apis/apps/v1/daemonsets', ['spec', 'template']],
  ['ReplicaSet', '/apis/apps/v1/replicasets', ['spec', 'template']],
  ['Job', '/apis/batch/v1/jobs', ['spec', 'template']],
  ['CronJob', '/apis/batch/v1/cronjobs', ['spec', 'jobTemplate', 'spec', 'template']],
] as const;

const templateAt = (item: Raw, path: readonly string[]): Raw => record(record(path.reduce<unknown>((value, key) => record(value)[key], item)).spec);

/** Reads one context; throws only what makes the whole context unreadable. */
export async function readFleet(api: KubeApi, signal?: AbortSignal): Promise<FleetRead> {
  const read: FleetRead = { secrets: [], accounts: [], workloads: [], nodes: [], refused: [], lists: 0 };
  async function each<R>(path: string, limit: number, project: (item: Raw) => R): Promise<R[]> {
    read.lists += 1;
    try {
      return await api.listProjected<Raw, R>(path, { limit }, project, signal);
    } catch (error) {
      if (!isStatus(error, 403) && !isStatus(error, 404)) throw error;
      read.refused.push({ resource: path.split('/').pop() ?? path, error });
      return [];
    }
  }
  const pod = (item: Raw): WorkloadItem => ({ ...metaOf(item), kind: 'Pod', template: templateOf(record(item.spec)), imageIds: imageIdsOf(record(item.status)) });
  const node = (item: Raw): NodeItem => ({ name: metaOf(item).name, architecture: strings(record(item.metadata).labels)[ARCH_LABEL] ?? text(record(record(item.status).nodeInfo).architecture) });
  // Sequential: a context's lists are few and large; parallel contexts keep the fleet fast.
  read.secrets = await each('/api/v1/secrets', 500, secretOf);
  read.accounts = await each('/api/v1/serviceaccounts', 5_000, (item) => ({ ...metaOf(item), pullSecrets: list(item.imagePullSecrets).map((reference) => text(reference.name)).filter(Boolean) }));
  read.nodes = await each('/api/v1/nodes', LARGE_OBJECTS_PAGE_SIZE, node);
  read.workloads = await each('/api/v1/pods', LARGE_OBJECTS_PAGE_SIZE, pod);
  for (const [kind, path, templatePath] of CONTROLLERS) {
    const workload = (item: Raw): WorkloadItem => ({ ...metaOf(item), kind, template: templateOf(templateAt(item, templatePath)), imageIds: new Map() });
    read.workloads.push(...(await each(path, LARGE_OBJECTS_PAGE_SIZE, workload)));
  }
  return read;
}
