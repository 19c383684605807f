// Resource requests: which operation a request maps to, its query options, and the response body.
import type { IncomingMessage } from 'node:http';
import type { KubeUser } from './access';
import type { Cluster, FieldValidation, WriteOptions } from './cluster';
import { type ListQuery, type ListResult, listJson } from './list';
import type { ResourceRequest } from './request-info';
import { type KubeObject, RESOURCES, type ResourceType, isResourceName } from './resources';
import { review } from './reviews';
import { APPLY_PATCH } from './server-side-apply';
import { keyOf } from './store';
import { badRequest, methodNotAllowed, notAcceptable, pathNotFound, unsupportedMediaType } from './status';

/** Custom resources have no Go types, so no strategic merge. */
const CUSTOM_PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/apply-patch+yaml'];
import { type IncludeObject, metadataRequested, partialMetadata, toTable, wantsTable } from './table';

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
export function resourceTypeOf(info: ResourceRequest, cluster: Cluster): ResourceType | 'review' {
  if (info.group === 'authorization.k8s.io' && info.resource === 'selfsubjectaccessreviews') {
    if (info.verb !== 'create') throw methodNotAllowed();
    return 'review';
  }
  const grouped = info.group === '' ? undefined : cluster.groups.lookup(info.group, info.version, info.resource);
  const statusRequest = info.subresource === 'status' && grouped?.served?.statusSubresource && ['get', 'update', 'patch'].includes(info.verb);
  if ((info.group !== '' && !grouped) || (info.group === '' && !isResourceName(info.resource)) || (info.subresource && !statusRequest)) throw pathNotFound();
  const type = grouped ?? RESOURCES[info.resource as keyof typeof RESOURCES];
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

function writeOptions(url: URL, request: ApiRequest): WriteOptions {
  const dryRun = url.searchParams.getAll('dryRun');
  if (dryRun.some((value) => value !== 'All')) throw badRequest(`Invalid dry run value: ${dryRun.join(', ')}`);
  const validation = url.searchParams.get('fieldValidation') ?? 'Warn';
  if (!['Strict', 'Warn', 'Ignore'].includes(validation)) throw badRequest(`fieldValidation must be one of "Ignore", "Warn", or "Strict", got: ${validation}`);
  // Without a fieldManager the manager is the User-Agent's product, as the apiserver derives it.
  const manager = url.searchParams.get('fieldManager') ?? (request.message.headers['user-agent'] ?? '').split('/')[0]!;
  const force = url.searchParams.get('force');
  return { dryRun: dryRun.length > 0, fieldValidation: validation as FieldValidation, warnings: [], manager, force: force === 'true', subresource: request.info.subresource };
}

function includeObject(url: URL): IncludeObject {
  const value = url.searchParams.get('includeObject') ?? 'Metadata';
  if (value !== 'None' && value !== 'Metadata' && value !== 'Object') throw badRequest(`includeObject must be one of None, Metadata, Object`);
  return value;
}

/** Whether to answer with metadata only (`as=PartialObjectMetadata[List]`); a form that does not fit the request is refused as a real server does. */
function asMetadata(request: ApiRequest, list: boolean): boolean {
  const requested = metadataRequested(request.message.headers.accept, list);
  if (requested === 'not-acceptable') throw notAcceptable(['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf']);
  return requested === 'yes';
}

function listReply(type: ResourceType, request: ApiRequest, result: ListResult): Reply {
  if (wantsTable(request.message.headers.accept)) return json(200, toTable(type, result.items, result.metadata, includeObject(request.url), Date.now()));
  // kube-apiserver's asPartialObjectMetadataList: the list meta as is, each item's ObjectMeta whole (managedFields too).
  if (asMetadata(request, true)) return json(200, { kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata: result.metadata, items: result.items.map(partialMetadata) });
  return { code: 200, body: listJson(type, result), warnings: [] };
}

function objectReply(code: number, type: ResourceType, request: ApiRequest, object: KubeObject, warnings: string[] = []): Reply {
  if (!wantsTable(request.message.headers.accept)) return json(code, asMetadata(request, false) ? partialMetadata(object) : object, warnings);
  return json(code, toTable(type, [object], { resourceVersion: String(object.metadata.resourceVersion ?? '') }, includeObject(request.url), Date.now()), warnings);
}

export function serve(cluster: Cluster, request: ApiRequest, patchType: string): Reply {
  const { info, url, body } = request;
  const type = resourceTypeOf(info, cluster);
  if (type === 'review') return json(201, review(request.user, body));
  if (info.verb === 'patch' && type.served && !type.served.strategicMerge && patchType === 'application/strategic-merge-patch+json') throw unsupportedMediaType(CUSTOM_PATCH_TYPES);
  const options = (): WriteOptions => writeOptions(url, request);
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
      // An apply that creates the object answers 201, as a create does.
      const creates = patchType === APPLY_PATCH && !cluster.store.get(type.resource, keyOf(type.namespaced ? info.namespace : null, info.name));
      return objectReply(creates ? 201 : 200, type, request, cluster.patch(type, info.namespace, info.name, patchType, body, write), write.warnings);
    }
    case 'delete':
      return json(200, cluster.delete(type, info.namespace, info.name, body, options().dryRun));
    case 'deletecollection':
      return { code: 200, body: listJson(type, cluster.deleteCollection(type, info.namespace, listQuery(url), options().dryRun)), warnings: [] };
    default:
      throw methodNotAllowed();
  }
}

