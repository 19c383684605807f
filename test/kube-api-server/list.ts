// Lists: selectors, limit/continue with the real server's token format, and the List envelope.
import { parseFieldSelector, parseLabelSelector } from './selectors';
import type { KubeObject, ResourceType } from './resources';
import { badRequest } from './status';
import type { ObjectStore } from './store';

export interface ListQuery {
  labelSelector: string | null;
  fieldSelector: string | null;
  limit: string | null;
  continue: string | null;
  resourceVersion: string | null;
}

export interface ListResult {
  items: KubeObject[];
  metadata: { resourceVersion: string; continue?: string; remainingItemCount?: number };
}

function decodeContinue(token: string): { rv: number; start: string } {
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { v?: string; rv?: number; start?: string };
    if (decoded.v !== 'meta.k8s.io/v1' || typeof decoded.rv !== 'number' || typeof decoded.start !== 'string') throw new Error('bad token');
    return { rv: decoded.rv, start: decoded.start };
  } catch {
    throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
  }
}

const encodeContinue = (rv: number, start: string): string => Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start })).toString('base64url');

function parseLimit(limit: string | null): number {
  if (limit === null || limit === '') return Infinity;
  const value = Number(limit);
  if (!Number.isInteger(value) || value < 0) throw badRequest(`invalid limit: ${limit}`);
  return value === 0 ? Infinity : value;
}

export function listObjects(store: ObjectStore, type: ResourceType, namespace: string, query: ListQuery): ListResult {
  const labels = parseLabelSelector(query.labelSelector);
  const fields = parseFieldSelector(query.fieldSelector, type.fieldSelectors, type.unsupportedField);
  const limit = parseLimit(query.limit);
  if (query.continue && query.resourceVersion) throw badRequest('specifying resource version is not allowed when using continue');
  const prefix = namespace ? `${namespace}/` : '';
  const token = query.continue ? decodeContinue(query.continue) : undefined;
  const keep = (object: KubeObject): boolean => labels((object.metadata.labels as Record<string, string>) ?? {}) && fields(type.fieldsOf(object));
  const page = store.scan(type.resource, prefix, token ? prefix + token.start : prefix, keep, limit);
  const rv = token?.rv ?? store.resourceVersion;
  const metadata: ListResult['metadata'] = { resourceVersion: String(rv) };
  if (page.more && page.lastKey !== undefined) {
    metadata.continue = encodeContinue(rv, `${page.lastKey.slice(prefix.length)}\u0000`);
    if (!query.labelSelector && !query.fieldSelector) metadata.remainingItemCount = page.rest;
  }
  return { items: page.items, metadata };
}

/** The JSON of a typed list: items carry no kind or apiVersion, as on the wire from a real server. */
export function listJson(type: ResourceType, result: ListResult): string {
  const items = result.items.map(({ kind: _kind, apiVersion: _apiVersion, ...item }) => JSON.stringify(item));
  const apiVersion = type.served ? `${type.served.group}/${type.served.version}` : 'v1';
  return `{"kind":"${type.kind}List","apiVersion":"${apiVersion}","metadata":${JSON.stringify(result.metadata)},"items":[${items.join(',')}]}`;
}
