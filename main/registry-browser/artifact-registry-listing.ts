import type { Tag, TagOrder, TimeOrder } from '../../shared/registry-browser-contract';
import { parseRegistryUrl } from '../../shared/registry-url';
import { AppFailure } from '../app-errors/app-failure';
import type { HttpExchange } from '../registry-http/http-exchange';
import { jsonObject } from './json-answer';
import type { ItemPage } from './name-walk';
import type { RegistrySupport } from './registry-session';

/** Artifact Registry's REST API: its Docker registries grant no `_catalog`, so repositories and images are listed here. */
export const ARTIFACT_REGISTRY_API = new URL('https://artifactregistry.googleapis.com/');
const MAX_PAGE_BYTES = 4 * 1024 * 1024;
/** The API's own cap on `pageSize`. */
const MAX_PAGE_SIZE = 1000;
const MAX_NAME_LENGTH = 512;
/** Google's resource ids: project ids, locations and repository ids (`[a-z0-9-]`, projects may carry `domain:`). */
const RESOURCE_ID = /^[a-z][a-z0-9.:-]{0,127}$/;
const LOCATION_HOST = /^([a-z0-9-]+)-docker\.pkg\.dev$/;

/** Which Artifact Registry a saved registry is: its location, project and, when the URL names one, its repository. */
export interface ArtifactRegistryPlace {
  host: string;
  location: string;
  project: string;
  repository: string | null;
}

/**
 * `LOCATION-docker.pkg.dev[/PROJECT[/REPOSITORY]]`: the location from the host, the project from
 * the path or else the key's `project_id`. Null for a host that is not Artifact Registry's.
 */
export function artifactRegistryPlace(url: string, serviceAccountJson: string): ArtifactRegistryPlace | null {
  const parsed = parseRegistryUrl(url);
  if (typeof parsed === 'string' || parsed.port !== null) return null;
  const location = LOCATION_HOST.exec(parsed.host)?.[1];
  if (!location) return null;
  const [pathProject, pathRepository] = parsed.path.split('/').filter(Boolean);
  let keyProject: unknown;
  try {
    keyProject = (JSON.parse(serviceAccountJson) as { project_id?: unknown }).project_id;
  } catch {
    keyProject = undefined;
  }
  const project = pathProject ?? (typeof keyProject === 'string' ? keyProject : undefined);
  if (!project || !RESOURCE_ID.test(project) || (pathRepository !== undefined && !RESOURCE_ID.test(pathRepository))) return null;
  return { host: parsed.host, location, project, repository: pathRepository ?? null };
}

/** Where a listing stands: the repositories page holding repository `r` (`''`: its first), and the packages or images page token in it. */
interface Cursor {
  rp?: string;
  r: string;
  ip?: string;
  /**
   * Tags by time: `t` the API orders them (newest first), `l` it refused `orderBy`, so they come
   * unordered and only the loaded ones can be sorted. A page token goes only with its order.
   */
  o?: 't' | 'l';
}

const encode = (cursor: Cursor): string => `ar1.${Buffer.from(JSON.stringify(cursor)).toString('base64url')}`;

function decode(text: string): Cursor {
  let value: unknown;
  try {
    value = text.startsWith('ar1.') ? JSON.parse(Buffer.from(text.slice(4), 'base64url').toString('utf8')) : null;
  } catch {
    value = null;
  }
  const cursor = value as Partial<Cursor> | null;
  const optional = (field: unknown) => field === undefined || typeof field === 'string';
  if (!cursor || typeof cursor.r !== 'string' || !optional(cursor.rp) || !optional(cursor.ip) || (cursor.o !== undefined && cursor.o !== 't' && cursor.o !== 'l')) {
    throw new AppFailure('browse.badLink', { url: 'artifactregistry.googleapis.com' });
  }
  return cursor as Cursor;
}

/** The characters a Docker tag is made of: a filter with any other matches no tag, and is not sent. */
const TAG_TEXT = /^[A-Za-z0-9_.-]{1,128}$/;

type Listed<T> = { outcome: 'listed'; items: T[]; next: string | null } | Exclude<ItemPage<never>, { outcome: 'page' }>;

/**
 * Artifact Registry's listing for one registry, with the OAuth access token minted from its JSON
 * key (sent to artifactregistry.googleapis.com only): the Docker repositories of the project and
 * location (`repositories`, `pageToken`/`nextPageToken`), in each its images (`packages`, one per
 * image path, escaped as `web%2Ffrontend`), and an image's tags (`packages/…/tags`, paged and
 * filtered by the API). A browser "repository" is what a pull names: `PROJECT/REPOSITORY/IMAGE`.
 * Tags carry no time, so the time order reads the image's own versions (`packages/…/versions`,
 * paged), which the API orders by creation time and sends with their tags. What the session
 * learnt of the API (`support`) outlives the call.
 */
export function createArtifactRegistryListing(http: HttpExchange, place: ArtifactRegistryPlace, accessToken: string, support: RegistrySupport) {
  /** The location's resource name, as the API names its resources. */
  const resource = `projects/${place.project}/locations/${place.location}`;
  const parent = `/v1/${resource}`;
  /** Repositories pages of this call by their token, so stepping from one repository to the next reads each page once. */
  const repositoryPages = new Map<string, Promise<Listed<string>>>();

  async function get<T>(path: string, field: string, token: string | undefined, pageSize: number, read: (item: unknown) => T[], query: { orderBy?: string; filter?: string; view?: string } = {}): Promise<Listed<T>> {
    const url = new URL(path, ARTIFACT_REGISTRY_API);
    url.searchParams.set('pageSize', String(Math.min(pageSize, MAX_PAGE_SIZE)));
    if (token) url.searchParams.set('pageToken', token);
    if (query.orderBy) url.searchParams.set('orderBy', query.orderBy);
    if (query.filter) url.searchParams.set('filter', query.filter);
    if (query.view) url.searchParams.set('view', query.view);
    const answer = await http.send({ url, step: 'registry', headers: { authorization: `Bearer ${accessToken}` }, maxBody: MAX_PAGE_BYTES });
    if (answer.status === 401 || answer.status === 403) return { outcome: 'refused', status: answer.status };
    if (answer.status === 404) return { outcome: 'missing', status: 404 };
    if (answer.status !== 200) throw new AppFailure('browse.status', { url: url.pathname, status: answer.status });
    const body = jsonObject(answer);
    const listed = body[field];
    const items = Array.isArray(listed) ? listed.flatMap(read) : [];
    const next = typeof body.nextPageToken === 'string' && body.nextPageToken !== '' ? body.nextPageToken : null;
    return { outcome: 'listed', items, next };
  }

  /** The Docker repositories' ids, on one page of the project's repositories (or the one the URL names). */
  function repositoriesPage(token: string | undefined, pageSize: number): Promise<Listed<string>> {
    if (place.repository) return Promise.resolve({ outcome: 'listed', items: [place.repository], next: null });
    const key = token ?? '';
    const known = repositoryPages.get(key);
    if (known) return known;
    const read = get(`${parent}/repositories`, 'repositories', token, pageSize, (item) => {
      const { name, format } = (item ?? {}) as { name?: unknown; format?: unknown };
      const id = typeof name === 'string' ? name.slice(name.lastIndexOf('/') + 1) : '';
      return format === 'DOCKER' && RESOURCE_ID.test(id) ? [id] : [];
    });
    repositoryPages.set(key, read);
    return read;
  }

  /** One page of a repository's images as pulls name them (`PROJECT/REPOSITORY/IMAGE`), one per image path. */
  function packagesPage(repository: string, token: string | undefined, pageSize: number): Promise<Listed<string>> {
    const prefix = `${resource}/repositories/${repository}/packages/`;
    return get(`${parent}/repositories/${encodeURIComponent(repository)}/packages`, 'packages', token, pageSize, (item) => {
      const { name } = (item ?? {}) as { name?: unknown };
      if (typeof name !== 'string' || !name.startsWith(prefix) || name.length > prefix.length + MAX_NAME_LENGTH * 3) return [];
      let path: string;
      try {
        path = decodeURIComponent(name.slice(prefix.length));
      } catch {
        return [];
      }
      return path !== '' && path.length <= MAX_NAME_LENGTH ? [`${place.project}/${repository}/${path}`] : [];
    });
  }

  /** The image's package, its slashes escaped as the API names packages. */
  const packageOf = (repository: string, image: string) => `${resource}/repositories/${repository}/packages/${encodeURIComponent(image)}`;
  // google/api/http.proto: a multi-segment variable (`parent`) is sent with each `%` escaped, and the
  // server decodes all but `%2F`, so `web%2Ffrontend` travels as `web%252Ffrontend`.
  const packagePath = (packageName: string) => `/v1/${packageName.split('/').map(encodeURIComponent).join('/')}`;

  /** A Tag resource's tag, the last part of its name below `prefix`; null for anything else. */
  function tagName(item: unknown, prefix: string): string | null {
    const { name } = (item ?? {}) as { name?: unknown };
    if (typeof name !== 'string' || !name.startsWith(prefix)) return null;
    try {
      const tag = decodeURIComponent(name.slice(prefix.length));
      return TAG_TEXT.test(tag) ? tag : null;
    } catch {
      return null;
    }
  }

  /**
   * One page of an image's tags by `packages/…/tags`: the package is the image path with its
   * slashes escaped, each tag's name ends in `/tags/TAG`; `text`, when given, is matched by the
   * API (`filter` on `name` with `*` wildcards) so only matching tags cross the network.
   */
  function tagsPage(repository: string, image: string, token: string | undefined, pageSize: number, text: string): Promise<Listed<Tag>> {
    const packageName = packageOf(repository, image);
    const prefix = `${packageName}/tags/`;
    const read = (item: unknown): Tag[] => {
      const tag = tagName(item, prefix);
      return tag === null ? [] : [{ name: tag, pushedAt: null }];
    };
    const filter = text === '' ? {} : { filter: `name="${prefix}*${text}*"` };
    return get(`${packagePath(packageName)}/tags`, 'tags', token, pageSize, read, filter);
  }

  /**
   * One page of an image's versions (`packages/…/versions`, one per digest) as tags with the time
   * each was pushed (the version's `createTime`): `view=FULL` sends each version's tags with it
   * (up to 100 a version, the API's own cap), `newestFirst` asks the API to order by creation time.
   */
  function versionsPage(repository: string, image: string, token: string | undefined, pageSize: number, newestFirst: boolean): Promise<Listed<Tag>> {
    const packageName = packageOf(repository, image);
    const read = (item: unknown): Tag[] => {
      const { name, createTime, relatedTags } = (item ?? {}) as { name?: unknown; createTime?: unknown; relatedTags?: unknown };
      if (typeof name !== 'string' || !name.startsWith(`${packageName}/versions/`) || !Array.isArray(relatedTags)) return [];
      const pushedAt = typeof createTime === 'string' && !Number.isNaN(Date.parse(createTime)) ? new Date(createTime).toISOString() : null;
      return relatedTags.flatMap((tag) => {
        const tagText = tagName(tag, `${packageName}/tags/`);
        return tagText === null ? [] : [{ name: tagText, pushedAt }];
      });
    };
    return get(`${packagePath(packageName)}/versions`, 'versions', token, pageSize, read, { view: 'FULL', ...(newestFirst ? { orderBy: 'create_time desc' } : {}) });
  }

  let unorderedByTime = false;

  return {
    /** `server` where the tags came newest first from the API, `loaded` where it refused to order them. */
    timeOrder: (): TimeOrder => (unorderedByTime ? 'loaded' : 'server'),
    /** Image names, repository by repository; the cursor says which repositories page, which repository and which packages page. */
    async repositories(cursorText: string | undefined, pageSize: number): Promise<ItemPage<string>> {
      const cursor = cursorText === undefined ? { r: '' } : decode(cursorText);
      const repositories = await repositoriesPage(cursor.rp, pageSize);
      if (repositories.outcome !== 'listed') return repositories;
      const repository = cursor.r === '' ? repositories.items[0] : cursor.r;
      const following = (after: string | undefined): string | null => {
        const at = after === undefined ? -1 : repositories.items.indexOf(after);
        const nextRepository = repositories.items[at + 1];
        if (nextRepository !== undefined) return encode({ ...(cursor.rp ? { rp: cursor.rp } : {}), r: nextRepository });
        return repositories.next ? encode({ rp: repositories.next, r: '' }) : null;
      };
      if (repository === undefined) return { outcome: 'page', names: [], next: following(undefined) };
      if (!repositories.items.includes(repository)) throw new AppFailure('browse.badLink', { url: `repositories/${repository}` });
      const images = await packagesPage(repository, cursor.ip, pageSize);
      if (images.outcome === 'missing') return { outcome: 'page', names: [], next: following(repository) };
      if (images.outcome !== 'listed') return images;
      const next = images.next ? encode({ ...(cursor.rp ? { rp: cursor.rp } : {}), r: repository, ip: images.next }) : following(repository);
      return { outcome: 'page', names: images.items, next };
    },

    /**
     * The tags of `PROJECT/REPOSITORY/IMAGE`: by name from the image's own tags, paged and filtered
     * by the API; by time from the image's versions with their creation times, newest first
     * across pages where the API takes `orderBy` (`timeOrder()` says whether it did).
     */
    async tags(name: string, cursorText: string | undefined, pageSize: number, order: TagOrder = 'name', filter = ''): Promise<ItemPage<Tag>> {
      const [project, repository, ...rest] = name.split('/');
      if (project !== place.project || !repository || !RESOURCE_ID.test(repository) || rest.length === 0) return { outcome: 'missing', status: 404 };
      if (order === 'name') {
        const text = filter.trim();
        if (text !== '' && !TAG_TEXT.test(text)) return { outcome: 'page', names: [], next: null };
        const cursor = cursorText === undefined ? { r: repository } : decode(cursorText);
        if (cursor.r !== repository || cursor.o !== undefined) throw new AppFailure('browse.badLink', { url: `repositories/${cursor.r}` });
        const tags = await tagsPage(repository, rest.join('/'), cursor.ip, pageSize, text);
        if (tags.outcome !== 'listed') return tags;
        return { outcome: 'page', names: tags.items, next: tags.next ? encode({ r: repository, ip: tags.next }) : null };
      }
      // An API that refused `orderBy` this session is not asked with it again: each first page would cost a 400.
      const timeOrder = support.orderBy === false ? ('l' as const) : ('t' as const);
      let cursor: Cursor = cursorText === undefined ? { r: repository, o: timeOrder } : decode(cursorText);
      if (cursor.r !== repository || cursor.o === undefined) throw new AppFailure('browse.badLink', { url: `repositories/${cursor.r}` });
      const image = rest.join('/');
      let versions: Listed<Tag>;
      try {
        versions = await versionsPage(repository, image, cursor.ip, pageSize, cursor.o === 't');
      } catch (error) {
        // An API without `orderBy` answers 400 INVALID_ARGUMENT to the first page: ask again unordered.
        const refused = error instanceof AppFailure && error.appError.code === 'browse.status' && error.appError.params?.status === 400;
        if (!refused || cursor.o !== 't' || cursor.ip !== undefined) throw error;
        support.orderBy = false;
        cursor = { ...cursor, o: 'l' };
        versions = await versionsPage(repository, image, undefined, pageSize, false);
      }
      if (cursor.o === 'l') unorderedByTime = true;
      if (versions.outcome !== 'listed') return versions;
      return { outcome: 'page', names: versions.items, next: versions.next ? encode({ r: repository, ip: versions.next, o: cursor.o }) : null };
    },
  };
}
