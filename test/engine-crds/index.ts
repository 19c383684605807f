// The vendored CRDs (see README.md): read as objects, their schemas, and installed into the
// Kubernetes API test server the way a Helm chart installs them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { KubeApiServer } from '../kube-api-server';

export interface CustomResourceDefinition {
  metadata: { name: string };
  spec: {
    group: string;
    names: { kind: string; plural: string };
    versions: { name: string; served: boolean; schema: { openAPIV3Schema: object } }[];
  };
}

export const ENGINE_CRD_FILES = {
  'external-secrets': [
    'external-secrets-v2.9.0/external-secrets.io_externalsecrets.yaml',
    'external-secrets-v2.9.0/external-secrets.io_clusterexternalsecrets.yaml',
    'external-secrets-v2.9.0/external-secrets.io_clustersecretstores.yaml',
    'external-secrets-v2.9.0/generators.external-secrets.io_ecrauthorizationtokens.yaml',
    'external-secrets-v2.9.0/generators.external-secrets.io_gcraccesstokens.yaml',
    'external-secrets-v2.9.0/generators.external-secrets.io_acraccesstokens.yaml',
  ],
  kyverno: ['kyverno-v1.19.0/policies.kyverno.io_generatingpolicies.yaml', 'kyverno-v1.19.0/policies.kyverno.io_mutatingpolicies.yaml'],
} as const;
export type EngineWithCrds = keyof typeof ENGINE_CRD_FILES;

const cache = new Map<string, CustomResourceDefinition>();

export function readCrd(file: string): CustomResourceDefinition {
  let crd = cache.get(file);
  if (!crd) {
    crd = parse(readFileSync(join(import.meta.dirname, file), 'utf8')) as CustomResourceDefinition;
    cache.set(file, crd);
  }
  return crd;
}

export const allCrds = (): CustomResourceDefinition[] => Object.values(ENGINE_CRD_FILES).flat().map(readCrd);

/** The schema of `kind` in `apiVersion` (group/version), from the vendored CRDs. */
export function schemaOf(apiVersion: string, kind: string): object {
  const [group, version] = apiVersion.split('/');
  const crd = allCrds().find((candidate) => candidate.spec.group === group && candidate.spec.names.kind === kind);
  const served = crd?.spec.versions.find((candidate) => candidate.name === version && candidate.served);
  if (!served) throw new Error(`no vendored CRD serves ${kind} in ${apiVersion}`);
  return served.schema.openAPIV3Schema;
}

/** Creates the engine's CRDs through the API, as `helm install` would (the controllers themselves do not run). */
export function installEngine(server: KubeApiServer, engine: EngineWithCrds): void {
  for (const file of ENGINE_CRD_FILES[engine]) server.seed.resource('apiextensions.k8s.io/v1', 'customresourcedefinitions', null, readCrd(file));
}

/** Reflector's Deployment as its Helm chart (emberstack/reflector) labels it; Reflector has no CRDs. */
export function installReflector(server: KubeApiServer, options: { namespace?: string; version?: string } = {}): void {
  const namespace = options.namespace ?? 'reflector';
  const version = options.version ?? '10.0.63';
  if (!server.read('namespaces', null, namespace)) server.seed.namespace(namespace);
  const labels = { 'app.kubernetes.io/name': 'reflector', 'app.kubernetes.io/instance': 'reflector', 'app.kubernetes.io/version': version };
  server.seed.resource('apps/v1', 'deployments', namespace, {
    metadata: { name: 'reflector', labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'reflector', 'app.kubernetes.io/instance': 'reflector' } },
      template: { metadata: { labels }, spec: { serviceAccountName: 'reflector', containers: [{ name: 'reflector', image: `emberstack/kubernetes-reflector:${version}` }] } },
    },
  });
}
