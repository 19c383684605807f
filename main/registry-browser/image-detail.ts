import type { ImageDetail, PlatformImage, PullAllowance } from '../../shared/registry-browser-contract';
import { AppFailure } from '../app-errors/app-failure';
import { platformName, readConfig } from '../registry-http/image-config';
import { headManifest, readManifest, readReferrers, tagExists } from '../registry-http/manifest-read';
import { pullAllowanceOf } from '../registry-http/pull-limit';
import { MAX_IN_FLIGHT_PER_REGISTRY, type BrowseCall } from './registry-session';

const INDEX_TYPES = new Set(['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json']);
const IMAGE_TYPES = new Set(['application/vnd.oci.image.manifest.v1+json', 'application/vnd.docker.distribution.manifest.v2+json']);
/** An index lists a handful of platforms; a hostile one is cut here, not read whole. */
const MAX_PLATFORMS = 64;
const MAX_ANNOTATIONS = 64;
/** Referrers that sign the image: cosign's OCI 1.1 signatures, Notary v2 (notation) signatures. */
const SIGNATURE_TYPES = new Set(['application/vnd.dev.cosign.artifact.sig.v1+json', 'application/vnd.cncf.notary.signature']);
/** Referrers that attest to it: cosign's OCI 1.1 attestations, in-toto statements attached with oras. */
const ATTESTATION_TYPES = new Set(['application/vnd.dev.cosign.artifact.att.v1+json', 'application/vnd.in-toto+json']);

interface Descriptor {
  mediaType?: unknown;
  digest?: unknown;
  size?: unknown;
  platform?: { os?: unknown; architecture?: unknown; variant?: unknown };
}

/** Platform images by digest: a manifest by digest never changes, so the session keeps them. */
export interface PlatformCache {
  get(digest: string): PlatformImage | undefined;
  set(digest: string, image: PlatformImage): void;
}

const sizeOf = (descriptor: Descriptor | undefined) => (typeof descriptor?.size === 'number' && descriptor.size >= 0 ? descriptor.size : 0);

function annotationsOf(document: unknown): Record<string, string> {
  const annotations = (document as { annotations?: unknown } | null)?.annotations;
  if (typeof annotations !== 'object' || annotations === null) return {};
  const strings = Object.entries(annotations).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return Object.fromEntries(strings.slice(0, MAX_ANNOTATIONS));
}

/** One image manifest: its compressed size (config + layers), and platform and creation time from its config. */
async function platformImage(call: BrowseCall, repository: string, digest: string, mediaType: string, document: unknown, declared: string | null): Promise<PlatformImage> {
  const manifest = document as { config?: Descriptor; layers?: Descriptor[] };
  const layers = Array.isArray(manifest.layers) ? manifest.layers : [];
  const size = sizeOf(manifest.config) + layers.reduce((total, layer) => total + sizeOf(layer), 0);
  const configDigest = manifest.config?.digest;
  const config = typeof configDigest === 'string' && /^sha256:[a-f0-9]{64}$/.test(configDigest) ? await readConfig(call.reader, call.endpoint, repository, configDigest) : null;
  const facts = (config ?? {}) as { created?: unknown; os?: unknown; architecture?: unknown; variant?: unknown };
  return { platform: declared ?? platformName(facts), digest, mediaType, size, created: typeof facts.created === 'string' ? facts.created : null };
}

async function indexPlatforms(call: BrowseCall, repository: string, document: unknown, cache: PlatformCache): Promise<{ platforms: PlatformImage[]; unread: number }> {
  const listed = (document as { manifests?: unknown } | null)?.manifests;
  const descriptors = (Array.isArray(listed) ? (listed as Descriptor[]) : []).filter((entry) => typeof entry.digest === 'string').slice(0, MAX_PLATFORMS);
  const results: PlatformImage[] = new Array<PlatformImage>(descriptors.length);
  let next = 0;
  let unread = 0;
  const worker = async () => {
    for (let at = next++; at < descriptors.length; at = next++) {
      const descriptor = descriptors[at]!;
      const digest = descriptor.digest as string;
      const known = cache.get(digest);
      if (known) {
        results[at] = known;
        continue;
      }
      const child = await childImage(call, repository, digest, platformName(descriptor.platform));
      results[at] = child.image;
      // A child that could not be read (refused, missing) may be readable later: only what was read is kept.
      if (child.read) cache.set(digest, child.image);
      else unread++;
    }
  };
  await Promise.all(Array.from({ length: Math.min(MAX_IN_FLIGHT_PER_REGISTRY, descriptors.length) }, worker));
  return { platforms: results, unread };
}

async function childImage(call: BrowseCall, repository: string, digest: string, declared: string | null): Promise<{ image: PlatformImage; read: boolean }> {
  const child = await readManifest(call.reader, call.endpoint, repository, digest);
  if (child.outcome !== 'found') return { image: { platform: declared, digest, mediaType: 'unknown', size: null, created: null }, read: false };
  if (!IMAGE_TYPES.has(child.mediaType)) return { image: { platform: declared, digest, mediaType: child.mediaType, size: null, created: null }, read: true };
  return { image: await platformImage(call, repository, digest, child.mediaType, child.document, declared), read: true };
}

/**
 * Whether a signature and an attestation are attached: through the OCI referrers API where the
 * registry has one (learnt on first use: a 404 means it has none, so the session stops asking),
 * and cosign's `sha256-<digest>.sig`/`.att` tags for what the referrers did not show — cosign
 * writes those tags by default even where the registry has referrers.
 */
async function attachments(call: BrowseCall, repository: string, digest: string): Promise<{ signature: boolean; attestation: boolean }> {
  let referred: string[] = [];
  if (call.support.referrers !== false) {
    const referrers = await readReferrers(call.reader, call.endpoint, repository, digest);
    if (referrers.outcome === 'unsupported') call.support.referrers = false;
    if (referrers.outcome === 'listed') {
      call.support.referrers = true;
      referred = referrers.artifactTypes;
    }
  }
  const cosignTag = digest.replace(':', '-');
  const byReferrer = (types: Set<string>) => referred.some((type) => types.has(type));
  const byTag = (suffix: string) => tagExists(call.reader, call.endpoint, repository, `${cosignTag}.${suffix}`);
  const [signature, attestation] = await Promise.all([byReferrer(SIGNATURE_TYPES) || byTag('sig'), byReferrer(ATTESTATION_TYPES) || byTag('att')]);
  return { signature, attestation };
}

/** Attachments as shown: "none-found" is what was looked for and not seen, never "unsigned". */
async function attachmentStates(call: BrowseCall, repository: string, digest: string): Promise<Pick<ImageDetail, 'signature' | 'attestation'>> {
  const { signature, attestation } = await attachments(call, repository, digest);
  return { signature: signature ? 'found' : 'none-found', attestation: attestation ? 'found' : 'none-found' };
}

/** Whole image details by manifest digest (what a digest names never changes); the request's own reference is put back on reading. */
export interface DetailCache {
  get(digest: string): Omit<ImageDetail, 'requests'> | undefined;
  set(digest: string, detail: Omit<ImageDetail, 'requests'>): void;
}

/** Whether a manifest of this type is an index (or a Docker manifest list): its platforms are in its body. */
export const isIndexType = (mediaType: string) => INDEX_TYPES.has(mediaType);

const kindOf = (mediaType: string) => (INDEX_TYPES.has(mediaType) ? 'index' : IMAGE_TYPES.has(mediaType) ? 'image' : 'other');

/**
 * The call with its manifest GETs watched: each is a Docker Hub pull, and each answer reports the
 * pulls left after it. The lowest reported is the count after the read's last pull (GETs of an
 * index's platforms run at once, so the last to arrive is not always the last counted).
 */
function watchingPulls(call: BrowseCall): { call: BrowseCall; left: () => PullAllowance | null } {
  let left: PullAllowance | null = null;
  const read: BrowseCall['reader']['read'] = async (request) => {
    const answer = await call.reader.read(request);
    if ((request.method ?? 'GET') === 'GET' && request.url.pathname.includes('/manifests/')) {
      const allowance = pullAllowanceOf(answer);
      if (allowance.state === 'reported' && (left?.state !== 'reported' || allowance.remaining < left.remaining)) left = allowance;
    }
    return answer;
  };
  return { call: { ...call, reader: { ...call.reader, read } }, left: () => left };
}

/**
 * Docker Hub counts every manifest GET as a pull, so a Hub image is first looked at by HEAD alone:
 * digest, media type and the pulls left. Its platforms and annotations (GETs) wait for the operator
 * to ask — unless this session already read that digest, which then costs nothing.
 */
export async function hubImageDetail(
  call: BrowseCall,
  request: { repository: string; reference: string; pullName: string; readManifests: boolean },
  caches: { platforms: PlatformCache; details: DetailCache },
): Promise<Omit<ImageDetail, 'requests'>> {
  const { repository, reference, pullName } = request;
  const head = await headManifest(call.reader, call.endpoint, repository, reference);
  if (head.outcome === 'refused') throw new AppFailure('browse.imageRefused', { repository, status: head.status });
  if (head.outcome === 'missing') throw new AppFailure('browse.imageNotFound', { repository, reference });
  const known = caches.details.get(head.digest);
  // The referrers API and cosign's tags are not manifest GETs of the image: they cost no pull. A
  // signature or attestation can be attached after the digest was read, so they are asked afresh.
  if (known) return { ...known, reference, pullName, ...(await attachmentStates(call, repository, head.digest)), hubPulls: { allowance: head.allowance, manifests: 'cached' } };
  if (request.readManifests) {
    // The pulls left after the read are what its GETs reported; the HEAD's count was before them.
    const watched = watchingPulls(call);
    const { detail, unread } = await readImageDetail(watched.call, request, caches.platforms);
    // A platform that could not be read is not kept under the digest: a later read may see it.
    if (unread === 0) caches.details.set(detail.digest, detail);
    return { ...detail, hubPulls: { allowance: watched.left() ?? { state: 'not-reported', status: 200 }, manifests: 'read' } };
  }
  const { signature, attestation } = await attachmentStates(call, repository, head.digest);
  return {
    repository,
    reference,
    pullName,
    digest: head.digest,
    mediaType: head.mediaType,
    kind: kindOf(head.mediaType),
    manifestSize: head.size,
    platforms: [],
    annotations: {},
    signature,
    attestation,
    hubPulls: { allowance: head.allowance, manifests: 'unread' },
  };
}

/**
 * What a tag or digest names: the digest a pull verifies, the media type, and for an index each
 * platform's digest, size and creation time; whether cosign's signature or attestation tag exists.
 */
export async function imageDetail(call: BrowseCall, request: { repository: string; reference: string; pullName: string }, cache: PlatformCache): Promise<Omit<ImageDetail, 'requests'>> {
  return (await readImageDetail(call, request, cache)).detail;
}

/** The image's details, and how many of an index's platforms could not be read (refused or missing). */
async function readImageDetail(
  call: BrowseCall,
  request: { repository: string; reference: string; pullName: string },
  cache: PlatformCache,
): Promise<{ detail: Omit<ImageDetail, 'requests'>; unread: number }> {
  const { repository, reference } = request;
  const read = await readManifest(call.reader, call.endpoint, repository, reference);
  if (read.outcome === 'refused') throw new AppFailure('browse.imageRefused', { repository, status: read.status });
  if (read.outcome === 'missing') throw new AppFailure('browse.imageNotFound', { repository, reference });
  const kind = kindOf(read.mediaType);
  const { platforms, unread } =
    kind === 'index'
      ? await indexPlatforms(call, repository, read.document, cache)
      : kind === 'image'
        ? { platforms: [cache.get(read.digest) ?? (await platformImage(call, repository, read.digest, read.mediaType, read.document, null))], unread: 0 }
        : { platforms: [], unread: 0 };
  if (kind === 'image') cache.set(read.digest, platforms[0]!);
  const detail: Omit<ImageDetail, 'requests'> = {
    repository,
    reference,
    pullName: request.pullName,
    digest: read.digest,
    mediaType: read.mediaType,
    kind,
    manifestSize: read.size,
    platforms,
    annotations: annotationsOf(read.document),
    ...(await attachmentStates(call, repository, read.digest)),
  };
  return { detail, unread };
}
