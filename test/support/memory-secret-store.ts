import type { SecretStore } from '../../main/keychain/secret-store';

/** For unit tests only: the keychain's behaviour without the OS service. Integration tests use keytar. */
export function createMemorySecretStore(): SecretStore & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    get: async (account) => entries.get(account) ?? null,
    set: async (account, secret) => {
      entries.set(account, secret);
    },
    delete: async (account) => entries.delete(account),
    status: async () => ({ available: true, backend: 'memory' }),
  };
}
