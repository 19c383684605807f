import { PULL_WAITING_REASONS, type FailingContainer } from '../../shared/pull-doctor-contract';
import { LARGE_OBJECTS_PAGE_SIZE, type KubeApi, type KubeObject } from '../kube/kube-api';

interface ContainerSpec {
  name: string;
  image?: string;
  imagePullPolicy?: string;
}
interface ContainerStatus {
  name: string;
  state?: { waiting?: { reason?: string; message?: string } };
}

export interface PodObject extends KubeObject {
  metadata: KubeObject['metadata'] & { uid?: string; creationTimestamp?: unknown; ownerReferences?: { kind: string; name: string; controller?: boolean }[] };
  spec?: {
    containers?: ContainerSpec[];
    initContainers?: ContainerSpec[];
    ephemeralContainers?: ContainerSpec[];
    imagePullSecrets?: { name?: string }[];
    serviceAccountName?: string;
    nodeName?: string;
  };
  status?: {
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
    ephemeralContainerStatuses?: ContainerStatus[];
  };
}

/** A container that cannot get its image, with what the diagnosis groups it by. */
export interface PullFailure {
  namespace: string;
  image: string;
  pullSecrets: string[];
  serviceAccount: string;
  container: FailingContainer;
}

const REASONS: ReadonlySet<string> = new Set(PULL_WAITING_REASONS);
const KINDS = [
  ['init', 'initContainers', 'initContainerStatuses'],
  ['regular', 'containers', 'containerStatuses'],
  ['ephemeral', 'ephemeralContainers', 'ephemeralContainerStatuses'],
] as const;

/** A time from the cluster as ISO text, or null: whatever the server sent, never more than a date. */
function timestampOf(value: unknown): string | null {
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** Every container (init, regular, ephemeral) of the pod waiting for an image it could not get. */
export function pullFailuresOf(pod: PodObject): PullFailure[] {
  const owner = pod.metadata.ownerReferences?.find((reference) => reference.controller) ?? pod.metadata.ownerReferences?.[0];
  const pullSecrets = (pod.spec?.imagePullSecrets ?? []).flatMap((reference) => (reference.name ? [reference.name] : []));
  return KINDS.flatMap(([kind, specs, statuses]) =>
    (pod.status?.[statuses] ?? []).flatMap((status): PullFailure[] => {
      const reason = status.state?.waiting?.reason ?? '';
      const spec = (pod.spec?.[specs] ?? []).find((container) => container.name === status.name);
      if (!REASONS.has(reason) || !spec?.image) return [];
      return [{
        namespace: pod.metadata.namespace ?? '',
        image: spec.image,
        pullSecrets,
        serviceAccount: pod.spec?.serviceAccountName ?? 'default',
        container: {
          pod: pod.metadata.name,
          uid: pod.metadata.uid ?? '',
          container: status.name,
          kind,
          reason: reason as FailingContainer['reason'],
          message: status.state?.waiting?.message ?? '',
          node: pod.spec?.nodeName ?? null,
          pullPolicy: spec.imagePullPolicy ?? '',
          owner: owner ? { kind: owner.kind, name: owner.name } : null,
          createdAt: timestampOf(pod.metadata.creationTimestamp),
        },
      }];
    }),
  );
}

/**
 * The pods of a context that cannot pull: one paged cluster-wide list whatever the number of
 * namespaces (filtered here), not a request per namespace. Each pod is reduced to its failures
 * as it is read, so 100,000 healthy pods cost no more memory than one page.
 */
export async function listPullFailures(api: KubeApi, namespaces: ReadonlySet<string> | null, signal?: AbortSignal): Promise<{ scanned: number; failures: PullFailure[] }> {
  const inScope = (pod: PodObject) => !namespaces || namespaces.has(pod.metadata.namespace ?? '');
  // Finished pods pull nothing more.
  const perPod = await api.listProjected<PodObject, PullFailure[]>(
    '/api/v1/pods',
    { fieldSelector: 'status.phase!=Succeeded,status.phase!=Failed', limit: LARGE_OBJECTS_PAGE_SIZE },
    (pod) => (inScope(pod) ? pullFailuresOf(pod) : undefined),
    signal,
  );
  return { scanned: perPod.length, failures: perPod.flat() };
}
