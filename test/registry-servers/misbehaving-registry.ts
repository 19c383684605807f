import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basicCredentials, listen } from './http-server';

/**
 * A registry answering the way real ones misbehave, each on its own repository, behind Basic auth
 * as distribution's htpasswd does (401 with `WWW-Authenticate: Basic`, JSON `errors`):
 * - `_catalog` refused with 401 even with the right login (Docker Hub, Harbor for non-admins), or
 *   403 (`refuseCatalog`);
 * - `loop/app` tags: a `Link` whose next page is the page itself (seen from broken proxies);
 *   `ring/app` tags: pages A → B → A, a loop only a client remembering pages across calls sees;
 * - `away/app` tags: a `Link` to another host (`awayOrigin`), which must never get a request;
 * - `huge/app` tags: a 50 MB tag list streamed in chunks;
 * - `odd/app:1` (its tag list names only `1`): a manifest of a media type no registry client knows (an artifact), with the OCI
 *   referrers API (distribution spec 1.1, "Listing Referrers") answering for its digest: an image
 *   index of a cosign signature and an in-toto attestation (`artifactType` on each descriptor, as
 *   the spec requires), and for any other digest an empty index (never a 404, which the spec
 *   reserves for a registry without the API);
 * - `busy/app` tags: 429 with `Retry-After: 1` on the first `busyTimes` requests (Docker Hub,
 *   Quay and ACR throttle so), then a page; `dated/app` tags: one 429 whose `Retry-After` is an
 *   HTTP date two seconds ahead (RFC 9110 allows both forms), then a page; `slow/app` tags: 429
 *   asking for an hour;
 * - `open/app` tags: one plain page; `paged/app`: 1,050 tags paged as distribution 3 pages them
 *   (`n` at most 1,000, `last` exclusive, `Link: </v2/…/tags/list?n=…&last=…>; rel="next"` while more remain).
 */
export interface MisbehavingRegistryOptions {
  username: string;
  password: string;
  refuseCatalog: 401 | 403;
  awayOrigin: string;
  busyTimes: number;
  tls: { certificate: string; privateKey: string };
}

export interface RunningMisbehavingRegistry {
  address: string;
  port: number;
  /** Requests seen, with whether they carried an Authorization header, when they arrived and the `Retry-After` answered. */
  requests(): SeenRequest[];
  stop(): Promise<void>;
}

export interface SeenRequest {
  method: string;
  path: string;
  authorized: boolean;
  /** Date.now() when the request arrived. */
  at: number;
  retryAfter?: string;
}

const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  response.writeHead(status, { 'content-type': 'application/json', 'docker-distribution-api-version': 'registry/2.0', ...headers });
  response.end(JSON.stringify(body));
};

export const PAGED_TAGS = Array.from({ length: 1050 }, (_, index) => `t${String(index).padStart(4, '0')}`);

function pagedTags(url: URL, response: ServerResponse): void {
  const n = Math.min(Number(url.searchParams.get('n') ?? 100) || 100, 1000);
  const last = url.searchParams.get('last');
  const rest = last === null ? PAGED_TAGS : PAGED_TAGS.filter((tag) => tag > last);
  const page = rest.slice(0, n);
  const link: Record<string, string> = rest.length > n ? { link: `<${url.pathname}?n=${n}&last=${page.at(-1)}>; rel="next"` } : {};
  json(response, 200, { name: 'paged/app', tags: page }, link);
}

const RING_PAGES: Record<string, { tags: string[]; next: string }> = { '': { tags: ['a1', 'a2'], next: 'a2' }, a2: { tags: ['b1', 'b2'], next: 'b2' }, b2: { tags: ['c1', 'c2'], next: 'a2' } };

function ringTags(url: URL, response: ServerResponse): void {
  const page = RING_PAGES[url.searchParams.get('last') ?? ''] ?? RING_PAGES['']!;
  json(response, 200, { name: 'ring/app', tags: page.tags }, { link: `<${url.pathname}?n=2&last=${page.next}>; rel="next"` });
}

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
/** The descriptors the spec's referrers answer lists for `odd/app:1`'s digest. */
export const ODD_REFERRERS = [
  { mediaType: 'application/vnd.oci.image.manifest.v1+json', artifactType: 'application/vnd.dev.cosign.artifact.sig.v1+json', digest: `sha256:${'1'.repeat(64)}`, size: 600 },
  { mediaType: 'application/vnd.oci.image.manifest.v1+json', artifactType: 'application/vnd.in-toto+json', digest: `sha256:${'2'.repeat(64)}`, size: 700, annotations: { 'org.opencontainers.image.created': '2026-12-01T00:00:00Z' } },
];

const ODD_MANIFEST = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.example.thing.v1+json', payload: 'not an image' });
const oddDigest = `sha256:${createHash('sha256').update(ODD_MANIFEST).digest('hex')}`;

function hugeTags(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.write('{"name":"huge/app","tags":[');
  const chunk = Array.from({ length: 1000 }, (_, index) => `"tag-${String(index).padStart(40, '0')}"`).join(',');
  let written = 0;
  const more = () => {
    while (written < 50 * 1024 * 1024) {
      written += chunk.length + 1;
      if (!response.write(`${chunk},`)) return void response.once('drain', more);
    }
    response.end('"last"]}');
  };
  response.on('close', () => (written = Number.POSITIVE_INFINITY));
  more();
}

export async function startMisbehavingRegistry(options: MisbehavingRegistryOptions): Promise<RunningMisbehavingRegistry> {
  const seen: SeenRequest[] = [];
  let busy = 0;
  let datedOnce = false;
  const answer = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'https://registry');
    const line: SeenRequest = { method: request.method ?? 'GET', path: `${url.pathname}${url.search}`, authorized: request.headers.authorization !== undefined, at: Date.now() };
    seen.push(line);
    const login = basicCredentials(request.headers.authorization);
    if (login?.username !== options.username || login.password !== options.password) {
      return json(response, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }, { 'www-authenticate': 'Basic realm="misbehaving"' });
    }
    const path = url.pathname;
    if (path === '/v2/') return json(response, 200, {});
    if (path === '/v2/_catalog') return json(response, options.refuseCatalog, { errors: [{ code: options.refuseCatalog === 401 ? 'UNAUTHORIZED' : 'DENIED', message: 'catalog not allowed' }] });
    if (path === '/v2/loop/app/tags/list') return json(response, 200, { name: 'loop/app', tags: ['a', 'b'] }, { link: `<${path}${url.search}>; rel="next"` });
    if (path === '/v2/away/app/tags/list') return json(response, 200, { name: 'away/app', tags: ['a'] }, { link: `<${options.awayOrigin}${path}?n=1&last=a>; rel="next"` });
    if (path === '/v2/ring/app/tags/list') return ringTags(url, response);
    if (path.startsWith('/v2/odd/app/referrers/')) {
      const subject = path.slice('/v2/odd/app/referrers/'.length);
      const manifests = subject === oddDigest ? ODD_REFERRERS : [];
      response.writeHead(200, { 'content-type': OCI_INDEX });
      return response.end(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests }));
    }
    if (path === '/v2/huge/app/tags/list') return hugeTags(response);
    if (path === '/v2/paged/app/tags/list') return pagedTags(url, response);
    if (path === '/v2/open/app/tags/list') return json(response, 200, { name: 'open/app', tags: ['1'] });
    // Listed so the window can open it as any tag; the cosign-style tags stay unlisted, as the referrers API answers for it.
    if (path === '/v2/odd/app/tags/list') return json(response, 200, { name: 'odd/app', tags: ['1'] });
    if (path === '/v2/slow/app/tags/list') return json(response, 429, { errors: [{ code: 'TOOMANYREQUESTS', message: 'come back in an hour' }] }, { 'retry-after': '3600' });
    if (path === '/v2/busy/app/tags/list') {
      busy += 1;
      if (busy <= options.busyTimes) {
        line.retryAfter = '1';
        return json(response, 429, { errors: [{ code: 'TOOMANYREQUESTS', message: 'slow down' }] }, { 'retry-after': line.retryAfter });
      }
      return json(response, 200, { name: 'busy/app', tags: ['1'] });
    }
    if (path === '/v2/dated/app/tags/list') {
      if (datedOnce) return json(response, 200, { name: 'dated/app', tags: ['1'] });
      datedOnce = true;
      // An HTTP date has whole seconds: the next whole second at least two seconds ahead.
      line.retryAfter = new Date(Math.ceil((Date.now() + 2000) / 1000) * 1000).toUTCString();
      return json(response, 429, { errors: [{ code: 'TOOMANYREQUESTS', message: 'slow down' }] }, { 'retry-after': line.retryAfter });
    }
    if (path === '/v2/odd/app/manifests/1') {
      response.writeHead(200, {
        'content-type': 'application/vnd.example.thing.v1+json',
        'docker-content-digest': oddDigest,
      });
      return response.end(request.method === 'HEAD' ? undefined : ODD_MANIFEST);
    }
    return json(response, 404, { errors: [{ code: 'NAME_UNKNOWN', message: 'repository name not known to registry' }] });
  };
  const server = await listen(answer, options.tls);
  return { address: `127.0.0.1:${server.port}`, port: server.port, requests: () => [...seen], stop: server.stop };
}
