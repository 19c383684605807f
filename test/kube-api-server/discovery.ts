// Discovery and OpenAPI documents. The OpenAPI v3 document is minimal: it declares, per resource,
// the operations and query parameters kubectl probes (fieldValidation, dryRun), so `kubectl create -f`
// validates on the server as against a real cluster.
import { createHash } from 'node:crypto';
import { RESOURCES, type ResourceType } from './resources';

const AUTHORIZATION = 'authorization.k8s.io';

export function versionDocument(gitVersion: string): object {
  const [, major = '1', minor = '31'] = /^v(\d+)\.(\d+)/.exec(gitVersion) ?? [];
  return {
    major,
    minor,
    gitVersion,
    gitCommit: createHash('sha1').update(gitVersion).digest('hex'),
    gitTreeState: 'clean',
    buildDate: '2024-12-10T11:37:24Z',
    goVersion: 'go1.22.9',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export const coreVersions = (serverAddress: string): object => ({
  kind: 'APIVersions',
  versions: ['v1'],
  serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
});

const authorizationGroup = {
  name: AUTHORIZATION,
  versions: [{ groupVersion: `${AUTHORIZATION}/v1`, version: 'v1' }],
  preferredVersion: { groupVersion: `${AUTHORIZATION}/v1`, version: 'v1' },
};

export const groupList = (): object => ({ kind: 'APIGroupList', apiVersion: 'v1', groups: [authorizationGroup] });
export const authorizationGroupDocument = (): object => ({ kind: 'APIGroup', apiVersion: 'v1', ...authorizationGroup });

const storageVersionHash = (type: ResourceType): string => createHash('sha256').update(type.kind).digest('base64').slice(0, 11);

export function coreResourceList(verbs: (type: ResourceType) => string[]): object {
  return {
    kind: 'APIResourceList',
    groupVersion: 'v1',
    resources: Object.values(RESOURCES).map((type) => ({
      name: type.resource,
      singularName: type.singularName,
      namespaced: type.namespaced,
      kind: type.kind,
      verbs: verbs(type),
      ...(type.shortNames.length ? { shortNames: type.shortNames } : {}),
      storageVersionHash: storageVersionHash(type),
    })),
  };
}

export const authorizationResourceList = (): object => ({
  kind: 'APIResourceList',
  apiVersion: 'v1',
  groupVersion: `${AUTHORIZATION}/v1`,
  resources: [{ name: 'selfsubjectaccessreviews', singularName: 'selfsubjectaccessreview', namespaced: false, kind: 'SelfSubjectAccessReview', verbs: ['create'] }],
});

const queryParameter = (name: string) => ({ name, in: 'query', schema: { type: 'string', uniqueItems: true } });

function operation(type: ResourceType, group: string, action: string, parameters: string[]): object {
  return {
    operationId: `${action}${type.kind}`,
    parameters: parameters.map(queryParameter),
    responses: { '200': { description: 'OK' } },
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': { group, version: 'v1', kind: type.kind },
  };
}

function resourcePaths(type: ResourceType): Record<string, object> {
  const collection = type.namespaced ? `/api/v1/namespaces/{namespace}/${type.resource}` : `/api/v1/${type.resource}`;
  const writes = ['dryRun', 'fieldManager', 'fieldValidation'];
  return {
    [collection]: { get: operation(type, '', 'list', ['labelSelector', 'fieldSelector', 'limit', 'continue']), post: operation(type, '', 'post', writes) },
    [`${collection}/{name}`]: {
      get: operation(type, '', 'get', []),
      put: operation(type, '', 'put', writes),
      patch: operation(type, '', 'patch', [...writes, 'force']),
      delete: operation(type, '', 'delete', ['dryRun']),
    },
  };
}

export function coreOpenApi(gitVersion: string): object {
  const paths = Object.assign({}, ...Object.values(RESOURCES).map(resourcePaths)) as Record<string, object>;
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: gitVersion }, paths, components: { schemas: {} } };
}

export function authorizationOpenApi(gitVersion: string): object {
  const review = { kind: 'SelfSubjectAccessReview', resource: 'selfsubjectaccessreviews' } as unknown as ResourceType;
  const post = operation(review, AUTHORIZATION, 'post', ['dryRun', 'fieldManager', 'fieldValidation']);
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: gitVersion }, paths: { [`/apis/${AUTHORIZATION}/v1/selfsubjectaccessreviews`]: { post } }, components: { schemas: {} } };
}

export function openApiIndex(documents: Record<string, object>): object {
  const hash = (document: object): string => createHash('sha512').update(JSON.stringify(document)).digest('hex').slice(0, 128).toUpperCase();
  return { paths: Object.fromEntries(Object.entries(documents).map(([path, document]) => [path, { serverRelativeURL: `/openapi/v3/${path}?hash=${hash(document)}` }])) };
}
