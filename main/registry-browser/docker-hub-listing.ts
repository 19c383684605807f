import type { Tag } from '../../shared/registry-browser-contract';
import { AppFailure } from '../app-errors/app-failure';
import type { BasicCredentials } from '../registry-http/basic-credentials';
import type { HttpAnswer, HttpExchange } from '../registry-http/http-exchange';
import { jsonObject } from './json-answer';
import type { ItemPage } from './name-walk';

/** Docker Hub's own API: its registry grants no catalog scope, so repositories are listed here. */
export const DOCKER_HUB_API = new URL('https://hub.docker.com/');
const MAX_PAGE_BYTES = 4 * 1024 * 1024;
/** The Hub refuses page sizes over 100. */
const MAX_PAGE_SIZE = 100;

const send = (http: HttpExchange, url: URL, init: { method?: 'GET' | 'POST'; headers?: Record<string, string> } = {}): Promise<HttpAnswer> =>
  http.send({ url, step: 'registry', maxBody: MAX_PAGE_BYTES, ...init });

/**
 * The Hub's access token for the saved login: `POST /v2/auth/token` with `{identifier, secret}`,
 * answered `{access_token}` (a JWT that lasts 10 minutes), as Docker's Hub API reference documents
 * it ("Create access token"); it replaces `POST /v2/users/login`, deprecated there. The secret may be
 * a password or a personal access token (only a PAT where the organisation enforces SSO). Sent to
 * hub.docker.com only, over HTTPS.
 */
async function hubToken(http: HttpExchange, credentials: BasicCredentials): Promise<string | null> {
  const url = new URL('/v2/auth/token', DOCKER_HUB_API);
  const answer = await http.send({
    url,
    step: 'credentials',
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ identifier: credentials.username, secret: credentials.password }),
  });
  if (answer.status === 401 || answer.status === 403) return null;
  if (answer.status !== 200) throw new AppFailure('browse.status', { url: url.pathname, status: answer.status });
  const token = jsonObject(answer).access_token;
  return typeof token === 'string' && token !== '' ? token : null;
}

/** The Hub's access tokens last 10 minutes ("Create access token"); one is used for 9 at most. */
const TOKEN_USE_MS = 9 * 60_000;

/** The page's URL: the first of a namespace, or a `next` that must be that same listing on hub.docker.com. */
function pageUrl(namespace: string, next: string | undefined, pageSize: number): URL {
  const first = new URL(`/v2/namespaces/${encodeURIComponent(namespace)}/repositories`, DOCKER_HUB_API);
  if (next === undefined) {
    first.searchParams.set('page_size', String(Math.min(pageSize, MAX_PAGE_SIZE)));
    return first;
  }
  const url = new URL(next, DOCKER_HUB_API);
  if (url.origin !== DOCKER_HUB_API.origin) throw new AppFailure('browse.otherHost', { host: url.host });
  if (url.pathname !== first.pathname) throw new AppFailure('browse.badLink', { url: url.pathname });
  return url;
}

/** The Hub's `next`, an absolute URL that must stay on hub.docker.com, as its path and query. */
function nextOf(value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return null;
  const next = new URL(value, DOCKER_HUB_API);
  if (next.origin !== DOCKER_HUB_API.origin) throw new AppFailure('browse.otherHost', { host: next.host });
  return `${next.pathname}${next.search}`;
}

function pageOf(answer: HttpAnswer, namespace: string): { names: string[]; next: string | null } {
  const parsed = jsonObject(answer);
  const results = Array.isArray(parsed.results) ? (parsed.results as { name?: unknown }[]) : [];
  const names = results.flatMap((result) => (typeof result.name === 'string' && result.name !== '' ? [`${namespace}/${result.name}`] : []));
  return { names, next: nextOf(parsed.next) };
}

/** Docker Hub's namespace names: lower-case letters, digits, `-` and `_`. */
const NAMESPACE = /^[a-z0-9][a-z0-9_-]{0,254}$/;
/** Organisations read per listing: a login in more than this many is cut here. */
const MAX_ORGANISATION_PAGES = 10;

/**
 * The organisations the login belongs to (`GET /v2/user/orgs/`, paged like every Hub list, as
 * Docker's hub-tool reads them). A token without that right (a scoped access token) leaves only
 * the login's own namespace, which is still listed.
 */
async function organisations(http: HttpExchange, jwt: string): Promise<string[]> {
  const names: string[] = [];
  let url: URL | null = new URL(`/v2/user/orgs/?page_size=${MAX_PAGE_SIZE}`, DOCKER_HUB_API);
  for (let page = 0; url && page < MAX_ORGANISATION_PAGES; page += 1) {
    const answer = await send(http, url, { headers: { authorization: `Bearer ${jwt}` } });
    if (answer.status !== 200) break;
    const parsed = jsonObject(answer);
    const results = Array.isArray(parsed.results) ? (parsed.results as { orgname?: unknown }[]) : [];
    names.push(...results.flatMap((org) => (typeof org.orgname === 'string' && NAMESPACE.test(org.orgname.toLowerCase()) ? [org.orgname.toLowerCase()] : [])));
    const next = nextOf(parsed.next);
    url = next ? new URL(next, DOCKER_HUB_API) : null;
  }
  return names;
}

/** Cursors of the Hub's tag listing: its `next` path and query. */
const TAGS_CURSOR = 'hubt1.';

/** Where a listing stands: which namespace, and the Hub's `next` page in it (absent: its first). */
interface HubCursor {
  ns: string;
  next?: string;
}

const encode = (cursor: HubCursor) => `hub1.${Buffer.from(JSON.stringify(cursor)).toString('base64url')}`;

function decode(text: string): HubCursor {
  let value: unknown = null;
  try {
    if (text.startsWith('hub1.')) value = JSON.parse(Buffer.from(text.slice(5), 'base64url').toString('utf8'));
  } catch {
    value = null;
  }
  const cursor = value as Partial<HubCursor> | null;
  if (!cursor || typeof cursor.ns !== 'string' || (cursor.next !== undefined && typeof cursor.next !== 'string')) throw new AppFailure('browse.badLink', { url: 'hub.docker.com' });
  return cursor as HubCursor;
}

/**
 * The repositories of the login's own namespace and then of each organisation it belongs to,
 * `page`/`next` paged as the Hub pages them. An organisation that refuses the listing is passed
 * over; the login's own namespace refusing it says the login cannot list. The Hub's JWT and the
 * organisations are kept for the session (each call brings its own HTTP, bound to its cancel);
 * a JWT the Hub no longer takes (they last 10 minutes) is replaced once.
 */
export function createDockerHubListing(credentials: BasicCredentials, now: () => number = Date.now) {
  let session: Promise<{ jwt: string; namespaces: string[] } | null> | null = null;
  let signedInAt = 0;
  const own = credentials.username.toLowerCase();

  /** The session's sign-in, made anew once its token is near the end of its 10 minutes (sent stale, the Hub hides private repositories as missing). */
  function current(http: HttpExchange): Promise<{ jwt: string; namespaces: string[] } | null> {
    if (!session || now() - signedInAt > TOKEN_USE_MS) {
      signedInAt = now();
      session = signIn(http);
    }
    return session;
  }

  async function signIn(http: HttpExchange): Promise<{ jwt: string; namespaces: string[] } | null> {
    const jwt = await hubToken(http, credentials);
    if (!jwt) return null;
    const orgs = await organisations(http, jwt);
    return { jwt, namespaces: [own, ...new Set(orgs.filter((org) => org !== own))] };
  }

  async function page(http: HttpExchange, cursorText: string | undefined, pageSize: number, renewed = false): Promise<ItemPage<string>> {
    const signedIn = await current(http).catch((error: unknown) => {
      session = null;
      throw error;
    });
    if (!signedIn) {
      session = null;
      return { outcome: 'refused', status: 401 };
    }
    const cursor = cursorText === undefined ? { ns: own } : decode(cursorText);
    const at = signedIn.namespaces.indexOf(cursor.ns);
    if (at < 0) throw new AppFailure('browse.badLink', { url: `/v2/namespaces/${cursor.ns}/repositories` });
    const following = signedIn.namespaces[at + 1] === undefined ? null : encode({ ns: signedIn.namespaces[at + 1]! });
    const answer = await send(http, pageUrl(cursor.ns, cursor.next, pageSize), { headers: { authorization: `Bearer ${signedIn.jwt}` } });
    if (answer.status === 401 && !renewed) {
      session = null;
      return page(http, cursorText, pageSize, true);
    }
    const refused = answer.status === 401 || answer.status === 403;
    if (cursor.ns !== own && (refused || answer.status === 404)) return { outcome: 'page', names: [], next: following };
    if (refused) return { outcome: 'refused', status: answer.status };
    if (answer.status === 404) return { outcome: 'missing', status: 404 };
    if (answer.status !== 200) throw new AppFailure('browse.status', { url: answer.url.pathname, status: answer.status });
    const listed = pageOf(answer, cursor.ns);
    return { outcome: 'page', names: listed.names, next: listed.next ? encode({ ns: cursor.ns, next: listed.next }) : following };
  }

  /**
   * A repository's tags most recently pushed first, across pages: the Hub's tag listing with
   * `ordering=last_updated` (the registry's `tags/list` has no times). The JWT goes along for a
   * private repository; a public one needs none, so a login the Hub refuses still lists it.
   */
  async function tags(http: HttpExchange, repository: string, cursorText: string | undefined, pageSize: number): Promise<ItemPage<Tag>> {
    const [namespace, name] = repository.split('/');
    const path = `/v2/namespaces/${encodeURIComponent(namespace!)}/repositories/${encodeURIComponent(name!)}/tags`;
    let url: URL;
    if (cursorText === undefined) {
      url = new URL(path, DOCKER_HUB_API);
      url.searchParams.set('page_size', String(Math.min(pageSize, MAX_PAGE_SIZE)));
      url.searchParams.set('ordering', 'last_updated');
    } else {
      if (!cursorText.startsWith(TAGS_CURSOR)) throw new AppFailure('browse.badLink', { url: path });
      url = new URL(cursorText.slice(TAGS_CURSOR.length), DOCKER_HUB_API);
      if (url.origin !== DOCKER_HUB_API.origin || url.pathname !== path || url.searchParams.get('ordering') !== 'last_updated') throw new AppFailure('browse.badLink', { url: url.pathname });
    }
    // A failed sign-in is not kept for the token's 9 minutes: a refused login lists anonymously
    // (a public repository needs none) and is asked again next time; a network failure or a cancel
    // is that call's error, never a silent anonymous listing that shows a private repository missing.
    const signedIn = await current(http).catch((error: unknown) => {
      session = null;
      throw error;
    });
    if (!signedIn) session = null;
    const answer = await send(http, url, signedIn ? { headers: { authorization: `Bearer ${signedIn.jwt}` } } : {});
    if (answer.status === 401 || answer.status === 403) return { outcome: 'refused', status: answer.status };
    if (answer.status === 404) return { outcome: 'missing', status: 404 };
    if (answer.status !== 200) throw new AppFailure('browse.status', { url: url.pathname, status: answer.status });
    const parsed = jsonObject(answer);
    const results = Array.isArray(parsed.results) ? (parsed.results as { name?: unknown; last_updated?: unknown }[]) : [];
    const listed = results.flatMap((tag) =>
      typeof tag.name === 'string' && tag.name !== '' && tag.name.length <= 128
        ? [{ name: tag.name, pushedAt: typeof tag.last_updated === 'string' && !Number.isNaN(Date.parse(tag.last_updated)) ? new Date(tag.last_updated).toISOString() : null }]
        : [],
    );
    const next = nextOf(parsed.next);
    return { outcome: 'page', names: listed, next: next ? `${TAGS_CURSOR}${next}` : null };
  }

  return { page: (http: HttpExchange, cursor: string | undefined, pageSize: number) => page(http, cursor, pageSize), tags };
}
export type DockerHubListing = ReturnType<typeof createDockerHubListing>;
