import { stringify } from 'yaml';
import { isNamespaceName, isObjectName } from '../../shared/access-rules';
import type { FieldError } from '../../shared/errors';
import type { ExportFile, ExternalSecretStore, RegistryEsoExportRequest } from '../../shared/cluster-sync-contract';
import type { ManifestFormat } from '../../shared/import-export-contract';
import type { RegistryId } from '../../shared/schemas';
import { AppFailure } from '../app-errors/app-failure';
import { pullSecret, type SecretObject } from '../pull-secrets/pull-secret';
import type { RegistryLogins } from '../registry-credentials/registry-logins';

export interface ManifestRequest {
  registryId: RegistryId;
  name: string;
  namespace: string;
  externalSecretStore?: ExternalSecretStore;
}

/** What the formats are built from: the registry's login, or its External Secrets manifests (cluster-sync's). */
export interface ManifestSources {
  logins: Pick<RegistryLogins, 'forRegistry'>;
  externalSecrets(request: RegistryEsoExportRequest): ExportFile;
}

export interface ManifestFormatSpec {
  build(request: ManifestRequest, sources: ManifestSources): Promise<string>;
}

/** Go's JSON → YAML (what kubectl prints) sorts keys at every level. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
  );
}

/** The YAML `kubectl create secret docker-registry … --dry-run=client -o yaml` prints, `creationTimestamp: null` included. */
export function kubectlYaml(secret: SecretObject): string {
  const withTimestamp = { ...secret, metadata: { ...secret.metadata, creationTimestamp: null } };
  return stringify(sortedKeys(withTimestamp), { lineWidth: 0 });
}

/**
 * The formats a registry's Secret manifest can be saved in: one entry per format. The pull
 * secret itself is the one `main/pull-secrets/pull-secret.ts` writes into clusters.
 */
export const MANIFEST_FORMATS: Record<ManifestFormat, ManifestFormatSpec> = {
  'docker-config-json': {
    build: async ({ registryId, name, namespace }, { logins }) => kubectlYaml(pullSecret(name, namespace, await logins.forRegistry(registryId))),
  },
  'external-secrets': {
    build: async ({ registryId, name, namespace, externalSecretStore }, { externalSecrets }) =>
      externalSecrets({ registryId, namespace, secretName: name, ...(externalSecretStore ? { store: externalSecretStore } : {}) }).content,
  },
};

export function checkManifestNames(request: ManifestRequest): void {
  const problems: FieldError[] = [];
  if (!isObjectName(request.name)) problems.push({ field: 'name', code: 'access.secretName.format', params: { name: request.name } });
  if (!isNamespaceName(request.namespace)) problems.push({ field: 'namespace', code: 'access.namespace.format', params: { name: request.namespace } });
  if (problems.length > 0) throw new AppFailure('export.invalidNames', undefined, problems);
}
