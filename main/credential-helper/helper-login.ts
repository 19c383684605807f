import { GOOGLE_ACCESS_TOKEN_USERNAME } from '../../shared/registry-types';
import type { RegistryRecord } from '../../shared/schemas';
import type { RegistrySecrets } from '../keychain/registry-secrets';
import type { Clock } from '../logging/clock';
import type { EcrTokenRequest } from '../registry-credentials/ecr-token-source';
import { credentialsFor } from '../registry-credentials/registry-credentials';
import { freshToken, type MintedToken } from './fresh-token';

/** Who mints cloud tokens; loaded only when a token has to be minted (the AWS SDK alone takes longer than a cached answer). */
export interface TokenMints {
  ecr(request: EcrTokenRequest): Promise<MintedToken>;
  google(serviceAccountJson: string): Promise<MintedToken>;
}

export interface HelperLoginDependencies {
  secrets: RegistrySecrets;
  clock: Clock;
  mints: TokenMints;
  /** Resolves when the keychain accepts a write; throws its keychain.* failure (keychain.locked) when it refuses. */
  keychainOpen(): Promise<void>;
}

/** The username and secret a tool gets for a registry: the stored secret, or a fresh cloud token. */
export async function helperLogin(record: RegistryRecord, deps: HelperLoginDependencies): Promise<{ username: string; secret: string }> {
  const credentials = await credentialsFor(record, async (kind) => {
    const secret = await deps.secrets.read(record.id, kind);
    // A locked Secret Service that cannot prompt (no display, a tool run over SSH) answers a lookup
    // as "no such item": only a refused write tells a locked keychain from a secret that is gone.
    if (secret === null) await deps.keychainOpen();
    return secret;
  });
  if (credentials.kind === 'password') return { username: credentials.username, secret: credentials.password };
  const cache = { read: () => deps.secrets.readToken(record.id), write: (text: string) => deps.secrets.writeToken(record.id, text) };
  const mint =
    credentials.kind === 'ecr'
      ? () => deps.mints.ecr({ region: credentials.region, ...(credentials.accessKey ? { accessKey: credentials.accessKey } : {}) })
      : () => deps.mints.google(credentials.serviceAccountJson);
  const token = await freshToken(record.url, record.updatedAt, cache, mint, deps.clock);
  return { username: token.username, secret: token.password };
}

/** What `list` shows as the user, without minting anything. */
export function listedUsername(record: RegistryRecord): string {
  // GetAuthorizationToken's user is always AWS.
  if (record.type === 'ecr') return 'AWS';
  if (record.type === 'gcr' || record.type === 'artifact-registry') return GOOGLE_ACCESS_TOKEN_USERNAME;
  return record.username ?? '';
}
