// Non-resource paths: version, health, discovery and OpenAPI.
import type { IncomingMessage } from 'node:http';
import { type Reply, json } from './api';
import {
  authorizationGroupDocument, authorizationOpenApi, authorizationResourceList, coreOpenApi, coreResourceList, coreVersions, groupList, openApiIndex, versionDocument,
} from './discovery';
import type { ApiGroups } from './api-groups';
import type { ResourceType } from './resources';
import { pathNotFound } from './status';

const verbsOf = (type: ResourceType): string[] =>
  type.namespaced ? ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update'] : ['create', 'delete', 'get', 'list', 'patch', 'update'];

export class Discovery {
  private readonly documents: Record<string, () => object>;

  constructor(gitVersion: string, serverAddress: () => string, private readonly groups: ApiGroups) {
    const core = { 'api/v1': coreOpenApi(gitVersion), [`apis/authorization.k8s.io/v1`]: authorizationOpenApi(gitVersion) };
    const openApi = (): Record<string, object> => ({ ...core, ...groups.openApiDocuments(gitVersion) });
    this.documents = {
      '/version': () => versionDocument(gitVersion),
      '/api': () => coreVersions(serverAddress()),
      '/api/v1': () => coreResourceList(verbsOf),
      '/apis': () => ({ ...groupList(), groups: [...(groupList() as { groups: object[] }).groups, ...groups.groups()] }),
      '/apis/authorization.k8s.io': authorizationGroupDocument,
      '/apis/authorization.k8s.io/v1': authorizationResourceList,
      '/openapi/v3': () => openApiIndex(openApi()),
    };
    this.openApi = openApi;
  }

  private readonly openApi: () => Record<string, object>;

  answer(path: string, message: IncomingMessage): Reply {
    const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
    if (['/healthz', '/livez', '/readyz'].includes(trimmed)) return { code: 200, body: 'ok', warnings: [] };
    if (message.method !== 'GET') throw pathNotFound();
    const document = this.documents[trimmed]?.() ?? this.groups.document(trimmed) ?? (trimmed.startsWith('/openapi/v3/') ? this.openApi()[trimmed.slice('/openapi/v3/'.length)] : undefined);
    if (!document) throw pathNotFound();
    return json(200, document);
  }
}
