import type { PodEvent } from '../../shared/pull-doctor-contract';
import { LARGE_OBJECTS_PAGE_SIZE, type KubeApi } from '../kube/kube-api';
import { isStatus } from '../kube/kube-errors';
import { concurrencyLimit } from '../kube/work-pool';
import { selectorForRegistry, type SecretObject } from '../pull-secrets/pull-secret';
import type { ServiceAccountObject } from '../pull-secrets/service-account-references';

/** A read the context's user may be refused; the diagnosis then says "unknown" instead of failing. */
export type Read<T> = { state: 'found'; value: T } | { state: 'missing' } | { state: 'forbidden' };

interface EventObject {
  involvedObject?: { name?: string };
  reason?: string;
  type?: string;
  message?: string;
  count?: number;
  lastTimestamp?: string;
  eventTime?: string;
}
interface NodeObject {
  metadata: { name: string };
  status?: { nodeInfo?: { operatingSystem?: string; architecture?: string } };
}

const path = (...parts: string[]) => parts.map(encodeURIComponent).join('/');

async function readOrRefusal<T>(work: () => Promise<T>): Promise<Read<T>> {
  try {
    return { state: 'found', value: await work() };
  } catch (error) {
    if (isStatus(error, 404)) return { state: 'missing' };
    if (isStatus(error, 403)) return { state: 'forbidden' };
    throw error;
  }
}

/** Each object is read once per run, however many pods need it. */
function memo<T>(load: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (key) => {
    let value = cache.get(key);
    if (!value) {
      value = load(key);
      cache.set(key, value);
    }
    return value;
  };
}

/** What the diagnosis reads from one context, each object once. */
export function clusterReads(api: KubeApi, concurrency: number, signal?: AbortSignal) {
  const limit = concurrencyLimit(concurrency);
  const read = <T>(work: () => Promise<T>) => limit(() => readOrRefusal(work));
  const secret = memo((key) => {
    const [namespace = '', name = ''] = JSON.parse(key) as string[];
    return read(() => api.get<SecretObject>(`/api/v1/namespaces/${path(namespace)}/secrets/${path(name)}`, signal));
  });
  const serviceAccount = memo((key) => {
    const [namespace = '', name = ''] = JSON.parse(key) as string[];
    return read(() => api.get<ServiceAccountObject>(`/api/v1/namespaces/${path(namespace)}/serviceaccounts/${path(name)}`, signal));
  });
  const registrySecrets = memo((key) => {
    const [namespace = '', registryId = ''] = JSON.parse(key) as string[];
    return read(() => api.list<SecretObject>(`/api/v1/namespaces/${path(namespace)}/secrets`, { labelSelector: selectorForRegistry(registryId) }, signal));
  });
  let platforms: Promise<Read<Map<string, string>>> | undefined;
  return {
    context: api.context,
    secret: (namespace: string, name: string) => secret(JSON.stringify([namespace, name])),
    serviceAccount: (namespace: string, name: string) => serviceAccount(JSON.stringify([namespace, name])),
    /** The app's pull secrets of a registry in a namespace. */
    registrySecrets: (namespace: string, registryId: string) => registrySecrets(JSON.stringify([namespace, registryId])),
    /** node name → `os/architecture`, from one list. */
    nodePlatforms(): Promise<Read<Map<string, string>>> {
      platforms ??= read(async () => {
        const platform = (node: NodeObject): [string, string] => [node.metadata.name, `${node.status?.nodeInfo?.operatingSystem ?? 'linux'}/${node.status?.nodeInfo?.architecture ?? 'unknown'}`];
        return new Map(await api.listProjected('/api/v1/nodes', { limit: LARGE_OBJECTS_PAGE_SIZE }, platform, signal));
      });
      return platforms;
    },
    /** The kubelet's events about one pod: a field selector on its name and uid. */
    podEvents(namespace: string, pod: string, uid: string): Promise<Read<PodEvent[]>> {
      const fieldSelector = `involvedObject.name=${pod},involvedObject.uid=${uid}`;
      return read(async () => {
        const podEvent = (event: EventObject): PodEvent => ({
          pod,
          reason: event.reason ?? '',
          type: event.type ?? '',
          message: event.message ?? '',
          count: event.count ?? 1,
          lastSeen: event.lastTimestamp ?? event.eventTime ?? null,
        });
        return api.listProjected(`/api/v1/namespaces/${path(namespace)}/events`, { fieldSelector }, podEvent, signal);
      });
    },
    /** May the user patch this ServiceAccount (SelfSubjectAccessReview)? */
    mayPatchAccount: (namespace: string) => limit(() => api.allowed({ verb: 'patch', resource: 'serviceaccounts', namespace }, signal)),
  };
}
export type ClusterReads = ReturnType<typeof clusterReads>;
