import { AppFailure } from '../app-errors/app-failure';
import type { HttpAnswer } from './http-exchange';
import { nextLink } from './link-header';
import type { RegistryReader } from './registry-reader';

/** One page of `_catalog` or `tags/list`; `next` is the path and query of the following page. */
export type NamePage =
  | { outcome: 'page'; names: string[]; next: string | null }
  /** 401/403: this login may not list here (Docker Hub never grants the catalog, Harbor only admins). */
  | { outcome: 'refused'; status: number }
  /** 404: no such endpoint (the catalog) or no such repository (its tags). */
  | { outcome: 'missing'; status: number; registryCode?: string };

export interface PageRequest {
  /** From the previous page's `next`; absent for the first page. */
  cursor?: string;
  pageSize: number;
}

/** A tag list of 100,000 tags is a few MiB; anything much bigger is refused, never read whole. */
export const MAX_PAGE_BYTES = 4 * 1024 * 1024;
const MAX_NAME_LENGTH = 512;

/** The page's URL: the first one, or the cursor, which must be this same listing on this same registry. */
function pageUrl(endpoint: URL, path: string, request: PageRequest): URL {
  const first = new URL(path, endpoint);
  if (request.cursor === undefined) {
    first.searchParams.set('n', String(request.pageSize));
    return first;
  }
  const url = new URL(request.cursor, endpoint);
  if (url.origin !== endpoint.origin) throw new AppFailure('browse.otherHost', { host: url.host });
  if (url.pathname !== first.pathname) throw new AppFailure('browse.badLink', { url: url.pathname });
  return url;
}

function followingPage(answer: HttpAnswer, endpoint: URL, current: URL): string | null {
  const link = nextLink(answer.headers.get('link'));
  if (!link) return null;
  const next = new URL(link, current);
  if (next.origin !== endpoint.origin) throw new AppFailure('browse.otherHost', { host: next.host });
  if (next.pathname !== current.pathname) throw new AppFailure('browse.badLink', { url: next.pathname });
  if (next.search === current.search) throw new AppFailure('browse.linkLoop', { url: current.pathname });
  return `${next.pathname}${next.search}`;
}

function namesIn(answer: HttpAnswer, field: 'repositories' | 'tags'): string[] {
  let value: unknown;
  try {
    value = (JSON.parse(answer.body) as Record<string, unknown>)[field];
  } catch {
    throw new AppFailure('browse.badAnswer', { url: answer.url.pathname });
  }
  // A repository without tags answers `"tags": null`.
  if (value === null) return [];
  if (!Array.isArray(value)) throw new AppFailure('browse.badAnswer', { url: answer.url.pathname });
  return value.filter((name): name is string => typeof name === 'string' && name.length > 0 && name.length <= MAX_NAME_LENGTH);
}

function registryCode(answer: HttpAnswer): string | undefined {
  try {
    const code = (JSON.parse(answer.body) as { errors?: { code?: unknown }[] }).errors?.[0]?.code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

async function readPage(reader: RegistryReader, endpoint: URL, path: string, scope: string, field: 'repositories' | 'tags', request: PageRequest): Promise<NamePage> {
  const url = pageUrl(endpoint, path, request);
  const answer = await reader.read({ url, scope, maxBody: MAX_PAGE_BYTES });
  if (answer.status === 401 || answer.status === 403) return { outcome: 'refused', status: answer.status };
  if (answer.status === 404) {
    const code = registryCode(answer);
    return { outcome: 'missing', status: 404, ...(code ? { registryCode: code } : {}) };
  }
  if (answer.status !== 200) throw new AppFailure('browse.status', { url: url.pathname, status: answer.status });
  return { outcome: 'page', names: namesIn(answer, field), next: followingPage(answer, endpoint, url) };
}

/** `GET /v2/_catalog?n=…`, then the `Link` header's next page. */
export function readCatalogPage(reader: RegistryReader, endpoint: URL, request: PageRequest): Promise<NamePage> {
  return readPage(reader, endpoint, '_catalog', 'registry:catalog:*', 'repositories', request);
}

/** `GET /v2/<name>/tags/list?n=…`, then the `Link` header's next page. */
export function readTagsPage(reader: RegistryReader, endpoint: URL, repository: string, request: PageRequest): Promise<NamePage> {
  return readPage(reader, endpoint, `${repository}/tags/list`, `repository:${repository}:pull`, 'tags', request);
}
