import { AppFailure } from '../app-errors/app-failure';
import type { BasicCredentials } from '../registry-http/basic-credentials';
import type { HttpAnswer, HttpExchange } from '../registry-http/http-exchange';
import type { ItemPage } from './name-walk';

/** Docker Hub's own API: its registry grants no catalog scope, so repositories are listed here. */
export const DOCKER_HUB_API = new URL('https://hub.docker.com/');
const MAX_PAGE_BYTES = 4 * 1024 * 1024;
/** The Hub refuses page sizes over 100. */
const MAX_PAGE_SIZE = 100;

const send = (http: HttpExchange, url: URL, init: { method?: 'GET' | 'POST'; headers?: Record<string, string> } = {}): Promise<HttpAnswer> =>
  http.send({ url, step: 'registry', maxBody: MAX_PAGE_BYTES, ...init });

/**
 * The Hub's JWT for the saved login (`POST /v2/users/login`): a password or a personal access
 * token both work there. Sent to hub.docker.com only, over HTTPS.
 */
async function hubToken(http: HttpExchange, credentials: BasicCredentials): Promise<string | null> {
  const url = new URL('/v2/users/login', DOCKER_HUB_API);
  const answer = await http.send({
    url,
    step: 'credentials',
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: credentials.username, password: credentials.password }),
  });
  if (answer.status === 401 || answer.status === 403) return null;
  if (answer.status !== 200) throw new AppFailure('browse.status', { url: url.pathname, status: answer.status });
  const token = (JSON.parse(answer.body) as { token?: unknown }).token;
  return typeof token === 'string' && token !== '' ? token : null;
}

/** The page's URL: the first, or a cursor that must be this same listing on hub.docker.com. */
function pageUrl(namespace: string, cursor: string | undefined, pageSize: number): URL {
  const first = new URL(`/v2/namespaces/${encodeURIComponent(namespace)}/repositories`, DOCKER_HUB_API);
  if (cursor === undefined) {
    first.searchParams.set('page_size', String(Math.min(pageSize, MAX_PAGE_SIZE)));
    return first;
  }
  const url = new URL(cursor, DOCKER_HUB_API);
  if (url.origin !== DOCKER_HUB_API.origin) throw new AppFailure('browse.otherHost', { host: url.host });
  if (url.pathname !== first.pathname) throw new AppFailure('browse.badLink', { url: url.pathname });
  return url;
}

function pageOf(answer: HttpAnswer, namespace: string): ItemPage<string> {
  let parsed: { results?: unknown; next?: unknown };
  try {
    parsed = JSON.parse(answer.body) as { results?: unknown; next?: unknown };
  } catch {
    throw new AppFailure('browse.badAnswer', { url: answer.url.pathname });
  }
  const results = Array.isArray(parsed.results) ? (parsed.results as { name?: unknown }[]) : [];
  const names = results.flatMap((result) => (typeof result.name === 'string' && result.name !== '' ? [`${namespace}/${result.name}`] : []));
  if (typeof parsed.next !== 'string' || parsed.next === '') return { outcome: 'page', names, next: null };
  const next = new URL(parsed.next, DOCKER_HUB_API);
  if (next.origin !== DOCKER_HUB_API.origin) throw new AppFailure('browse.otherHost', { host: next.host });
  return { outcome: 'page', names, next: `${next.pathname}${next.search}` };
}

/** The repositories of the login's own namespace, `page`/`next` paged as the Hub pages them. */
export function createDockerHubListing(http: HttpExchange, credentials: BasicCredentials) {
  let token: Promise<string | null> | null = null;
  const namespace = credentials.username.toLowerCase();
  return async (cursor: string | undefined, pageSize: number): Promise<ItemPage<string>> => {
    token ??= hubToken(http, credentials);
    const jwt = await token;
    if (!jwt) return { outcome: 'refused', status: 401 };
    const answer = await send(http, pageUrl(namespace, cursor, pageSize), { headers: { authorization: `Bearer ${jwt}` } });
    if (answer.status === 401 || answer.status === 403) return { outcome: 'refused', status: answer.status };
    if (answer.status === 404) return { outcome: 'missing', status: 404 };
    if (answer.status !== 200) throw new AppFailure('browse.status', { url: answer.url.pathname, status: answer.status });
    return pageOf(answer, namespace);
  };
}
