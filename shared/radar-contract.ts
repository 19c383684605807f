import { z } from 'zod';
import { ContextNameSchema } from './access-settings';
import { AppErrorSchema, type AppError } from './errors';
import { SaveOutcomeSchema } from './import-export-contract';

// The fleet radar: every pull secret and every workload's image across the kubeconfig's contexts,
// what will fail to pull, what expires when, what is unused or conflicting. Never a secret: entries
// carry registries and users, stale copies are told apart without the passwords.

const name = z.string().min(1).max(253);
const Params = z.record(z.string(), z.union([z.string(), z.number()]));

export const RadarRequestSchema = z.strictObject({
  /** Chosen by the window to tell this scan's progress events from another's. */
  scanId: z.uuid().optional(),
  /** Absent: every context of the kubeconfig. */
  contexts: z.array(ContextNameSchema).max(200).optional(),
  /** An expiry within this many days is "soon". */
  expiryWindowDays: z.number().int().min(1).max(365).default(14),
});
export type RadarRequest = z.input<typeof RadarRequestSchema>;

export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod'] as const;
export const WorkloadKindSchema = z.enum(WORKLOAD_KINDS);
export type WorkloadKind = z.infer<typeof WorkloadKindSchema>;

/** Who made a pull secret, from its labels, annotations and owner references. */
export const SecretMakerSchema = z.enum(['registry-desk', 'external-secrets', 'reflector', 'kyverno', 'helm', 'by-hand']);
export type SecretMaker = z.infer<typeof SecretMakerSchema>;

export const ReferenceSchema = z.object({ kind: z.enum([...WORKLOAD_KINDS, 'ServiceAccount']), name });
export type Reference = z.infer<typeof ReferenceSchema>;

export const PullSecretRowSchema = z.object({
  context: ContextNameSchema,
  namespace: name,
  name,
  type: z.enum(['kubernetes.io/dockerconfigjson', 'kubernetes.io/dockercfg']),
  maker: SecretMakerSchema,
  /** Each `auths` entry: its key as written and its user; never the password. */
  entries: z.array(z.object({ key: z.string(), username: z.string() })),
  /** Why kubelet cannot read it; null when it parses. */
  unparsable: z.string().nullable(),
  referencedBy: z.array(ReferenceSchema),
});
export type PullSecretRow = z.infer<typeof PullSecretRowSchema>;

/** Docker Hub's hosts: its name, its legacy index, its API, its web address. */
const DOCKER_HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/**
 * The registry host of an `auths` key, a URL or a host, as the report names it: the image
 * reference's domain, so Docker Hub is `docker.io` in cells, expiries and filters alike.
 */
export function registryOfKey(key: string): string {
  const host = key.replace(/^[a-z]+:\/\//i, '').split('/')[0]!.toLowerCase();
  return DOCKER_HUB_HOSTS.has(host) ? 'docker.io' : host;
}

/**
 * pulls; fails (the pull doctor's reason); cached-only: the pods run from the node's copy and the
 * next pull fails; tag-moved: the tag now names another digest than the pods run; platform-missing:
 * an architecture the workload can land on is not in the image's index; unknown: not asked.
 */
export const PullVerdictSchema = z.enum(['pulls', 'fails', 'cached-only', 'tag-moved', 'platform-missing', 'unknown']);
export type PullVerdict = z.infer<typeof PullVerdictSchema>;

export const PullCheckSchema = z.object({
  id: z.string(),
  image: z.string(),
  /** The registry host the image is pulled from (`docker.io` for Docker Hub). */
  registry: z.string(),
  verdict: PullVerdictSchema,
  /** The sentence explaining it: a `doctor.verdict.*` or `radar.verdict.*` code. */
  reason: z.object({ code: z.string(), params: Params }),
  /** What the tag resolves to now. */
  digest: z.string().nullable(),
  platforms: z.array(z.string()),
  architectures: z.array(z.string()),
});
export type PullCheck = z.infer<typeof PullCheckSchema>;

export const ContainerRowSchema = z.object({
  name,
  kind: z.enum(['init', 'regular', 'ephemeral']),
  image: z.string(),
  pullPolicy: z.string(),
  /** The digests the workload's pods run (`containerStatuses[].imageID`). */
  running: z.array(z.string()),
  check: z.string(),
});

/**
 * Where a workload's architectures come from: its pods' node; the nodes its nodeSelector and
 * required node affinity fit; the architectures the spec names (no such node now); every node's,
 * because it names no rule, because no node fits and it names no architecture, or because its rule
 * is one the radar does not evaluate (Gt / Lt, matchFields); none, because the nodes could not be
 * listed and the spec names no architecture (its platform then is not checked).
 */
export const ArchitecturesFromSchema = z.enum(['node', 'matching-nodes', 'spec', 'all-nodes', 'no-node-fits', 'too-complex', 'nodes-unread']);
export type ArchitecturesFrom = z.infer<typeof ArchitecturesFromSchema>;

export const WorkloadRowSchema = z.object({
  context: ContextNameSchema,
  namespace: name,
  kind: WorkloadKindSchema,
  name,
  serviceAccount: z.string(),
  /** The pull secrets its pods get: the template's own, else the ServiceAccount's. */
  pullSecrets: z.array(z.string()),
  architectures: z.array(z.string()),
  architecturesFrom: ArchitecturesFromSchema.optional(),
  containers: z.array(ContainerRowSchema),
});
export type WorkloadRow = z.infer<typeof WorkloadRowSchema>;

export const ExpiryStateSchema = z.enum(['expired', 'soon', 'valid', 'unknown']);
export type ExpiryState = z.infer<typeof ExpiryStateSchema>;

export const ExpiryRowSchema = z.object({
  what: z.enum(['jwt', 'ecr-token', 'tls-certificate', 'harbor-robot', 'ca-certificate', 'google-key']),
  registry: z.string(),
  username: z.string().nullable(),
  /** Where the login lives; null context: the registry's own certificate. */
  context: ContextNameSchema.nullable(),
  namespace: z.string().nullable(),
  secret: z.string().nullable(),
  expiresAt: z.string().nullable(),
  state: ExpiryStateSchema,
  /** How it is known (`exp` claim, the app's annotation, the certificate) or why it is not. */
  source: z.string(),
  /** The saved registry's name when the login or uploaded CA is Registry Desk's own, not a cluster's. */
  savedAs: z.string().optional(),
});
export type ExpiryRow = z.infer<typeof ExpiryRowSchema>;

export const HygieneCodeSchema = z.enum(['missing', 'unused', 'conflict', 'staleCopy', 'wrongType', 'unparsable']);
export const HygieneFindingSchema = z.object({
  code: HygieneCodeSchema,
  tone: z.enum(['fail', 'warn', 'info']),
  context: ContextNameSchema,
  namespace: z.string(),
  params: Params,
  /** A stale copy's every copy of the login (all its passwords), for the fix that rewrites them. */
  places: z.array(z.object({ context: ContextNameSchema, namespace: z.string(), secret: z.string() })).optional(),
});
export type HygieneFinding = z.infer<typeof HygieneFindingSchema>;

export const ContextRowSchema = z.object({
  context: ContextNameSchema,
  /** read: every list answered; partial: some kinds were refused (named); failed: nothing could be read. */
  state: z.enum(['read', 'partial', 'failed']),
  error: AppErrorSchema.nullable(),
  /** A list refused, or cut short: cluster-wide when no namespace is named, else in that namespace only. */
  refused: z.array(z.object({ resource: z.string(), namespace: z.string().optional(), error: AppErrorSchema })),
  /** Kinds refused cluster-wide and read namespace by namespace instead, with the namespaces read. */
  readByNamespace: z.array(z.object({ resource: z.string(), namespaces: z.array(z.string()) })).default([]),
  apiRequests: z.number().int().nonnegative(),
});
export type ContextRow = z.infer<typeof ContextRowSchema>;

/**
 * One cell of cluster × namespace × registry, coloured by the worst verdict or expiry in it;
 * `unread` where lists were refused in its namespace, so that what is not known is never called
 * healthy, and (secrets not read) never missing.
 */
export const RadarCellSchema = z.object({
  context: ContextNameSchema,
  /** '' for a context that could not be read at all: its row stands for the whole context, `unread` in every column. */
  namespace: z.string(),
  registry: z.string(),
  worst: z.enum(['fail', 'warn', 'pass', 'unknown', 'unread']),
  workloads: z.number().int().nonnegative(),
  secrets: z.number().int().nonnegative(),
  /** The kinds whose list was refused in this namespace; empty when everything was read. */
  unread: z.array(z.string()).default([]),
});
export type RadarCell = z.infer<typeof RadarCellSchema>;

export const RadarReportSchema = z.object({
  generatedAt: z.string(),
  contexts: z.array(ContextRowSchema),
  pullSecrets: z.array(PullSecretRowSchema),
  workloads: z.array(WorkloadRowSchema),
  checks: z.array(PullCheckSchema),
  expiries: z.array(ExpiryRowSchema),
  findings: z.array(HygieneFindingSchema),
  cells: z.array(RadarCellSchema),
  /** Registries whose password sits in plain text in this workstation's docker and containers files: hosts and paths, never the password. */
  workstationPlainText: z.array(z.object({ registry: z.string(), files: z.array(z.string()) })).default([]),
  /** Registry requests made (HEAD and GET; a HEAD does not count against Docker Hub's pull allowance). */
  registryRequests: z.number().int().nonnegative(),
});
export type RadarReport = z.infer<typeof RadarReportSchema>;

export const RadarReportFormatSchema = z.enum(['json', 'csv']);
export type RadarReportFormat = z.infer<typeof RadarReportFormatSchema>;

export const RADAR_CHANNELS = {
  /** Reads the chosen contexts (all when none are named) and answers the whole report; cancellable. */
  'radar:scan': { request: RadarRequestSchema, response: RadarReportSchema },
  /** Saves the last report scanned as JSON or CSV through the save dialog; no secret is in either. */
  'radar:save-report': { request: z.strictObject({ format: RadarReportFormatSchema }), response: SaveOutcomeSchema },
} as const;

/**
 * Where a scan is: inventory (contexts read so far of all, the last one finished) or registry
 * checks (distinct pull questions answered of all asked).
 */
export const RadarProgressSchema = z.object({
  scanId: z.string(),
  phase: z.enum(['inventory', 'registry']),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  /** The context last read (inventory only). */
  context: z.string().nullable(),
});
export type RadarProgress = z.infer<typeof RadarProgressSchema>;

export const RADAR_EVENTS = {
  'event:radar-progress': RadarProgressSchema,
} as const;

/** One container of one pod as the radar reads it for "where does this image run", parsed as kubelet reads it. */
export interface RunningContainer {
  namespace: string;
  pod: string;
  container: string;
  image: string;
  /** `domain/path` of the spec's image (`docker.io/library/nginx`); null when it does not parse. */
  name: string | null;
  tag: string | null;
  /** The digest the spec pins, if it does. */
  pinned: string | null;
  /** `domain/path` the runtime reports in `imageID`, when it names one. */
  runningName: string | null;
  runningDigest: string | null;
}

/** One context's running containers, or why it could not be read. */
export interface ContextContainers {
  context: string;
  containers: RunningContainer[];
  error: AppError | null;
}
