import { AppFailure } from '../app-errors/app-failure';
import type { PullAllowance } from '../../shared/registry-browser-contract';
import { MANIFEST_ACCEPT } from './manifest-check';
import { pullAllowanceOf } from './pull-limit';
import type { RegistryReader } from './registry-reader';
import { contentDigest as sha256, pullScope as scopeOf } from './image-config';

/** distribution refuses to store a manifest over 4 MiB; no registry should send a bigger one. */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
/** What a read accepts: the four a pull accepts, then anything (an artifact's own type is shown as is). */
const ACCEPT_ANY = `${MANIFEST_ACCEPT}, */*;q=0.1`;

export type ManifestRead =
  | { outcome: 'found'; digest: string; mediaType: string; size: number; document: unknown }
  | { outcome: 'refused'; status: number }
  | { outcome: 'missing'; status: number };


/**
 * `GET /v2/<name>/manifests/<reference>`: the bytes are hashed here, so the digest shown is the
 * one a pull by digest verifies, whatever the registry's `Docker-Content-Digest` claims.
 */
export async function readManifest(reader: RegistryReader, endpoint: URL, repository: string, reference: string): Promise<ManifestRead> {
  const url = new URL(`${repository}/manifests/${reference}`, endpoint);
  const answer = await reader.read({ url, scope: scopeOf(repository), accept: ACCEPT_ANY, maxBody: MAX_MANIFEST_BYTES });
  if (answer.status === 401 || answer.status === 403) return { outcome: 'refused', status: answer.status };
  if (answer.status === 404) return { outcome: 'missing', status: 404 };
  if (answer.status !== 200) throw new AppFailure('browse.status', { url: url.pathname, status: answer.status });
  const digest = sha256(answer.body);
  const claimed = answer.headers.get('docker-content-digest');
  const expected = reference.startsWith('sha256:') ? reference : claimed?.startsWith('sha256:') ? claimed : digest;
  if (expected !== digest) throw new AppFailure('browse.digestMismatch', { url: url.pathname, expected, actual: digest });
  let document: unknown;
  try {
    document = JSON.parse(answer.body);
  } catch {
    throw new AppFailure('browse.badAnswer', { url: url.pathname });
  }
  const mediaType = answer.headers.get('content-type')?.split(';')[0]?.trim() || mediaTypeField(document);
  return { outcome: 'found', digest, mediaType, size: Buffer.byteLength(answer.body, 'utf8'), document };
}

function mediaTypeField(document: unknown): string {
  const value = (document as { mediaType?: unknown } | null)?.mediaType;
  return typeof value === 'string' ? value : 'unknown';
}

export type ManifestHead =
  | { outcome: 'found'; digest: string; mediaType: string; size: number; allowance: PullAllowance }
  | { outcome: 'refused'; status: number }
  | { outcome: 'missing'; status: number };

/**
 * `HEAD /v2/<name>/manifests/<reference>`: what a manifest is without its bytes, and the pull
 * allowance its headers report. Docker Hub counts a manifest GET as a pull and a HEAD as none, so
 * this is how the Hub is looked at. The digest is the registry's claim (there are no bytes to hash);
 * a pull by it still verifies it.
 */
export async function headManifest(reader: RegistryReader, endpoint: URL, repository: string, reference: string): Promise<ManifestHead> {
  const url = new URL(`${repository}/manifests/${reference}`, endpoint);
  const answer = await reader.read({ url, scope: scopeOf(repository), method: 'HEAD', accept: ACCEPT_ANY, maxBody: 0 });
  if (answer.status === 401 || answer.status === 403) return { outcome: 'refused', status: answer.status };
  if (answer.status === 404) return { outcome: 'missing', status: 404 };
  if (answer.status !== 200) throw new AppFailure('browse.status', { url: url.pathname, status: answer.status });
  const digest = answer.headers.get('docker-content-digest') ?? '';
  if (!/^sha256:[a-f0-9]{64}$/.test(digest)) throw new AppFailure('browse.badAnswer', { url: url.pathname });
  if (reference.startsWith('sha256:') && reference !== digest) throw new AppFailure('browse.digestMismatch', { url: url.pathname, expected: reference, actual: digest });
  const length = Number(answer.headers.get('content-length'));
  return {
    outcome: 'found',
    digest,
    mediaType: answer.headers.get('content-type')?.split(';')[0]?.trim() || 'unknown',
    size: Number.isSafeInteger(length) && length >= 0 && length <= MAX_MANIFEST_BYTES ? length : 0,
    allowance: pullAllowanceOf(answer),
  };
}

/** Whether a tag exists, by HEAD (which Docker Hub does not count as a pull). */
export async function tagExists(reader: RegistryReader, endpoint: URL, repository: string, tag: string): Promise<boolean> {
  const url = new URL(`${repository}/manifests/${tag}`, endpoint);
  const answer = await reader.read({ url, scope: scopeOf(repository), method: 'HEAD', accept: ACCEPT_ANY, maxBody: 0 });
  return answer.status === 200;
}

/** An index of referrers is one descriptor per artifact; a hostile one is cut here, not read whole. */
const MAX_REFERRERS_BYTES = 4 * 1024 * 1024;

export type ReferrersRead =
  | { outcome: 'listed'; artifactTypes: string[] }
  /** 404: the registry has no referrers API (the OCI spec forbids a 404 from one that has it). */
  | { outcome: 'unsupported' }
  | { outcome: 'refused'; status: number };

/**
 * `GET /v2/<name>/referrers/<digest>` (OCI distribution spec 1.1): an image index of the manifests
 * whose `subject` is the digest, each with its `artifactType` (or its config's media type).
 */
export async function readReferrers(reader: RegistryReader, endpoint: URL, repository: string, digest: string): Promise<ReferrersRead> {
  const url = new URL(`${repository}/referrers/${digest}`, endpoint);
  const answer = await reader.read({ url, scope: scopeOf(repository), accept: 'application/vnd.oci.image.index.v1+json', maxBody: MAX_REFERRERS_BYTES });
  if (answer.status === 404) return { outcome: 'unsupported' };
  if (answer.status === 401 || answer.status === 403) return { outcome: 'refused', status: answer.status };
  if (answer.status !== 200) throw new AppFailure('browse.status', { url: url.pathname, status: answer.status });
  let manifests: unknown;
  try {
    manifests = (JSON.parse(answer.body) as { manifests?: unknown }).manifests;
  } catch {
    throw new AppFailure('browse.badAnswer', { url: url.pathname });
  }
  if (!Array.isArray(manifests)) throw new AppFailure('browse.badAnswer', { url: url.pathname });
  const artifactTypes = manifests.flatMap((entry: { artifactType?: unknown } | null) => (typeof entry?.artifactType === 'string' ? [entry.artifactType] : []));
  return { outcome: 'listed', artifactTypes };
}
