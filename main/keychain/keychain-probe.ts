import type { SecretStore } from './secret-store';

/**
 * Resolves when the keychain accepts a write, and throws its keychain.* failure when it does not.
 * A locked Secret Service that cannot prompt answers every lookup as "no such item", and keytar's
 * findCredentials crashes the process on a locked collection that holds items; only a refused
 * write ("Cannot create an item in a locked collection") names the lock safely.
 */
let probes = 0;

export async function proveKeychainOpen(store: Pick<SecretStore, 'set' | 'delete'>): Promise<void> {
  // An account of its own per probe (no registry id looks like it): two probes at once, in the app
  // and the helper, would otherwise delete each other's item mid-way and fail. No node:crypto for
  // the name: a cached helper `get` must not load it (credential-helper-tokens test).
  probes += 1;
  const account = `registry-desk/keychain-probe/${process.pid}-${Date.now()}-${probes}`;
  await store.set(account, 'probe');
  await store.delete(account);
}
