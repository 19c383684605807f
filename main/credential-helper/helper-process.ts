import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { AppFailure } from '../app-errors/app-failure';
import { createKeytarSecretStore, KEYCHAIN_SERVICE, loadKeytar } from '../keychain/keytar-secret-store';
import { proveKeychainOpen } from '../keychain/keychain-probe';
import { createRegistrySecrets } from '../keychain/registry-secrets';
import { systemClock } from '../logging/clock';
import type { Logger } from '../logging/logger';
import { SETTINGS_FILE_NAME } from '../settings/settings-file';
import { createSettingsRepository, type SettingsBackend } from '../settings/settings-repository';
import { createHelperActions } from './helper-actions';
import type { TokenMints } from './helper-login';
import { answerHelperRequest, STDIN_LIMIT, STDIN_SECONDS } from './helper-protocol';

export interface HelperProcessOptions {
  /** The helper's arguments: the action first. */
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  /** The app's data folder (Electron's userData in helper mode); absent: REGISTRY_DESK_DATA_DIR, else where the app keeps it. */
  dataDir?: string;
  version: string;
  stdin: Readable;
  stdout: NodeJS.WritableStream;
}

/** Where Electron puts the app's userData for "Registry Desk" on each platform. */
function defaultDataDir(env: NodeJS.ProcessEnv): string {
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Registry Desk');
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Registry Desk');
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'Registry Desk');
}

/** The helper's output is its answer to the tool; what the app logs is the window's business. */
const quiet: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The settings file as `get` and `list` need it: read on each use, never written (migrations are the app's). */
function readOnlySettings(path: string): SettingsBackend {
  return {
    path,
    get store() {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
        throw new AppFailure('settings.unreadable', { path, detail: (error as NodeJS.ErrnoException).code ?? 'unreadable' });
      }
      try {
        return JSON.parse(text) as Record<string, unknown>;
      } catch {
        throw new AppFailure('settings.unreadable', { path, detail: 'not JSON' });
      }
    },
    set store(_ignored: Record<string, unknown>) {
      // A migration is written when the app next opens the file.
    },
  };
}

const mints: TokenMints = {
  async ecr(request) {
    const { createEcrTokenSource } = await import('../registry-credentials/ecr-token-source');
    const token = await createEcrTokenSource().fetchToken(request);
    return { username: token.username, password: token.password, expiresAt: token.expiresAt };
  },
  google: async (serviceAccountJson) => (await import('../registry-credentials/google-token-source')).fetchGoogleLoginToken(serviceAccountJson),
};

/** Reads stdin whole, refusing more than STDIN_LIMIT bytes or a stdin left open past STDIN_SECONDS (a tool closes it after its request). */
async function readBounded(stdin: Readable): Promise<string> {
  const timer = setTimeout(() => stdin.destroy(new AppFailure('helper.inputTimedOut', { seconds: STDIN_SECONDS })), STDIN_SECONDS * 1000);
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stdin) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
      size += bytes.length;
      if (size > STDIN_LIMIT) throw new AppFailure('helper.inputTooLarge', { limit: STDIN_LIMIT });
      chunks.push(bytes);
    }
  } finally {
    clearTimeout(timer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * One run of docker-credential-registry-desk, on Node (a development checkout) or in the packaged
 * app's helper mode: no window, no single-instance lock, no settings written except by store and
 * erase, only the token cache in the keychain. Returns the exit code.
 */
export async function runCredentialHelper(options: HelperProcessOptions): Promise<number> {
  const dataDir = options.dataDir ?? options.env.REGISTRY_DESK_DATA_DIR ?? defaultDataDir(options.env);
  const service = options.env.REGISTRY_DESK_KEYCHAIN_SERVICE || KEYCHAIN_SERVICE;
  const answer = await answerHelperRequest({
    action: options.args[0],
    version: options.version,
    readStdin: () => readBounded(options.stdin),
    async actions() {
      const store = createKeytarSecretStore(service, await loadKeytar());
      const secrets = createRegistrySecrets(store);
      const settings = createSettingsRepository(readOnlySettings(join(dataDir, `${SETTINGS_FILE_NAME}.json`)), quiet);
      return createHelperActions({
        settings,
        secrets,
        clock: systemClock,
        mints,
        keychainOpen: () => proveKeychainOpen(store),
        // store and erase only: a cached get never loads the catalogue, import's validation nor conf.
        openWriter: async () => (await import('./helper-writer')).openWriter(dataDir, secrets, quiet),
        speaksPlainHttpOnly: async (host, port) => (await import('./plain-http-probe')).speaksPlainHttpOnly(host, port),
      });
    },
  });
  await new Promise<void>((resolve) => options.stdout.write(answer.stdout, () => resolve()));
  return answer.exitCode;
}
