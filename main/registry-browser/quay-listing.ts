import type { Tag } from '../../shared/registry-browser-contract';
import { AppFailure } from '../app-errors/app-failure';
import type { BasicCredentials } from '../registry-http/basic-credentials';
import type { HttpExchange } from '../registry-http/http-exchange';
import { jsonObject } from './json-answer';
import type { ItemPage } from './name-walk';

const MAX_PAGE_BYTES = 4 * 1024 * 1024;
/** Quay's tag API gives at most 100 a page. */
const MAX_TAG_PAGE = 100;
const MAX_NAME_LENGTH = 255;
/** Cursors of Quay's API, told apart from the `_catalog` and `tags/list` paths the registry API pages with. */
const CURSOR_PREFIX = 'quay1.';
/** Quay's OAuth application tokens: 40 letters and digits. A password or a robot's token is never sent to the API. */
const OAUTH_TOKEN = /^[A-Za-z0-9]{40}$/;

export const isQuayCursor = (cursor: string | undefined): boolean => cursor?.startsWith(CURSOR_PREFIX) ?? false;

/**
 * Quay's own API (`/api/v1` on the registry's host), for where the catalog is refused. It takes
 * OAuth application tokens only — never Basic, so a password or a robot token is not sent to it;
 * without a token it answers as for anyone, so its listing holds the namespace's public
 * repositories only (`publicOnly`). The namespace is the login's (a robot `org+name` reads `org`).
 */
export function createQuayListing(http: HttpExchange, endpoint: URL, credentials: BasicCredentials) {
  const token = OAUTH_TOKEN.test(credentials.password) ? credentials.password : null;
  const namespace = credentials.username.split('+')[0]!.toLowerCase();
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};

  async function get(url: URL): Promise<{ outcome: 'answer'; body: Record<string, unknown> } | Exclude<ItemPage<never>, { outcome: 'page' }>> {
    const answer = await http.send({ url, step: 'registry', headers, maxBody: MAX_PAGE_BYTES });
    if (answer.status === 401 || answer.status === 403) return { outcome: 'refused', status: answer.status };
    if (answer.status === 404) return { outcome: 'missing', status: 404 };
    if (answer.status !== 200) throw new AppFailure('browse.status', { url: url.pathname, status: answer.status });
    return { outcome: 'answer', body: jsonObject(answer) };
  }

  return {
    publicOnly: token === null,
    /** `GET /api/v1/repository?namespace=…`, then its `next_page` token. */
    async repositories(cursor: string | undefined): Promise<ItemPage<string>> {
      const url = new URL('/api/v1/repository', endpoint);
      url.searchParams.set('namespace', namespace);
      if (cursor !== undefined) {
        if (!isQuayCursor(cursor)) throw new AppFailure('browse.badLink', { url: url.pathname });
        url.searchParams.set('next_page', cursor.slice(CURSOR_PREFIX.length));
      }
      const read = await get(url);
      if (read.outcome !== 'answer') return read;
      const listed = Array.isArray(read.body.repositories) ? (read.body.repositories as { namespace?: unknown; name?: unknown }[]) : [];
      const names = listed.flatMap((repository) => {
        const name = typeof repository.namespace === 'string' && typeof repository.name === 'string' ? `${repository.namespace}/${repository.name}` : '';
        return name.length > 2 && name.length <= MAX_NAME_LENGTH ? [name] : [];
      });
      const next = typeof read.body.next_page === 'string' && read.body.next_page !== '' ? `${CURSOR_PREFIX}${read.body.next_page}` : null;
      return { outcome: 'page', names, next };
    },
    /** `GET /api/v1/repository/<name>/tag/?onlyActiveTags=true&page=&limit=`, newest first, while `has_additional`. */
    async tags(repository: string, cursor: string | undefined, pageSize: number): Promise<ItemPage<Tag>> {
      const page = cursor === undefined ? 1 : Number(cursor.slice(CURSOR_PREFIX.length));
      if (!Number.isInteger(page) || page < 1 || (cursor !== undefined && !isQuayCursor(cursor))) throw new AppFailure('browse.badLink', { url: repository });
      const url = new URL(`/api/v1/repository/${repository}/tag/`, endpoint);
      url.searchParams.set('onlyActiveTags', 'true');
      url.searchParams.set('page', String(page));
      url.searchParams.set('limit', String(Math.min(pageSize, MAX_TAG_PAGE)));
      const read = await get(url);
      if (read.outcome !== 'answer') return read;
      const listed = Array.isArray(read.body.tags) ? (read.body.tags as { name?: unknown; start_ts?: unknown }[]) : [];
      const tags = listed.flatMap((tag) =>
        typeof tag.name === 'string' && tag.name.length <= 128
          ? [{ name: tag.name, pushedAt: typeof tag.start_ts === 'number' && tag.start_ts > 0 ? new Date(tag.start_ts * 1000).toISOString() : null }]
          : [],
      );
      return { outcome: 'page', names: tags, next: read.body.has_additional === true ? `${CURSOR_PREFIX}${page + 1}` : null };
    },
  };
}
