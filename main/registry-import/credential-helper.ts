import { spawn } from 'node:child_process';
import { AppFailure } from '../app-errors/app-failure';
import type { PluginPath } from '../plugin-path/plugin-path';
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
    const executable = await deps.pluginPath.resolve(`docker-credential-${helper}`);
    if (!executable) throw new AppFailure('import.helperMissing', { helper });
    const env = { ...deps.env, PATH: await deps.pluginPath.value() };
    return new Promise((resolve, reject) => {
      const child = spawn(executable, [command], { env, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      let overflow = false;
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new AppFailure('import.helperTimeout', { helper, command, seconds: timeoutMs / 1000 }));
      }, timeoutMs);
      const collect = (into: 'out' | 'err') => (chunk: Buffer) => {
        if (into === 'out') stdout += chunk.toString('utf8');
        else stderr += chunk.toString('utf8');
        if (stdout.length + stderr.length > MAX_OUTPUT && !overflow) {
          overflow = true;
          child.kill('SIGKILL');
        }
      };
      child.stdout.on('data', collect('out'));
      child.stderr.on('data', collect('err'));
      child.stdin.on('error', () => undefined);
      child.stdin.end(input);
      child.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new AppFailure('import.helperFailed', { helper, command, detail: error.code ?? 'could not start' }));
      });
      child.once('close', (code) => {
        clearTimeout(timer);
        if (overflow) reject(new AppFailure('import.helperGarbage', { helper, command }));
        else resolve({ code, stdout, stderr });
      });
    });
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
