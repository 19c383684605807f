// Non-resource paths: version, health, discovery and OpenAPI.
import type { IncomingMessage } from 'node:http';
import { type Reply, json } from './api';
import {
  authorizationGroupDocument, authorizationOpenApi, authorizationResourceList, coreOpenApi, coreResourceList, coreVersions, groupList, openApiIndex, versionDocument,
} from './discovery';
import type { ResourceType } from './resources';
import { pathNotFound } from './status';

const verbsOf = (type: ResourceType): string[] =>
  type.namespaced ? ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update'] : ['create', 'delete', 'get', 'list', 'patch', 'update'];

export class Discovery {
  private readonly documents: Record<string, () => object>;

  constructor(gitVersion: string, serverAddress: () => string) {
    const openApi = { 'api/v1': coreOpenApi(gitVersion), [`apis/authorization.k8s.io/v1`]: authorizationOpenApi(gitVersion) };
    this.documents = {
      '/version': () => versionDocument(gitVersion),
      '/api': () => coreVersions(serverAddress()),
      '/api/v1': () => coreResourceList(verbsOf),
      '/apis': groupList,
      '/apis/authorization.k8s.io': authorizationGroupDocument,
      '/apis/authorization.k8s.io/v1': authorizationResourceList,
      '/openapi/v3': () => openApiIndex(openApi),
      '/openapi/v3/api/v1': () => openApi['api/v1'],
      '/openapi/v3/apis/authorization.k8s.io/v1': () => openApi['apis/authorization.k8s.io/v1'],
    };
  }

  answer(path: string, message: IncomingMessage): Reply {
    const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path;
    if (['/healthz', '/livez', '/readyz'].includes(trimmed)) return { code: 200, body: 'ok', warnings: [] };
    const document = message.method === 'GET' ? this.documents[trimmed] : undefined;
    if (!document) throw pathNotFound();
    return json(200, document());
  }
}
