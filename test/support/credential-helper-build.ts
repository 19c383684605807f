import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SettingsRepository } from '../../main/settings/settings-repository';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');

export interface BuiltHelper {
  /** The Node bundle build-helper.mjs wrote. */
  bundle: string;
  remove(): Promise<void>;
}

/** The helper as `npm run build:helper` builds it, into a folder of its own inside the checkout (it imports keytar from node_modules). */
export async function buildCredentialHelper(): Promise<BuiltHelper> {
  const outDir = join(ROOT, 'node_modules', '.cache', `credential-helper-${randomBytes(6).toString('hex')}`);
  await run(process.execPath, [join(ROOT, 'build-helper.mjs'), outDir], { timeout: 120_000 });
  return { bundle: join(outDir, 'docker-credential-registry-desk.mjs'), remove: () => rm(outDir, { recursive: true, force: true }) };
}

export interface HelperHome {
  /** Registry Desk's data folder (settings.json). */
  dataDir: string;
  keychainService: string;
  /** Extra variables the tools pass on to the helper (an ECR endpoint in tests). */
  env?: Record<string, string>;
}

const shellQuote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

/**
 * Writes `docker-credential-registry-desk` into `bin` as a launcher like bin/docker-credential-registry-desk,
 * pointed at this test's data folder and keychain service, so any tool that finds it on PATH uses them.
 */
export async function installHelper(bin: string, built: BuiltHelper, home: HelperHome): Promise<string> {
  const path = join(bin, 'docker-credential-registry-desk');
  const variables = { REGISTRY_DESK_DATA_DIR: home.dataDir, REGISTRY_DESK_KEYCHAIN_SERVICE: home.keychainService, ...home.env };
  const exports = Object.entries(variables).map(([name, value]) => `export ${name}=${shellQuote(value)}`);
  await writeFile(path, ['#!/bin/sh', ...exports, `exec ${shellQuote(process.execPath)} ${shellQuote(built.bundle)} "$@"`, ''].join('\n'));
  await chmod(path, 0o755);
  return path;
}

export interface HelperCall {
  stdout: string;
  stderr: string;
  code: number | null;
}

/** One call of a credential helper, as docker makes it: the action as argument, the request on stdin. */
export function callHelper(executable: string, action: string, stdin: string, env: NodeJS.ProcessEnv = process.env): Promise<HelperCall> {
  return new Promise((resolve, reject) => {
    const child = spawn(executable, [action], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code });
    });
    // A helper may stop reading (a request over its limit) and exit: the rest of stdin then has nowhere to go.
    child.stdin.on('error', () => undefined);
    child.stdin.end(stdin);
  });
}

/** Gives a registry saved access settings (one cluster, every namespace): what makes `erase` refuse to delete it. */
export function giveAccessSettings(settings: SettingsRepository, registryId: string, secretName: string): void {
  settings.update((file) => ({
    ...file,
    registries: file.registries.map((record) =>
      record.id === registryId
        ? {
            ...record,
            access: {
              mode: 'inject-selected' as const,
              allClusters: false,
              contexts: ['prod'],
              scope: { namespaces: { kind: 'all' as const, excluded: [] }, serviceAccounts: { kind: 'default' as const } },
              contextScopes: {},
              credential: { type: 'registry-credentials' as const, secretName },
            },
          }
        : record,
    ),
  }));
}
