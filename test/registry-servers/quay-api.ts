import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basicCredentials, listen } from './http-server';

/**
 * A stand-in for a Quay registry on one host, as quay/quay's endpoints answer:
 * - its API takes OAuth application tokens (`Authorization: Bearer`) or nothing — never Basic
 *   (`process_oauth` runs only the bearer and cookie handlers); without a token it answers as for
 *   anyone, so public repositories only;
 * - `GET /api/v1/repository?namespace=&next_page=` answers `{repositories: [{namespace, name,
 *   description, is_public, kind, state}], next_page}` 100 at a time, `next_page` an opaque
 *   (encrypted) token absent on the last page; without `namespace`, `starred` or `public` a 400;
 * - `GET /api/v1/repository/<ns>/<repo>/tag/?page=&limit=&onlyActiveTags=` answers `{tags: [{name,
 *   reversion, start_ts, end_ts?, manifest_digest, is_manifest_list, size, last_modified}], page,
 *   has_additional}` newest first, `limit` at most 100; a private repository without the token is
 *   403 and errors are `{detail, error_message, error_type, title, type, status}`;
 * - when throttled (`throttle(n, seconds)`), the next n API requests answer 429 with that
 *   `Retry-After`, as Quay's rate limiter does;
 * - the registry (`/v2/`) takes the Basic login (a robot's `org+robot` too), refuses `_catalog`
 *   with 401, and lists tags (`tags/list`) of any repository the login may read.
 */
export interface QuayRepository {
  namespace: string;
  name: string;
  isPublic: boolean;
  /** Newest last; a tag with `endTs` is dead (history only). */
  tags: { name: string; startTs: number; endTs?: number }[];
}

export interface QuayApiOptions {
  repositories: QuayRepository[];
  /** OAuth application token → the user it acts as (who sees that user's private repositories). */
  oauthTokens: Record<string, string>;
  /** Registry logins (Basic): username → password; a robot `org+name` reads `org`'s repositories. */
  logins: Record<string, string>;
  tls: { certificate: string; privateKey: string };
}

export interface QuayRequest {
  path: string;
  /** Date.now() when the request arrived. */
  at: number;
  status: number;
  authorization: 'bearer' | 'basic' | 'none';
  userAgent: string;
}

export interface RunningQuayApi {
  address: string;
  port: number;
  requests(): QuayRequest[];
  /** The next `times` API requests answer 429 asking to wait `seconds`. */
  throttle(times: number, seconds: number): void;
  stop(): Promise<void>;
}

const REPOS_PER_PAGE = 100;

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

const apiError = (response: ServerResponse, status: number, type: string, message: string) =>
  reply(response, status, { detail: message, error_message: message, error_type: type, title: type, type: `https://quay.io/api/v1/error/${type}`, status });

export async function startQuayApi(options: QuayApiOptions): Promise<RunningQuayApi> {
  const seen: QuayRequest[] = [];
  const pageTokens = new Map<string, { namespace: string; offset: number }>();
  const throttled = { times: 0, seconds: 1 };
  const visible = (repository: QuayRepository, user: string | null) => repository.isPublic || repository.namespace === user;
  const find = (path: string) => options.repositories.find((repository) => `${repository.namespace}/${repository.name}` === path);

  function listRepositories(url: URL, user: string | null, response: ServerResponse): void {
    const namespace = url.searchParams.get('namespace');
    if (!namespace && url.searchParams.get('public') !== 'true' && url.searchParams.get('starred') !== 'true') {
      return apiError(response, 400, 'invalid_request', 'namespace, starred or public are required for this API call');
    }
    const token = url.searchParams.get('next_page');
    const start = token ? pageTokens.get(token) : { namespace: namespace ?? '', offset: 0 };
    if (!start || start.namespace !== (namespace ?? '')) return apiError(response, 400, 'invalid_request', 'Invalid page token');
    const listed = options.repositories.filter((repository) => (!namespace || repository.namespace === namespace) && visible(repository, user));
    const page = listed.slice(start.offset, start.offset + REPOS_PER_PAGE);
    const body: Record<string, unknown> = {
      repositories: page.map((repository) => ({ namespace: repository.namespace, name: repository.name, description: null, is_public: repository.isPublic, kind: 'image', state: 'NORMAL' })),
    };
    if (start.offset + REPOS_PER_PAGE < listed.length) {
      const next = randomBytes(32).toString('base64url');
      pageTokens.set(next, { namespace: namespace ?? '', offset: start.offset + REPOS_PER_PAGE });
      body.next_page = next;
    }
    reply(response, 200, body);
  }

  function listTags(url: URL, repository: QuayRepository, response: ServerResponse): void {
    const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
    const limit = Math.min(100, Math.max(1, Number(url.searchParams.get('limit') ?? 50) || 50));
    const activeOnly = ['true', '1'].includes(url.searchParams.get('onlyActiveTags') ?? '');
    const history = [...repository.tags].reverse().filter((tag) => !activeOnly || tag.endTs === undefined);
    const slice = history.slice((page - 1) * limit, page * limit);
    const tags = slice.map((tag) => ({
      name: tag.name,
      reversion: false,
      start_ts: tag.startTs,
      ...(tag.endTs === undefined ? {} : { end_ts: tag.endTs, expiration: new Date(tag.endTs * 1000).toUTCString() }),
      manifest_digest: `sha256:${Buffer.from(tag.name).toString('hex').padEnd(64, '0').slice(0, 64)}`,
      is_manifest_list: false,
      size: 1234,
      last_modified: new Date(tag.startTs * 1000).toUTCString().replace('GMT', '-0000'),
    }));
    reply(response, 200, { tags, page, has_additional: page * limit < history.length });
  }

  const answer = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'https://quay.example');
    const header = request.headers.authorization ?? '';
    const line: QuayRequest = { path: `${url.pathname}${url.search}`, at: Date.now(), status: 0, authorization: header.startsWith('Bearer ') ? 'bearer' : header.startsWith('Basic ') ? 'basic' : 'none', userAgent: request.headers['user-agent'] ?? '' };
    seen.push(line);
    response.on('finish', () => (line.status = response.statusCode));
    if (url.pathname.startsWith('/api/v1/')) {
      if (throttled.times > 0) {
        throttled.times -= 1;
        response.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(throttled.seconds) });
        return response.end(JSON.stringify({ detail: 'Too Many Requests', error_message: 'Too Many Requests', status: 429 }));
      }
      const bearer = /^Bearer (\S+)$/.exec(header)?.[1];
      const user = bearer !== undefined && Object.hasOwn(options.oauthTokens, bearer) ? options.oauthTokens[bearer]! : null;
      if (bearer !== undefined && user === null) return apiError(response, 401, 'invalid_token', 'The access token provided is expired, revoked, malformed, or invalid.');
      if (url.pathname === '/api/v1/repository') return listRepositories(url, user, response);
      const tagPath = /^\/api\/v1\/repository\/(.+)\/tag\/$/.exec(url.pathname);
      const repository = tagPath ? find(tagPath[1]!) : undefined;
      if (!repository) return apiError(response, 404, 'not_found', 'Not Found');
      if (!visible(repository, user)) return apiError(response, 403, 'insufficient_scope', 'Unauthorized');
      return listTags(url, repository, response);
    }
    const login = basicCredentials(header);
    if (!login || !Object.hasOwn(options.logins, login.username) || options.logins[login.username] !== login.password) {
      response.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Basic realm="quay"' });
      return response.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'access to the requested resource is not authorized' }] }));
    }
    if (url.pathname === '/v2/') return reply(response, 200, {});
    if (url.pathname === '/v2/_catalog') return reply(response, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'access to the requested resource is not authorized' }] });
    const tagsList = /^\/v2\/(.+)\/tags\/list$/.exec(url.pathname);
    const repository = tagsList ? find(tagsList[1]!) : undefined;
    const namespace = login.username.split('+')[0];
    if (!repository || !(repository.isPublic || repository.namespace === namespace)) return reply(response, 404, { errors: [{ code: 'NAME_UNKNOWN', message: 'repository name not known to registry' }] });
    return reply(response, 200, { name: `${repository.namespace}/${repository.name}`, tags: repository.tags.filter((tag) => tag.endTs === undefined).map((tag) => tag.name) });
  };
  const server = await listen(answer, options.tls);
  return {
    address: `127.0.0.1:${server.port}`,
    port: server.port,
    requests: () => [...seen],
    throttle: (times, seconds) => Object.assign(throttled, { times, seconds }),
    stop: server.stop,
  };
}
