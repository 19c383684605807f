import { AppFailure } from '../app-errors/app-failure';
import { basicAuthorization, type BasicCredentials } from './basic-credentials';
import type { HttpAnswer, HttpExchange } from './http-exchange';
import { contentDigest, platformName, pullScope, readConfig } from './image-config';
import { createRegistryReader } from './registry-reader';
import { StepFailure } from './step-failure';
import { tokenKey, type BearerTokens } from './bearer-tokens';
import { fetchBearerGrant, fetchBearerToken, withScope } from './token-service';
import { parseWwwAuthenticate } from './www-authenticate';

/** The manifest types a pull accepts, index and list first (containerd's order). */
export const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');
const INDEX_TYPES = new Set(['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json']);
const IMAGE_TYPES = new Set(['application/vnd.oci.image.manifest.v1+json', 'application/vnd.docker.distribution.manifest.v2+json']);
/** A single image's manifest lists a config and its layers: far below distribution's 4 MiB cap. */
const MAX_IMAGE_MANIFEST_BYTES = 4 * 1024 * 1024;
const SHA256_DIGEST = /^sha256:[a-f0-9]{64}$/;

export interface ManifestCheckRequest {
  /** The registry's `/v2/` address. */
  endpoint: URL;
  repository: string;
  /** Tag or digest. */
  reference: string;
  /** null: an anonymous pull, as kubelet makes when no pull-secret entry matched. */
  credentials: BasicCredentials | null;
  allowPlainHttp: boolean;
  /** Tokens kept between checks (the radar's); absent: each check fetches its own. */
  tokens?: BearerTokens;
  /** An index's platforms already read, by its digest (content never changes): no GET for them. */
  knownPlatforms?: (digest: string) => string[] | undefined;
  /**
   * Also read a single-platform image's platform, which only its config names (a manifest GET and
   * a config blob GET): the caller gets the digest and the read, and runs it once per digest (a
   * digest's content never changes). Absent: a single image has no platforms.
   */
  imagePlatform?: (digest: string, read: () => Promise<string[]>) => Promise<string[]>;
}

export type ManifestState = 'exists' | 'manifest-unknown' | 'name-unknown' | 'denied' | 'unauthorized' | 'rate-limited' | 'unexpected';

export interface ManifestAnswer {
  state: ManifestState;
  status: number;
  digest?: string;
  mediaType?: string;
  /** `os/architecture[/variant]` of each manifest of an index, or of a single image read with `imagePlatform`. */
  platforms?: string[];
  /** The registry's own error code (`MANIFEST_UNKNOWN`, `DENIED`, `TOOMANYREQUESTS`, …). */
  registryCode?: string;
  retryAfter?: string;
  /** 'token' when the token service refused the credentials before the registry was asked. */
  refusedBy?: 'registry' | 'token';
}

function registryCode(answer: HttpAnswer): string | undefined {
  try {
    const errors = (JSON.parse(answer.body) as { errors?: { code?: unknown }[] }).errors;
    return typeof errors?.[0]?.code === 'string' ? errors[0].code : undefined;
  } catch {
    return undefined;
  }
}

function platformsOf(body: string): string[] {
  try {
    const manifests = (JSON.parse(body) as { manifests?: { platform?: { os?: string; architecture?: string; variant?: string } }[] }).manifests ?? [];
    return manifests.flatMap(({ platform }) => (platform?.os && platform.architecture ? [[platform.os, platform.architecture, platform.variant].filter(Boolean).join('/')] : []));
  } catch {
    return [];
  }
}

function classify(answer: HttpAnswer): ManifestState {
  if (answer.status === 200) return 'exists';
  if (answer.status === 401) return 'unauthorized';
  if (answer.status === 403) return 'denied';
  if (answer.status === 429) return 'rate-limited';
  if (answer.status === 404) return registryCode(answer) === 'NAME_UNKNOWN' ? 'name-unknown' : 'manifest-unknown';
  return 'unexpected';
}

type Authorization = { header?: string } | { refused: ManifestAnswer };

/** Answers a 401's challenge as a pull does: a Bearer token scoped `repository:<name>:pull`, or Basic. */
async function authorize(http: HttpExchange, request: ManifestCheckRequest, challenge: HttpAnswer): Promise<Authorization> {
  const challenges = parseWwwAuthenticate(challenge.headers.get('www-authenticate'));
  const bearer = challenges.find((candidate) => candidate.scheme === 'bearer');
  if (!bearer) return request.credentials && challenges.some((candidate) => candidate.scheme === 'basic') ? { header: basicAuthorization(request.credentials) } : {};
  try {
    const scoped = withScope(bearer, `repository:${request.repository}:pull`);
    const token = request.tokens
      ? await request.tokens.grant(tokenKey(request.endpoint, request.repository, request.credentials), () => fetchBearerGrant(http, scoped, request.credentials, request.allowPlainHttp))
      : await fetchBearerToken(http, scoped, request.credentials, request.allowPlainHttp);
    return { header: `Bearer ${token}` };
  } catch (error) {
    if (!(error instanceof StepFailure) || error.failure.appError.code !== 'connection.tokenRejected') throw error;
    return { refused: { state: 'unauthorized', status: Number(error.failure.appError.params?.status ?? 401), refusedBy: 'token' } };
  }
}

function answerOf(answer: HttpAnswer, withBody: boolean): ManifestAnswer {
  const state = classify(answer);
  const header = (name: string) => answer.headers.get(name) ?? undefined;
  const mediaType = header('content-type')?.split(';')[0]?.trim();
  const code = withBody ? registryCode(answer) : undefined;
  return {
    state,
    status: answer.status,
    ...(header('docker-content-digest') ? { digest: header('docker-content-digest') } : {}),
    ...(state === 'exists' && mediaType ? { mediaType } : {}),
    ...(state === 'exists' && withBody && mediaType && INDEX_TYPES.has(mediaType) ? { platforms: platformsOf(answer.body) } : {}),
    ...(code ? { registryCode: code } : {}),
    ...(header('retry-after') ? { retryAfter: header('retry-after') } : {}),
    refusedBy: 'registry',
  };
}

/**
 * A single image's platform from its config: the manifest (checked against the HEAD's digest)
 * names the config, the config names the platform. Read with the authorization the HEAD was let
 * in with (blobs share the manifests' pull scope). Unreadable: no platform, never a refusal.
 */
async function singleImagePlatform(http: HttpExchange, request: ManifestCheckRequest, url: URL, digest: string, authorization: string | undefined): Promise<string[]> {
  try {
    const manifest = await http.send({ url, step: 'registry', method: 'GET', headers: { accept: MANIFEST_ACCEPT, ...(authorization ? { authorization } : {}) }, maxBody: MAX_IMAGE_MANIFEST_BYTES });
    if (manifest.status !== 200 || contentDigest(manifest.body) !== digest) return [];
    const config = (JSON.parse(manifest.body) as { config?: { digest?: unknown } } | null)?.config?.digest;
    if (typeof config !== 'string' || !SHA256_DIGEST.test(config)) return [];
    const authorizations = new Map(authorization ? [[pullScope(request.repository), authorization]] : []);
    const reader = createRegistryReader(http, { endpoint: request.endpoint, credentials: request.credentials, allowPlainHttp: request.allowPlainHttp, authorizations });
    const platform = platformName((await readConfig(reader, request.endpoint, request.repository, config)) as Parameters<typeof platformName>[0]);
    return platform ? [platform] : [];
  } catch (error) {
    if (error instanceof StepFailure || error instanceof AppFailure || error instanceof SyntaxError) return [];
    throw error;
  }
}

/**
 * What a pull learns from the registry with exactly the given credentials: HEAD the manifest
 * (answering a 401's challenge), then GET it only where the body matters — an index's platforms,
 * the error code that tells a missing tag from a missing repository.
 */
export async function checkManifest(http: HttpExchange, request: ManifestCheckRequest): Promise<ManifestAnswer> {
  const url = new URL(`${request.repository}/manifests/${request.reference}`, request.endpoint);
  const send = (method: 'HEAD' | 'GET', authorization?: string) =>
    http.send({ url, step: 'registry', method, headers: { accept: MANIFEST_ACCEPT, ...(authorization ? { authorization } : {}) } });
  // A token kept from an earlier check of this repository with this login saves the 401 round trip;
  // one the registry refuses anyway is dropped and the challenge answered afresh.
  const key = request.tokens ? tokenKey(request.endpoint, request.repository, request.credentials) : '';
  const kept = await request.tokens?.valid(key)?.catch(() => undefined);
  let authorization: string | undefined = kept ? `Bearer ${kept}` : undefined;
  let answer = await send('HEAD', authorization);
  if (answer.status === 401 && kept) request.tokens?.drop(key);
  if (answer.status === 401) {
    const authorized = await authorize(http, request, answer);
    if ('refused' in authorized) return authorized.refused;
    authorization = authorized.header;
    if (authorization) answer = await send('HEAD', authorization);
  }
  const mediaType = answer.headers.get('content-type')?.split(';')[0]?.trim() ?? '';
  const isIndex = answer.status === 200 && INDEX_TYPES.has(mediaType);
  const digest = answer.headers.get('docker-content-digest');
  const known = isIndex && digest ? request.knownPlatforms?.(digest) : undefined;
  if (known) return { ...answerOf(answer, false), platforms: known };
  if (answer.status === 200 && IMAGE_TYPES.has(mediaType) && digest && request.imagePlatform) {
    const platforms = await request.imagePlatform(digest, () => singleImagePlatform(http, request, url, digest, authorization));
    return { ...answerOf(answer, false), platforms };
  }
  return answer.status === 404 || isIndex ? answerOf(await send('GET', authorization), true) : answerOf(answer, false);
}
