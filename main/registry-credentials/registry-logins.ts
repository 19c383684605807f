import type { RegistryId } from '../../shared/schemas';
import { AppFailure } from '../app-errors/app-failure';
import type { RegistrySecrets } from '../keychain/registry-secrets';
import type { SettingsRepository } from '../settings/settings-repository';
import type { EcrTokenSource } from './ecr-token-source';
import { credentialsFor, type RegistryCredentials } from './registry-credentials';
import type { RegistryLogin } from './registry-login';

export interface RegistryLoginsDependencies {
  settings: SettingsRepository;
  secrets: RegistrySecrets;
  ecr: EcrTokenSource;
}

/** Turns resolved credentials into a username and password; ECR asks AWS for a 12-hour token. */
async function passwordLogin(
  credentials: RegistryCredentials,
  ecr: EcrTokenSource,
  signal?: AbortSignal,
): Promise<Pick<RegistryLogin, 'username' | 'password' | 'expiresAt'>> {
  switch (credentials.kind) {
    case 'password':
      return { username: credentials.username, password: credentials.password };
    case 'google-key':
      return { username: credentials.username, password: credentials.serviceAccountJson };
    case 'ecr': {
      const token = await ecr.fetchToken({ region: credentials.region, accessKey: credentials.accessKey, signal });
      return { username: token.username, password: token.password, expiresAt: token.expiresAt };
    }
  }
}

/** The login of each saved registry, for whatever needs to act as it (connection tests, pull secrets). */
export function createRegistryLogins(deps: RegistryLoginsDependencies) {
  function recordOf(id: RegistryId) {
    const record = deps.settings.read().registries.find((candidate) => candidate.id === id);
    if (!record) throw new AppFailure('registry.notFound');
    return record;
  }

  return {
    async forRegistry(id: RegistryId): Promise<RegistryLogin> {
      const record = recordOf(id);
      const credentials = await credentialsFor(record, (kind) => deps.secrets.read(id, kind));
      return { registryId: id, type: record.type, server: record.url, ...(await passwordLogin(credentials, deps.ecr)) };
    },
    /** The stored credentials themselves, before any network call (ECR: the access key, not a token). */
    credentials: (id: RegistryId): Promise<RegistryCredentials> => credentialsFor(recordOf(id), (kind) => deps.secrets.read(id, kind)),
  };
}
export type RegistryLogins = ReturnType<typeof createRegistryLogins>;
