import type { KubeConnection, KubeRequest } from './kube-connection';
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
}

export interface Page<T> {
  items: T[];
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

/** How many objects one list call asks for: few round trips, bounded memory per page. */
export const LIST_PAGE_SIZE = 10_000;

function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text === '' ? path : `${path}?${text}`;
}

/** The API verbs the app uses, each retried on 429/5xx with backoff that honours Retry-After. */
export function kubeApi(connection: KubeConnection, policy: RetryPolicy = DEFAULT_RETRY_POLICY) {
  const call = async <T>(request: KubeRequest): Promise<T> =>
    (await withRetries(() => connection.send(request), policy, request.signal)).body as T;

  async function listPage<T>(path: string, query: ListQuery & { limit: number; continue?: string }, signal?: AbortSignal): Promise<Page<T>> {
    const body = await call<{ items?: T[]; metadata?: { continue?: string } }>({ method: 'GET', path: withQuery(path, { ...query }), signal });
    return { items: body.items ?? [], continue: body.metadata?.continue || null };
  }

  return {
    context: connection.context,
    version: (signal?: AbortSignal, timeoutMs?: number) => connection.send({ method: 'GET', path: '/version', signal, timeoutMs }).then((response) => response.body as { gitVersion?: string }),
    listPage,
    /** Every item, following `continue` until the list ends. */
    async list<T>(path: string, query: ListQuery, signal?: AbortSignal): Promise<T[]> {
      const items: T[] = [];
      let token: string | undefined;
      do {
        const page = await listPage<T>(path, { ...query, limit: LIST_PAGE_SIZE, continue: token }, signal);
        items.push(...page.items);
        token = page.continue ?? undefined;
      } while (token);
      return items;
    },
    get: <T>(path: string, signal?: AbortSignal) => call<T>({ method: 'GET', path, signal }),
    create: <T>(path: string, body: unknown, signal?: AbortSignal) => call<T>({ method: 'POST', path, body, signal }),
    replace: <T>(path: string, body: unknown, signal?: AbortSignal) => call<T>({ method: 'PUT', path, body, signal }),
    mergePatch: <T>(path: string, patch: unknown, signal?: AbortSignal) => call<T>({ method: 'PATCH', path, body: patch, contentType: MERGE_PATCH, signal }),
    remove: (path: string, body: unknown, signal?: AbortSignal) => call<unknown>({ method: 'DELETE', path, body, signal }),
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
