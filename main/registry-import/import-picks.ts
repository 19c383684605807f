import type { ImportPick, ImportResult } from '../../shared/import-export-contract';
import type { RegistryInput, RegistryRecord, RegistryView } from '../../shared/schemas';
import { AppFailure } from '../app-errors/app-failure';
import type { ConnectionTests } from '../connection';
import type { Logger } from '../logging/logger';
import type { RegistryCatalogue } from '../registries';
import type { SettingsRepository } from '../settings/settings-repository';
import type { HeldCandidate } from './candidates';
import { failureOf } from '../app-errors/failure-of';

export interface ImportPicksDependencies {
  settings: SettingsRepository;
  registries: RegistryCatalogue;
  connection: Pick<ConnectionTests, 'testRegistry'>;
  logger: Logger;
}

/** A new registry from a login, through the same input (and so the same rules) as the editor's. */
function newRegistryInput(held: HeldCandidate, pick: ImportPick): RegistryInput {
  const { candidate, classified, secret = '' } = held;
  const name = pick.name?.trim() || candidate.proposedName;
  const url = candidate.url;
  switch (candidate.type) {
    case 'ecr':
      return pick.ecr?.authType === 'user-auth'
        ? { type: 'ecr', name, url, authType: 'user-auth', accessKeyId: pick.ecr.accessKeyId, secretAccessKey: pick.ecr.secretAccessKey }
        : { type: 'ecr', name, url, authType: 'iam-role' };
    case 'gcr':
    case 'artifact-registry': {
      const key = candidate.notice === 'googleJsonKey' ? secret : pick.serviceAccountJson;
      if (!key) throw new AppFailure('import.needsKey', { server: candidate.serverKey });
      return { type: candidate.type, name, url, username: '_json_key', serviceAccountJson: key };
    }
    case 'other':
      return { type: 'other', name, url, username: candidate.username, password: secret, connection: classified?.insecure ? 'insecure' : 'secure' };
    default:
      return { type: candidate.type, name, url, username: candidate.username, password: secret };
  }
}

/** The registry as it stands, with only its secret replaced by the imported one. */
function updatedInput(record: RegistryRecord, secret: string): RegistryInput {
  const common = { name: record.name, url: record.url, isDefault: record.isDefault };
  switch (record.type) {
    case 'ecr':
      throw new AppFailure('import.notImportable', { server: record.url });
    case 'gcr':
    case 'artifact-registry':
      return { type: record.type, ...common, username: record.username ?? '_json_key', serviceAccountJson: secret };
    case 'other':
      return { type: 'other', ...common, username: record.username ?? '', password: secret, connection: record.connection ?? 'secure', ...(record.caCertificate ? { caCertificate: record.caCertificate } : {}) };
    default:
      return { type: record.type, ...common, username: record.username ?? '', password: secret };
  }
}

/** One picked candidate stored: created, or the existing registry's secret replaced. */
export async function importOne(
  held: HeldCandidate,
  pick: ImportPick,
  deps: Omit<ImportPicksDependencies, 'connection'>,
): Promise<{ view: RegistryView; outcome: 'created' | 'updated' }> {
  const { candidate } = held;
  if (candidate.action === 'skip') throw new AppFailure('import.notImportable', { server: candidate.serverKey });
  // Docker sends another login (or none) for this registry: this one is imported only when the operator says so.
  if (candidate.unusedByDocker && pick.importUnused !== true) throw new AppFailure('import.unusedByDocker', { server: candidate.serverKey });
  if (candidate.action === 'create') return { view: await deps.registries.create(newRegistryInput(held, pick)), outcome: 'created' };
  const record = deps.settings.read().registries.find((entry) => entry.id === candidate.existing?.id);
  if (!record) throw new AppFailure('registry.notFound');
  return { view: await deps.registries.update(record.id, updatedInput(record, held.secret ?? '')), outcome: 'updated' };
}

/** Stores each picked login in turn; one that fails (a rule, the keychain) is reported and the others go on. */
export async function importPicks(candidates: HeldCandidate[], picks: ImportPick[], deps: ImportPicksDependencies): Promise<ImportResult[]> {
  const results: ImportResult[] = [];
  const seen = new Set<string>();
  for (const pick of picks) {
    const held = candidates.find((entry) => entry.candidate.candidateId === pick.candidateId);
    const failed = (error: unknown): ImportResult => ({ candidateId: pick.candidateId, outcome: 'failed', error: failureOf(error) });
    if (!held) {
      results.push(failed(new AppFailure('import.unknownCandidate')));
      continue;
    }
    if (seen.has(pick.candidateId)) {
      results.push(failed(new AppFailure('import.pickedTwice', { server: held.candidate.serverKey })));
      continue;
    }
    seen.add(pick.candidateId);
    try {
      const { view, outcome } = await importOne(held, pick, deps);
      // A retry of the failed picks must not import this login a second time, and its secret is no longer needed.
      held.candidate = { ...held.candidate, action: 'skip', skipReason: 'unchanged', existing: { id: view.id, name: view.name } };
      delete held.secret;
      deps.logger.info('registry imported', { registryId: view.id, type: view.type, outcome, source: held.candidate.origin.kind });
      const connection = pick.test ? await deps.connection.testRegistry(view.id, `import-${view.id}`) : undefined;
      results.push({ candidateId: pick.candidateId, outcome, registry: { id: view.id, name: view.name }, ...(connection ? { connection } : {}) });
    } catch (error) {
      results.push(failed(error));
    }
  }
  return results;
}
