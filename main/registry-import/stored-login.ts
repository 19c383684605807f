import type { RegistryId } from '../../shared/schemas';
import { AppFailure } from '../app-errors/app-failure';
import type { RegistrySecrets } from '../keychain/registry-secrets';
import { buildCandidates } from './candidates';
import { importOne, type ImportPicksDependencies } from './import-picks';

export interface StoredLoginDependencies extends Omit<ImportPicksDependencies, 'connection'> {
  secrets: RegistrySecrets;
}

export interface LoginToStore {
  serverKey: string;
  username: string;
  secret: string;
}

export type StoreOutcome = { outcome: 'created' | 'updated' | 'unchanged'; registryId: RegistryId };

/**
 * One login handed over by `docker login` (through the credential helper), stored exactly as an
 * imported one: the same host → type table, names, rules, and "same host and user" matching.
 * Short-lived cloud tokens are refused: Registry Desk mints its own from the registry's keys.
 */
export async function storeLogin(login: LoginToStore, deps: StoredLoginDependencies): Promise<StoreOutcome> {
  const origin = { kind: 'credential-helper', location: 'docker-credential-registry-desk' } as const;
  const [held] = await buildCandidates([{ origin, ...login }], deps.settings.read().registries, deps.secrets);
  const { candidate } = held!;
  if (candidate.notice === 'ecrToken' || candidate.notice === 'googleAccessToken') throw new AppFailure('helper.tokenLogin', { server: login.serverKey });
  if (candidate.action === 'skip') {
    if (candidate.skipReason === 'unchanged' && candidate.existing) return { outcome: 'unchanged', registryId: candidate.existing.id };
    throw new AppFailure(candidate.skipReason === 'invalidServer' ? 'import.invalidServer' : 'import.notImportable', { server: login.serverKey });
  }
  const { view, outcome } = await importOne(held!, { candidateId: candidate.candidateId, test: false }, deps);
  return { outcome, registryId: view.id };
}
