import { join } from 'node:path';
import { AppFailure } from '../app-errors/app-failure';
import type { RegistrySecrets } from '../keychain/registry-secrets';
import { systemClock } from '../logging/clock';
import type { Logger } from '../logging/logger';
import { createRegistryCatalogue, newRegistryId } from '../registries';
import { storeLogin } from '../registry-import';
import { SETTINGS_FILE_NAME, SETTINGS_STORE_OPTIONS } from '../settings/settings-file';
import { fileLock } from '../settings/settings-lock';
import { createSettingsRepository, type SettingsBackend } from '../settings/settings-repository';
import type { HelperWriter } from './helper-actions';

// What only `store` and `erase` need: the registry catalogue, import's validation (with node:crypto
// for certificates and ids) and conf. helper-process.ts imports this module on first use, so a
// cached `get` or `list` never loads, evaluates or builds the schemas of any of it.

/** conf, electron-store's engine (atomic writes of the whole file). */
async function writableSettings(dataDir: string): Promise<SettingsBackend> {
  const { default: Conf } = await import('conf');
  try {
    return new Conf<Record<string, unknown>>({ cwd: dataDir, ...SETTINGS_STORE_OPTIONS });
  } catch (error) {
    throw new AppFailure('settings.unreadable', { path: join(dataDir, `${SETTINGS_FILE_NAME}.json`), detail: error instanceof Error ? error.name : 'unknown error' });
  }
}

export async function openWriter(dataDir: string, secrets: RegistrySecrets, quiet: Logger): Promise<HelperWriter> {
  const backend = await writableSettings(dataDir);
  // The same lock file as the app's: a store or erase while the window is open must not drop its writes, nor lose to them.
  const settings = createSettingsRepository(backend, quiet, undefined, fileLock(`${backend.path}.lock`));
  const registries = createRegistryCatalogue({ settings, secrets, clock: systemClock, logger: quiet, newId: newRegistryId });
  return { settings, registries, storeLogin: (login) => storeLogin(login, { settings, registries, secrets, logger: quiet }) };
}
