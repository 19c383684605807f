import { z } from 'zod';

/**
 * "Manage access" of one registry (product document): which kubeconfig contexts receive its
 * credentials, in which namespaces, for which ServiceAccounts, and as which pull secret.
 * Stored on the registry record; the schema checks shape and size, `checkAccessSettings`
 * (access-rules.ts) checks names and selectors with a message per field.
 */

/** Namespaces that receive nothing unless the operator says otherwise. */
export const DEFAULT_EXCLUDED_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease'] as const;

const name = z.string().max(253);
const names = (max: number) => z.array(name).max(max);

/** A kubeconfig context name: any string kubectl accepts. */
export const ContextNameSchema = z.string().min(1).max(1000);

export const NamespaceSelectionSchema = z.discriminatedUnion('kind', [
  /** Every namespace of the cluster, now and later, except these. */
  z.strictObject({ kind: z.literal('all'), excluded: names(1000) }),
  z.strictObject({ kind: z.literal('list'), names: names(10_000) }),
  /** Kubernetes label-selector syntax, e.g. `team=payments,env in (prod,staging)`. */
  z.strictObject({ kind: z.literal('selector'), labelSelector: z.string().max(4000) }),
]);
export type NamespaceSelection = z.infer<typeof NamespaceSelectionSchema>;

/** Whose `imagePullSecrets` get the secret; pods of other ServiceAccounts must name it themselves. */
export const ServiceAccountSelectionSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('none') }),
  z.strictObject({ kind: z.literal('default') }),
  z.strictObject({ kind: z.literal('list'), names: names(100) }),
  z.strictObject({ kind: z.literal('all') }),
]);
export type ServiceAccountSelection = z.infer<typeof ServiceAccountSelectionSchema>;

export const TargetScopeSchema = z.strictObject({
  namespaces: NamespaceSelectionSchema,
  serviceAccounts: ServiceAccountSelectionSchema,
});
export type TargetScope = z.infer<typeof TargetScopeSchema>;

export const CredentialChoiceSchema = z.discriminatedUnion('type', [
  /** "Use registry credentials": the app writes a `kubernetes.io/dockerconfigjson` secret of this name. */
  z.strictObject({ type: z.literal('registry-credentials'), secretName: name }),
  /**
   * "Specify image pull secret": secrets the operator already has. The app checks each exists
   * with an entry for this registry and, if `createMissing`, creates absent ones from the stored
   * credentials (then they are the app's to update and remove).
   */
  z.strictObject({ type: z.literal('image-pull-secret'), secretNames: names(20), createMissing: z.boolean() }),
]);
export type CredentialChoice = z.infer<typeof CredentialChoiceSchema>;

/** The maintained in-cluster engines Registry Desk can configure instead of writing every secret itself. */
export const SyncEngineSchema = z.enum(['external-secrets', 'reflector', 'kyverno']);
export type SyncEngine = z.infer<typeof SyncEngineSchema>;

/**
 * Where the in-cluster source of the credentials comes from.
 * - source-secret: the app writes the pull secret into the source namespace (static credentials);
 * - controller / irsa / access-keys: External Secrets' ECRAuthorizationToken with the controller's own
 *   identity, an IRSA ServiceAccount, or access keys the app writes into the source namespace;
 * - gcp- / azure-workload-identity: GCRAccessToken / ACRAccessToken through a workload-identity ServiceAccount.
 */
export const SyncIdentitySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('source-secret') }),
  z.strictObject({ kind: z.literal('controller') }),
  z.strictObject({ kind: z.literal('irsa'), serviceAccount: name }),
  z.strictObject({ kind: z.literal('access-keys') }),
  z.strictObject({ kind: z.literal('gcp-workload-identity'), serviceAccount: name, projectId: z.string().max(100), clusterLocation: z.string().max(100), clusterName: z.string().max(100) }),
  z.strictObject({ kind: z.literal('azure-workload-identity'), serviceAccount: name, tenantId: z.string().max(100) }),
]);
export type SyncIdentity = z.infer<typeof SyncIdentitySchema>;

/** "Keep in sync in the cluster" for one context: the engine fans the source out to the selected namespaces. */
export const ClusterSyncChoiceSchema = z.strictObject({
  engine: SyncEngineSchema,
  /** Where the source (and the engine's own objects) live; created if missing. */
  sourceNamespace: z.string().max(63),
  identity: SyncIdentitySchema,
  /** Kyverno: a MutatingPolicy adds the secret to the selected ServiceAccounts of new namespaces. */
  wireServiceAccounts: z.boolean(),
});
export type ClusterSyncChoice = z.infer<typeof ClusterSyncChoiceSchema>;

export const DEFAULT_SOURCE_NAMESPACE = 'registry-desk';

/** The product document's two options: inject into the selected clusters, or into all the others. */
export const AccessModeSchema = z.enum(['inject-selected', 'skip-selected']);
export type AccessMode = z.infer<typeof AccessModeSchema>;

export const AccessSettingsSchema = z.strictObject({
  mode: AccessModeSchema,
  /** "All clusters" in the picker: every context of the kubeconfig, including ones added later. */
  allClusters: z.boolean(),
  /** The contexts picked by name; ignored when `allClusters`. */
  contexts: z.array(ContextNameSchema).max(500),
  /** Namespaces and ServiceAccounts in every context that receives the credentials… */
  scope: TargetScopeSchema,
  /** …unless the context has its own. */
  contextScopes: z.record(ContextNameSchema, TargetScopeSchema),
  credential: CredentialChoiceSchema,
  /**
   * Contexts kept in sync by an engine in the cluster instead of the app: the engine writes the
   * secrets there (the app still patches the selected ServiceAccounts once). Absent: none.
   */
  clusterSync: z.record(ContextNameSchema, ClusterSyncChoiceSchema).optional(),
});
export type AccessSettings = z.infer<typeof AccessSettingsSchema>;

/** What a new access form starts with. */
export function defaultAccessSettings(registryName: string, registryId: string): AccessSettings {
  return {
    mode: 'inject-selected',
    allClusters: false,
    contexts: [],
    scope: {
      namespaces: { kind: 'all', excluded: [...DEFAULT_EXCLUDED_NAMESPACES] },
      serviceAccounts: { kind: 'default' },
    },
    contextScopes: {},
    credential: { type: 'registry-credentials', secretName: defaultSecretName(registryName, registryId) },
  };
}

const SECRET_SUFFIX = '-pull-secret';

/**
 * A DNS-1123 subdomain derived from the registry name ("Docker Hub" → "docker-hub-pull-secret").
 * Names with no Latin letters or digits (e.g. Chinese) fall back to the registry id.
 */
export function defaultSecretName(registryName: string, registryId: string): string {
  const slug = registryName
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/[-.]{2,}/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 253 - SECRET_SUFFIX.length)
    .replace(/[-.]+$/, '');
  const base = slug === '' ? `registry-${registryId.replace(/^reg_/, '').slice(0, 8)}` : slug;
  return `${base}${SECRET_SUFFIX}`;
}
