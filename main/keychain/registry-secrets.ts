import type { RegistryId } from '../../shared/schemas';
import { SecretKindSchema, type SecretKind } from '../../shared/registry-types';
import type { SecretStore } from './secret-store';

const account = (id: RegistryId, kind: SecretKind) => `${id}/${kind}`;
/** A short-lived login minted from the registry's secrets (the credential helper's cache): no SecretKind, as no form saves it. */
const tokenAccount = (id: RegistryId) => `${id}/token`;

/** The secrets of one registry, keyed by its stable id. */
export function createRegistrySecrets(store: SecretStore) {
  return {
    read: (id: RegistryId, kind: SecretKind) => store.get(account(id, kind)),
    write: (id: RegistryId, kind: SecretKind, secret: string) => store.set(account(id, kind), secret),
    remove: (id: RegistryId, kind: SecretKind) => store.delete(account(id, kind)),
    readToken: (id: RegistryId) => store.get(tokenAccount(id)),
    writeToken: (id: RegistryId, token: string) => store.set(tokenAccount(id), token),
    async removeAll(id: RegistryId): Promise<void> {
      for (const kind of SecretKindSchema.options) await store.delete(account(id, kind));
      await store.delete(tokenAccount(id));
    },
  };
}
export type RegistrySecrets = ReturnType<typeof createRegistrySecrets>;
