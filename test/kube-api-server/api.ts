// Resource requests: which operation a request maps to, its query options, and the response body.
import type { IncomingMessage } from 'node:http';
import type { KubeUser } from './access';
import type { Cluster, FieldValidation, WriteOptions } from './cluster';
import { type ListQuery, type ListResult, listJson } from './list';
import type { ResourceRequest } from './request-info';
import { type KubeObject, RESOURCES, type ResourceType, isResourceName } from './resources';
import { review } from './reviews';
import { badRequest, methodNotAllowed, pathNotFound } from './status';
import { type IncludeObject, toTable, wantsTable } from './table';

export interface Reply {
  code: number;
  body: string;
  warnings: string[];
}

export interface ApiRequest {
  info: ResourceRequest;
  url: URL;
  message: IncomingMessage;
  body: unknown;
  user: KubeUser;
}

export const json = (code: number, value: unknown, warnings: string[] = []): Reply => ({ code, body: JSON.stringify(value), warnings });

/** The resource a request addresses, or a 404/405 as a real server routes it. */
export function resourceTypeOf(info: ResourceRequest): ResourceType | 'review' {
  if (info.group === 'authorization.k8s.io' && info.resource === 'selfsubjectaccessreviews') {
    if (info.verb !== 'create') throw methodNotAllowed();
    return 'review';
  }
  if (info.group !== '' || !isResourceName(info.resource) || info.subresource) throw pathNotFound();
  const type = RESOURCES[info.resource];
  const namespacedWithoutNamespace = type.namespaced && !info.namespace;
  if (namespacedWithoutNamespace && info.name) throw pathNotFound();
  if (namespacedWithoutNamespace && info.verb !== 'list') throw methodNotAllowed();
  if (info.verb === 'watch' || (type === RESOURCES.namespaces && info.verb === 'deletecollection')) throw methodNotAllowed();
  return type;
}

function listQuery(url: URL): ListQuery {
  const get = (name: string): string | null => url.searchParams.get(name);
  return { labelSelector: get('labelSelector'), fieldSelector: get('fieldSelector'), limit: get('limit'), continue: get('continue'), resourceVersion: get('resourceVersion') };
}

function writeOptions(url: URL): WriteOptions {
  const dryRun = url.searchParams.getAll('dryRun');
  if (dryRun.some((value) => value !== 'All')) throw badRequest(`Invalid dry run value: ${dryRun.join(', ')}`);
  const validation = url.searchParams.get('fieldValidation') ?? 'Warn';
  if (!['Strict', 'Warn', 'Ignore'].includes(validation)) throw badRequest(`fieldValidation must be one of "Ignore", "Warn", or "Strict", got: ${validation}`);
  return { dryRun: dryRun.length > 0, fieldValidation: validation as FieldValidation, warnings: [] };
}

function includeObject(url: URL): IncludeObject {
  const value = url.searchParams.get('includeObject') ?? 'Metadata';
  if (value !== 'None' && value !== 'Metadata' && value !== 'Object') throw badRequest(`includeObject must be one of None, Metadata, Object`);
  return value;
}

function listReply(type: ResourceType, request: ApiRequest, result: ListResult): Reply {
  if (!wantsTable(request.message.headers.accept)) return { code: 200, body: listJson(type, result), warnings: [] };
  return json(200, toTable(type, result.items, result.metadata, includeObject(request.url), Date.now()));
}

function objectReply(code: number, type: ResourceType, request: ApiRequest, object: KubeObject, warnings: string[] = []): Reply {
  if (!wantsTable(request.message.headers.accept)) return json(code, object, warnings);
  return json(code, toTable(type, [object], { resourceVersion: String(object.metadata.resourceVersion ?? '') }, includeObject(request.url), Date.now()), warnings);
}

export function serve(cluster: Cluster, request: ApiRequest, patchType: string): Reply {
  const { info, url, body } = request;
  const type = resourceTypeOf(info);
  if (type === 'review') return json(201, review(request.user, body));
  const options = (): WriteOptions => writeOptions(url);
  switch (info.verb) {
    case 'list':
      return listReply(type, request, cluster.list(type, info.namespace, listQuery(url)));
    case 'get':
      return objectReply(200, type, request, cluster.get(type, info.namespace, info.name));
    case 'create': {
      const write = options();
      return objectReply(201, type, request, cluster.create(type, info.namespace, body, write), write.warnings);
    }
    case 'update': {
      const write = options();
      return objectReply(200, type, request, cluster.update(type, info.namespace, info.name, body, write), write.warnings);
    }
    case 'patch': {
      const write = options();
      return objectReply(200, type, request, cluster.patch(type, info.namespace, info.name, patchType, body, write), write.warnings);
    }
    case 'delete':
      return json(200, cluster.delete(type, info.namespace, info.name, body, options().dryRun));
    case 'deletecollection':
      return { code: 200, body: listJson(type, cluster.deleteCollection(type, info.namespace, listQuery(url), options().dryRun)), warnings: [] };
    default:
      throw methodNotAllowed();
  }
}

