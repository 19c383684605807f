import { checkAccessSettings } from '../../shared/access-rules';
import type { AccessSettings } from '../../shared/access-settings';
import type { FieldError } from '../../shared/errors';
import {
  SETTINGS_EXPORT_FORMAT,
  SETTINGS_EXPORT_VERSION,
  SettingsExportSchema,
  type ExportedRegistry,
  type SettingsChoice,
  type SettingsEntry,
  type SettingsExport,
  type SettingsPreview,
  type SettingsResult,
} from '../../shared/import-export-contract';
import { checkRegistryInput } from '../../shared/registry-rules';
import type { RegistryId, RegistryInput, RegistryRecord } from '../../shared/schemas';
import { AppFailure } from '../app-errors/app-failure';
import { fieldErrorsFromIssues } from '../app-errors/request-issues';
import type { Clock } from '../logging/clock';
import type { Logger } from '../logging/logger';
import { secretKindsUsedBy, type RegistryCatalogue } from '../registries';
import { classifyLogin, loginIdentity, type FoundLogin, type ScannedLogins } from '../registry-import';
import { failureOf } from '../app-errors/failure-of';
import { isPlainObject, parseJsonText } from '../app-errors/json-text';
import type { SettingsRepository } from '../settings/settings-repository';
import { accessChanges, MAX_PREVIEW_ACCESS_CHANGES } from './access-diff';
import { ALL_STORED, registryChanges } from './settings-diff';

export interface SettingsImportDependencies {
  settings: SettingsRepository;
  registries: RegistryCatalogue;
  access: { save(registryId: RegistryId, settings: AccessSettings): Promise<AccessSettings> };
  workstationLogins(): Promise<ScannedLogins>;
  clock: Clock;
  logger: Logger;
}

/** A preview as main holds it: the file, and the workstation secrets its entries can use. */
export interface HeldSettings {
  document: SettingsExport;
  entries: SettingsEntry[];
  loginSecrets: Map<number, string>;
}

/** The file as it was written, checked by the IPC boundary's own schemas; secrets in it are refused, not stored. */
export function readSettingsDocument(text: string): SettingsExport {
  const parsed = parseJsonText(text);
  if (!parsed.ok) throw new AppFailure('settingsImport.malformedJson', { detail: parsed.detail });
  const value = parsed.value;
  if (isPlainObject(value) && value.format === SETTINGS_EXPORT_FORMAT && typeof value.version === 'number' && value.version > SETTINGS_EXPORT_VERSION) {
    throw new AppFailure('settingsImport.newerVersion', { version: value.version });
  }
  const checked = SettingsExportSchema.safeParse(value);
  if (!checked.success) {
    const errors = fieldErrorsFromIssues(checked.error.issues);
    throw new AppFailure('settingsImport.invalid', { field: errors[0]?.field ?? 'file' }, errors);
  }
  checked.data.registries.forEach(({ registry }, index) => {
    const secrets = [('password' in registry && registry.password), ('secretAccessKey' in registry && registry.secretAccessKey), ('serviceAccountJson' in registry && registry.serviceAccountJson)];
    if (secrets.some(Boolean)) throw new AppFailure('settingsImport.containsSecret', { index: index + 1, name: registry.name });
  });
  return checked.data;
}

const usernameOf = (registry: RegistryInput): string => (registry.type === 'ecr' ? '' : registry.username);

function matchingLogin(registry: RegistryInput, logins: FoundLogin[]): FoundLogin | undefined {
  const wanted = loginIdentity(registry.url, usernameOf(registry));
  return logins.find((login) => {
    // A login docker does not send is imported only on purpose, in import's own preview.
    const classified = login.secret && !login.unusedByDocker ? classifyLogin(login.serverKey, login.username) : null;
    // An ECR token or a Google access token is no secret a registry keeps.
    if (!classified || classified.notice === 'ecrToken' || classified.notice === 'googleAccessToken') return false;
    return loginIdentity(classified.url, classified.importedUsername) === wanted;
  });
}

function conflictOf(registry: RegistryInput, records: RegistryRecord[]): SettingsEntry['conflict'] {
  const byName = records.find((record) => record.name.toLocaleLowerCase() === registry.name.trim().toLocaleLowerCase());
  if (byName) return { id: byName.id, name: byName.name, by: 'name' };
  const identity = loginIdentity(registry.url, usernameOf(registry));
  const byLogin = records.find((record) => loginIdentity(record.url, record.type === 'ecr' ? '' : (record.username ?? '')) === identity);
  return byLogin ? { id: byLogin.id, name: byLogin.name, by: 'login' } : undefined;
}

function entryProblems({ registry, access }: ExportedRegistry): FieldError[] {
  const rules = checkRegistryInput(registry, ALL_STORED);
  const accessRules = access ? checkAccessSettings(access) : ({ ok: true } as const);
  return [...(rules.ok ? [] : rules.errors), ...(accessRules.ok ? [] : accessRules.errors.map((error) => ({ ...error, field: `access.${error.field}` })))];
}

/** What importing the file would do here: per registry, the secret it needs, where one was found, and what it clashes with. */
export async function previewSettings(document: SettingsExport, deps: SettingsImportDependencies): Promise<HeldSettings & { sources: SettingsPreview['sources'] }> {
  const scanned = await deps.workstationLogins();
  const records = deps.settings.read().registries;
  const loginSecrets = new Map<number, string>();
  let accessBudget = MAX_PREVIEW_ACCESS_CHANGES;
  const entries = document.registries.map((exported, index): SettingsEntry => {
    const { registry } = exported;
    const needsSecret = secretKindsUsedBy(registry)[0] ?? null;
    const login = needsSecret === 'password' || needsSecret === 'serviceAccountJson' ? matchingLogin(registry, scanned.logins) : undefined;
    if (login?.secret) loginSecrets.set(index, login.secret);
    const conflict = conflictOf(registry, records);
    const existing = conflict ? records.find((record) => record.id === conflict.id) : undefined;
    const access = accessChanges(existing?.access, exported.access, accessBudget);
    accessBudget -= access.changes.length;
    return {
      index,
      name: registry.name,
      type: registry.type,
      url: registry.url,
      ...(registry.type !== 'ecr' ? { username: registry.username } : {}),
      hasAccess: exported.access !== undefined,
      needsSecret,
      ...(login ? { workstationLogin: login.origin } : {}),
      ...(conflict ? { conflict } : {}),
      problems: entryProblems(exported),
      ...(existing ? registryChanges(existing, registry, deps.clock.now()) : { changes: [] }),
      accessChanges: access.changes,
      moreAccessChanges: access.more,
    };
  });
  return { document, entries, loginSecrets, sources: scanned.sources.filter((source) => source.state === 'failed') };
}

function inputFor(held: HeldSettings, choice: SettingsChoice, keepDefault: boolean): RegistryInput {
  const { registry } = held.document.registries[choice.index]!;
  const kind = secretKindsUsedBy(registry)[0];
  const secret = choice.useWorkstationLogin ? held.loginSecrets.get(choice.index) : choice[kind ?? 'password'];
  if (choice.useWorkstationLogin && secret === undefined) throw new AppFailure('settingsImport.noWorkstationLogin', { name: registry.name });
  const { isDefault, ...rest } = registry;
  return { ...rest, name: choice.name?.trim() || registry.name, ...(keepDefault && isDefault ? { isDefault } : {}), ...(kind && secret ? { [kind]: secret } : {}) } as RegistryInput;
}

async function applyChoice(held: HeldSettings, choice: SettingsChoice, keepDefault: boolean, deps: SettingsImportDependencies): Promise<SettingsResult> {
  const entry = held.entries[choice.index];
  const exported = held.document.registries[choice.index];
  if (!entry || !exported) throw new AppFailure('settingsImport.unknownEntry', { index: choice.index + 1 });
  if (choice.action === 'skip') return { index: choice.index, outcome: 'skipped' };
  const input = inputFor(held, choice, keepDefault);
  // Never silently over another registry: the operator picks update, or a new name for a name clash.
  const conflict = conflictOf(input, deps.settings.read().registries);
  if (choice.action === 'create' && conflict) throw new AppFailure('settingsImport.conflict', { name: input.name, existing: conflict.name });
  if (choice.action === 'update' && !entry.conflict) throw new AppFailure('settingsImport.nothingToUpdate', { name: input.name });
  const view =
    choice.action === 'update'
      ? await deps.registries.update(entry.conflict!.id, input, { keepSecretForNewTarget: choice.keepSecretForNewTarget })
      : await deps.registries.create(input);
  const registry = { id: view.id, name: view.name };
  const outcome = choice.action === 'update' ? 'updated' : 'created';
  // The file's access settings decide what reaches clusters (the ECR refresh acts on them): only when the operator took them.
  if (!exported.access || choice.useFileAccess !== true) return { index: choice.index, outcome, registry };
  try {
    await deps.access.save(view.id, exported.access);
    return { index: choice.index, outcome, registry };
  } catch (error) {
    return { index: choice.index, outcome, registry, error: failureOf(error) };
  }
}

/** Each chosen entry in turn; one that fails is reported and the others go on. */
export async function applySettings(held: HeldSettings, choices: SettingsChoice[], deps: SettingsImportDependencies): Promise<SettingsResult[]> {
  // The file's default wins only on a workstation with no registries yet: an import never moves the default.
  const keepDefault = deps.settings.read().registries.length === 0;
  const results: SettingsResult[] = [];
  for (const choice of choices) {
    try {
      results.push(await applyChoice(held, choice, keepDefault, deps));
    } catch (error) {
      results.push({ index: choice.index, outcome: 'failed', error: failureOf(error) });
    }
  }
  deps.logger.info('settings imported', { outcomes: results.map((result) => result.outcome) });
  return results;
}
