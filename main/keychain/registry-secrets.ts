import type { RegistryId } from '../../shared/schemas';
import { SecretKindSchema, type SecretKind } from '../../shared/registry-types';
import type { SecretStore } from './secret-store';

const account = (id: RegistryId, kind: SecretKind) => `${id}/${kind}`;

/** The secrets of one registry, keyed by its stable id. */
export function createRegistrySecrets(store: SecretStore) {
  return {
    read: (id: RegistryId, kind: SecretKind) => store.get(account(id, kind)),
    write: (id: RegistryId, kind: SecretKind, secret: string) => store.set(account(id, kind), secret),
    remove: (id: RegistryId, kind: SecretKind) => store.delete(account(id, kind)),
    async removeAll(id: RegistryId): Promise<void> {
      for (const kind of SecretKindSchema.options) await store.delete(account(id, kind));
    },
  };
}
export type RegistrySecrets = ReturnType<typeof createRegistrySecrets>;
