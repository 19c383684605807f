import { z } from 'zod';
import { ContextNameSchema } from './access-settings';
import { AppErrorSchema } from './errors';
import { RegistryIdSchema } from './schemas';

/** The waiting reasons of a container whose image kubelet could not get. */
export const PULL_WAITING_REASONS = ['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull', 'RegistryUnavailable', 'SignatureValidationFailed'] as const;
export const PullWaitingReasonSchema = z.enum(PULL_WAITING_REASONS);

const name = z.string().min(1).max(253);
const Params = z.record(z.string(), z.union([z.string(), z.number()]));

/** One sentence of the catalogue (`doctor.*`) with its parameters; `tone` colours it. */
export const FindingSchema = z.object({ code: z.string(), params: Params.optional(), tone: z.enum(['pass', 'fail', 'warn', 'info']) });
export type Finding = z.infer<typeof FindingSchema>;

export const ContainerKindSchema = z.enum(['init', 'regular', 'ephemeral']);

export const FailingContainerSchema = z.object({
  pod: z.string(),
  uid: z.string(),
  container: z.string(),
  kind: ContainerKindSchema,
  reason: PullWaitingReasonSchema,
  message: z.string(),
  node: z.string().nullable(),
  pullPolicy: z.string(),
  /** The controller that recreates the pod (`ReplicaSet web-7d4…`), null for a bare pod. */
  owner: z.object({ kind: z.string(), name: z.string() }).nullable(),
  /** The pod's creationTimestamp, for its age; null when the server gave none. */
  createdAt: z.string().nullable(),
});
export type FailingContainer = z.infer<typeof FailingContainerSchema>;

export const PodEventSchema = z.object({
  pod: z.string(),
  reason: z.string(),
  type: z.string(),
  message: z.string(),
  count: z.number().int().nonnegative(),
  lastSeen: z.string().nullable(),
});
export type PodEvent = z.infer<typeof PodEventSchema>;

export const StepIdSchema = z.enum(['events', 'image', 'secrets', 'keyring', 'registry', 'expiry', 'warnings']);
export type StepId = z.infer<typeof StepIdSchema>;
export const StepStateSchema = z.enum(['pass', 'fail', 'warn', 'unknown', 'skipped']);
export type StepState = z.infer<typeof StepStateSchema>;

export const DiagnosisStepSchema = z.object({ id: StepIdSchema, state: StepStateSchema, findings: z.array(FindingSchema) });
export type DiagnosisStep = z.infer<typeof DiagnosisStepSchema>;

export const RegistryStateSchema = z.enum(['exists', 'manifest-unknown', 'name-unknown', 'denied', 'unauthorized', 'rate-limited', 'unexpected', 'unreachable']);
export type RegistryState = z.infer<typeof RegistryStateSchema>;

/** One try kubelet would make: an entry of a pull secret (never its password), or no credentials. */
export const RegistryAttemptSchema = z.object({
  secret: z.string().nullable(),
  key: z.string().nullable(),
  username: z.string().nullable(),
  fallback: z.boolean(),
  state: RegistryStateSchema,
  status: z.number().int().optional(),
  digest: z.string().optional(),
  mediaType: z.string().optional(),
  platforms: z.array(z.string()).optional(),
  registryCode: z.string().optional(),
  retryAfter: z.string().optional(),
  refusedBy: z.enum(['registry', 'token']).optional(),
  error: AppErrorSchema.optional(),
  /** The registry API address the workstation asked. */
  endpoint: z.string(),
});
export type RegistryAttempt = z.infer<typeof RegistryAttemptSchema>;

export const FixSchema = z.discriminatedUnion('kind', [
  /** Opens Manage access of the registry with this namespace added, at the preview. */
  z.object({
    kind: z.literal('inject'),
    registryId: RegistryIdSchema,
    registryName: z.string(),
    context: z.string(),
    namespace: z.string(),
    serviceAccount: z.string(),
    /** The secrets the pods list by name: those must be the ones created (their ServiceAccount's are not copied). */
    pullSecrets: z.array(z.string()),
  }),
  z.object({ kind: z.literal('add-to-service-account'), registryId: RegistryIdSchema, context: z.string(), namespace: z.string(), serviceAccount: z.string(), secret: z.string() }),
  z.object({ kind: z.literal('renew-ecr'), registryId: RegistryIdSchema, registryName: z.string() }),
  /** A command for the operator to run; the app never restarts workloads itself. */
  z.object({ kind: z.literal('command'), purpose: z.enum(['restart', 'patch-service-account']), command: z.string() }),
]);
export type Fix = z.infer<typeof FixSchema>;

export const DiagnosisSchema = z.object({
  id: z.string(),
  context: z.string(),
  namespace: z.string(),
  image: z.string(),
  /** `docker.io/library/nginx:latest`; null when the reference is invalid. */
  normalized: z.string().nullable(),
  pullSecrets: z.array(z.string()),
  serviceAccount: z.string().nullable(),
  containers: z.array(FailingContainerSchema),
  events: z.array(PodEventSchema),
  attempts: z.array(RegistryAttemptSchema),
  steps: z.array(DiagnosisStepSchema),
  verdict: FindingSchema,
  fixes: z.array(FixSchema),
});
export type Diagnosis = z.infer<typeof DiagnosisSchema>;

export const ContextScanSchema = z.object({
  context: z.string(),
  state: z.enum(['checked', 'failed']),
  error: AppErrorSchema.optional(),
  podsScanned: z.number().int().nonnegative(),
  failingPods: z.number().int().nonnegative(),
  nodes: z.enum(['readable', 'forbidden']),
  events: z.enum(['readable', 'forbidden']),
});
export type ContextScan = z.infer<typeof ContextScanSchema>;

export const FindRequestSchema = z.strictObject({
  contexts: z.array(ContextNameSchema).min(1).max(100),
  /** Empty: every namespace. */
  namespaces: z.array(name).max(1000),
  /** Only images this registry serves (kubelet's lookup on its key). */
  registryId: RegistryIdSchema.optional(),
});
export type FindRequest = z.infer<typeof FindRequestSchema>;

export const FindResultSchema = z.object({
  checkedAt: z.string(),
  durationMs: z.number().int().nonnegative(),
  contexts: z.array(ContextScanSchema),
  diagnoses: z.array(DiagnosisSchema),
  /** Requests sent to registries and token services for the whole run. */
  registryRequests: z.number().int().nonnegative(),
});
export type FindResult = z.infer<typeof FindResultSchema>;

export const CheckImageRequestSchema = z.strictObject({
  context: ContextNameSchema,
  namespace: name,
  image: z.string().min(1).max(1000),
  /** The pods' ServiceAccount, whose pull secrets a new pod gets; default `default`. */
  serviceAccount: name.optional(),
  /** Pull secrets the pod will list itself (then the ServiceAccount's are not copied). */
  pullSecrets: z.array(name).max(20).optional(),
});
export type CheckImageRequest = z.infer<typeof CheckImageRequestSchema>;

export const AddToServiceAccountRequestSchema = z.strictObject({
  context: ContextNameSchema,
  namespace: name,
  serviceAccount: name,
  secret: name,
  registryId: RegistryIdSchema,
});

export const PULL_DOCTOR_CHANNELS = {
  /** Failing pods of the chosen contexts and namespaces, grouped and diagnosed. */
  'pull-doctor:find': { request: FindRequestSchema, response: FindResultSchema },
  /** "Would this pull?" before deploying. */
  'pull-doctor:check-image': { request: CheckImageRequestSchema, response: DiagnosisSchema },
  'pull-doctor:add-to-service-account': { request: AddToServiceAccountRequestSchema, response: z.object({ outcome: z.enum(['done', 'unchanged']) }) },
} as const;
