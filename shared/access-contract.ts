import { z } from 'zod';
import { AccessSettingsSchema, ContextNameSchema } from './access-settings';
import { AppErrorSchema } from './errors';
import { RegistryIdSchema } from './schemas';

/**
 * The contract of "Manage access": kubeconfig contexts, the namespace picker, preview (plan),
 * apply with progress and cancellation, status, cleanup, adoption of conflicting secrets and
 * the ECR token refresh. Main validates every request against these schemas; the renderer
 * imports the types. Nothing here ever carries a credential.
 */

const isoTime = z.string();
const NoArguments = z.strictObject({});

// ---------------------------------------------------------------- contexts (kubeconfig)

/** How a context's user authenticates, as the kubeconfig says (never the credential itself). */
export const ContextAuthSchema = z.enum(['token', 'token-file', 'client-certificate', 'exec', 'basic', 'auth-provider', 'none']);
export type ContextAuth = z.infer<typeof ContextAuthSchema>;

export const ContextReachabilitySchema = z.enum(['unchecked', 'checking', 'reachable', 'unreachable']);

export const ContextStatusSchema = z.object({
  state: ContextReachabilitySchema,
  /** `gitVersion` of the API server's /version, e.g. "v1.31.4". */
  serverVersion: z.string().optional(),
  /** Why it is unreachable: timeout, TLS, refused, exec plugin failed, 401… */
  error: AppErrorSchema.optional(),
  checkedAt: isoTime.optional(),
  latencyMs: z.number().optional(),
});
export type ContextStatus = z.infer<typeof ContextStatusSchema>;

export const ContextViewSchema = z.object({
  name: ContextNameSchema,
  cluster: z.string().nullable(),
  /** The API server URL, or null when the context names a cluster the kubeconfig lacks. */
  server: z.string().nullable(),
  user: z.string().nullable(),
  /** The context's default namespace ("default" when the kubeconfig sets none). */
  namespace: z.string(),
  isCurrent: z.boolean(),
  auth: ContextAuthSchema,
  /** The exec credential plugin's command (e.g. "aws", "gke-gcloud-auth-plugin", "kubelogin"). */
  execCommand: z.string().optional(),
  insecureSkipTlsVerify: z.boolean(),
  /** The kubeconfig file that defined the context. */
  file: z.string(),
  /** A broken entry (missing cluster or user, unreadable certificate file…): it cannot be used. */
  problem: AppErrorSchema.optional(),
  status: ContextStatusSchema,
});
export type ContextView = z.infer<typeof ContextViewSchema>;

export const KubeconfigFileSchema = z.object({
  path: z.string(),
  /** Missing files in KUBECONFIG are skipped, as kubectl does. */
  exists: z.boolean(),
  error: AppErrorSchema.optional(),
});

export const ContextListSchema = z.object({
  contexts: z.array(ContextViewSchema),
  currentContext: z.string().nullable(),
  files: z.array(KubeconfigFileSchema),
  /** Where the file list came from: the KUBECONFIG variable or ~/.kube/config. */
  source: z.enum(['KUBECONFIG', 'default']),
});
export type ContextList = z.infer<typeof ContextListSchema>;

export const ProbeRequestSchema = z.strictObject({
  /** Absent: every context. */
  contexts: z.array(ContextNameSchema).max(500).optional(),
});

export const ProbeResponseSchema = z.record(z.string(), ContextStatusSchema);

// ---------------------------------------------------------------- namespace picker

export const NamespacePageRequestSchema = z.strictObject({
  context: ContextNameSchema,
  /** Case-insensitive substring of the name. */
  search: z.string().max(253).optional(),
  /** Only namespaces matching this label selector (checked like the access form's). */
  labelSelector: z.string().max(4000).optional(),
  limit: z.number().int().min(1).max(1000),
  /** The `continue` of the previous page; absent for the first page. */
  continue: z.string().max(200).optional(),
  /** Read the cluster again instead of the list fetched moments ago. */
  refresh: z.boolean().optional(),
});
export type NamespacePageRequest = z.infer<typeof NamespacePageRequestSchema>;

export const NamespaceItemSchema = z.object({
  name: z.string(),
  labels: z.record(z.string(), z.string()),
  /** "Active" or "Terminating". */
  phase: z.string().optional(),
});

export const NamespacePageSchema = z.object({
  items: z.array(NamespaceItemSchema),
  continue: z.string().nullable(),
  /** Namespaces matching search and selector, over all pages. */
  matched: z.number(),
  /** Namespaces in the cluster. */
  total: z.number(),
  fetchedAt: isoTime,
});
export type NamespacePage = z.infer<typeof NamespacePageSchema>;

// ---------------------------------------------------------------- plan (preview)

/**
 * What happens to one secret in one namespace.
 * - create / update / unchanged / remove: the app's own secret (marked with its label and the registry id).
 * - conflict: a secret with this name exists that the app does not own (`reason` "foreign") or that
 *   belongs to another registry ("other-registry"); it is never touched unless adopted.
 * - forbidden: the context's user may not do what is needed (SelfSubjectAccessReview said no).
 * - missing / unusable: "Specify image pull secret" — the operator's secret is absent, or exists
 *   but is not `kubernetes.io/dockerconfigjson` ("wrong-type") or has no entry for this registry ("no-entry").
 * - namespace-missing: an explicitly listed namespace does not exist in the cluster.
 */
export const SecretActionSchema = z.enum([
  'create',
  'update',
  'unchanged',
  'remove',
  'conflict',
  'forbidden',
  'missing',
  'unusable',
  'namespace-missing',
]);
export type SecretAction = z.infer<typeof SecretActionSchema>;

export const SecretReasonSchema = z.enum([
  'content',
  'expiring',
  'adopt',
  'foreign',
  'other-registry',
  'wrong-type',
  'no-entry',
  'deselected',
  'renamed',
]);
export type SecretReason = z.infer<typeof SecretReasonSchema>;

export const SecretStepSchema = z.object({
  name: z.string(),
  action: SecretActionSchema,
  reason: SecretReasonSchema.optional(),
  /** For forbidden: the verb refused, e.g. "create". */
  verb: z.string().optional(),
  /** ECR: when the secret's token stops working. */
  expiresAt: isoTime.optional(),
});
export type SecretStep = z.infer<typeof SecretStepSchema>;

/**
 * What happens to one ServiceAccount's `imagePullSecrets`: add our secret names, remove the
 * ones the app added (never others), or nothing. `missing`: a listed ServiceAccount does not
 * exist; for `default` in a new namespace apply waits briefly for the controller to create it.
 */
export const ServiceAccountActionSchema = z.enum(['add', 'unchanged', 'remove', 'missing', 'forbidden']);
export type ServiceAccountAction = z.infer<typeof ServiceAccountActionSchema>;

export const ServiceAccountStepSchema = z.object({
  name: z.string(),
  action: ServiceAccountActionSchema,
  /** The secret names added or removed. */
  references: z.array(z.string()),
  verb: z.string().optional(),
});
export type ServiceAccountStep = z.infer<typeof ServiceAccountStepSchema>;

export const NamespacePlanSchema = z.object({
  namespace: z.string(),
  secrets: z.array(SecretStepSchema),
  serviceAccounts: z.array(ServiceAccountStepSchema),
});
export type NamespacePlan = z.infer<typeof NamespacePlanSchema>;

/** Counts of secret and ServiceAccount actions, keyed by action name. */
export const ActionCountsSchema = z.object({
  secrets: z.record(z.string(), z.number()),
  serviceAccounts: z.record(z.string(), z.number()),
});
export type ActionCounts = z.infer<typeof ActionCountsSchema>;

/**
 * - targeted: the context receives the credentials; `namespaces` holds every target namespace.
 * - not-targeted: nothing should be there; `namespaces` lists only what will be removed.
 * - unreachable / broken / forbidden: nothing could be planned (the error says why: no answer, an
 *   unusable kubeconfig entry, or the user may not list what the plan must read); other contexts are unaffected.
 */
export const ContextPlanStateSchema = z.enum(['targeted', 'not-targeted', 'unreachable', 'broken', 'forbidden']);

export const ContextPlanSchema = z.object({
  context: z.string(),
  state: ContextPlanStateSchema,
  error: AppErrorSchema.optional(),
  namespaces: z.array(NamespacePlanSchema),
  counts: ActionCountsSchema,
});
export type ContextPlan = z.infer<typeof ContextPlanSchema>;

export const PlanSchema = z.object({
  planId: z.string(),
  /** apply: bring the clusters to the settings; cleanup: remove everything the app put there for this registry. */
  kind: z.enum(['apply', 'cleanup']),
  registryId: RegistryIdSchema,
  settings: AccessSettingsSchema.nullable(),
  createdAt: isoTime,
  /** After this the plan must be previewed again. */
  expiresAt: isoTime,
  contexts: z.array(ContextPlanSchema),
  totals: ActionCountsSchema,
  /** Secrets and ServiceAccount references that apply would remove: the operator confirms them first. */
  removals: z.number(),
  /** Writes apply would make; 0 means applying changes nothing. */
  writes: z.number(),
});
export type Plan = z.infer<typeof PlanSchema>;

/** A conflicting secret the operator explicitly takes over: apply overwrites it and marks it as the app's. */
export const AdoptTargetSchema = z.strictObject({
  context: ContextNameSchema,
  namespace: z.string().max(63),
  secretName: z.string().max(253),
});
export type AdoptTarget = z.infer<typeof AdoptTargetSchema>;

export const PreviewRequestSchema = z.strictObject({
  registryId: RegistryIdSchema,
  /** The settings being edited; absent: the saved ones (e.g. "Repair"). */
  settings: AccessSettingsSchema.optional(),
  adopt: z.array(AdoptTargetSchema).max(10_000).optional(),
  /** One status row's repair or adoption: the plan holds only this namespace of this context. */
  only: z.strictObject({ context: ContextNameSchema, namespace: z.string().max(253) }).optional(),
});
export type PreviewRequest = z.infer<typeof PreviewRequestSchema>;

export const CleanupPreviewRequestSchema = z.strictObject({
  registryId: RegistryIdSchema,
});

/** What a sent object's body holds instead of a Secret's data; the window shows it in the operator's language. */
export const SECRET_DATA_PLACEHOLDER = '<secret data: read from the keychain on apply, not shown>';

/**
 * One request apply would send for an object of a previewed plan, as it will be sent: create
 * (POST), replace (PUT), merge-patch (PATCH) or delete (DELETE). A Secret's data is a placeholder:
 * the credential stays in main until apply.
 */
export const SentObjectSchema = z.object({
  kind: z.enum(['Secret', 'ServiceAccount']),
  name: z.string(),
  request: z.enum(['create', 'replace', 'merge-patch', 'delete']),
  /** The API path, e.g. /api/v1/namespaces/team-a/secrets. */
  path: z.string(),
  /** The body: YAML for objects and delete options, JSON for a merge patch. */
  body: z.string(),
  format: z.enum(['yaml', 'json']),
});
export type SentObject = z.infer<typeof SentObjectSchema>;

export const SentObjectsRequestSchema = z.strictObject({
  planId: z.string().max(100),
  context: ContextNameSchema,
  namespace: z.string().max(253),
});
export type SentObjectsRequest = z.infer<typeof SentObjectsRequestSchema>;

export const SentObjectsSchema = z.object({ objects: z.array(SentObjectSchema) });
export type SentObjects = z.infer<typeof SentObjectsSchema>;

// ---------------------------------------------------------------- apply

export const OperationIdSchema = z.uuid();

export const ApplyRequestSchema = z.strictObject({
  /** Chosen by the renderer (crypto.randomUUID()) so it can match progress events before apply returns. */
  operationId: OperationIdSchema,
  planId: z.string().max(100),
  /** Required when the plan removes anything: the operator saw the list and agreed. */
  confirmRemovals: z.boolean(),
  /** Parallel requests per context. */
  concurrency: z.number().int().min(1).max(64).optional(),
});
export type ApplyRequest = z.infer<typeof ApplyRequestSchema>;

/** done: the change was made; unchanged: nothing to do; skipped: not attempted (conflict, forbidden…). */
export const StepOutcomeSchema = z.enum(['done', 'unchanged', 'skipped', 'failed', 'cancelled']);
export type StepOutcome = z.infer<typeof StepOutcomeSchema>;

export const SecretResultSchema = SecretStepSchema.extend({ outcome: StepOutcomeSchema, error: AppErrorSchema.optional() });
export const ServiceAccountResultSchema = ServiceAccountStepSchema.extend({
  outcome: StepOutcomeSchema,
  error: AppErrorSchema.optional(),
});

export const NamespaceResultSchema = z.object({
  namespace: z.string(),
  secrets: z.array(SecretResultSchema),
  serviceAccounts: z.array(ServiceAccountResultSchema),
});
export type NamespaceResult = z.infer<typeof NamespaceResultSchema>;

export const ContextResultSchema = z.object({
  context: z.string(),
  error: AppErrorSchema.optional(),
  namespaces: z.array(NamespaceResultSchema),
});
export type ContextResult = z.infer<typeof ContextResultSchema>;

export const OutcomeCountsSchema = z.record(StepOutcomeSchema, z.number());
export type OutcomeCounts = z.infer<typeof OutcomeCountsSchema>;

export const ApplyResultSchema = z.object({
  operationId: OperationIdSchema,
  planId: z.string(),
  registryId: RegistryIdSchema,
  kind: z.enum(['apply', 'cleanup']),
  outcome: z.enum(['completed', 'cancelled']),
  startedAt: isoTime,
  finishedAt: isoTime,
  contexts: z.array(ContextResultSchema),
  /** Per outcome, over every secret and ServiceAccount step. */
  counts: OutcomeCountsSchema,
});
export type ApplyResult = z.infer<typeof ApplyResultSchema>;

/** Pushed while an apply, cleanup or ECR refresh runs (at most every 100 ms per operation, and at the end). */
export const AccessProgressSchema = z.object({
  operationId: z.string(),
  registryId: RegistryIdSchema,
  kind: z.enum(['apply', 'cleanup', 'refresh']),
  state: z.enum(['running', 'cancelling', 'finished', 'cancelled']),
  /** Namespaces to process, over all contexts. */
  total: z.number(),
  done: z.number(),
  failed: z.number(),
  contexts: z.array(z.object({ context: z.string(), total: z.number(), done: z.number(), failed: z.number() })),
});
export type AccessProgress = z.infer<typeof AccessProgressSchema>;

// ---------------------------------------------------------------- status

/** In order of severity, mildest first: status lists and badges take the worst by this order. */
export const AccessStateSchema = z.enum(['in-sync', 'drifted', 'missing', 'conflict', 'forbidden', 'unreachable']);
export type AccessState = z.infer<typeof AccessStateSchema>;

export const StatusRowSchema = z.object({
  namespace: z.string(),
  /** The worst state among the namespace's secrets and ServiceAccounts. */
  state: AccessStateSchema,
  secrets: z.array(z.object({ name: z.string(), state: AccessStateSchema, reason: SecretReasonSchema.optional(), expiresAt: isoTime.optional() })),
  /** blocked: the account names the secret already, but that secret is forbidden, missing or not the app's, so pulls cannot use it. */
  serviceAccounts: z.array(z.object({ name: z.string(), state: AccessStateSchema, blocked: z.boolean().optional() })),
  /** What a preview of this row alone would offer: repair (apply writes something), remove (apply only takes away what is no longer selected) or adopt (a foreign secret to take over). */
  fix: z.enum(['repair', 'remove', 'adopt']).optional(),
  /** The last status check that found this row in sync, as the app recorded it; absent: never seen in sync. */
  lastInSyncAt: isoTime.optional(),
});
export type StatusRow = z.infer<typeof StatusRowSchema>;

/** unreachable / forbidden: the whole context could not be read (see error). */
export const ContextStatusStateSchema = z.enum(['checked', 'unreachable', 'forbidden', 'not-targeted']);
export type ContextStatusState = z.infer<typeof ContextStatusStateSchema>;

export const ContextStatusRowsSchema = z.object({
  context: z.string(),
  state: ContextStatusStateSchema,
  error: AppErrorSchema.optional(),
  counts: z.record(AccessStateSchema, z.number()),
  /** The worst state of its namespaces, and how many are not in sync: what the context's badge says. */
  worst: AccessStateSchema,
  problems: z.number(),
  rows: z.array(StatusRowSchema),
  /** ECR: the earliest expiry of the app's secrets in this context. */
  expiresAt: isoTime.optional(),
});
export type ContextStatusRows = z.infer<typeof ContextStatusRowsSchema>;

export const AccessStatusSchema = z.object({
  registryId: RegistryIdSchema,
  /** False when the registry has no saved access settings: every context is then not-targeted. */
  configured: z.boolean(),
  checkedAt: isoTime,
  contexts: z.array(ContextStatusRowsSchema),
  /** Namespaces by state; a context that could not be read counts in `clusters`, never here. */
  counts: z.record(AccessStateSchema, z.number()),
  clusters: z.record(ContextStatusStateSchema, z.number()),
});
export type AccessStatus = z.infer<typeof AccessStatusSchema>;

// ---------------------------------------------------------------- ECR refresh

export const RefreshContextSchema = z.object({
  context: z.string(),
  /** Earliest expiry of the app's ECR secrets in this context; null when it holds none. */
  expiresAt: isoTime.nullable(),
  namespaces: z.number(),
});

export const RegistryRefreshSchema = z.object({
  registryId: RegistryIdSchema,
  state: z.enum(['idle', 'scheduled', 'refreshing', 'failed']),
  /** Refresh happens at half the token's life (6 of its 12 hours). */
  nextRefreshAt: isoTime.nullable(),
  lastRefreshAt: isoTime.nullable(),
  lastError: AppErrorSchema.optional(),
  contexts: z.array(RefreshContextSchema),
});
export type RegistryRefresh = z.infer<typeof RegistryRefreshSchema>;

export const RefreshStateSchema = z.object({
  registries: z.array(RegistryRefreshSchema),
  /** Always true: tokens are refreshed only while Registry Desk runs; the UI says so plainly. */
  stopsWhenAppCloses: z.literal(true),
  now: isoTime,
});
export type RefreshState = z.infer<typeof RefreshStateSchema>;

// ---------------------------------------------------------------- channels and events

const ByRegistry = z.strictObject({ registryId: RegistryIdSchema });

export const ACCESS_CHANNELS = {
  /** Contexts of the kubeconfig (no network); statuses as last probed. */
  'clusters:list': { request: NoArguments, response: ContextListSchema },
  /** Reachability and server version per context, each with its own timeout; statuses also arrive as events. */
  'clusters:probe': { request: ProbeRequestSchema, response: ProbeResponseSchema },
  'clusters:namespaces': { request: NamespacePageRequestSchema, response: NamespacePageSchema },
  /** Saves the access settings without touching any cluster. */
  'access:save': {
    request: z.strictObject({ registryId: RegistryIdSchema, settings: AccessSettingsSchema }),
    response: AccessSettingsSchema,
  },
  'access:preview': { request: PreviewRequestSchema, response: PlanSchema },
  /** What deleting the registry (or turning access off) would remove, everywhere. */
  'access:preview-cleanup': { request: CleanupPreviewRequestSchema, response: PlanSchema },
  /** Executes a plan; an apply plan also saves its settings. Resolves when done or cancelled. */
  'access:apply': { request: ApplyRequestSchema, response: ApplyResultSchema },
  'access:status': { request: ByRegistry, response: AccessStatusSchema },
  'access:refresh-state': { request: NoArguments, response: RefreshStateSchema },
  /** Refreshes one ECR registry's secrets now instead of at the scheduled time. */
  'access:refresh-now': { request: ByRegistry, response: RegistryRefreshSchema },
  /** What apply would send for one namespace of a previewed plan, secret data as a placeholder; reads no cluster and no keychain. */
  'access:preview-objects': { request: SentObjectsRequestSchema, response: SentObjectsSchema },
} as const;

export const ACCESS_EVENTS = {
  'event:access-progress': AccessProgressSchema,
  /** A kubeconfig file changed: list the contexts again. */
  'event:kubeconfig-changed': z.object({ files: z.array(z.string()) }),
  /** One context's probe finished (or started). */
  'event:context-status': z.object({ context: z.string(), status: ContextStatusSchema }),
  /** An ECR registry's refresh state changed. */
  'event:ecr-refresh': RegistryRefreshSchema,
} as const;
