import { z } from 'zod';
import { AppErrorSchema } from './errors';
import { ConnectionResultSchema } from './connection-contract';
import { RegistryIdSchema } from './schemas';

/** Which tools read a file: docker's config.json, or containers' auth.json (podman, skopeo, buildah). */
export const ToolFileKindSchema = z.enum(['docker', 'containers', 'helm']);
export type ToolFileKind = z.infer<typeof ToolFileKindSchema>;

/** One docker-format config file of this workstation, as it is now. */
export const ToolFileSchema = z.object({
  kind: ToolFileKindSchema,
  path: z.string(),
  exists: z.boolean(),
  /** The helper docker sends every host without its own credHelpers entry to; null when unset. */
  credsStore: z.string().nullable(),
  /** `auths` entries holding a base64 `auth`, a password or an identity token: plain text on the disk. */
  plainText: z.number().int().nonnegative(),
  /** The file cannot be used (not JSON, not docker-shaped, unreadable): why, and it is left alone. */
  problem: AppErrorSchema.nullable(),
});
export type ToolFile = z.infer<typeof ToolFileSchema>;

/** One Registry Desk registry and where the tools' files already send it to the helper. */
export const ToolRegistrySchema = z.object({
  registryId: RegistryIdSchema,
  name: z.string(),
  /** The key docker asks its stores for (Docker Hub's is https://index.docker.io/v1/). */
  key: z.string(),
  /** Paths of the files whose credHelpers send this registry to registry-desk. */
  switchedIn: z.array(z.string()),
  /** Paths of the files that still hold this registry's password in plain text. */
  plainTextIn: z.array(z.string()),
});
export type ToolRegistry = z.infer<typeof ToolRegistrySchema>;

/** The launcher tools run as `docker-credential-registry-desk`. */
export const HelperLauncherSchema = z.object({
  /** Where Registry Desk puts it: a folder of the operator's own, on the shell's PATH where possible. */
  path: z.string(),
  /** missing; current (what Registry Desk would write); different (some other file is there). */
  state: z.enum(['missing', 'current', 'different']),
  /** The launcher's folder is on the login shell's PATH. */
  onShellPath: z.boolean(),
  /** The system folder GUI-launched apps search, and whether the helper is found there. */
  systemPath: z.string(),
  onSystemPath: z.boolean(),
  /** The command that links the launcher into the system folder, quoted for a POSIX shell. */
  linkCommand: z.string(),
  /** What the launcher runs; null where this build has no helper to run (installing is refused). */
  script: z.string().nullable(),
});
export type HelperLauncher = z.infer<typeof HelperLauncherSchema>;

const TokenSchema = z.string().regex(/^[a-f0-9]{32}$/);

export const ToolsAppliedSchema = z.object({
  undoId: TokenSchema,
  files: z.array(
    z.object({
      path: z.string(),
      backup: z.string().nullable(),
      /** Plain-text logins the backup still holds (those the switch removed among them): it stays on disk until Undo or Delete the backups. */
      backupPlainText: z.number().int().nonnegative(),
    }),
  ),
});
export type ToolsApplied = z.infer<typeof ToolsAppliedSchema>;

export const ToolsOverviewSchema = z.object({
  files: z.array(ToolFileSchema),
  registries: z.array(ToolRegistrySchema),
  launcher: HelperLauncherSchema,
  /** Plain-text passwords left in all the files together. */
  plainTextTotal: z.number().int().nonnegative(),
  /** Every Registry Desk backup beside the tools' files, from any apply: plain text on disk too, until deleted. */
  backups: z.object({
    paths: z.array(z.string()),
    plainText: z.number().int().nonnegative(),
    /** More backups than one read takes (64): those are not counted, and Delete the backups takes them a batch at a time. */
    more: z.boolean(),
    /** The saved undo needs one of them: deleting them ends it. */
    holdsUndo: z.boolean(),
  }),
  /** The last apply's undo, kept in the app's data folder until undone or replaced, so it outlives a restart. */
  undo: ToolsAppliedSchema.nullable(),
  /** Why a saved undo was ignored (corrupt, or naming files the switch never writes); nothing was changed. */
  undoProblem: AppErrorSchema.nullable(),
  /** The other program's file the last install replaced: where its copy is, and the undo that puts it back. */
  launcherUndo: z.object({ undoId: TokenSchema, backup: z.string() }).nullable(),
});
export type ToolsOverview = z.infer<typeof ToolsOverviewSchema>;

/** One line of a preview's diff; secret values are replaced before it leaves main. */
export const DiffLineSchema = z.object({ change: z.enum(['same', 'add', 'remove']), text: z.string() });
export type DiffLine = z.infer<typeof DiffLineSchema>;

export const FileChangeSchema = z.object({
  kind: ToolFileKindSchema,
  path: z.string(),
  /** The file does not exist yet and is created. */
  creates: z.boolean(),
  diff: z.array(DiffLineSchema),
  switched: z.array(z.string()),
  removedPlainText: z.array(z.string()),
  plainTextLeft: z.number().int().nonnegative(),
  /**
   * The default store (secretservice or pass on Linux, osxkeychain on macOS, wincred on Windows) docker or helm ask for every host while this file holds
   * no login at all; once it names a helper they stop asking it, so other hosts' logins there stop being used. Null: not relied on.
   */
  defaultStore: z.string().nullable(),
  /** `credsStore` is set to that store beside the helper entry, as the operator asked. */
  keepsDefaultStore: z.boolean(),
});
export type FileChange = z.infer<typeof FileChangeSchema>;

export const ToolsPreviewRequestSchema = z.strictObject({
  registryIds: z.array(RegistryIdSchema).min(1).max(500),
  /** Also delete these hosts' `auths[host].auth` and password. */
  removePlainText: z.boolean(),
  /** Write `credsStore: "<default store>"` into the files that rely on it, so other hosts keep using it. */
  keepDefaultStore: z.boolean().optional(),
});
export type ToolsPreviewRequest = z.infer<typeof ToolsPreviewRequestSchema>;

export const ToolsPreviewSchema = z.object({
  previewId: TokenSchema,
  /** Only the files that change; empty when every file already sends these registries to the helper. */
  changes: z.array(FileChangeSchema),
  /** Plain-text passwords left in all the files once this is applied. */
  plainTextLeft: z.number().int().nonnegative(),
  /** The default store some changed file relies on now: the preview warns and offers to keep it. */
  defaultStore: z.string().nullable(),
  keepDefaultStore: z.boolean(),
});
export type ToolsPreview = z.infer<typeof ToolsPreviewSchema>;

/** The tools the login doctor answers for: docker, containers-image (podman, skopeo, buildah), helm (3.18 and later, oras-go v2). */
export const DoctorToolSchema = z.enum(['docker', 'containers', 'helm']);
export type DoctorTool = z.infer<typeof DoctorToolSchema>;

/**
 * Which login one tool sends to a host, and where it lives. `via` is the rule that chose it:
 * the host's credHelpers entry, the file's credsStore, the detected default store (docker and helm
 * use it when the file configures no login at all), the file's plain `auths`, or none. `login` numbers the distinct logins of the host (1, 2…) so that two
 * answers with different numbers are different logins; the secrets themselves never leave main.
 */
export const DoctorAnswerSchema = z.object({
  tool: DoctorToolSchema,
  outcome: z.enum(['login', 'none', 'error']),
  via: z.enum(['credHelpers', 'credsStore', 'defaultStore', 'auths', 'none', 'environment']),
  /** The file whose entry decided. */
  file: z.string().nullable(),
  helper: z.string().nullable(),
  /** environment: plain text in the app's DOCKER_AUTH_CONFIG, which docker 28.3+ reads before config.json. */
  where: z.enum(['plain-text', 'helper', 'registry-desk', 'none', 'environment']),
  username: z.string().nullable(),
  login: z.number().int().positive().nullable(),
  /**
   * storeLacksHost: credsStore has no login for the host, so docker sends none even if `auths` has one;
   * helperLacksHost: the host's helper has none; helperMissing / helperFailed: the helper is not on
   * PATH or failed (docker then sends the file's `auths` entry, containers-image and helm stop with an error).
   */
  note: z.enum(['storeLacksHost', 'helperLacksHost', 'helperMissing', 'helperFailed', 'defaultStoreEnds']).nullable(),
  /** The token's own expiry (a JWT's exp), when the secret is one. */
  expiresAt: z.string().nullable(),
});
export type DoctorAnswer = z.infer<typeof DoctorAnswerSchema>;

export const DoctorFlagSchema = z.enum(['plainText', 'expiredToken', 'helperMissing', 'conflict', 'plainTextInEnvironment']);
export type DoctorFlag = z.infer<typeof DoctorFlagSchema>;

export const DoctorHostSchema = z.object({
  /** The host as docker keys it (Docker Hub: https://index.docker.io/v1/). */
  host: z.string(),
  registryId: RegistryIdSchema.nullable(),
  registryName: z.string().nullable(),
  answers: z.array(DoctorAnswerSchema),
  flags: z.array(DoctorFlagSchema),
  /** Files holding this host's password in plain text. */
  plainTextIn: z.array(z.string()),
});
export type DoctorHost = z.infer<typeof DoctorHostSchema>;

export const LoginDoctorSchema = z.object({
  hosts: z.array(DoctorHostSchema),
  /** The files read, per tool, in the order that tool reads them. */
  files: z.array(z.object({ tool: DoctorToolSchema, path: z.string(), exists: z.boolean(), problem: AppErrorSchema.nullable() })),
  /**
   * DOCKER_AUTH_CONFIG in the app's environment (null: unset): used (docker 28.3+ takes these hosts'
   * logins from it before config.json), ignored (docker rejects the whole variable; problem says why)
   * or unread (too large for the doctor).
   */
  environment: z
    .object({ state: z.enum(['used', 'ignored', 'unread']), hosts: z.number().int().nonnegative(), problem: AppErrorSchema.nullable() })
    .nullable(),
});
export type LoginDoctor = z.infer<typeof LoginDoctorSchema>;

export const TOOLS_CHANNELS = {
  /** The tools' files, the registries, and the helper's launcher, as they are now. */
  'tools:overview': { request: z.strictObject({}), response: ToolsOverviewSchema },
  /** What switching these registries to the helper writes, per file; nothing is written. */
  'tools:preview': { request: ToolsPreviewRequestSchema, response: ToolsPreviewSchema },
  /** Writes a preview, refusing it if any file changed since; every old file is backed up. */
  'tools:apply': { request: z.strictObject({ previewId: TokenSchema }), response: ToolsAppliedSchema },
  /** Puts the files back as they were before the apply, while they are still what it wrote. */
  'tools:undo': { request: z.strictObject({ undoId: TokenSchema }), response: z.object({ restored: z.array(z.string()) }) },
  /** Deletes every backup the app wrote beside the tools' files (they hold the removed plain-text logins); an undo that needs one ends. */
  'tools:delete-backups': { request: z.strictObject({}), response: z.object({ deleted: z.array(z.string()) }) },
  /** Writes the launcher (the script the overview shows) and answers its new state. */
  'tools:install-helper': { request: z.strictObject({}), response: HelperLauncherSchema },
  /** Puts back the file the install replaced (from its backup), while the launcher is still what Registry Desk wrote. */
  'tools:undo-launcher': { request: z.strictObject({ undoId: TokenSchema }), response: HelperLauncherSchema },
  /** Login doctor: per host, the login each tool would send and where it lives; helpers are asked, nothing is written. */
  'tools:doctor': { request: z.strictObject({}), response: LoginDoctorSchema },
  /** The existing connection test, run with the login that tool would send to that host (the secret stays in main). */
  'tools:doctor-test': { request: z.strictObject({ host: z.string().min(1).max(600), tool: DoctorToolSchema }), response: ConnectionResultSchema },
} as const;
