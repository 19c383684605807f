import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basicCredentials, listen } from './http-server';

/**
 * A stand-in for Docker Hub's registry (registry-1.docker.io) on its pull limits, as Docker
 * documents them ("Docker Hub usage and limits"):
 * - every request needs a Bearer token from `/token` (auth.docker.io's role): Basic credentials
 *   get the user's token, none an anonymous one; wrong credentials a 401;
 * - a manifest answer carries `ratelimit-limit: <n>;w=21600`, `ratelimit-remaining: <left>;w=21600`
 *   and `docker-ratelimit-source` (the account for a login, the client address for anonymous), the
 *   login's and the anonymous allowances counted apart;
 * - a manifest GET is a pull and uses one up; a HEAD does not, and carries the same headers
 *   (`docker-content-digest`, `content-length`, the rate-limit ones); a blob GET is no pull;
 * - `silence()` drops the headers, as a registry that does not report limits (or a paid plan) does.
 */
export interface DockerHubRegistryOptions {
  users: Record<string, string>;
  /** `repository:tag` the registry holds (a small manifest each), e.g. `ratelimitpreview/test:latest`. */
  images: string[];
  limits: { login: number; anonymous: number };
  tls: { certificate: string; privateKey: string };
}

export interface RunningDockerHubRegistry {
  port: number;
  /** Manifest requests seen: method, whose token (`anonymous` or the user) and status. */
  manifestRequests(): { method: string; identity: string; status: number }[];
  /** Pulls (GETs) counted against an identity so far. */
  pulls(identity: string): number;
  /** From now on answers carry no rate-limit headers. */
  silence(): void;
  stop(): Promise<void>;
}

const WINDOW = 21_600;
const sha256 = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;
/** Each image's config: a real blob, so that reading the image whole (its GETs) succeeds. */
const CONFIG = JSON.stringify({ architecture: 'amd64', os: 'linux', created: '2026-01-02T03:04:05Z', rootfs: { type: 'layers', diff_ids: [] } });
const MANIFEST = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: sha256(CONFIG), size: Buffer.byteLength(CONFIG) }, layers: [] });

export async function startDockerHubRegistry(options: DockerHubRegistryOptions): Promise<RunningDockerHubRegistry> {
  /** token → `anonymous` or the user. */
  const tokens = new Map<string, string>();
  const used = new Map<string, number>();
  const seen: { method: string; identity: string; status: number }[] = [];
  let reporting = true;
  let origin = '';
  const answer = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname === '/token') {
      const credentials = basicCredentials(request.headers.authorization);
      if (credentials && (!Object.hasOwn(options.users, credentials.username) || options.users[credentials.username] !== credentials.password)) {
        response.writeHead(401, { 'content-type': 'application/json' });
        return response.end(JSON.stringify({ details: 'incorrect username or password' }));
      }
      const token = `hub-registry-${randomBytes(12).toString('hex')}`;
      tokens.set(token, credentials?.username ?? 'anonymous');
      response.writeHead(200, { 'content-type': 'application/json' });
      return response.end(JSON.stringify({ token, access_token: token, expires_in: 300 }));
    }
    const manifest = /^\/v2\/([a-z0-9/._-]+)\/manifests\/([A-Za-z0-9._-]+)$/.exec(url.pathname);
    const identity = tokens.get((request.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (!identity) {
      const scope = manifest ? `,scope="repository:${manifest[1]}:pull"` : '';
      response.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': `Bearer realm="${origin}/token",service="registry.docker.io"${scope}` });
      return response.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }));
    }
    const tagList = /^\/v2\/([a-z0-9/._-]+)\/tags\/list$/.exec(url.pathname);
    const tags = tagList ? options.images.filter((image) => image.startsWith(`${tagList[1]}:`)).map((image) => image.slice(tagList[1]!.length + 1)) : [];
    if (tagList && tags.length > 0) {
      response.writeHead(200, { 'content-type': 'application/json' });
      return response.end(JSON.stringify({ name: tagList[1], tags }));
    }
    const blob = /^\/v2\/([a-z0-9/._-]+)\/blobs\/(sha256:[a-f0-9]{64})$/.exec(url.pathname);
    if (blob && blob[2] === sha256(CONFIG) && options.images.some((image) => image.startsWith(`${blob[1]}:`))) {
      // A blob GET is not a pull: Docker counts manifest GETs only.
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(Buffer.byteLength(CONFIG)), 'docker-content-digest': sha256(CONFIG) });
      return response.end(CONFIG);
    }
    if (!manifest || !options.images.includes(`${manifest[1]}:${manifest[2]}`)) {
      if (manifest) seen.push({ method: request.method ?? 'GET', identity, status: 404 });
      response.writeHead(404, { 'content-type': 'application/json' });
      return response.end(JSON.stringify({ errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }] }));
    }
    const limit = identity === 'anonymous' ? options.limits.anonymous : options.limits.login;
    if (request.method === 'GET') used.set(identity, (used.get(identity) ?? 0) + 1);
    const left = Math.max(0, limit - (used.get(identity) ?? 0));
    const source = identity === 'anonymous' ? (request.socket.remoteAddress ?? '') : createHash('sha256').update(identity).digest('hex').slice(0, 32);
    const headers: Record<string, string> = {
      'content-type': 'application/vnd.oci.image.manifest.v1+json',
      'docker-content-digest': sha256(MANIFEST),
      // Sent on a HEAD too, as the Hub does: the manifest's size without its bytes.
      'content-length': String(Buffer.byteLength(MANIFEST)),
      ...(reporting ? { 'ratelimit-limit': `${limit};w=${WINDOW}`, 'ratelimit-remaining': `${left};w=${WINDOW}`, 'docker-ratelimit-source': source } : {}),
    };
    seen.push({ method: request.method ?? 'GET', identity, status: 200 });
    response.writeHead(200, headers);
    return response.end(request.method === 'HEAD' ? undefined : MANIFEST);
  };
  const server = await listen(answer, options.tls);
  origin = server.origin;
  return { port: server.port, manifestRequests: () => [...seen], pulls: (identity) => used.get(identity) ?? 0, silence: () => void (reporting = false), stop: server.stop };
}
