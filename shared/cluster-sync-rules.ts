import type { SyncEngine, SyncIdentity } from './access-settings';
import type { EcrAuthType, RegistryType } from './registry-types';

/**
 * Which in-cluster sources fit a registry: ECR tokens expire, so only External Secrets' generator
 * can keep them (with the controller's identity, IRSA, or access keys when the registry has them);
 * Google and Azure registries may use workload identity through External Secrets' generators;
 * every static credential can be the app-written source secret any engine fans out.
 */
export function identitiesFor(type: RegistryType, authType: EcrAuthType | undefined, engine: SyncEngine): SyncIdentity['kind'][] {
  if (type === 'ecr') return engine === 'external-secrets' ? ['controller', 'irsa', ...(authType === 'user-auth' ? (['access-keys'] as const) : [])] : [];
  const workload = type === 'azure' ? 'azure-workload-identity' : type === 'gcr' || type === 'artifact-registry' ? 'gcp-workload-identity' : null;
  return engine === 'external-secrets' && workload ? ['source-secret', workload] : ['source-secret'];
}

/** Engines that can keep this registry's secrets at all. */
export const enginesFor = (type: RegistryType): SyncEngine[] => (type === 'ecr' ? ['external-secrets'] : ['reflector', 'external-secrets', 'kyverno']);
