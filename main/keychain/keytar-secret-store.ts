import type { KeychainStatus } from '../../shared/schemas';
import { AppFailure } from '../app-errors/app-failure';
import { keychainFailure } from './keychain-failure';
import { proveKeychainOpen } from './keychain-probe';
import type { SecretStore } from './secret-store';

type Keytar = typeof import('keytar');

/** The keychain service the app's secrets live under; the credential helper reads the same. */
export const KEYCHAIN_SERVICE = 'Registry Desk';

const BACKEND = process.platform === 'darwin' ? 'macOS Keychain' : process.platform === 'win32' ? 'Windows Credential Manager' : 'Secret Service (libsecret)';

/**
 * keytar is archived upstream, so it stays behind SecretStore and is loaded in one place. Its native
 * module links against libsecret: where that is missing (an AppImage on a minimal system) the load
 * itself fails, and the operator needs to hear which library to install.
 */
export async function loadKeytar(): Promise<Keytar> {
  try {
    const loaded = (await import('keytar')) as Keytar & { default?: Keytar };
    return loaded.default ?? loaded;
  } catch (error) {
    const detail = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 300);
    throw new AppFailure('keychain.moduleUnavailable', { detail });
  }
}

async function guarded<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw keychainFailure(error);
  }
}

export function createKeytarSecretStore(service: string, keytar: Keytar): SecretStore {
  const store: SecretStore = {
    get: (account) => guarded(() => keytar.getPassword(service, account)),
    set: (account, secret) => guarded(() => keytar.setPassword(service, account, secret)),
    delete: (account) => guarded(() => keytar.deletePassword(service, account)),
    async status(): Promise<KeychainStatus> {
      try {
        await proveKeychainOpen(store);
        return { available: true, backend: BACKEND };
      } catch (error) {
        return { available: false, backend: BACKEND, error: (error instanceof AppFailure ? error : keychainFailure(error)).appError };
      }
    },
  };
  return store;
}
