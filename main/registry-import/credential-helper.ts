import { AppFailure } from '../app-errors/app-failure';
import type { PluginPath } from '../plugin-path/plugin-path';
import { runPlugin } from '../plugin-path/plugin-run';
import { isPlainObject, parseJsonText } from '../app-errors/json-text';

/** The docker-credential-helpers protocol: `docker-credential-<name> list|get`. */
export interface CredentialHelpers {
  /** Server URL → username of every login the helper holds. */
  list(helper: string): Promise<Record<string, string>>;
  /** null when the helper has no login for the server ("credentials not found in native keychain"). */
  get(helper: string, serverUrl: string): Promise<{ username: string; secret: string } | null>;
}

export interface CredentialHelpersDependencies {
  pluginPath: PluginPath;
  env: Readonly<Record<string, string | undefined>>;
  /** How long one call may take before the helper is killed (10 s). */
  timeoutMs?: number;
}

export const HELPER_TIMEOUT_MS = 10_000;
/** What `credsStore` and `credHelpers` may name: it becomes part of a command. */
export const HELPER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const MAX_OUTPUT = 1024 * 1024;
const NOT_FOUND = /credentials not found/i;

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Helpers report errors on stdout. The first line is quoted only when it cannot be the
 * credential itself: anything that looks like JSON or names a secret is left out.
 */
function failureDetail(exit: Exit): string {
  const line = (exit.stdout.trim() || exit.stderr.trim()).split('\n')[0]?.trim().slice(0, 200) ?? '';
  if (line === '' || /[{}]|secret/i.test(line)) return `exit code ${exit.code}`;
  return `${line} (exit code ${exit.code})`;
}

export function createCredentialHelpers(deps: CredentialHelpersDependencies): CredentialHelpers {
  const timeoutMs = deps.timeoutMs ?? HELPER_TIMEOUT_MS;

  async function run(helper: string, command: 'list' | 'get', input: string): Promise<Exit> {
    // The name came from a file: check it again where it becomes a command.
    if (!HELPER_NAME.test(helper)) throw new AppFailure('import.helperFailed', { helper: helper.slice(0, 64), command, detail: 'not a helper name, not run' });
    const executable = await deps.pluginPath.resolve(`docker-credential-${helper}`);
    if (!executable) throw new AppFailure('import.helperMissing', { helper });
    const env = { ...deps.env, PATH: await deps.pluginPath.value() };
    const end = await runPlugin({ executable, args: [command], env, input, timeoutMs, maxOutputBytes: MAX_OUTPUT }).catch((error: NodeJS.ErrnoException) => {
      throw new AppFailure('import.helperFailed', { helper, command, detail: error.code ?? 'could not start' });
    });
    if (end.ending === 'timeout') throw new AppFailure('import.helperTimeout', { helper, command, seconds: timeoutMs / 1000 });
    if (end.ending === 'overflow') throw new AppFailure('import.helperGarbage', { helper, command });
    return end;
  }

  return {
    async list(helper) {
      const exit = await run(helper, 'list', '');
      if (exit.code !== 0) throw new AppFailure('import.helperFailed', { helper, command: 'list', detail: failureDetail(exit) });
      const parsed = parseJsonText(exit.stdout);
      if (!parsed.ok || !isPlainObject(parsed.value) || !Object.values(parsed.value).every((value) => typeof value === 'string')) {
        throw new AppFailure('import.helperGarbage', { helper, command: 'list' });
      }
      return parsed.value as Record<string, string>;
    },
    async get(helper, serverUrl) {
      const exit = await run(helper, 'get', serverUrl);
      if (exit.code !== 0) {
        if (NOT_FOUND.test(exit.stdout)) return null;
        throw new AppFailure('import.helperFailed', { helper, command: 'get', detail: failureDetail(exit) });
      }
      const parsed = parseJsonText(exit.stdout);
      const answer = parsed.ok && isPlainObject(parsed.value) ? parsed.value : null;
      if (!answer || typeof answer.Username !== 'string' || typeof answer.Secret !== 'string') {
        throw new AppFailure('import.helperGarbage', { helper, command: 'get' });
      }
      return { username: answer.Username, secret: answer.Secret };
    },
  };
}
