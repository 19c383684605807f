import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readlink, realpath, unlink } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { ToolFileKind } from '../../shared/workstation-tools-contract';
import { AppFailure } from '../app-errors/app-failure';
import { dockerAuthKey } from '../registry-import';
import { backupName } from './backup-files';
import { readAtMost } from './bounded-read';
import { configuresAuth } from './default-store';
import { MAX_CONFIG_BYTES } from './tool-files';
import { writeFileAtomically } from '../saved-files/atomic-file';

/** What a config names the helper by: tools run `docker-credential-<suffix>`. */
export const HELPER_SUFFIX = 'registry-desk';

/** One docker-format file (docker's config.json, containers' auth.json, helm's registry config) switched for some hosts. */
export interface ConfigSwitchPlan {
  path: string;
  /** The file as it was read; null when it does not exist yet. */
  before: string | null;
  after: string;
  /** credHelpers keys newly pointed at the helper. */
  switched: string[];
  /** `auths` keys whose plain-text password this change removes. */
  removedPlainText: string[];
  /** `auths` entries that still hold a plain-text password afterwards. */
  plainTextLeft: number;
  /**
   * The default store (secretservice or pass on Linux, osxkeychain on macOS, wincred on Windows) docker or helm ask for every host while this file
   * configures no login at all; null when the file does not rely on one. Once the switch writes a
   * credHelpers entry, the tools stop asking it for every other host.
   */
  defaultStore: string | null;
  /** `credsStore` is set to that store beside the helper entry, because the operator asked. */
  keepsDefaultStore: boolean;
}

/** The default store detected on this workstation, and whether the operator asked to keep using it. */
export interface DefaultStoreChoice {
  store: string | null;
  keep: boolean;
}

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);
/** The `auths` fields that hold a login readable from the file: `auth` (base64 user:password), `password`, and `identitytoken` (an OAuth refresh token, as good as the password to whoever reads it). */
const SECRET_FIELDS = ['auth', 'password', 'identitytoken'] as const;
/** Whether an `auths` entry keeps a secret in plain text on disk. */
export const holdsPlainText = (entry: unknown) => isObject(entry) && SECRET_FIELDS.some((field) => typeof entry[field] === 'string' && entry[field] !== '');

function parseConfig(path: string, text: string | null): JsonObject {
  if (text === null || text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppFailure('tools.configNotJson', { path });
  }
  if (!isObject(parsed) || (parsed.credHelpers !== undefined && !isObject(parsed.credHelpers)) || (parsed.auths !== undefined && !isObject(parsed.auths))) {
    throw new AppFailure('tools.configShape', { path });
  }
  return parsed;
}

/**
 * What a docker-format file says now: its store, the hosts its credHelpers send to registry-desk
 * (only keys spelled as the file's tool looks them up), and its plain-text `auths` keys (docker's key for each).
 */
export function configFacts(path: string, text: string | null, kind: ToolFileKind = 'docker'): { credsStore: string | null; helperKeys: string[]; plainTextKeys: string[] } {
  const config = parseConfig(path, text);
  const credHelpers = (config.credHelpers as JsonObject | undefined) ?? {};
  const auths = (config.auths as JsonObject | undefined) ?? {};
  return {
    credsStore: typeof config.credsStore === 'string' && config.credsStore !== '' ? config.credsStore : null,
    helperKeys: Object.keys(credHelpers).filter((key) => credHelpers[key] === HELPER_SUFFIX && helperKey(kind, key) === key).map(dockerAuthKey),
    plainTextKeys: Object.keys(auths).filter((key) => holdsPlainText(auths[key])).map(dockerAuthKey),
  };
}

/**
 * The file's own indentation (docker writes tabs), from its first indented line; none for a file
 * written on one line (`jq -c`, a provisioning script), so that it stays one line; two spaces for a
 * new file, or one with no member to tell.
 */
function indentationOf(text: string | null): string {
  if (text !== null && !text.trim().includes('\n') && text.includes(':')) return '';
  const line = text?.split('\n').find((candidate) => /^[ \t]+\S/.test(candidate));
  return line ? line.slice(0, line.length - line.trimStart().length) : '  ';
}

/**
 * The credHelpers key a tool looks a host up by. docker and helm (oras-go) spell Docker Hub
 * `https://index.docker.io/v1/`; containers-image looks up `docker.io` and never reads docker's
 * spelling, so a Hub switched under it would leave podman, skopeo and buildah with no login.
 */
export function helperKey(kind: ToolFileKind, host: string): string {
  const key = dockerAuthKey(host);
  return kind === 'containers' && key === dockerAuthKey('docker.io') ? 'docker.io' : key;
}

/**
 * `credHelpers[host] = "registry-desk"` for each host (the file's tool's key for it), every other
 * field kept as it was. `credsStore` is never pointed at the helper, as it would send every other
 * host to it too; it is set only to the file's own default store, when the operator keeps it.
 * With `removePlainText`, the hosts' `auths` entries lose their `auth`, `password` and `identitytoken`.
 */
export function planConfigSwitch(
  path: string,
  before: string | null,
  hosts: readonly string[],
  removePlainText: boolean,
  kind: ToolFileKind = 'docker',
  defaultStore: DefaultStoreChoice = { store: null, keep: false },
): ConfigSwitchPlan {
  const config = parseConfig(path, before);
  const credsStore = typeof config.credsStore === 'string' && config.credsStore !== '' ? config.credsStore : null;
  const originalHelpers = (config.credHelpers as JsonObject | undefined) ?? {};
  const originalAuths = (config.auths as JsonObject | undefined) ?? {};
  // containers-image never reads credsStore, nor a default store.
  const relied = kind !== 'containers' && !configuresAuth({ credsStore, credHelpers: originalHelpers, auths: originalAuths }) ? defaultStore.store : null;
  const credHelpers: JsonObject = { ...originalHelpers };
  const keys = hosts.map(dockerAuthKey);
  const switched = hosts.map((host) => helperKey(kind, host)).filter((key) => !Object.hasOwn(credHelpers, key) || credHelpers[key] !== HELPER_SUFFIX);
  for (const key of switched) credHelpers[key] = HELPER_SUFFIX;
  const auths: JsonObject = { ...originalAuths };
  const removedPlainText = removePlainText ? Object.keys(auths).filter((key) => keys.includes(dockerAuthKey(key)) && holdsPlainText(auths[key])) : [];
  for (const key of removedPlainText) {
    auths[key] = Object.fromEntries(Object.entries(auths[key] as JsonObject).filter(([field]) => !(SECRET_FIELDS as readonly string[]).includes(field)));
  }
  const keepsDefaultStore = relied !== null && defaultStore.keep && switched.length > 0;
  const next = {
    ...config,
    ...(config.auths !== undefined || removedPlainText.length > 0 ? { auths } : {}),
    ...(keepsDefaultStore ? { credsStore: relied } : {}),
    credHelpers,
  };
  const newline = before === null || before.endsWith('\n') ? '\n' : '';
  return {
    path,
    before,
    after: `${JSON.stringify(next, null, indentationOf(before))}${newline}`,
    switched,
    removedPlainText,
    plainTextLeft: Object.values(auths).filter(holdsPlainText).length,
    // Only a file the switch writes loses the store.
    defaultStore: switched.length > 0 ? relied : null,
    keepsDefaultStore,
  };
}

/** The file as apply and undo find it, bounded like the preview read it (tool-files.ts). */
async function current(path: string): Promise<{ text: string | null; mode: number }> {
  let read: Awaited<ReturnType<typeof readAtMost>>;
  try {
    read = await readAtMost(path, MAX_CONFIG_BYTES);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { text: null, mode: 0o600 };
    throw new AppFailure('tools.configUnreadable', { path, detail: (error as NodeJS.ErrnoException).code ?? 'unreadable' });
  }
  if (read === null) throw new AppFailure('tools.configTooLarge', { path });
  return read;
}

/** The file must still be what the preview (or the apply) saw, and writable by its own mode bits (root too). */
async function unchanged(path: string, expected: string | null): Promise<{ mode: number }> {
  const found = await current(path);
  if (found.text !== expected) throw new AppFailure('tools.configChanged', { path });
  if (found.text !== null && (found.mode & 0o222) === 0) throw new AppFailure('tools.configReadOnly', { path });
  return found;
}

/**
 * The file a config path really is. Dotfile managers (stow, chezmoi, home-manager) make
 * ~/.docker/config.json a symlink into their repository: the write must land in that target, in
 * its own folder, so that the link stays a link and the repository sees the change. A link whose
 * target does not exist yet is followed one step, so creating the file creates the target.
 */
export async function configTarget(path: string): Promise<string> {
  try {
    if (!(await lstat(path)).isSymbolicLink()) return path;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return path;
    throw error;
  }
  try {
    return await realpath(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    return resolve(dirname(path), await readlink(path));
  }
}

/** Replaces a config file's bytes atomically (temp + rename in the target's folder), through a symlink if it is one. */
export async function writeConfigFile(path: string, content: string, mode: number): Promise<void> {
  await writeFileAtomically(await configTarget(path), content, mode);
}

/** Removes a config file the switch created; through a symlink, the target (the link was there before). */
export async function removeConfigFile(path: string): Promise<void> {
  await unlink(await configTarget(path));
}

/** Backups keep the old bytes, plain-text logins included. */
const BACKUP_MODE = 0o600;

/** Applies a previewed switch: a backup of the old bytes beside the file, then the new bytes, both written atomically. */
export async function applyConfigSwitch(plan: ConfigSwitchPlan): Promise<{ backup: string | null }> {
  const { mode } = await unchanged(plan.path, plan.before);
  let backup: string | null = null;
  if (plan.before !== null) {
    backup = backupName(plan.path, new Date(), randomBytes(3).toString('hex'));
    // The backup holds the plain-text logins the switch removes: readable by the owner only, whatever the file's own mode.
    await writeFileAtomically(backup, plan.before, BACKUP_MODE);
  } else {
    await mkdir(dirname(await configTarget(plan.path)), { recursive: true, mode: 0o700 });
  }
  await writeConfigFile(plan.path, plan.after, mode);
  return { backup };
}

/** Undoes an applied switch while the file is still exactly what it wrote: the old bytes back, or no file if there was none. */
export async function undoConfigSwitch(plan: ConfigSwitchPlan): Promise<void> {
  const { mode } = await unchanged(plan.path, plan.after);
  if (plan.before === null) await removeConfigFile(plan.path);
  else await writeConfigFile(plan.path, plan.before, mode);
}
