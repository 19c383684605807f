import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen } from './http-server';

/**
 * A stand-in for Artifact Registry's REST API (artifactregistry.googleapis.com/v1), on what the
 * app reads, as Google's reference documents it:
 * - `GET /v1/projects/{p}/locations/{l}/repositories?pageSize=&pageToken=` answers
 *   `{repositories: [{name: "projects/p/locations/l/repositories/r", format: "DOCKER", …}], nextPageToken}`;
 * - `GET /v1/projects/{p}/locations/{l}/repositories/{r}/dockerImages?pageSize=&pageToken=` answers
 *   `{dockerImages: [{name: "…/dockerImages/IMAGE@sha256:…" (the image's slashes escaped), uri:
 *   "l-docker.pkg.dev/p/r/IMAGE@sha256:…", tags, imageSizeBytes (an int64, so a JSON string),
 *   uploadTime, mediaType, buildTime, updateTime}], nextPageToken}`, one entry per digest, by name;
 * - `GET /v1/projects/{p}/locations/{l}/repositories/{r}/packages?pageSize=&pageToken=` answers
 *   `{packages: [{name: "…/packages/web%2Ffrontend", createTime, updateTime}], nextPageToken}`, one
 *   per image path (a package id's slashes escaped), by name;
 * - `GET …/packages/{package}/tags?pageSize=&pageToken=&filter=` answers `{tags: [{name:
 *   "…/packages/web%2Ffrontend/tags/v1", version: "…/packages/web%2Ffrontend/versions/sha256:…"}],
 *   nextPageToken}`, by name, up to 10,000 a page; `filter` takes `name="…"` or `version="…"`, `*`
 *   matching any characters, case-insensitive as the reference says; any other filter is 400. The
 *   package travels as google/api/http.proto sends a multi-segment variable: each `%` escaped
 *   (`web%252Ffrontend`), decoded by the server except `%2F`; an unescaped slash is another path;
 * - `GET …/packages/{package}/versions?pageSize=&pageToken=&orderBy=&view=` answers `{versions:
 *   [{name: "…/packages/web%2Ffrontend/versions/sha256:…", createTime, updateTime}], nextPageToken}`,
 *   one per digest, by name; `view=FULL` adds each version's `relatedTags` (`[{name, version}]`, up
 *   to 100), `BASIC` or none leaves them out, any other view is 400. The reference names no field
 *   list for its `orderBy`: a Version's own sortable fields (`name`, `create_time`, `update_time`)
 *   are taken in AIP-132's syntax, as on `dockerImages`;
 * - `orderBy` on `dockerImages` takes AIP-132's syntax: a field of the DockerImage (`name`,
 *   `upload_time`, `update_time`, `build_time`, `media_type`), optionally
 *   followed by ` desc`; any other is 400 INVALID_ARGUMENT; a page token only goes with the order
 *   it was issued for (a changed order is 400 too);
 * - page sizes above 1,000 are cut to 1,000; `nextPageToken` is opaque and absent on the last page
 *   (proto3 JSON leaves out empty strings); an unknown token is 400 INVALID_ARGUMENT;
 * - errors are `{error: {code, message, status}}`: 401 UNAUTHENTICATED without a Bearer token
 *   Google issued, 403 PERMISSION_DENIED for another project, 404 NOT_FOUND for a missing repository.
 * Tokens are checked with `acceptsToken` (the Google token endpoint stand-in's `issuedTo`).
 */
export interface ArImage {
  /** The image's path below the repository (`web/frontend`). */
  image: string;
  digest: string;
  tags: string[];
  size: number;
  uploadTime: string;
  buildTime?: string;
  mediaType: string;
}

export interface ArtifactRegistryApiOptions {
  project: string;
  location: string;
  repositories: Record<string, { format: 'DOCKER' | 'MAVEN' | 'NPM'; images: ArImage[] }>;
  acceptsToken(token: string): boolean;
  tls: { certificate: string; privateKey: string };
}

export interface RunningArtifactRegistryApi {
  port: number;
  requests(): { path: string; status: number; userAgent: string }[];
  /** While on, any `orderBy` is refused with 400 INVALID_ARGUMENT, as an API version without the field refuses an unknown parameter. */
  refuseOrderBy(on: boolean): void;
  stop(): Promise<void>;
}

const MAX_PAGE_SIZE = 1000;
/** "Will contain up to 100 tags that reference this version." */
const MAX_RELATED_TAGS = 100;
/** A Version's fields `orderBy` may name, to their JSON names. */
const VERSION_ORDER_FIELDS: Record<string, string> = { name: 'name', create_time: 'createTime', update_time: 'updateTime' };
/** `packages.tags.list`'s own cap. */
const MAX_TAGS_PAGE_SIZE = 10_000;

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
  response.end(JSON.stringify(body));
}

const googleError = (response: ServerResponse, code: number, status: string, message: string) => reply(response, code, { error: { code, message, status } });

export async function startArtifactRegistryApi(options: ArtifactRegistryApiOptions): Promise<RunningArtifactRegistryApi> {
  const seen: { path: string; status: number; userAgent: string }[] = [];
  // Opaque tokens, as Google's are: each stands for an offset into one listing.
  const tokens = new Map<string, { listing: string; offset: number }>();
  let orderByRefused = false;
  const ORDER_FIELDS: Record<string, string> = { name: 'name', upload_time: 'uploadTime', update_time: 'updateTime', build_time: 'buildTime', media_type: 'mediaType' };
  const { project, location } = options;
  const parent = `projects/${project}/locations/${location}`;
  const host = `${location}-docker.pkg.dev`;

  function paged<T>(url: URL, listing: string, items: T[], field: string, response: ServerResponse, maxPageSize = MAX_PAGE_SIZE): void {
    const requested = Number(url.searchParams.get('pageSize') ?? 0);
    const pageSize = requested > 0 ? Math.min(requested, maxPageSize) : 100;
    const token = url.searchParams.get('pageToken');
    let offset = 0;
    if (token) {
      const known = tokens.get(token);
      if (!known || known.listing !== listing) return googleError(response, 400, 'INVALID_ARGUMENT', 'Invalid page token.');
      offset = known.offset;
    }
    const page = items.slice(offset, offset + pageSize);
    const body: Record<string, unknown> = { [field]: page };
    if (offset + pageSize < items.length) {
      const next = randomBytes(24).toString('base64url');
      tokens.set(next, { listing, offset: offset + pageSize });
      body.nextPageToken = next;
    }
    // An empty page leaves the field out altogether, as proto3 JSON does.
    if (page.length === 0) delete body[field];
    reply(response, 200, body);
  }

  /**
   * `orderBy` as AIP-132 writes it (`field` or `field desc`), its field one of `fields` (the API's
   * names to the JSON's); null without one, false once a 400 is sent.
   */
  function orderOf(orderBy: string | null, fields: Record<string, string>, response: ServerResponse): { field: string; desc: boolean } | null | false {
    if (orderBy === null) return null;
    if (orderByRefused) {
      googleError(response, 400, 'INVALID_ARGUMENT', 'Invalid JSON payload received. Unknown name "orderBy": Cannot bind query parameter. Field \'orderBy\' could not be found in request message.');
      return false;
    }
    const order = /^\s*([a-z_]+)(?:\s+(asc|desc))?\s*$/.exec(orderBy);
    if (!order || !Object.hasOwn(fields, order[1]!)) {
      googleError(response, 400, 'INVALID_ARGUMENT', `Invalid order_by: ${orderBy}`);
      return false;
    }
    return { field: fields[order[1]!]!, desc: order[2] === 'desc' };
  }

  /** A stable sort on top of the by-name order: equal times keep name order, as a tie-break by name would. */
  function sortBy<T extends object>(items: T[], order: { field: string; desc: boolean }): void {
    const key = (item: T) => String((item as Record<string, unknown>)[order.field] ?? '');
    items.sort((a, b) => (order.desc ? -1 : 1) * (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }

  const answer = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'https://artifactregistry.googleapis.com');
    const line = { path: `${url.pathname}${url.search}`, status: 0, userAgent: request.headers['user-agent'] ?? '' };
    seen.push(line);
    response.on('finish', () => (line.status = response.statusCode));
    const bearer = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!bearer || !options.acceptsToken(bearer)) {
      return googleError(response, 401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.');
    }
    const match = /^\/v1\/projects\/([^/]+)\/locations\/([^/]+)\/repositories(?:\/([^/]+)\/(dockerImages|packages)(?:\/([^/]+)\/(tags|versions))?)?$/.exec(url.pathname);
    if (!match || request.method !== 'GET') return googleError(response, 404, 'NOT_FOUND', 'Requested entity was not found.');
    if (match[1] !== project || match[2] !== location) {
      return googleError(response, 403, 'PERMISSION_DENIED', `Permission 'artifactregistry.repositories.list' denied on resource '//artifactregistry.googleapis.com/projects/${match[1]}/locations/${match[2]}' (or it may not exist).`);
    }
    const repositoryId = match[3];
    if (repositoryId === undefined) {
      const repositories = Object.entries(options.repositories)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([id, repository]) => ({ name: `${parent}/repositories/${id}`, format: repository.format, mode: 'STANDARD_REPOSITORY', createTime: '2026-01-05T10:00:00.000000Z', updateTime: '2026-11-30T12:00:00.000000Z' }));
      return paged(url, 'repositories', repositories, 'repositories', response);
    }
    if (!Object.hasOwn(options.repositories, repositoryId)) return googleError(response, 404, 'NOT_FOUND', `Repository "${parent}/repositories/${repositoryId}" not found`);
    if (match[4] === 'packages') return packages(url, repositoryId, match[5], match[6] === 'versions', response);
    const orderBy = url.searchParams.get('orderBy');
    const order = orderOf(orderBy, ORDER_FIELDS, response);
    if (order === false) return;
    const images = options.repositories[repositoryId]!.images
      .map((image) => ({
        name: `${parent}/repositories/${repositoryId}/dockerImages/${encodeURIComponent(image.image)}@${image.digest}`,
        uri: `${host}/${project}/${repositoryId}/${image.image}@${image.digest}`,
        ...(image.tags.length > 0 ? { tags: image.tags } : {}),
        imageSizeBytes: String(image.size),
        uploadTime: image.uploadTime,
        mediaType: image.mediaType,
        ...(image.buildTime ? { buildTime: image.buildTime } : {}),
        updateTime: image.uploadTime,
      }))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    if (order) sortBy(images, order);
    return paged(url, `images:${repositoryId}:${orderBy ?? ''}`, images, 'dockerImages', response);
  };
  /** `packages` of a repository, or with `packageSegment` that package's `tags` (or its `versions`). */
  function packages(url: URL, repositoryId: string, packageSegment: string | undefined, versions: boolean, response: ServerResponse): void {
    const images = options.repositories[repositoryId]!.images;
    const packageParent = `${parent}/repositories/${repositoryId}/packages`;
    if (packageSegment === undefined) {
      const paths = [...new Set(images.map((image) => image.image))].sort();
      const listed = paths.map((path) => {
        const times = images.filter((image) => image.image === path).map((image) => image.uploadTime).sort();
        return { name: `${packageParent}/${encodeURIComponent(path)}`, createTime: times[0], updateTime: times.at(-1) };
      });
      return paged(url, `packages:${repositoryId}`, listed, 'packages', response);
    }
    // The server's half of http.proto's rule: every escape decoded but `%2F`.
    const packageId = packageSegment.split(/%2F/i).map(decodeURIComponent).join('%2F');
    const path = decodeURIComponent(packageId);
    const packageName = `${packageParent}/${encodeURIComponent(path)}`;
    if (packageId !== encodeURIComponent(path) || !images.some((image) => image.image === path)) return googleError(response, 404, 'NOT_FOUND', `Package "${packageParent}/${packageId}" not found`);
    if (versions) return versionsOf(url, packageName, images.filter((image) => image.image === path), response);
    const tags = images
      .filter((image) => image.image === path)
      .flatMap((image) => image.tags.map((tag) => ({ name: `${packageName}/tags/${tag}`, version: `${packageName}/versions/${image.digest}` })))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    const filter = url.searchParams.get('filter');
    let matching = tags;
    if (filter !== null) {
      const rule = /^\s*(name|version)\s*=\s*"([^"*]*(?:\*[^"*]*)*)"\s*$/i.exec(filter);
      if (!rule) return googleError(response, 400, 'INVALID_ARGUMENT', `Invalid filter: ${filter}`);
      const parts = rule[2]!.toLowerCase().split('*');
      const matches = (value: string) => {
        const text = value.toLowerCase();
        if (parts.length === 1) return text === parts[0];
        if (!text.startsWith(parts[0]!) || !text.endsWith(parts.at(-1)!)) return false;
        let at = parts[0]!.length;
        for (const part of parts.slice(1, -1)) {
          const found = text.indexOf(part, at);
          if (found < 0) return false;
          at = found + part.length;
        }
        return at <= text.length - parts.at(-1)!.length;
      };
      const field = rule[1]!.toLowerCase() as 'name' | 'version';
      matching = tags.filter((tag) => matches(tag[field]));
    }
    return paged(url, `tags:${packageName}:${filter ?? ''}`, matching, 'tags', response, MAX_TAGS_PAGE_SIZE);
  }

  /** `packages.versions.list`: one version per digest, its tags only in the FULL view. */
  function versionsOf(url: URL, packageName: string, images: ArImage[], response: ServerResponse): void {
    const view = url.searchParams.get('view') ?? 'VERSION_VIEW_UNSPECIFIED';
    if (!['VERSION_VIEW_UNSPECIFIED', 'BASIC', 'FULL'].includes(view)) return googleError(response, 400, 'INVALID_ARGUMENT', `Invalid value at 'view' (type.googleapis.com/google.devtools.artifactregistry.v1.VersionView), "${view}"`);
    const orderBy = url.searchParams.get('orderBy');
    const order = orderOf(orderBy, VERSION_ORDER_FIELDS, response);
    if (order === false) return;
    const listed = images
      .map((image) => {
        const name = `${packageName}/versions/${image.digest}`;
        const relatedTags = image.tags.slice(0, MAX_RELATED_TAGS).map((tag) => ({ name: `${packageName}/tags/${tag}`, version: name }));
        return { name, createTime: image.uploadTime, updateTime: image.uploadTime, ...(view === 'FULL' && relatedTags.length > 0 ? { relatedTags } : {}) };
      })
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    if (order) sortBy(listed, order);
    return paged(url, `versions:${packageName}:${orderBy ?? ''}:${view}`, listed, 'versions', response);
  }

  const server = await listen(answer, options.tls);
  return { port: server.port, requests: () => [...seen], refuseOrderBy: (on) => void (orderByRefused = on), stop: server.stop };
}
