import { constants, statSync } from 'node:fs';
import { access, mkdir, readFile } from 'node:fs/promises';
import { delimiter, isAbsolute, join } from 'node:path';
import type { HelperLauncher } from '../../shared/workstation-tools-contract';
import { AppFailure } from '../app-errors/app-failure';
import { writeFileAtomically } from '../saved-files/atomic-file';

const HELPER_FILE = 'docker-credential-registry-desk';
/** The folder GUI-launched apps (Docker Desktop, an IDE) find commands in without the shell's PATH. */
const SYSTEM_FOLDER = '/usr/local/bin';
/** A launcher is a few lines; anything larger at that path is not one of ours. */
const MAX_LAUNCHER_BYTES = 64 * 1024;

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

async function readSmall(path: string): Promise<string | null> {
  try {
    const text = await readFile(path, 'utf8');
    return text.length > MAX_LAUNCHER_BYTES ? '' : text;
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

/** Writes the launcher with mode 0755, atomically, replacing whatever file was at its path. */
export async function installLauncher(place: LauncherPlace): Promise<HelperLauncher> {
  const before = await launcherState(place);
  if (before.script === null) throw new AppFailure('tools.helperUnavailable');
  await mkdir(join(before.path, '..'), { recursive: true, mode: 0o755 });
  await writeFileAtomically(before.path, before.script, 0o755);
  return launcherState(place);
}
