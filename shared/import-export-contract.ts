import { z } from 'zod';
import { AccessSettingsSchema, ContextNameSchema } from './access-settings';
import { ExternalSecretStoreSchema } from './cluster-sync-contract';
import { ConnectionResultSchema } from './connection-contract';
import { AppErrorSchema, FieldErrorSchema } from './errors';
import { RegistryTypeSchema, SecretKindSchema } from './registry-types';
import { RegistryIdSchema, RegistryInputSchema } from './schemas';
import { KeepSecretForNewTargetSchema, SecretTargetFieldSchema } from './secret-target';

/**
 * Import (the workstation's docker/podman logins, a pasted docker config, a pull secret of a
 * cluster) and export (a Secret manifest, the settings without secrets). Secrets found in a
 * source stay in main: previews describe logins, never carry their passwords or tokens.
 */

const NoArguments = z.strictObject({});
const MAX_PASTED = 1024 * 1024;

// ---------------------------------------------------------------- import: sources and candidates

export const ImportSourceKindSchema = z.enum(['docker-config', 'credential-helper', 'podman-auth', 'pasted', 'cluster-secret']);
export type ImportSourceKind = z.infer<typeof ImportSourceKindSchema>;

/** Where a login was found: a file path, `docker-credential-<name>`, `context/namespace/name`, or the pasted text's label. */
export const ImportOriginSchema = z.object({ kind: ImportSourceKindSchema, location: z.string() });
export type ImportOrigin = z.infer<typeof ImportOriginSchema>;

/** One source as read: absent (nothing to import, not a problem), read, or failed with its own error. */
export const ImportSourceSchema = ImportOriginSchema.extend({
  state: z.enum(['read', 'absent', 'failed']),
  /** Logins it offered, importable or not. */
  found: z.number().int().nonnegative(),
  error: AppErrorSchema.optional(),
});
export type ImportSource = z.infer<typeof ImportSourceSchema>;

/** Why a login is not imported as it stands; each is the message `import.skip.<reason>`. */
export const SkipReasonSchema = z.enum([
  'dockerHubOAuthToken',
  'identityToken',
  'noCredentials',
  'invalidAuth',
  'invalidServer',
  'helperFailed',
  'unchanged',
  'alreadyRegistered',
  'sameLoginAbove',
]);
export type SkipReason = z.infer<typeof SkipReasonSchema>;

/**
 * Logins that become something other than what the file holds; each is `import.notice.<notice>`.
 * `ecrToken`: a 12-hour token, imported as ECR with the ambient AWS identity or access keys, never stored.
 * `googleAccessToken`: short-lived, needs the service-account JSON key. `googleJsonKey`: the JSON key is the secret.
 */
export const ImportNoticeSchema = z.enum(['ecrToken', 'googleAccessToken', 'googleJsonKey']);
export type ImportNotice = z.infer<typeof ImportNoticeSchema>;

/**
 * A login the docker CLI does not send for its registry (docker's order: `credHelpers[host]`, then
 * `credsStore`, then `auths`); each is `import.unused.<reason>` with the helper named.
 * `dockerUsesHelper`: docker takes this helper's login instead. `storeHasNoLogin`/`helperHasNoLogin`:
 * the helper docker asks has none, so docker sends no credentials at all. `dockerUsesConfig`: the
 * helper docker asks fails, so docker falls back to its config.json. Imported only on purpose.
 */
export const DockerUnusedSchema = z.object({
  reason: z.enum(['dockerUsesHelper', 'storeHasNoLogin', 'helperHasNoLogin', 'dockerUsesConfig']),
  helper: z.string(),
});
export type DockerUnused = z.infer<typeof DockerUnusedSchema>;

export const CandidateIdSchema = z.string().regex(/^c[0-9]{1,5}$/);
export const ScanIdSchema = z.string().regex(/^scan_[a-z0-9]{16}$/);

export const ImportCandidateSchema = z.object({
  candidateId: CandidateIdSchema,
  origin: ImportOriginSchema,
  /** The key as the source spells it, e.g. `https://index.docker.io/v1/` or `quay.io/team`. */
  serverKey: z.string(),
  /** The registry URL it would be saved with. */
  url: z.string(),
  type: RegistryTypeSchema,
  /** '' when the source names none (an empty placeholder, an unreadable `auth`). */
  username: z.string(),
  proposedName: z.string(),
  /** `update`: a registry with the same host and user exists; picking replaces its secret. */
  action: z.enum(['create', 'update', 'skip']),
  existing: z.object({ id: RegistryIdSchema, name: z.string() }).optional(),
  skipReason: SkipReasonSchema.optional(),
  /** The problem behind a skip (a helper's failure, an unreadable `auth`). */
  error: AppErrorSchema.optional(),
  notice: ImportNoticeSchema.optional(),
  ecr: z.object({ region: z.string(), accountId: z.string() }).optional(),
  /** For `sameLoginAbove`: the candidate with the same host and user that comes first. */
  sameAs: CandidateIdSchema.optional(),
  unusedByDocker: DockerUnusedSchema.optional(),
});
export type ImportCandidate = z.infer<typeof ImportCandidateSchema>;

export const ImportPreviewSchema = z.object({
  scanId: ScanIdSchema,
  sources: z.array(ImportSourceSchema),
  candidates: z.array(ImportCandidateSchema),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

const EcrChoiceSchema = z.discriminatedUnion('authType', [
  z.strictObject({ authType: z.literal('iam-role') }),
  z.strictObject({ authType: z.literal('user-auth'), accessKeyId: z.string().max(300), secretAccessKey: z.string().max(8 * 1024) }),
]);

/** One login the operator picked, with what only the operator can add (an ECR choice, a Google key). */
export const ImportPickSchema = z.strictObject({
  candidateId: CandidateIdSchema,
  /** Replaces the proposed name of a new registry. */
  name: z.string().max(200).optional(),
  /** Run the connection test with the imported credentials once they are stored. */
  test: z.boolean(),
  ecr: EcrChoiceSchema.optional(),
  serviceAccountJson: z.string().max(128 * 1024).optional(),
  /** The operator's deliberate choice of a login docker does not use (`unusedByDocker`): without it, such a pick fails. */
  importUnused: z.literal(true).optional(),
});
export type ImportPick = z.infer<typeof ImportPickSchema>;

export const ImportResultSchema = z.object({
  candidateId: CandidateIdSchema,
  outcome: z.enum(['created', 'updated', 'failed']),
  registry: z.object({ id: RegistryIdSchema, name: z.string() }).optional(),
  error: AppErrorSchema.optional(),
  connection: ConnectionResultSchema.optional(),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;

// ---------------------------------------------------------------- export: Secret manifest

/**
 * Formats of a registry's Secret manifest. Each has one entry in main's format table;
 * Formats that embed the password (MANIFEST_FORMAT_EMBEDS_PASSWORD) need the operator's confirmation before the file is written.
 */
/** `external-secrets` references the registry through External Secrets instead of embedding the password. */
export const ManifestFormatSchema = z.enum(['docker-config-json', 'external-secrets']);
export type ManifestFormat = z.infer<typeof ManifestFormatSchema>;

/** Whether a format's file carries the registry's password: such a file is saved only after the operator confirms it. */
export const MANIFEST_FORMAT_EMBEDS_PASSWORD: Record<ManifestFormat, boolean> = {
  'docker-config-json': true,
  'external-secrets': false,
};

export const SaveOutcomeSchema = z.object({
  /** false when the operator closed the save dialog. */
  saved: z.boolean(),
  path: z.string().optional(),
});
export type SaveOutcome = z.infer<typeof SaveOutcomeSchema>;

// ---------------------------------------------------------------- settings file

export const SETTINGS_EXPORT_FORMAT = 'registry-desk-settings';
export const SETTINGS_EXPORT_VERSION = 1;

/** One registry as the settings file carries it: the editor's input without secrets, and its access settings. */
export const ExportedRegistrySchema = z.strictObject({
  registry: RegistryInputSchema,
  access: AccessSettingsSchema.optional(),
});
export type ExportedRegistry = z.infer<typeof ExportedRegistrySchema>;

/** The versioned settings file, validated on import by the same schemas as the IPC boundary. */
export const SettingsExportSchema = z.strictObject({
  format: z.literal(SETTINGS_EXPORT_FORMAT),
  version: z.literal(SETTINGS_EXPORT_VERSION),
  exportedAt: z.string().max(100),
  registries: z.array(ExportedRegistrySchema).max(1000),
});
export type SettingsExport = z.infer<typeof SettingsExportSchema>;

/** The registry fields an Update shows old → new; values as saved (the window translates types, modes, yes/no). */
export const SettingsChangeFieldSchema = z.enum(['name', 'url', 'type', 'username', 'authType', 'accessKeyId', 'connection', 'caCertificate', 'isDefault']);
export type SettingsChangeField = z.infer<typeof SettingsChangeFieldSchema>;
export const SettingsChangeSchema = z.object({ field: SettingsChangeFieldSchema, before: z.string(), after: z.string() });
export type SettingsChange = z.infer<typeof SettingsChangeSchema>;

/** One access setting that differs, by its key path in the settings file; '' where one side has none. */
export const AccessChangeSchema = z.object({ path: z.string(), before: z.string(), after: z.string() });
export type AccessChange = z.infer<typeof AccessChangeSchema>;

export const SettingsEntrySchema = z.object({
  index: z.number().int().nonnegative(),
  name: z.string(),
  type: RegistryTypeSchema,
  url: z.string(),
  username: z.string().optional(),
  hasAccess: z.boolean(),
  /** The secret this registry needs on this workstation; null when it needs none (ECR with the IAM role). */
  needsSecret: SecretKindSchema.nullable(),
  /** A docker/podman login of this workstation with the same host and user, whose secret can be used. */
  workstationLogin: ImportOriginSchema.optional(),
  /** A registry here with the same name, or the same host and user: never overwritten unless asked. */
  conflict: z.object({ id: RegistryIdSchema, name: z.string(), by: z.enum(['name', 'login']) }).optional(),
  /** Rules the entry breaks whatever secret is given (a bad URL, a bad access setting). */
  problems: z.array(FieldErrorSchema),
  /** What an Update would change on the conflicting registry; empty without a conflict. */
  changes: z.array(SettingsChangeSchema),
  /**
   * An Update re-points a registry whose keychain holds a secret: `changed` names the bound fields,
   * `host` where the secret would go. It is dropped unless a new one is given or the choice says
   * `keepSecretForNewTarget`.
   */
  secretTarget: z.object({ changed: z.array(SecretTargetFieldSchema), host: z.string() }).optional(),
  /** The file's access settings against this workstation's (the conflicting registry's, else none). */
  accessChanges: z.array(AccessChangeSchema),
  /** Differences left out of `accessChanges` to bound the preview. */
  moreAccessChanges: z.number().int().nonnegative(),
});
export type SettingsEntry = z.infer<typeof SettingsEntrySchema>;

export const SettingsPreviewSchema = z.object({
  previewId: ScanIdSchema,
  exportedAt: z.string(),
  entries: z.array(SettingsEntrySchema),
  /** Sources of this workstation that could not be read while looking for logins. */
  sources: z.array(ImportSourceSchema),
});
export type SettingsPreview = z.infer<typeof SettingsPreviewSchema>;

/** What to do with one entry. `update` replaces the conflicting registry; `create` needs a free name. */
export const SettingsChoiceSchema = z.strictObject({
  index: z.number().int().nonnegative().max(999),
  action: z.enum(['create', 'update', 'skip']),
  name: z.string().max(200).optional(),
  useWorkstationLogin: z.boolean(),
  password: z.string().max(8 * 1024).optional(),
  secretAccessKey: z.string().max(8 * 1024).optional(),
  serviceAccountJson: z.string().max(128 * 1024).optional(),
  /** For an Update that re-points the registry: send the saved secret to the new target (see `secretTarget`). */
  keepSecretForNewTarget: KeepSecretForNewTargetSchema,
  /** Take the file's access settings (previewed as `accessChanges`); without it the import leaves access settings alone. */
  useFileAccess: z.boolean().optional(),
});
export type SettingsChoice = z.infer<typeof SettingsChoiceSchema>;

export const SettingsResultSchema = z.object({
  index: z.number().int().nonnegative(),
  outcome: z.enum(['created', 'updated', 'skipped', 'failed']),
  registry: z.object({ id: RegistryIdSchema, name: z.string() }).optional(),
  error: AppErrorSchema.optional(),
});
export type SettingsResult = z.infer<typeof SettingsResultSchema>;

// ---------------------------------------------------------------- channels

export const IMPORT_EXPORT_CHANNELS = {
  /** Docker's config.json and its credential helpers, Podman/skopeo auth.json files. */
  'import:scan-workstation': { request: NoArguments, response: ImportPreviewSchema },
  /** A docker config pasted or read from a file the operator picked. */
  'import:scan-text': {
    request: z.strictObject({ text: z.string().max(MAX_PASTED), label: z.string().min(1).max(200) }),
    response: ImportPreviewSchema,
  },
  /** A `kubernetes.io/dockerconfigjson` secret, e.g. the `regcred` created by hand. */
  'import:scan-cluster-secret': {
    request: z.strictObject({ context: ContextNameSchema, namespace: z.string().min(1).max(63), name: z.string().min(1).max(253) }),
    response: ImportPreviewSchema,
  },
  'import:apply': {
    request: z.strictObject({ scanId: ScanIdSchema, picks: z.array(ImportPickSchema).min(1).max(500) }),
    response: z.object({ results: z.array(ImportResultSchema) }),
  },
  /** Forgets a preview's secrets (the screen was left); previews also expire on their own. */
  'import:discard': { request: z.strictObject({ scanId: ScanIdSchema }), response: z.object({ discarded: z.boolean() }) },
  'export:secret-manifest': {
    request: z.strictObject({
      registryId: RegistryIdSchema,
      format: ManifestFormatSchema,
      name: z.string().min(1).max(253),
      namespace: z.string().min(1).max(63),
      /** The operator confirmed the file will contain the password (required by formats that embed it). */
      confirmedContainsPassword: z.boolean(),
      /** `external-secrets` for static credentials: the team's store and where the login lives in it. */
      externalSecretStore: ExternalSecretStoreSchema.optional(),
    }),
    response: SaveOutcomeSchema,
  },
  'export:settings': { request: NoArguments, response: SaveOutcomeSchema.extend({ registries: z.number().int().nonnegative() }) },
  'settings-import:preview': {
    request: z.strictObject({ text: z.string().max(2 * MAX_PASTED) }),
    response: SettingsPreviewSchema,
  },
  'settings-import:apply': {
    request: z.strictObject({ previewId: ScanIdSchema, choices: z.array(SettingsChoiceSchema).min(1).max(1000) }),
    response: z.object({ results: z.array(SettingsResultSchema) }),
  },
} as const;
