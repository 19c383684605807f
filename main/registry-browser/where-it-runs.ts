// "Where it runs": the containers of the kubeconfig's contexts that run a repository or what a tag
// names, matched by the digest the runtime reports, not only by the tag the pod wrote — a pod
// started from `:1` before `:1` moved still runs the old digest, and is said to.
import type { ContextContainers, RunningContainer } from '../../shared/radar-contract';
import type { RunningPod, RunState } from '../../shared/registry-browser-contract';
import { headManifest, readManifest } from '../registry-http/manifest-read';
import { isIndexType } from './image-detail';
import type { BrowseCall } from './registry-session';

export interface RunTarget {
  /** `host/repository` as a pull names it (`docker.io/library/nginx`). */
  name: string;
  /** A tag or digest; absent: the whole repository. */
  reference?: string;
  /** What the reference names now: the manifest's digest, and an index's platform digests. */
  digests: ReadonlySet<string>;
}

/** An index lists a handful of platforms; a hostile one is cut here. */
const MAX_PLATFORM_DIGESTS = 64;

/** The digests a reference names now: empty when the tag is gone. */
export async function currentDigests(call: BrowseCall, repository: string, reference: string): Promise<{ digest: string | null; digests: Set<string> }> {
  const read = await readManifest(call.reader, call.endpoint, repository, reference);
  if (read.outcome !== 'found') return { digest: null, digests: new Set() };
  const listed = (read.document as { manifests?: unknown } | null)?.manifests;
  const children = (Array.isArray(listed) ? listed : [])
    .map((entry) => (entry as { digest?: unknown } | null)?.digest)
    .filter((digest): digest is string => typeof digest === 'string')
    .slice(0, MAX_PLATFORM_DIGESTS);
  return { digest: read.digest, digests: new Set([read.digest, ...children]) };
}

/**
 * The same for Docker Hub, which counts a manifest GET as a pull: a HEAD gives an image's digest,
 * and an index's platforms come from what this session already read; only an index not read yet
 * is GET (one pull), since a pod may run one of its platforms by digest.
 */
export async function hubCurrentDigests(call: BrowseCall, repository: string, reference: string, platformsOf: (digest: string) => string[] | undefined): Promise<{ digest: string | null; digests: Set<string> }> {
  const head = await headManifest(call.reader, call.endpoint, repository, reference);
  if (head.outcome !== 'found') return { digest: null, digests: new Set() };
  const known = isIndexType(head.mediaType) ? platformsOf(head.digest) : [];
  if (!known) return currentDigests(call, repository, reference);
  return { digest: head.digest, digests: new Set([head.digest, ...known]) };
}

function stateOf(container: RunningContainer, target: RunTarget): RunState | null {
  const { reference } = target;
  if (reference === undefined) return 'in-repository';
  if (container.runningDigest !== null && target.digests.has(container.runningDigest)) return 'runs-it';
  const namesIt = container.name === target.name && (container.tag === reference || container.pinned === reference);
  if (!namesIt) return null;
  return container.runningDigest === null ? 'not-started' : 'tag-moved';
}

/** The containers that run the target, context by context, in the order the contexts were read. */
export function matchRuns(contexts: ContextContainers[], target: RunTarget): RunningPod[] {
  return contexts.flatMap(({ context, containers }) =>
    containers.flatMap((container) => {
      if (container.name !== target.name && container.runningName !== target.name) return [];
      const state = stateOf(container, target);
      if (state === null) return [];
      const { namespace, pod, image, runningDigest } = container;
      return [{ context, namespace, pod, container: container.container, image, runningDigest, state }];
    }),
  );
}
