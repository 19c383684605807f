import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, REGISTRY_KEY, selectorForRegistry } from '../pull-secrets/pull-secret';

/** The field manager of every server-side apply the app sends. */
export const FIELD_MANAGER = 'registry-desk';

/** Tells the app's in-cluster sync objects from the pull secrets it writes itself (both carry its mark). */
export const IN_CLUSTER_ANNOTATION = 'registry-desk.io/in-cluster-sync';

/** The app's mark on everything it creates for the engines: the pull secret's label and registry annotation. */
export function syncMetadata(registryId: string): { labels: Record<string, string>; annotations: Record<string, string> } {
  return { labels: { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [REGISTRY_KEY]: registryId }, annotations: { [REGISTRY_KEY]: registryId, [IN_CLUSTER_ANNOTATION]: 'true' } };
}

export const isMarked = (labels: Record<string, string> | undefined, registryId: string): boolean =>
  labels?.[MANAGED_BY_LABEL] === MANAGED_BY_VALUE && labels[REGISTRY_KEY] === registryId;

/** The label the app puts on explicitly listed namespaces, so an engine's selector picks them. */
export const syncNamespaceLabel = (registryId: string): string => `registry-desk.io/sync-${registryId}`;
export const SYNC_LABEL_PREFIX = 'registry-desk.io/sync-';

export { selectorForRegistry };
