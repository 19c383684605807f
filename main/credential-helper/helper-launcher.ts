import { createHash, randomBytes } from 'node:crypto';
import { constants, statSync } from 'node:fs';
import { access, lstat, mkdir, readFile, readlink, rename, symlink, unlink } from 'node:fs/promises';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import type { HelperLauncher } from '../../shared/workstation-tools-contract';
import { AppFailure } from '../app-errors/app-failure';
import { writeFileAtomically } from '../saved-files/atomic-file';
import { readAtMost } from './bounded-read';

const HELPER_FILE = 'docker-credential-registry-desk';
/** The folder GUI-launched apps (Docker Desktop, an IDE) find commands in without the shell's PATH. */
const SYSTEM_FOLDER = '/usr/local/bin';
/** A launcher is a few lines; anything larger at that path is not one of ours. */
const MAX_LAUNCHER_BYTES = 64 * 1024;
/** Another program's file at the launcher's path (a helper binary, say) is backed up before it is replaced, up to this size; a larger one is left alone. */
const MAX_REPLACED_BYTES = 64 * 1024 * 1024;

/** Where the launcher goes and what it runs. */
export interface LauncherPlace {
  home: string;
  platform: NodeJS.Platform;
  /** The login shell's PATH (what a terminal's tools search). */
  shellPath: () => Promise<string>;
  /** What runs the helper: the app binary with `--credential-helper`, or a checkout's bin script; null where there is none. */
  command: readonly string[] | null;
}

/** How this app was started, for the launcher's command. */
export interface HelperOrigin {
  packaged: boolean;
  execPath: string;
  /** `APPIMAGE` from the environment: the AppImage runtime sets it to the .AppImage file. */
  appImage: string | undefined;
  appPath: string;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * What the launcher runs. Under an AppImage execPath is inside a `/tmp/.mount_*` folder that is gone when the
 * app exits, so the launcher must run the .AppImage file itself; APPIMAGE counts only when it names an existing file
 * by an absolute path, since anything else in the environment would be written into a script tools run.
 */
export function helperCommandFor(origin: HelperOrigin): readonly string[] {
  if (!origin.packaged) return [join(origin.appPath, 'bin', HELPER_FILE)];
  const appImage = origin.appImage && isAbsolute(origin.appImage) && isFile(origin.appImage) ? origin.appImage : null;
  return [appImage ?? origin.execPath, '--credential-helper'];
}

const quoted = (word: string) => `'${word.replaceAll("'", `'\\''`)}'`;

/** The shell script tools run: it hands every argument and stdin to the real helper. */
const scriptFor = (command: readonly string[]) =>
  `#!/bin/sh\n# docker-credential-registry-desk, written by Registry Desk. Delete this file to remove the helper.\nexec ${command.map(quoted).join(' ')} "$@"\n`;

/** ~/.local/bin, or ~/bin when only that one is on the shell's PATH: folders of the operator's own, so no administrator rights. */
function launcherFolder(home: string, shellPath: string): string {
  const onPath = new Set(shellPath.split(delimiter));
  const candidates = [join(home, '.local', 'bin'), join(home, 'bin')];
  return candidates.find((folder) => onPath.has(folder)) ?? candidates[0]!;
}

/** The file at the launcher's place: null when there is none (or it cannot be read), '' when it is too large to be ours. */
async function readSmall(path: string): Promise<string | null> {
  try {
    return (await readAtMost(path, MAX_LAUNCHER_BYTES))?.text ?? '';
  } catch {
    return null;
  }
}

const isExecutable = (path: string) => access(path, constants.X_OK).then(() => true, () => false);

/** Where the launcher is (or would be), whether it is current, and whether a terminal and a GUI app find it. */
export async function launcherState(place: LauncherPlace): Promise<HelperLauncher> {
  const shellPath = await place.shellPath();
  const folder = launcherFolder(place.home, shellPath);
  const path = join(folder, HELPER_FILE);
  const script = place.command && place.platform !== 'win32' ? scriptFor(place.command) : null;
  const found = await readSmall(path);
  const systemPath = join(SYSTEM_FOLDER, HELPER_FILE);
  return {
    path,
    state: found === null ? 'missing' : found === script ? 'current' : 'different',
    onShellPath: shellPath.split(delimiter).includes(folder),
    systemPath,
    onSystemPath: await isExecutable(systemPath),
    linkCommand: `sudo ln -sf ${quoted(path)} ${quoted(systemPath)}`,
    script,
  };
}

/** What was at the launcher's path before Registry Desk replaced it, and where its copy is. */
export interface ReplacedLauncher {
  path: string;
  /** `<path>.registry-desk-<time>-<random>.bak` beside it. */
  backup: string;
  /** The script written over it: undo refuses once the launcher is no longer that. */
  script: string;
  /** A symlink is kept as a symlink (its target), a file as its bytes' hash and mode. */
  was: { link: string } | { sha256: string; mode: number };
}

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
const stamp = () => `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`;

/** Copies the file at `path` to a backup beside it (atomically; a symlink as a symlink) before anything overwrites it. */
async function backUp(path: string, script: string): Promise<ReplacedLauncher> {
  const backup = `${path}.registry-desk-${stamp()}.bak`;
  const info = await lstat(path);
  if (info.isSymbolicLink()) {
    const link = await readlink(path);
    // A new name: the link appears whole or not at all.
    await symlink(link, backup);
    return { path, backup, script, was: { link } };
  }
  if (!info.isFile()) throw new AppFailure('tools.launcherNotAFile', { path });
  if (info.size > MAX_REPLACED_BYTES) throw new AppFailure('tools.launcherTooLarge', { path });
  const bytes = await readFile(path);
  // Without the execute bits: the copy is for putting back, not for running.
  await writeFileAtomically(backup, bytes, 0o600);
  return { path, backup, script, was: { sha256: sha256(bytes), mode: info.mode & 0o777 } };
}

/**
 * Writes the launcher with mode 0755, atomically. Another file or link at its path is first
 * copied beside it, and that copy is answered so the screen can offer to put it back.
 */
export async function installLauncher(place: LauncherPlace): Promise<{ launcher: HelperLauncher; replaced: ReplacedLauncher | null }> {
  const before = await launcherState(place);
  if (before.script === null) throw new AppFailure('tools.helperUnavailable');
  await mkdir(dirname(before.path), { recursive: true, mode: 0o755 });
  // Anything there but our own launcher: a file, a link (even a broken one), a folder (refused).
  const occupied = before.state !== 'current' && (await lstat(before.path).then(() => true, () => false));
  const replaced = occupied ? await backUp(before.path, before.script) : null;
  await writeFileAtomically(before.path, before.script, 0o755);
  return { launcher: await launcherState(place), replaced };
}

/** Puts back what `installLauncher` replaced, while the launcher is still the script it wrote and the backup still what it saved. */
export async function restoreLauncher(replaced: ReplacedLauncher): Promise<void> {
  const { path, backup, was } = replaced;
  const now = await lstat(path).catch(() => null);
  if (!now?.isFile() || (await readSmall(path)) !== replaced.script) throw new AppFailure('tools.launcherUndoChanged', { path });
  const changedBackup = () => new AppFailure('tools.launcherBackupChanged', { path, backup });
  if ('link' in was) {
    if ((await readlink(backup).catch(() => null)) !== was.link) throw changedBackup();
    // A link made under a temporary name and renamed over the launcher: atomic, as the file writer is.
    const temporary = join(dirname(path), `.registry-desk-${randomBytes(8).toString('hex')}.tmp`);
    await symlink(was.link, temporary);
    await rename(temporary, path).catch(async (error: unknown) => {
      await unlink(temporary).catch(() => undefined);
      throw error;
    });
    return;
  }
  const info = await lstat(backup).catch(() => null);
  const bytes = info?.isFile() && info.size <= MAX_REPLACED_BYTES ? await readFile(backup) : null;
  if (!bytes || sha256(bytes) !== was.sha256) throw changedBackup();
  await writeFileAtomically(path, bytes, was.mode);
}
