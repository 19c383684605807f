import type { SecretStore } from './secret-store';

/** An account no registry id can collide with (ids are UUIDs): written and removed at once. */
const PROBE_ACCOUNT = 'registry-desk/keychain-probe';

/**
 * Resolves when the keychain accepts a write, and throws its keychain.* failure when it does not.
 * A locked Secret Service that cannot prompt answers every lookup as "no such item", and keytar's
 * findCredentials crashes the process on a locked collection that holds items; only a refused
 * write ("Cannot create an item in a locked collection") names the lock safely.
 */
export async function proveKeychainOpen(store: Pick<SecretStore, 'set' | 'delete'>): Promise<void> {
  await store.set(PROBE_ACCOUNT, 'probe');
  await store.delete(PROBE_ACCOUNT);
}
