import { createRequire } from 'node:module';
import type { KeychainStatus } from '../../shared/schemas';
import { keychainFailure } from './keychain-failure';
import type { SecretStore } from './secret-store';

type Keytar = typeof import('keytar');

const BACKEND = process.platform === 'darwin' ? 'macOS Keychain' : process.platform === 'win32' ? 'Windows Credential Manager' : 'Secret Service (libsecret)';

/** keytar is archived upstream, so it stays behind SecretStore and is loaded lazily in one place. */
function loadKeytar(): Keytar {
  return createRequire(import.meta.url)('keytar') as Keytar;
}

async function guarded<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw keychainFailure(error);
  }
}

export function createKeytarSecretStore(service: string, keytar: Keytar = loadKeytar()): SecretStore {
  return {
    get: (account) => guarded(() => keytar.getPassword(service, account)),
    set: (account, secret) => guarded(() => keytar.setPassword(service, account, secret)),
    delete: (account) => guarded(() => keytar.deletePassword(service, account)),
    async status(): Promise<KeychainStatus> {
      try {
        await keytar.findCredentials(service);
        return { available: true, backend: BACKEND };
      } catch (error) {
        return { available: false, backend: BACKEND, error: keychainFailure(error).appError };
      }
    },
  };
}
