import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { runPlugin } from './plugin-run';

/**
 * Where exec credential plugins (aws, gke-gcloud-auth-plugin, kubelogin…) are looked up. An app
 * started from a desktop launcher gets a minimal PATH, not the one the operator's shell sets up,
 * so the login shell is asked once, and the usual install folders are added after it.
 */
export interface PluginPath {
  /** The PATH to search and to hand to the plugin (which may itself call gcloud, az…). */
  value(): Promise<string>;
  /** The absolute path of a command, or null when no folder on the PATH has it. */
  resolve(command: string): Promise<string | null>;
}

const LOGIN_SHELL_TIMEOUT_MS = 5_000;
/** A shell's startup files may print banners; a PATH is far smaller. */
const LOGIN_SHELL_MAX_OUTPUT = 1024 * 1024;
const MARK = '__REGISTRY_DESK_PATH__';

export function wellKnownPluginDirs(home: string): string[] {
  return [
    '/usr/local/bin',
    '/opt/homebrew/bin',
    '/home/linuxbrew/.linuxbrew/bin',
    '/usr/bin',
    '/bin',
    '/snap/bin',
    '/usr/lib/google-cloud-sdk/bin',
    '/usr/local/google-cloud-sdk/bin',
    '/opt/google-cloud-sdk/bin',
    join(home, 'google-cloud-sdk', 'bin'),
    join(home, '.local', 'bin'),
    join(home, 'bin'),
    join(home, 'go', 'bin'),
    join(home, '.krew', 'bin'),
    join(home, '.asdf', 'shims'),
    join(home, '.nix-profile', 'bin'),
  ];
}

/** The PATH an interactive login shell ends up with, or '' if the shell fails or takes too long. */
export async function loginShellPath(shell: string): Promise<string> {
  const end = await runPlugin({
    executable: shell,
    args: ['-ilc', `printf '${MARK}%s${MARK}' "$PATH"`],
    env: process.env,
    timeoutMs: LOGIN_SHELL_TIMEOUT_MS,
    maxOutputBytes: LOGIN_SHELL_MAX_OUTPUT,
  }).catch(() => null);
  const match = end?.ending === 'exited' && end.code === 0 ? new RegExp(`${MARK}(.*)${MARK}`, 's').exec(end.stdout) : null;
  return match?.[1] ?? '';
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

export interface PluginPathOptions {
  /** The PATH this process was started with. */
  processPath: string;
  home: string;
  /** Asked once, on first use; absent in tests that must not depend on the machine's shell. */
  loginShell?: () => Promise<string>;
}

export function createPluginPath(options: PluginPathOptions): PluginPath {
  let merged: Promise<string> | undefined;
  const value = () => {
    merged ??= (options.loginShell?.() ?? Promise.resolve('')).then((shellPath) => {
      const dirs = [...shellPath.split(delimiter), ...options.processPath.split(delimiter), ...wellKnownPluginDirs(options.home)];
      return [...new Set(dirs.filter((dir) => dir !== ''))].join(delimiter);
    });
    return merged;
  };
  return {
    value,
    async resolve(command) {
      if (command.includes('/')) return (await isExecutable(command)) ? command : null;
      for (const dir of (await value()).split(delimiter)) {
        const candidate = join(dir, command);
        if (await isExecutable(candidate)) return candidate;
      }
      return null;
    },
  };
}
