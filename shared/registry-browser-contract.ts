import { z } from 'zod';
import { AppErrorSchema } from './errors';
import { RegistryIdSchema } from './schemas';

// distribution's reference grammar: lower-case components joined by `.`, `_`, `__` or dashes,
// separated by `/`. Each separator must be followed by an alphanumeric, so no two ways to match
// one string exist and the regexes cannot backtrack.
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** A repository path as registries name it (`team/app`), at most 255 characters. */
export function isRepositoryName(name: string): boolean {
  return name.length > 0 && name.length <= 255 && name.split('/').every((component) => COMPONENT.test(component));
}

export const isManifestReference = (reference: string): boolean => TAG.test(reference) || DIGEST.test(reference);

export const RepositoryNameSchema = z.string().max(255).refine(isRepositoryName, 'not a repository name');
export const ManifestReferenceSchema = z.string().max(128).refine(isManifestReference, 'not a tag or a digest');

/** The longest cursor a page hands the window; main refuses to hand on a longer one (`browse.cursorTooLong`). */
export const MAX_CURSOR_LENGTH = 4096;
/** Where the next page starts: opaque to the window, checked by main against the listing it belongs to. */
const CursorSchema = z.string().min(1).max(MAX_CURSOR_LENGTH);
const PageSizeSchema = z.number().int().min(1).max(1000);
const FilterSchema = z.string().max(255);

/** Which API listed the repositories. */
/** `quay-public`: Quay's API without an OAuth token, which lists the namespace's public repositories only. */
export const ListingSourceSchema = z.enum(['catalog', 'ecr', 'docker-hub', 'artifact-registry', 'quay', 'quay-public']);
export type ListingSource = z.infer<typeof ListingSourceSchema>;

export const RepositoriesRequestSchema = z.strictObject({
  registryId: RegistryIdSchema,
  cursor: CursorSchema.optional(),
  /** Names containing this text; pages are read (a bounded number) until a page of matches is found. */
  filter: FilterSchema.optional(),
  pageSize: PageSizeSchema,
});
export type RepositoriesRequest = z.infer<typeof RepositoriesRequestSchema>;

export const RepositoriesPageSchema = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('page'),
    source: ListingSourceSchema,
    repositories: z.array(z.string()),
    next: CursorSchema.nullable(),
    /** HTTP requests this page took. */
    requests: z.number().int().nonnegative(),
  }),
  /** Listing is impossible with this login: the reason, and the operator types a repository instead. */
  z.object({ outcome: z.literal('unavailable'), reason: AppErrorSchema }),
]);
export type RepositoriesPage = z.infer<typeof RepositoriesPageSchema>;

/** `name`: by name; `time`: newest first, where the registry reports when each tag was pushed. */
export const TagOrderSchema = z.enum(['name', 'time']);
export type TagOrder = z.infer<typeof TagOrderSchema>;

export const TagsRequestSchema = z.strictObject({
  registryId: RegistryIdSchema,
  repository: RepositoryNameSchema,
  cursor: CursorSchema.optional(),
  filter: FilterSchema.optional(),
  pageSize: PageSizeSchema,
  /** Absent: by name. */
  order: TagOrderSchema.optional(),
});
export type TagsRequest = z.infer<typeof TagsRequestSchema>;

export const TagSchema = z.object({
  name: z.string(),
  /** When the registry reports it (ECR's push time, Artifact Registry's upload time); null otherwise. */
  pushedAt: z.string().nullable(),
});
export type Tag = z.infer<typeof TagSchema>;

/**
 * How this listing can order tags by time: `server` (the registry's API sends them newest first,
 * across every page), `loaded` (it reports times but has no order for them, so only the tags
 * loaded so far can be sorted), `unavailable` (its tag list carries no times).
 */
export const TimeOrderSchema = z.enum(['server', 'loaded', 'unavailable']);
export type TimeOrder = z.infer<typeof TimeOrderSchema>;

/**
 * How this listing orders tags by name: `server` (every page in name order across the repository),
 * `loaded` (the API sends them in its own order, so only the tags loaded so far can be sorted: ECR,
 * Artifact Registry). Absent: `server`.
 */
export const NameOrderSchema = z.enum(['server', 'loaded']);
export type NameOrder = z.infer<typeof NameOrderSchema>;

/** Names by code point, the order `tags/list` sends from distribution 3 on. */
export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const TagsPageSchema = z.object({
  tags: z.array(TagSchema),
  timeOrder: TimeOrderSchema,
  nameOrder: NameOrderSchema.optional(),
  next: CursorSchema.nullable(),
  requests: z.number().int().nonnegative(),
});
export type TagsPage = z.infer<typeof TagsPageSchema>;

export const PullAllowanceSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('reported'),
    limit: z.number().int().nonnegative(),
    remaining: z.number().int().nonnegative(),
    windowSeconds: z.number().int().positive().nullable(),
    /** `Docker-RateLimit-Source`: the account id or address the Hub counts against. */
    source: z.string().max(200).nullable(),
  }),
  z.object({ state: z.literal('not-reported'), status: z.number().int() }),
]);
export type PullAllowance = z.infer<typeof PullAllowanceSchema>;

export const ImageRequestSchema = z.strictObject({
  registryId: RegistryIdSchema,
  repository: RepositoryNameSchema,
  reference: ManifestReferenceSchema,
  /** Docker Hub only: GET the manifests (platforms, sizes), which the Hub counts as pulls. Without it a Hub image is read by HEAD alone. */
  readManifests: z.boolean().optional(),
});
export type ImageRequest = z.infer<typeof ImageRequestSchema>;

export const PlatformImageSchema = z.object({
  /** `os/architecture[/variant]`; null when neither the index nor the config says. */
  platform: z.string().nullable(),
  digest: z.string(),
  mediaType: z.string(),
  /** Compressed bytes a pull downloads: config plus layers. Null for a manifest of an unknown type. */
  size: z.number().int().nonnegative().nullable(),
  /** The config's `created`, when it has one. */
  created: z.string().nullable(),
});
export type PlatformImage = z.infer<typeof PlatformImageSchema>;

/** `found`, or `none-found`: never read as "unsigned" — a signature may live where this does not look. */
export const AttachmentStateSchema = z.enum(['found', 'none-found']);

export const ImageDetailSchema = z.object({
  repository: z.string(),
  reference: z.string(),
  /** `host[:port]/repository`, as a pull names it. */
  pullName: z.string(),
  digest: z.string(),
  mediaType: z.string(),
  kind: z.enum(['index', 'image', 'other']),
  /** The manifest's own bytes. */
  manifestSize: z.number().int().nonnegative(),
  platforms: z.array(PlatformImageSchema),
  annotations: z.record(z.string(), z.string()),
  /** From the OCI referrers API where the registry has one, and cosign's `sha256-<digest>.sig` and `.att` tags. */
  signature: AttachmentStateSchema,
  attestation: AttachmentStateSchema,
  requests: z.number().int().nonnegative(),
  /**
   * Docker Hub only: the allowance the image's HEAD reported, and its manifests (GETs, which the Hub
   * counts as pulls): `unread` until the operator asks (platforms and annotations are then empty
   * because unread, not absent), `read` now, or `cached` (read earlier this session: no pull now).
   */
  hubPulls: z.object({ allowance: PullAllowanceSchema, manifests: z.enum(['unread', 'read', 'cached']) }).optional(),
});
export type ImageDetail = z.infer<typeof ImageDetailSchema>;

export const RunsRequestSchema = z.strictObject({
  registryId: RegistryIdSchema,
  repository: RepositoryNameSchema,
  /** A tag or digest: only the pods running what it names now, or started from it; absent: the whole repository. */
  reference: ManifestReferenceSchema.optional(),
});
export type RunsRequest = z.infer<typeof RunsRequestSchema>;

/**
 * How a container relates to the reference asked about: `runs-it` (its running digest is what the
 * reference names now, whatever tag the pod wrote), `tag-moved` (started from the tag, but the tag
 * now names another digest), `not-started` (names the tag, no digest reported yet), `in-repository`
 * (the repository was asked about, not a reference).
 */
export const RunStateSchema = z.enum(['runs-it', 'tag-moved', 'not-started', 'in-repository']);
export type RunState = z.infer<typeof RunStateSchema>;

export const RunningPodSchema = z.object({
  context: z.string(),
  namespace: z.string(),
  pod: z.string(),
  container: z.string(),
  /** As the pod spec writes it. */
  image: z.string(),
  /** From `status.containerStatuses[].imageID`; null until the runtime reports it. */
  runningDigest: z.string().nullable(),
  state: RunStateSchema,
});
export type RunningPod = z.infer<typeof RunningPodSchema>;

export const RunsReportSchema = z.object({
  /** What the reference names now (null for a repository); an index's platform digests count as it too. */
  digest: z.string().nullable(),
  pods: z.array(RunningPodSchema),
  /** Every context asked, with why it could not be read. */
  contexts: z.array(z.object({ context: z.string(), error: AppErrorSchema.nullable() })),
  requests: z.number().int().nonnegative(),
});
export type RunsReport = z.infer<typeof RunsReportSchema>;

/** Pushed while a browse call runs. */
export const REGISTRY_BROWSER_EVENTS = {
  /** The registry answered 429: the call waits the `Retry-After` it asked for, then asks again. */
  'event:browse-wait': z.object({ registryId: RegistryIdSchema, host: z.string().max(300), seconds: z.number().int().nonnegative() }),
  /** A call reading many pages (a filter looks through up to 20): how many pages and names it has read so far. */
  'event:browse-progress': z.object({ registryId: RegistryIdSchema, listing: z.enum(['repositories', 'tags']), pages: z.number().int().positive(), names: z.number().int().nonnegative() }),
} as const;

export const REGISTRY_BROWSER_CHANNELS = {
  /** One page of a registry's repositories, through the API its type has; cancellable. */
  'browse:repositories': { request: RepositoriesRequestSchema, response: RepositoriesPageSchema },
  'browse:tags': { request: TagsRequestSchema, response: TagsPageSchema },
  'browse:image': { request: ImageRequestSchema, response: ImageDetailSchema },
  /** The pods in the kubeconfig's contexts that run a repository or a tag, matched by running digest; cancellable. */
  'browse:runs': { request: RunsRequestSchema, response: RunsReportSchema },
} as const;

export const PullLimitsRequestSchema = z.strictObject({ registryId: RegistryIdSchema });
export type PullLimitsRequest = z.infer<typeof PullLimitsRequestSchema>;

/** Docker Hub's pull allowance, read by a manifest HEAD (which the Hub does not count as a pull). */
export const PullLimitsSchema = z.object({
  login: PullAllowanceSchema,
  anonymous: PullAllowanceSchema,
  /** The image whose manifest was HEADed. */
  probe: z.string().max(300),
});
export type PullLimits = z.infer<typeof PullLimitsSchema>;

export const PULL_LIMITS_CHANNELS = {
  /** Docker Hub's remaining pulls for the saved login and for anonymous pulls; cancellable. */
  'browse:pull-limits': { request: PullLimitsRequestSchema, response: PullLimitsSchema },
} as const;
