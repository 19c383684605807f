import { MAX_CURSOR_LENGTH } from '../../shared/registry-browser-contract';
import { AppFailure } from '../app-errors/app-failure';
import type { NamePage } from '../registry-http/name-pages';

export interface WalkRequest {
  cursor?: string;
  filter?: string;
  pageSize: number;
}

/** Why a registry API gave no page: `_catalog` refused or missing, a repository not there. */
type NotListed = Exclude<NamePage, { outcome: 'page' }>;

/** A registry page of any API: `_catalog` names, ECR's images. `F`: the ways this API says it gives none. */
type Page<T> = { outcome: 'page'; names: T[]; next: string | null };
export type ItemPage<T, F = NotListed> = Page<T> | F;

/** `pages`: how many registry pages were read. */
export type WalkResult<T, F = NotListed> = { outcome: 'names'; names: T[]; next: string | null; pages: number } | F;

/**
 * A page for the window: one registry page, or with a filter as many pages as it takes to find a
 * page of matches — at most `maxPages`, then the cursor says where to go on. Each page's link is
 * told to `follow` (the session's page trail), which throws on a loop, within this call or across
 * the calls before it, with the pages and names read so far.
 */
export async function walkNames<T = string, F extends { outcome: string } = NotListed>(
  readPage: (cursor: string | undefined) => Promise<ItemPage<T, F>>,
  request: WalkRequest,
  maxPages: number,
  follow: (from: string | undefined, to: string, read: { pages: number; names: number }) => void,
  nameOf: (item: T) => string = String,
): Promise<WalkResult<T, F>> {
  const filter = request.filter?.trim().toLowerCase() ?? '';
  const names: T[] = [];
  let cursor = request.cursor;
  let pages = 0;
  let read = 0;
  while (pages < maxPages) {
    const answer = await readPage(cursor);
    pages += 1;
    // F's outcomes are never 'page' (the listings name their own), which TypeScript cannot narrow on a type parameter.
    if (answer.outcome !== 'page') return answer as F;
    const page = answer as Page<T>;
    read += page.names.length;
    names.push(...(filter ? page.names.filter((item) => nameOf(item).toLowerCase().includes(filter)) : page.names));
    if (page.next === null) return { outcome: 'names', names, next: null, pages };
    // The window sends the cursor back for the next page and the IPC contract bounds it: an
    // upstream token (ECR's nextToken, Google's pageToken) too long to carry is said here, not
    // refused later as an invalid request on "Load more".
    if (page.next.length > MAX_CURSOR_LENGTH) throw new AppFailure('browse.cursorTooLong', { length: page.next.length, max: MAX_CURSOR_LENGTH });
    follow(cursor, page.next, { pages, names: read });
    cursor = page.next;
    if (names.length >= request.pageSize) break;
  }
  return { outcome: 'names', names, next: cursor ?? null, pages };
}
