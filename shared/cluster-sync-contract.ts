import { z } from 'zod';
import { AccessStateSchema, OperationIdSchema } from './access-contract';
import { AccessSettingsSchema, ContextNameSchema, SyncEngineSchema } from './access-settings';
import { AppErrorSchema } from './errors';
import { RegistryIdSchema } from './schemas';

/**
 * "Keep in sync in the cluster": which engines each context has (API discovery), the exact
 * manifests per context (preview), server-side apply, status from the engines' own reports,
 * cleanup and the GitOps export. Nothing here ever carries a credential: secret data is replaced
 * by a placeholder before it leaves main.
 */

const isoTime = z.string();

// ---------------------------------------------------------------- detection

/**
 * - present: served (External Secrets, Kyverno: the API groups and kinds the app needs; Reflector: its Deployment);
 * - outdated: installed, but too old for what the app generates (the detail names the version found);
 * - absent: not installed; `install` says what to install;
 * - forbidden: the context's user may not see it (discovery or Deployments refused);
 * - unreachable: the context did not answer.
 */
export const EngineStateSchema = z.enum(['present', 'outdated', 'absent', 'forbidden', 'unreachable']);
export type EngineState = z.infer<typeof EngineStateSchema>;

export const EngineDetectionSchema = z.object({
  engine: SyncEngineSchema,
  state: EngineStateSchema,
  /** What was found: API group versions (`external-secrets.io/v1`), or Reflector's version. */
  found: z.array(z.string()),
  /**
   * The Helm chart that installs what the app needs, e.g. `external-secrets/external-secrets`
   * (app v2.9.0); `chartVersion` is the chart release that ships that app version, for `--version`.
   */
  install: z.object({ repository: z.string(), chart: z.string(), chartVersion: z.string(), appVersion: z.string() }),
  error: AppErrorSchema.optional(),
});
export type EngineDetection = z.infer<typeof EngineDetectionSchema>;

export const ContextEnginesSchema = z.object({
  context: z.string(),
  engines: z.array(EngineDetectionSchema),
  checkedAt: isoTime,
});
export type ContextEngines = z.infer<typeof ContextEnginesSchema>;

// ---------------------------------------------------------------- preview (plan)

/**
 * create / update / unchanged: what server-side apply will do (a dry run decided it);
 * conflict: another field manager owns a field apply would change (apply skips it unless forced);
 * foreign: an object of that name exists that the app did not create (never touched);
 * forbidden: the context's user may not write it; remove: cleanup, or the app's own earlier copy
 * of the secret that must go so the engine can write its own.
 */
export const SyncActionSchema = z.enum(['create', 'update', 'unchanged', 'conflict', 'foreign', 'forbidden', 'remove']);
export type SyncAction = z.infer<typeof SyncActionSchema>;

export const SyncObjectSchema = z.object({
  apiVersion: z.string(),
  kind: z.string(),
  namespace: z.string().optional(),
  name: z.string(),
  action: SyncActionSchema,
  /** For conflict: the API server's words, naming the other manager and the fields. */
  detail: z.string().optional(),
  /** Holds credentials (the source pull secret, AWS access keys): its data is never shown or exported. */
  carriesSecret: z.boolean(),
});
export type SyncObject = z.infer<typeof SyncObjectSchema>;

/** What the operator must know before applying, in the preview's words. */
export const SyncNoteSchema = z.enum([
  'access-keys-in-cluster',
  'labels-namespaces',
  'service-accounts-once',
  'service-accounts-by-kyverno',
  'existing-service-accounts',
  'handover',
  'source-from-keychain',
  'refreshes-in-cluster',
]);
export type SyncNote = z.infer<typeof SyncNoteSchema>;

/**
 * - ready: the manifests below are what apply writes;
 * - engine-missing: the chosen engine is not there (see `engines`); nothing can be applied;
 * - invalid: the choice does not fit the registry (error says why);
 * - not-synced: the context is not kept in sync; listed only when cleanup finds the app's objects there;
 * - unreachable / forbidden: the context could not be read.
 */
export const ContextSyncPlanSchema = z.object({
  context: z.string(),
  state: z.enum(['ready', 'engine-missing', 'invalid', 'not-synced', 'unreachable', 'forbidden']),
  engine: SyncEngineSchema.optional(),
  error: AppErrorSchema.optional(),
  engines: z.array(EngineDetectionSchema),
  objects: z.array(SyncObjectSchema),
  /** The exact manifests apply sends, as YAML; secret data shown as a placeholder. */
  yaml: z.string(),
  notes: z.array(SyncNoteSchema),
  /** Namespaces the app labels so the engine's selector picks them (an explicit list in the settings). */
  labelledNamespaces: z.array(z.string()),
});
export type ContextSyncPlan = z.infer<typeof ContextSyncPlanSchema>;

export const SyncPlanSchema = z.object({
  planId: z.string(),
  kind: z.enum(['apply', 'cleanup']),
  registryId: RegistryIdSchema,
  createdAt: isoTime,
  expiresAt: isoTime,
  contexts: z.array(ContextSyncPlanSchema),
  /** Objects apply would write or delete; 0 means applying changes nothing. */
  writes: z.number(),
  /** Objects apply would delete: the operator confirms the list first. */
  removals: z.number(),
  /** Objects whose fields another manager owns: applied only with `takeOver`. */
  conflicts: z.number(),
});
export type SyncPlan = z.infer<typeof SyncPlanSchema>;

// ---------------------------------------------------------------- apply

export const SyncApplyRequestSchema = z.strictObject({
  operationId: OperationIdSchema,
  planId: z.string().max(100),
  /** Required when the plan deletes anything: the operator saw the list and agreed. */
  confirmRemovals: z.boolean(),
  /** Server-side apply with force: take over the conflicting fields (the preview named their managers). */
  takeOver: z.boolean(),
});
export type SyncApplyRequest = z.infer<typeof SyncApplyRequestSchema>;

export const SyncOutcomeSchema = z.enum(['done', 'unchanged', 'skipped', 'failed']);
export const SyncObjectResultSchema = SyncObjectSchema.extend({ outcome: SyncOutcomeSchema, error: AppErrorSchema.optional() });
export type SyncObjectResult = z.infer<typeof SyncObjectResultSchema>;

export const SyncApplyResultSchema = z.object({
  operationId: OperationIdSchema,
  planId: z.string(),
  registryId: RegistryIdSchema,
  kind: z.enum(['apply', 'cleanup']),
  contexts: z.array(z.object({ context: z.string(), error: AppErrorSchema.optional(), objects: z.array(SyncObjectResultSchema), labelledNamespaces: z.array(z.string()) })),
  counts: z.record(SyncOutcomeSchema, z.number()),
});
export type SyncApplyResult = z.infer<typeof SyncApplyResultSchema>;

// ---------------------------------------------------------------- status

/** One generated object as its engine reports it (Ready condition, or simply present). */
export const SyncObjectStatusSchema = z.object({
  kind: z.string(),
  namespace: z.string().optional(),
  name: z.string(),
  present: z.boolean(),
  ready: z.enum(['true', 'false', 'unknown']),
  /** The engine's own message (condition message, failed namespaces' reasons). */
  message: z.string().optional(),
  /** When the Ready condition last changed, as the engine says. */
  since: isoTime.optional(),
});
export type SyncObjectStatus = z.infer<typeof SyncObjectStatusSchema>;

/**
 * Per selected namespace: in-sync (the engine's copy is there and current), drifted (there but
 * stale, or the engine reports a failure), missing, conflict (a secret of that name the engine did
 * not write); namespaces that are not selected but hold an engine copy are drifted ("extra").
 */
export const SyncRowSchema = z.object({
  namespace: z.string(),
  state: AccessStateSchema,
  reason: z.enum(['mirror', 'stale', 'failed', 'missing', 'foreign', 'extra']),
  message: z.string().optional(),
});
export type SyncRow = z.infer<typeof SyncRowSchema>;

export const ContextSyncStatusSchema = z.object({
  context: z.string(),
  state: z.enum(['checked', 'not-synced', 'unreachable', 'forbidden']),
  engine: SyncEngineSchema.optional(),
  error: AppErrorSchema.optional(),
  objects: z.array(SyncObjectStatusSchema),
  rows: z.array(SyncRowSchema),
  counts: z.record(AccessStateSchema, z.number()),
});
export type ContextSyncStatus = z.infer<typeof ContextSyncStatusSchema>;

export const SyncStatusSchema = z.object({
  registryId: RegistryIdSchema,
  checkedAt: isoTime,
  contexts: z.array(ContextSyncStatusSchema),
});
export type SyncStatus = z.infer<typeof SyncStatusSchema>;

// ---------------------------------------------------------------- export

export const ExportFileSchema = z.object({
  /** Empty for a file that is not about one context (the single-registry External Secrets export). */
  context: z.string(),
  fileName: z.string(),
  content: z.string(),
});
export type ExportFile = z.infer<typeof ExportFileSchema>;

export const SavedExportSchema = z.object({
  /** null: the operator closed the folder picker. */
  folder: z.string().nullable(),
  /** The files written. */
  files: z.array(z.string()),
  /** Files of these names are in the folder already: nothing was written; save again with `replaceId` to replace them. */
  replace: z.object({ replaceId: z.string(), existing: z.array(z.string()) }).nullable(),
});
export type SavedExport = z.infer<typeof SavedExportSchema>;

export const SaveExportRequestSchema = z.strictObject({
  registryId: RegistryIdSchema,
  /** From a save that found files in the folder: the operator confirmed replacing them. */
  replaceId: z.string().max(64).optional(),
});
export type SaveExportRequest = z.infer<typeof SaveExportRequestSchema>;

/** One registry as External Secrets manifests (issue 10's "Secret manifest that references the registry"). */
/** Static credentials in External Secrets: the team's store and where the username and password live in it. */
export const ExternalSecretStoreSchema = z.strictObject({
  kind: z.enum(['ClusterSecretStore', 'SecretStore']),
  name: z.string().max(253),
  remoteKey: z.string().max(1000),
  usernameProperty: z.string().max(253),
  passwordProperty: z.string().max(253),
});

export const RegistryEsoExportRequestSchema = z.strictObject({
  registryId: RegistryIdSchema,
  namespace: z.string().max(63),
  secretName: z.string().max(253),
  store: ExternalSecretStoreSchema.optional(),
});
export type RegistryEsoExportRequest = z.infer<typeof RegistryEsoExportRequestSchema>;
export type ExternalSecretStore = z.infer<typeof ExternalSecretStoreSchema>;

// ---------------------------------------------------------------- channels

const ByRegistry = z.strictObject({ registryId: RegistryIdSchema });

export const CLUSTER_SYNC_CHANNELS = {
  /** Which engines each context has, by API discovery (and Reflector's Deployment where visible). */
  'cluster-sync:detect': {
    request: z.strictObject({ contexts: z.array(ContextNameSchema).max(500).optional() }),
    response: z.array(ContextEnginesSchema),
  },
  /** The exact manifests per context for the settings being edited (absent: the saved ones). */
  'cluster-sync:preview': { request: z.strictObject({ registryId: RegistryIdSchema, settings: AccessSettingsSchema.optional() }), response: SyncPlanSchema },
  /** Everything the app created for the registry's in-cluster sync, in every context: what cleanup deletes. */
  'cluster-sync:preview-cleanup': { request: ByRegistry, response: SyncPlanSchema },
  /** Server-side apply (field manager `registry-desk`) of a plan; an apply plan also saves its settings. */
  'cluster-sync:apply': { request: SyncApplyRequestSchema, response: SyncApplyResultSchema },
  'cluster-sync:status': { request: ByRegistry, response: SyncStatusSchema },
  /** The GitOps files, one YAML file per context; no secret data in them. */
  'cluster-sync:export': { request: ByRegistry, response: z.array(ExportFileSchema) },
  /** Writes the GitOps files into a folder the operator picks; files already there only with the `replaceId` of a confirmed replace. */
  'cluster-sync:save-export': { request: SaveExportRequestSchema, response: SavedExportSchema },
  /** One registry as External Secrets manifests that reference the registry instead of embedding the password. */
} as const;
