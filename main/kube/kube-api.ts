import { createHash } from 'node:crypto';
import { DEFAULT_CLUSTER_LIMITS, type ClusterLimits } from './cluster-limits';
import type { KubeConnection, KubeRequest } from './kube-connection';
import { KubeAnswerError, KubeLimitError, resourceOfPath } from './kube-errors';
import { ListItemsReader, ListSyntaxError, type ListEnvelope } from './list-items';
import { DEFAULT_RETRY_POLICY, withRetries, type RetryPolicy } from './retry';

/** The metadata the app reads and writes; the API server keeps everything else. */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  resourceVersion?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
}

export interface ListQuery {
  labelSelector?: string;
  fieldSelector?: string;
  /** Objects per page; absent: LIST_PAGE_SIZE. Lists of large objects ask for fewer, to fit the answer limit. */
  limit?: number;
  /**
   * Items come with `metadata.managedFields: null` (not sent to the server: it always sends them).
   * For readers that never look at them and keep only what they read (a projection), which then
   * skip parsing a third or more of every item.
   */
  dropManagedFields?: boolean;
  /**
   * Ask for a PartialObjectMetadataList (client-go's metadata client's Accept): items carry their
   * metadata and nothing else, for readers that need no spec, status or data. A server that cannot
   * answer so sends the usual list (the plain `application/json` after it), which reads the same.
   */
  metadataOnly?: boolean;
}

/** What the metadata client asks for, with the plain list as the fallback. */
export const METADATA_LIST_ACCEPT = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';

/** What a list keeps of each item; undefined keeps nothing. */
export type Projection<T, R> = (item: T) => R | undefined;

interface PageRead<R> {
  projected: R[];
  items: number;
  continue: string | null;
}

export interface AccessAttributes {
  verb: string;
  resource: string;
  /** The API group; absent: the core group. */
  group?: string;
  /** Absent: the whole cluster. */
  namespace?: string;
}

export const MERGE_PATCH = 'application/merge-patch+json';
export const APPLY_PATCH = 'application/apply-patch+yaml';

export interface ApplyOptions {
  fieldManager: string;
  /** Take over fields other managers own instead of failing with 409. */
  force?: boolean;
  /** Ask what would happen; nothing is stored. */
  dryRun?: boolean;
}

/**
 * How many objects one list call asks for: few round trips for namespaces, ServiceAccounts and the
 * app's secrets (under 7 KiB each, so a page stays inside the 64 MiB answer limit).
 */
export const LIST_PAGE_SIZE = 10_000;
/** Pods and nodes run 5–30 KiB each (managedFields, sidecars, image lists): 1,000 a page stay well inside it. */
export const LARGE_OBJECTS_PAGE_SIZE = 1_000;

function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text === '' ? path : `${path}?${text}`;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function continueOf(envelope: ListEnvelope, resource: string): string | null {
  const token = isObject(envelope.metadata) ? envelope.metadata.continue : undefined;
  if (token === undefined || token === null || token === '') return null;
  if (typeof token !== 'string') throw new KubeAnswerError(resource, 'metadata.continue is not a string');
  return token;
}

interface PageReading<T, R> {
  resource: string;
  project: Projection<T, R>;
  /** Items on the pages before this one. */
  listed: number;
  maxItems: number;
  dropManagedFields: boolean;
}

/** A projection that stumbles on an item of the wrong shape (a string where a list belongs) reports the answer, not a crash. */
function projectItem<T, R>(project: Projection<T, R>, item: T, resource: string, index: number): R | undefined {
  try {
    return project(item);
  } catch (error) {
    if (error instanceof TypeError) throw new KubeAnswerError(resource, `item ${index} does not have the fields of ${resource}`);
    throw error;
  }
}

/** A list answer read item by item as it arrives, so a page is never held whole. */
async function readListBody<T, R>(chunks: AsyncIterable<Buffer>, page: PageReading<T, R>): Promise<PageRead<R>> {
  const { resource, project, listed, maxItems, dropManagedFields } = page;
  const projected: R[] = [];
  let items = 0;
  const reader = new ListItemsReader(
    (item) => {
      items += 1;
      if (listed + items > maxItems) throw new KubeLimitError('listItems', resource, maxItems);
      if (!isObject(item) || !isObject(item.metadata)) throw new KubeAnswerError(resource, `item ${items} is not an object with metadata`);
      const value = projectItem(project, item as T, resource, items);
      if (value !== undefined) projected.push(value);
    },
    { dropManagedFields },
  );
  try {
    for await (const chunk of chunks) reader.push(chunk);
    return { projected, items, continue: continueOf(reader.finish(), resource) };
  } catch (error) {
    throw error instanceof ListSyntaxError ? new KubeAnswerError(resource, error.message) : error;
  }
}

/**
 * Reads a 2xx answer to its end and keeps nothing: parsing the stored object a write echoes back
 * (a secret's data included) cost a sixth of apply's CPU time in bench:inject (0.83 → 0.68 s).
 */
async function drain(chunks: AsyncIterable<Buffer>): Promise<void> {
  for await (const _chunk of chunks);
}

/** The API verbs the app uses, each retried on 429/5xx with backoff that honours Retry-After; lists within `limits`. */
export function kubeApi(connection: KubeConnection, policy: RetryPolicy = DEFAULT_RETRY_POLICY, limits: ClusterLimits = DEFAULT_CLUSTER_LIMITS) {
  const call = async <T>(request: KubeRequest): Promise<T> =>
    (await withRetries(() => connection.send(request), policy, request.signal)).body as T;
  /** A write whose answer (the object as stored) nobody reads: its body is drained, not parsed. */
  const write = (request: KubeRequest): Promise<void> => withRetries(() => connection.stream(request, drain), policy, request.signal);

  /** One page (retried whole on 429/5xx): only the projections of its items are kept. */
  function readPage<T, R>(path: string, query: ListQuery & { continue?: string }, project: Projection<T, R>, listed: number, signal?: AbortSignal): Promise<PageRead<R>> {
    const { dropManagedFields, metadataOnly, ...sent } = query;
    const accept = metadataOnly ? { accept: METADATA_LIST_ACCEPT } : {};
    const request: KubeRequest = { method: 'GET', path: withQuery(path, { ...sent, limit: query.limit ?? LIST_PAGE_SIZE }), ...accept, signal };
    const page = { resource: resourceOfPath(path), project, listed, maxItems: limits.maxListItems, dropManagedFields: dropManagedFields === true };
    return withRetries(() => connection.stream(request, (chunks) => readListBody(chunks, page)), policy, signal);
  }

  /**
   * Every item of a list, each projected as it is read, following `continue` within the limits: a
   * list longer than `maxListItems`, longer than `maxListPages` or whose `continue` comes back
   * fails with KubeLimitError rather than returning part of the list.
   */
  async function listProjected<T, R>(path: string, query: ListQuery, project: Projection<T, R>, signal?: AbortSignal): Promise<R[]> {
    const resource = resourceOfPath(path);
    const kept: R[] = [];
    const tokens = new Set<string>();
    let listed = 0;
    let token: string | undefined;
    for (let page = 1; ; page += 1) {
      if (page > limits.maxListPages) throw new KubeLimitError('listPages', resource, limits.maxListPages);
      const read = await readPage(path, { ...query, continue: token }, project, listed, signal);
      for (const value of read.projected) kept.push(value);
      listed += read.items;
      if (read.continue === null) return kept;
      const digest = createHash('sha256').update(read.continue).digest('hex');
      if (tokens.has(digest)) throw new KubeLimitError('repeatedContinue', resource, page);
      tokens.add(digest);
      token = read.continue;
    }
  }

  return {
    context: connection.context,
    version: (signal?: AbortSignal, timeoutMs?: number) => connection.send({ method: 'GET', path: '/version', signal, timeoutMs }).then((response) => response.body as { gitVersion?: string }),
    listProjected,
    /** Every item whole; where only some fields matter, listProjected keeps memory to those. */
    list: <T>(path: string, query: ListQuery, signal?: AbortSignal): Promise<T[]> => listProjected<T, T>(path, query, (item) => item, signal),
    get: <T>(path: string, signal?: AbortSignal) => call<T>({ method: 'GET', path, signal }),
    create: (path: string, body: unknown, signal?: AbortSignal) => write({ method: 'POST', path, body, signal }),
    replace: (path: string, body: unknown, signal?: AbortSignal) => write({ method: 'PUT', path, body, signal }),
    mergePatch: (path: string, patch: unknown, signal?: AbortSignal) => write({ method: 'PATCH', path, body: patch, contentType: MERGE_PATCH, signal }),
    remove: (path: string, body: unknown, signal?: AbortSignal) => write({ method: 'DELETE', path, body, signal }),
    /** Server-side apply: the object as this field manager wants it (JSON is YAML, so the body stays JSON). */
    apply: <T>(path: string, body: unknown, options: ApplyOptions, signal?: AbortSignal) =>
      call<T>({
        method: 'PATCH',
        path: withQuery(path, { fieldManager: options.fieldManager, force: options.force ? 'true' : undefined, dryRun: options.dryRun ? 'All' : undefined }),
        body,
        contentType: APPLY_PATCH,
        signal,
      }),
    /** SelfSubjectAccessReview: may this context's user do it? */
    async allowed(attributes: AccessAttributes, signal?: AbortSignal): Promise<boolean> {
      const review = await call<{ status?: { allowed?: boolean } }>({
        method: 'POST',
        path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
        body: {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          spec: { resourceAttributes: { verb: attributes.verb, resource: attributes.resource, group: attributes.group ?? '', namespace: attributes.namespace ?? '' } },
        },
        signal,
      });
      return review.status?.allowed === true;
    },
  };
}
export type KubeApi = ReturnType<typeof kubeApi>;
