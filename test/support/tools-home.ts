import { randomBytes } from 'node:crypto';
import { delimiter, join } from 'node:path';
import type { BuiltHelper } from './credential-helper-build';
import { createTestServices, type TestServices } from './services';

/**
 * The screen's services on a home of their own, and the environment the tools run in there: the
 * launcher's folder first on PATH, no stray DOCKER_CONFIG or auth file from the test process, and
 * the helper pointed at the same data folder and keychain as the services.
 */
export async function startToolsHome(home: string, built: BuiltHelper, label: string): Promise<{ env: NodeJS.ProcessEnv; test: TestServices }> {
  const dataDir = join(home, 'registry-desk');
  const keychainService = `registry-desk-${label}-${randomBytes(4).toString('hex')}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: home,
    PATH: [join(home, '.local', 'bin'), process.env.PATH ?? ''].join(delimiter),
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_RUNTIME_DIR: undefined,
    REGISTRY_AUTH_FILE: undefined,
    DOCKER_CONFIG: undefined,
    DOCKER_AUTH_CONFIG: undefined,
    REGISTRY_DESK_DATA_DIR: dataDir,
    REGISTRY_DESK_KEYCHAIN_SERVICE: keychainService,
  };
  const test = await createTestServices({ dataDir, keychainService, workstation: { env, home, platform: 'linux' }, helperCommand: [process.execPath, built.bundle] });
  return { env, test };
}
