import type { KeychainStatus } from '../../shared/schemas';

/**
 * The OS keychain as the app needs it. Accounts are `<registry id>/<secret kind>`, so a
 * rename never orphans a secret. Implementations throw AppFailure with a keychain.* code.
 */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
  status(): Promise<KeychainStatus>;
}
