import type { SecretStore } from '../keychain/secret-store';
import type { Redactor } from './redaction';

/**
 * The keychain, with every secret that goes in or comes out registered with the redactor: any
 * secret this process holds in memory is one the logs and reports can recognise and remove.
 */
export function rememberSecrets(store: SecretStore, redactor: Redactor): SecretStore {
  return {
    async get(account) {
      const secret = await store.get(account);
      if (secret !== null) redactor.remember(secret);
      return secret;
    },
    async set(account, secret) {
      redactor.remember(secret);
      await store.set(account, secret);
    },
    delete: (account) => store.delete(account),
    status: () => store.status(),
  };
}
