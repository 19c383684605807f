// "Where does this image run": every pod's containers in each context, with the digest the runtime
// reports in `status.containerStatuses[].imageID`. One paged pod list per context, each pod
// projected to its images as it arrives, so a large cluster costs its image names, not its pods.
import type { ContextContainers, RunningContainer } from '../../shared/radar-contract';
import { AppFailure } from '../app-errors/app-failure';
import { LARGE_OBJECTS_PAGE_SIZE, type KubeApi } from '../kube/kube-api';
import { clusterFailure } from '../kube/kube-errors';
import { runPool } from '../kube/work-pool';
import { parseImageReference } from '../pull-secrets/image-reference';

export interface RunningImagesDependencies {
  contexts: () => Promise<string[]>;
  api: (context: string) => Promise<KubeApi>;
  /** Contexts read at once. */
  contextConcurrency: number;
}

type Raw = Record<string, unknown>;
const record = (value: unknown): Raw => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Raw) : {});
const list = (value: unknown): Raw[] => (Array.isArray(value) ? value.map(record) : []);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');

const REPO_DIGEST = /^sha256:[a-f0-9]{64}$/;
const RUNTIME_SCHEMES = ['docker-pullable://', 'docker://'];

/**
 * `host/repo@sha256:…` as containerd and CRI-O report it (Docker's `docker-pullable://` before it).
 * A bare `sha256:…` is the runtime's image ID (the config's digest), never a manifest's: no digest then.
 */
export function runningOf(imageId: string): { name: string | null; digest: string | null } {
  const scheme = RUNTIME_SCHEMES.find((prefix) => imageId.startsWith(prefix));
  const id = scheme ? imageId.slice(scheme.length) : imageId;
  const at = id.lastIndexOf('@');
  if (at <= 0 || !REPO_DIGEST.test(id.slice(at + 1))) return { name: null, digest: null };
  const parsed = parseImageReference(id.slice(0, at));
  return { name: parsed.ok ? parsed.image.name : null, digest: id.slice(at + 1) };
}

const STATUS_FIELDS = ['initContainerStatuses', 'containerStatuses', 'ephemeralContainerStatuses'];
const SPEC_FIELDS = ['initContainers', 'containers', 'ephemeralContainers'];

/** One pod's containers, each with what its spec names and what its runtime reports. */
export function podContainers(item: Raw): RunningContainer[] {
  const meta = record(item.metadata);
  const status = record(item.status);
  const imageIds = new Map<string, string>();
  for (const field of STATUS_FIELDS) for (const entry of list(status[field])) imageIds.set(text(entry.name), text(entry.imageID));
  return SPEC_FIELDS.flatMap((field) => list(record(item.spec)[field])).map((container) => {
    const name = text(container.name);
    const image = text(container.image);
    const parsed = parseImageReference(image);
    const running = runningOf(imageIds.get(name) ?? '');
    return {
      namespace: text(meta.namespace),
      pod: text(meta.name),
      container: name,
      image,
      name: parsed.ok ? parsed.image.name : null,
      tag: parsed.ok ? (parsed.image.tag ?? (parsed.image.digest ? null : 'latest')) : null,
      pinned: parsed.ok ? (parsed.image.digest ?? null) : null,
      runningName: running.name,
      runningDigest: running.digest,
    };
  });
}

/** Every context's running containers; a context that cannot be read says why and the others go on. */
export function createRunningImages(deps: RunningImagesDependencies) {
  async function readContext(context: string, signal?: AbortSignal): Promise<ContextContainers> {
    try {
      const api = await deps.api(context);
      const pods = await api.listProjected<Raw, RunningContainer[]>('/api/v1/pods', { limit: LARGE_OBJECTS_PAGE_SIZE }, podContainers, signal);
      return { context, containers: pods.flat(), error: null };
    } catch (error) {
      if (signal?.aborted) throw new AppFailure('access.cancelled');
      return { context, containers: [], error: clusterFailure(error, { context }).appError };
    }
  }

  return async function runningImages(signal?: AbortSignal): Promise<ContextContainers[]> {
    const contexts = await deps.contexts();
    const results = new Map<string, ContextContainers>();
    await runPool(contexts, deps.contextConcurrency, async (context) => void results.set(context, await readContext(context, signal)), signal);
    if (signal?.aborted) throw new AppFailure('access.cancelled');
    return contexts.map((context) => results.get(context)!);
  };
}
