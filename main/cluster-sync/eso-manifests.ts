import type { SyncIdentity } from '../../shared/access-settings';
import { parseRegistryUrl } from '../../shared/registry-url';
import { DOCKER_CONFIG_JSON, DOCKER_CONFIG_KEY } from '../pull-secrets/pull-secret';
import type { LabelSelectorObject } from './engine-selection';
import { esoRefresh } from './eso-refresh';
import type { Manifest } from './object-kinds';

export const ESO = 'external-secrets.io/v1';
export const GENERATORS = 'generators.external-secrets.io/v1alpha1';
/** How often the ClusterExternalSecret looks for new namespaces. */
const NAMESPACE_REFRESH = '1m';

export interface EsoNames {
  namespace: string;
  secretName: string;
  metadata: { labels: Record<string, string>; annotations: Record<string, string> };
}

const meta = (names: EsoNames, name: string, namespaced: boolean) => ({
  name,
  ...(namespaced ? { namespace: names.namespace } : {}),
  labels: names.metadata.labels,
  annotations: names.metadata.annotations,
});

export const storeName = (secretName: string): string => `registry-desk-${secretName}`;
export const readerName = (secretName: string): string => `${secretName}-reader`;
export const awsKeysName = (secretName: string): string => `${secretName}-aws-keys`;

/**
 * `.dockerconfigjson` as External Secrets' template engine (Go's text/template with sprig) builds
 * it from the keys `username` and `password` — what every generator outputs, and what the
 * store-based export names its two keys. Each value goes through sprig's toJson (Go's
 * json.Marshal), so a password with quotes, backslashes or a whole JSON key still gives valid
 * JSON, and the bytes are kubectl's. The server key is fixed here; its braces are written as JSON
 * escapes so that it can never open a template action.
 */
export function dockerConfigTemplate(serverKey: string): string {
  const server = JSON.stringify(serverKey).replace(/[{}]/g, (brace) => `\\u00${brace.charCodeAt(0).toString(16)}`);
  return `{"auths":{${server}:{"username":{{ .username | toJson }},"password":{{ .password | toJson }},"auth":{{ printf "%s:%s" .username .password | b64enc | toJson }}}}}`;
}

/** ACRAccessToken's `registry`: the bare domain, as the generator posts to `https://<registry>/oauth2/exchange`. */
function registryDomain(serverKey: string): string {
  const parsed = parseRegistryUrl(serverKey);
  return typeof parsed === 'string' ? serverKey : parsed.host;
}

interface Generator {
  kind: 'ECRAuthorizationToken' | 'GCRAccessToken' | 'ACRAccessToken';
  spec: Record<string, unknown>;
}

export interface GeneratorInput {
  identity: SyncIdentity;
  /** The registry's `auths` key (its host) and, for ECR, its region. */
  serverKey: string;
  ecrRegion?: string;
}

function generatorFor(input: GeneratorInput, names: EsoNames): Generator | null {
  const { identity } = input;
  const serviceAccountRef = 'serviceAccount' in identity ? { name: identity.serviceAccount, namespace: names.namespace } : undefined;
  switch (identity.kind) {
    case 'controller':
    case 'irsa':
    case 'access-keys': {
      const keys = awsKeysName(names.secretName);
      const auth =
        identity.kind === 'irsa'
          ? { jwt: { serviceAccountRef } }
          : identity.kind === 'access-keys'
            ? { secretRef: { accessKeyIDSecretRef: { name: keys, key: 'access-key-id' }, secretAccessKeySecretRef: { name: keys, key: 'secret-access-key' } } }
            : undefined;
      return {
        kind: 'ECRAuthorizationToken',
        spec: { region: input.ecrRegion ?? '', ...(auth ? { auth } : {}) },
      };
    }
    case 'gcp-workload-identity':
      return {
        kind: 'GCRAccessToken',
        spec: {
          projectID: identity.projectId,
          auth: { workloadIdentity: { serviceAccountRef, clusterLocation: identity.clusterLocation, clusterName: identity.clusterName, clusterProjectID: identity.projectId } },
        },
      };
    case 'azure-workload-identity':
      return {
        kind: 'ACRAccessToken',
        spec: { registry: registryDomain(input.serverKey), ...(identity.tenantId ? { tenantId: identity.tenantId } : {}), auth: { workloadIdentity: { serviceAccountRef } } },
      };
    case 'source-secret':
      return null;
  }
}

/**
 * The source in the source namespace, generated and refreshed by External Secrets: a generator
 * plus an ExternalSecret. Its `auths` key is the registry as saved, not ECR's `proxy_endpoint`:
 * that names the identity's own account, and an ECR token works for every registry the
 * identity may pull from.
 */
export function generatedSource(input: GeneratorInput, names: EsoNames): Manifest[] {
  const generator = generatorFor(input, names);
  if (!generator) return [];
  return [
    { apiVersion: GENERATORS, kind: generator.kind, metadata: meta(names, names.secretName, true), spec: generator.spec },
    {
      apiVersion: ESO,
      kind: 'ExternalSecret',
      metadata: meta(names, names.secretName, true),
      spec: {
        refreshInterval: esoRefresh(input.identity.kind).source,
        target: { name: names.secretName, creationPolicy: 'Owner', template: { type: DOCKER_CONFIG_JSON, data: { [DOCKER_CONFIG_KEY]: dockerConfigTemplate(input.serverKey) } } },
        dataFrom: [{ sourceRef: { generatorRef: { apiVersion: GENERATORS, kind: generator.kind, name: names.secretName } } }],
      },
    },
  ];
}

/**
 * Fan-out as External Secrets recommends it: a Kubernetes-provider ClusterSecretStore that reads
 * only the source (its ServiceAccount may get that one secret, through a Role and RoleBinding) and
 * is usable only from the selected namespaces, plus a ClusterExternalSecret that puts a copy in
 * each of them: one read of the source per refresh, not one provider call per namespace.
 */
export function fanOut(names: EsoNames, selector: LabelSelectorObject, identity: SyncIdentity['kind']): Manifest[] {
  const reader = readerName(names.secretName);
  const store = storeName(names.secretName);
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(names, reader, true) },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: meta(names, reader, true),
      rules: [{ apiGroups: [''], resources: ['secrets'], resourceNames: [names.secretName], verbs: ['get', 'list', 'watch'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: meta(names, reader, true),
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: reader },
      subjects: [{ kind: 'ServiceAccount', name: reader, namespace: names.namespace }],
    },
    {
      apiVersion: ESO,
      kind: 'ClusterSecretStore',
      metadata: meta(names, store, false),
      spec: {
        conditions: [{ namespaceSelector: selector }],
        provider: {
          kubernetes: {
            remoteNamespace: names.namespace,
            server: { caProvider: { type: 'ConfigMap', name: 'kube-root-ca.crt', key: 'ca.crt', namespace: names.namespace } },
            auth: { serviceAccount: { name: reader, namespace: names.namespace } },
          },
        },
      },
    },
    {
      apiVersion: ESO,
      kind: 'ClusterExternalSecret',
      metadata: meta(names, store, false),
      spec: {
        externalSecretName: names.secretName,
        namespaceSelectors: [selector],
        refreshTime: NAMESPACE_REFRESH,
        externalSecretSpec: {
          secretStoreRef: { kind: 'ClusterSecretStore', name: store },
          refreshInterval: esoRefresh(identity).copy,
          target: { name: names.secretName, creationPolicy: 'Owner', template: { type: DOCKER_CONFIG_JSON } },
          data: [{ secretKey: DOCKER_CONFIG_KEY, remoteRef: { key: names.secretName, property: DOCKER_CONFIG_KEY } }],
        },
      },
    },
  ];
}
