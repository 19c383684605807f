import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen, readBody } from './http-server';

/**
 * A stand-in for hub.docker.com's API, on what the app relies on (Docker's API reference):
 * - `POST /v2/auth/token` ("Create access token") with JSON `{identifier, secret}` (a username
 *   with its password or personal access token) answers `{access_token}`, or 401 with the
 *   reference's `error` shape `{detail, message}`; the deprecated `POST /v2/users/login` is not
 *   served, so an app still calling it fails here;
 * - `GET /v2/namespaces/<ns>/repositories?page_size=&page=` with `Authorization: Bearer <token>`
 *   answers `{count, next, previous, results: [{name, namespace, …}]}`, `next` an absolute URL on
 *   hub.docker.com, null on the last page; `page_size` over 100 is a 400;
 * - `GET /v2/user/orgs/?page_size=&page=` (as Docker's hub-tool lists a login's organisations)
 *   answers the same paged shape with `results: [{id, orgname, full_name, …}]`;
 * - `GET /v2/namespaces/<ns>/repositories/<repo>/tags?page_size=&page=&ordering=` answers the same
 *   paged shape with `results: [{id, name, last_updated, full_size, status, tag_last_pushed}]`; `ordering` is one of
 *   `last_updated` (most recently updated first), `-last_updated`, `name`, `-name` (anything else
 *   a 400), without it the Hub's default (newest first); a public repository needs no token;
 * - a namespace in `forbidden` answers 403, as an organisation's private listing does to a token
 *   without access to it;
 * - when throttled (`throttle(n)`), the next n listing requests answer 429 with `Retry-After: 1`,
 *   as the Hub's API does past its request limit.
 */
export interface DockerHubApiOptions {
  users: Record<string, string>;
  /** namespace → its repository names (without the namespace). */
  repositories: Record<string, string[]>;
  /** `namespace/repository` → its tags with when each was last pushed (ISO); public unless in `privateRepositories`. */
  tags?: Record<string, { name: string; lastUpdated: string }[]>;
  privateRepositories?: string[];
  /** user → the organisations the user belongs to. */
  organisations?: Record<string, string[]>;
  /** Namespaces whose listing answers 403. */
  forbidden?: string[];
  tls: { certificate: string; privateKey: string };
}

export interface HubRequest {
  method: string;
  path: string;
  at: number;
  status: number;
  userAgent: string;
}

export interface RunningDockerHubApi {
  port: number;
  /** Requests seen, with when they arrived (Date.now()), the status answered and the client's User-Agent. */
  requests(): HubRequest[];
  /** The next `times` listing requests answer 429. */
  throttle(times: number): void;
  /** Every JWT issued so far stops working, as when the Hub's tokens expire. */
  expireTokens(): void;
  /** Every JWT issued, expired ones too: what must never show outside the requests to the Hub. */
  issuedTokens(): string[];
  stop(): Promise<void>;
}

const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
};

/** One page of a Hub list: `page_size` (1 to 100) and `page`, answered as `{count, next, previous, results}`; `next` keeps the other parameters. */
function paged(url: URL, path: string, items: unknown[], response: ServerResponse): void {
  const pageSize = Number(url.searchParams.get('page_size') ?? 10);
  const page = Number(url.searchParams.get('page') ?? 1);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) return json(response, 400, { message: 'page_size: must be between 1 and 100' });
  const link = (to: number) => {
    const next = new URL(`https://hub.docker.com${path}`);
    for (const [key, value] of url.searchParams) if (key !== 'page') next.searchParams.set(key, value);
    next.searchParams.set('page', String(to));
    return next.href;
  };
  const results = items.slice((page - 1) * pageSize, page * pageSize);
  json(response, 200, { count: items.length, next: page * pageSize < items.length ? link(page + 1) : null, previous: page > 1 ? link(page - 1) : null, results });
}

export async function startDockerHubApi(options: DockerHubApiOptions): Promise<RunningDockerHubApi> {
  /** JWT → the user it was issued to. */
  const tokens = new Map<string, string>();
  const issued: string[] = [];
  const seen: HubRequest[] = [];
  let throttled = 0;
  const answer = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'https://hub.docker.com');
    const line: HubRequest = { method: request.method ?? 'GET', path: `${url.pathname}${url.search}`, at: Date.now(), status: 0, userAgent: request.headers['user-agent'] ?? '' };
    seen.push(line);
    response.on('finish', () => (line.status = response.statusCode));
    if (url.pathname === '/v2/auth/token' && request.method === 'POST') {
      const { identifier, secret } = JSON.parse((await readBody(request)) || '{}') as { identifier?: unknown; secret?: unknown };
      if (typeof identifier !== 'string' || !Object.hasOwn(options.users, identifier) || options.users[identifier] !== secret) {
        return json(response, 401, { detail: 'Incorrect authentication credentials', message: 'Incorrect authentication credentials' });
      }
      const token = `hub-jwt-${randomBytes(12).toString('hex')}`;
      tokens.set(token, identifier);
      issued.push(token);
      return json(response, 200, { access_token: token });
    }
    const user = tokens.get((request.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (url.pathname === '/v2/user/orgs/') {
      if (!user) return json(response, 401, { detail: 'Authentication credentials were not provided.' });
      const organisations = options.organisations?.[user] ?? [];
      return paged(url, '/v2/user/orgs/', organisations.map((orgname, index) => ({ id: `org-${index}`, orgname, full_name: orgname.toUpperCase(), type: 'Organization', is_active: true })), response);
    }
    const tagListing = /^\/v2\/namespaces\/([a-z0-9_-]+)\/repositories\/([a-z0-9._-]+)\/tags$/.exec(url.pathname);
    if (tagListing) return tagsOf(`${tagListing[1]}/${tagListing[2]}`, user, url, response);
    const listing = /^\/v2\/namespaces\/([a-z0-9_-]+)\/repositories$/.exec(url.pathname);
    if (!listing) return json(response, 404, { message: 'page not found' });
    if (!user) return json(response, 401, { detail: 'Authentication credentials were not provided.' });
    if (throttled > 0) {
      throttled -= 1;
      return json(response, 429, { detail: 'Request was throttled.' }, { 'retry-after': '1' });
    }
    const namespace = listing[1]!;
    if (options.forbidden?.includes(namespace)) return json(response, 403, { detail: 'You do not have permission to perform this action.' });
    const names = Object.hasOwn(options.repositories, namespace) ? options.repositories[namespace]! : [];
    return paged(url, url.pathname, names.map((name) => ({ name, namespace, repository_type: 'image', last_updated: '2026-11-30T12:00:00.000000Z' })), response);
  };
  function tagsOf(repository: string, user: string | undefined, url: URL, response: ServerResponse): void {
    const tags = options.tags && Object.hasOwn(options.tags, repository) ? options.tags[repository]! : null;
    const mayRead = !options.privateRepositories?.includes(repository) || user === repository.split('/')[0];
    if (!tags || !mayRead) return json(response, 404, { message: 'httperror 404: object not found', errinfo: {} });
    const ordering = url.searchParams.get('ordering') ?? 'last_updated';
    const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    const byTime = (a: { lastUpdated: string }, b: { lastUpdated: string }) => Date.parse(b.lastUpdated) - Date.parse(a.lastUpdated);
    const orders: Record<string, (a: { name: string; lastUpdated: string }, b: { name: string; lastUpdated: string }) => number> = {
      last_updated: byTime,
      '-last_updated': (a, b) => -byTime(a, b),
      name: byName,
      '-name': (a, b) => -byName(a, b),
    };
    if (!Object.hasOwn(orders, ordering)) return json(response, 400, { message: `ordering: invalid value ${ordering}` });
    const sorted = [...tags].sort(orders[ordering]);
    // The fields of the API reference's `tag` schema (test/fixtures/registry-api-documented.ts).
    const results = sorted.map((tag, index) => ({ id: index + 1, name: tag.name, last_updated: tag.lastUpdated, full_size: 1000, status: 'active', tag_last_pushed: tag.lastUpdated }));
    return paged(url, url.pathname, results, response);
  }
  const server = await listen((request, response) => void answer(request, response), options.tls);
  return { port: server.port, requests: () => [...seen], throttle: (times) => void (throttled = times), expireTokens: () => tokens.clear(), issuedTokens: () => [...issued], stop: server.stop };
}
