// Every manifest the app generates for the in-cluster engines validates against the engines' own
// CRD OpenAPI schemas (External Secrets v2.9.0, Kyverno v1.19.0, vendored in test/engine-crds/).
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { ClusterSyncChoice, SyncIdentity, TargetScope } from '../../shared/access-settings';
import { desiredSync, type SyncSubject } from '../../main/cluster-sync/desired-sync';
import { gitopsFiles } from '../../main/cluster-sync/gitops-export';
import { registryEsoManifests } from '../../main/cluster-sync/registry-eso-export';
import { schemaOf } from '../engine-crds';

// The generated manifests set no formatted fields (date-time, byte…), so formats are not checked.
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
const validators = new Map<string, ReturnType<typeof ajv.compile>>();

function validate(manifest: { apiVersion: string; kind: string }): string[] {
  const key = `${manifest.apiVersion}/${manifest.kind}`;
  let validator = validators.get(key);
  if (!validator) {
    validator = ajv.compile(schemaOf(manifest.apiVersion, manifest.kind));
    validators.set(key, validator);
  }
  return validator(manifest) ? [] : (validator.errors ?? []).map((error) => `${key} ${error.instancePath} ${error.message}`);
}

const CUSTOM_GROUPS = /external-secrets\.io|kyverno\.io/;
const login = { registryId: 'reg_0123456789abcdef', type: 'docker' as const, server: 'registry.example.com', username: 'robot', password: 's3cret' };

const scopes: Record<string, TargetScope> = {
  all: { namespaces: { kind: 'all', excluded: ['kube-system'] }, serviceAccounts: { kind: 'default' } },
  list: { namespaces: { kind: 'list', names: ['team-a', 'team-b'] }, serviceAccounts: { kind: 'list', names: ['builder', 'default'] } },
  selector: { namespaces: { kind: 'selector', labelSelector: 'team=payments,env in (prod,staging),!legacy' }, serviceAccounts: { kind: 'all' } },
};

function subject(registryType: SyncSubject['registryType'], choice: ClusterSyncChoice, scope: TargetScope): SyncSubject {
  return { registryId: login.registryId, registryType, serverKey: registryType === 'ecr' ? '123456789012.dkr.ecr.eu-west-1.amazonaws.com' : 'registry.example.com', ecrRegion: 'eu-west-1', secretName: 'team-pull-secret', choice, scope };
}

const choice = (engine: ClusterSyncChoice['engine'], identity: SyncIdentity): ClusterSyncChoice => ({ engine, sourceNamespace: 'registry-desk', identity, wireServiceAccounts: true });

const cases: [string, SyncSubject['registryType'], ClusterSyncChoice][] = [
  ['Reflector, static', 'docker', choice('reflector', { kind: 'source-secret' })],
  ['Kyverno, static', 'quay', choice('kyverno', { kind: 'source-secret' })],
  ['ESO, static through the Kubernetes provider', 'other', choice('external-secrets', { kind: 'source-secret' })],
  ['ESO, ECR with the controller identity', 'ecr', choice('external-secrets', { kind: 'controller' })],
  ['ESO, ECR with IRSA', 'ecr', choice('external-secrets', { kind: 'irsa', serviceAccount: 'ecr-puller' })],
  ['ESO, ECR with access keys', 'ecr', choice('external-secrets', { kind: 'access-keys' })],
  ['ESO, GCR with workload identity', 'gcr', choice('external-secrets', { kind: 'gcp-workload-identity', serviceAccount: 'gcr-puller', projectId: 'acme', clusterLocation: 'europe-west1', clusterName: 'prod' })],
  ['ESO, ACR with workload identity', 'azure', choice('external-secrets', { kind: 'azure-workload-identity', serviceAccount: 'acr-puller', tenantId: '00000000-0000-0000-0000-000000000000' })],
];

describe('generated manifests against the engines’ CRD schemas', () => {
  for (const [name, type, sync] of cases) {
    for (const [scopeName, scope] of Object.entries(scopes)) {
      it(`${name}, namespaces by ${scopeName}`, () => {
        const desired = desiredSync(subject(type, sync, scope), { login, awsKeys: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'abc' } }, true);
        const custom = desired.objects.map((object) => object.manifest).filter((manifest) => CUSTOM_GROUPS.test(manifest.apiVersion));
        expect(custom.length).toBeGreaterThan(0);
        expect(custom.flatMap(validate)).toEqual([]);
      });
    }
  }

  /** The API groups a cluster with only this engine installed serves (built-in ones plus the engine's CRDs). */
  const SERVED: Record<ClusterSyncChoice['engine'], RegExp> = {
    reflector: /^(v1|rbac\.authorization\.k8s\.io\/v1)$/,
    'external-secrets': /^(v1|rbac\.authorization\.k8s\.io\/v1|external-secrets\.io\/v1|generators\.external-secrets\.io\/v1alpha1)$/,
    kyverno: /^(v1|rbac\.authorization\.k8s\.io\/v1|policies\.kyverno\.io\/v1)$/,
  };

  it('every GitOps export holds only objects its engine’s cluster serves, each valid against the CRDs', () => {
    for (const [name, type, sync] of cases)
      for (const [scopeName, scope] of Object.entries(scopes)) {
        const [file] = gitopsFiles('Team', [{ context: 'prod', subject: subject(type, sync, scope) }]);
        const manifests = parseAllDocuments(file!.content).map((document) => document.toJSON() as { apiVersion: string; kind: string });
        const label = `${name}, namespaces by ${scopeName}`;
        expect(manifests.filter((manifest) => !SERVED[sync.engine].test(manifest.apiVersion)).map((manifest) => manifest.kind), label).toEqual([]);
        expect(manifests.filter((manifest) => CUSTOM_GROUPS.test(manifest.apiVersion)).flatMap(validate), label).toEqual([]);
      }
  });

  it('a broken manifest fails the same validation (the check can fail)', () => {
    const desired = desiredSync(subject('ecr', choice('external-secrets', { kind: 'controller' }), scopes.all!), { login: null, awsKeys: null }, false);
    const externalSecret = desired.objects.find((object) => object.manifest.kind === 'ExternalSecret')!.manifest;
    const broken = { ...externalSecret, spec: { ...(externalSecret.spec as object), target: { creationPolicy: 'Sometimes' } } };
    expect(validate(broken).join('\n')).toContain('must be equal to one of the allowed values');
  });

  it('the single-registry External Secrets export validates too, generator-based and store-based', () => {
    const generator = registryEsoManifests({ registryId: login.registryId, registryType: 'ecr', serverKey: '123456789012.dkr.ecr.eu-west-1.amazonaws.com', ecrRegion: 'eu-west-1' }, { namespace: 'apps', secretName: 'ecr-pull' });
    const store = registryEsoManifests(
      { registryId: login.registryId, registryType: 'docker', serverKey: 'https://index.docker.io/v1/', username: 'robot' },
      { namespace: 'apps', secretName: 'hub-pull', store: { kind: 'ClusterSecretStore', name: 'vault', remoteKey: 'registries/docker-hub', usernameProperty: 'username', passwordProperty: 'password' } },
    );
    expect([...generator, ...store].filter((manifest) => CUSTOM_GROUPS.test(manifest.apiVersion)).flatMap(validate)).toEqual([]);
  });
});
