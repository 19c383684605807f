import type { KubeObject } from '../kube/kube-api';

/** A manifest the app generates: any kind, with the metadata the app reads and writes. */
export interface Manifest extends KubeObject {
  apiVersion: string;
  kind: string;
  [field: string]: unknown;
}

interface KindInfo {
  plural: string;
  namespaced: boolean;
}

/** Every kind the app generates for the engines, with its resource name and scope. */
const KINDS: Record<string, KindInfo> = {
  'v1/Namespace': { plural: 'namespaces', namespaced: false },
  'v1/Secret': { plural: 'secrets', namespaced: true },
  'v1/ServiceAccount': { plural: 'serviceaccounts', namespaced: true },
  'rbac.authorization.k8s.io/v1/Role': { plural: 'roles', namespaced: true },
  'rbac.authorization.k8s.io/v1/RoleBinding': { plural: 'rolebindings', namespaced: true },
  'rbac.authorization.k8s.io/v1/ClusterRole': { plural: 'clusterroles', namespaced: false },
  'external-secrets.io/v1/ExternalSecret': { plural: 'externalsecrets', namespaced: true },
  'external-secrets.io/v1/ClusterExternalSecret': { plural: 'clusterexternalsecrets', namespaced: false },
  'external-secrets.io/v1/ClusterSecretStore': { plural: 'clustersecretstores', namespaced: false },
  'generators.external-secrets.io/v1alpha1/ECRAuthorizationToken': { plural: 'ecrauthorizationtokens', namespaced: true },
  'generators.external-secrets.io/v1alpha1/GCRAccessToken': { plural: 'gcraccesstokens', namespaced: true },
  'generators.external-secrets.io/v1alpha1/ACRAccessToken': { plural: 'acraccesstokens', namespaced: true },
  'policies.kyverno.io/v1/GeneratingPolicy': { plural: 'generatingpolicies', namespaced: false },
  'policies.kyverno.io/v1/MutatingPolicy': { plural: 'mutatingpolicies', namespaced: false },
};

export interface KindRef {
  apiVersion: string;
  kind: string;
}

export function kindInfo(ref: KindRef): KindInfo & { group: string } {
  const info = KINDS[`${ref.apiVersion}/${ref.kind}`];
  if (!info) throw new Error(`unknown kind ${ref.apiVersion}/${ref.kind}`);
  return { ...info, group: ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0]! : '' };
}

/** The kinds, for listing everything the app created (cleanup, status). */
export const ALL_KINDS: KindRef[] = Object.keys(KINDS).map((key) => {
  const slash = key.lastIndexOf('/');
  return { apiVersion: key.slice(0, slash), kind: key.slice(slash + 1) };
});

const base = (apiVersion: string): string => (apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`);

/** The collection path of a kind, in a namespace or cluster-wide (all namespaces for namespaced kinds). */
export function collectionPath(ref: KindRef, namespace?: string): string {
  const { plural, namespaced } = kindInfo(ref);
  return namespaced && namespace ? `${base(ref.apiVersion)}/namespaces/${namespace}/${plural}` : `${base(ref.apiVersion)}/${plural}`;
}

export const objectPath = (manifest: { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } }): string =>
  `${collectionPath(manifest, manifest.metadata.namespace)}/${encodeURIComponent(manifest.metadata.name)}`;

export const objectKey = (object: { apiVersion?: string; kind?: string; metadata: { name: string; namespace?: string } }): string =>
  `${object.apiVersion}/${object.kind}/${object.metadata.namespace ?? ''}/${object.metadata.name}`;
