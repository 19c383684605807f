import type { FieldError } from '../../shared/errors';
import { checkRegistryInput } from '../../shared/registry-rules';
import type { RegistryId, RegistryInput, RegistryRecord, RegistryView, StoredSecrets } from '../../shared/schemas';
import { AppFailure, validationFailure } from '../app-errors/app-failure';
import type { RegistrySecrets } from '../keychain/registry-secrets';
import type { Clock } from '../logging/clock';
import type { Logger } from '../logging/logger';
import type { SettingsRepository } from '../settings/settings-repository';
import { draftRegistry, type RegistryDraft } from './registry-draft';
import { toRegistryView } from './registry-view';
import { keptSecretKinds, type SecretBindingChoice } from './secret-binding';
import { createSerialQueue } from './serial-queue';

export interface RegistryCatalogueDependencies {
  settings: SettingsRepository;
  secrets: RegistrySecrets;
  clock: Clock;
  logger: Logger;
  newId: () => RegistryId;
}

const storedSecretsOf = (record: RegistryRecord | undefined): StoredSecrets => ({
  password: record?.secrets.includes('password') ?? false,
  secretAccessKey: record?.secrets.includes('secretAccessKey') ?? false,
  serviceAccountJson: record?.secrets.includes('serviceAccountJson') ?? false,
});

function findRecord(records: RegistryRecord[], id: RegistryId): RegistryRecord {
  const record = records.find((candidate) => candidate.id === id);
  if (!record) throw new AppFailure('registry.notFound');
  return record;
}

/** Exactly one default while any registry exists: the chosen one, else the first. */
function withDefault(records: RegistryRecord[], defaultId: RegistryId | undefined): RegistryRecord[] {
  const chosen = defaultId ?? records.find((record) => record.isDefault)?.id ?? records[0]?.id;
  return records.map((record) => ({ ...record, isDefault: record.id === chosen }));
}

export function createRegistryCatalogue(deps: RegistryCatalogueDependencies) {
  const { settings, secrets, clock, logger } = deps;
  const serial = createSerialQueue();
  const records = () => settings.read().registries;
  const view = (record: RegistryRecord) => toRegistryView(record, clock.now());

  function prepare(input: RegistryInput, previous: RegistryRecord | undefined): RegistryDraft {
    const checked = checkRegistryInput(input, storedSecretsOf(previous));
    if (!checked.ok) throw validationFailure(checked.errors);
    const problems: FieldError[] = [];
    const name = input.name.trim().toLocaleLowerCase();
    const clash = records().find((record) => record.id !== previous?.id && record.name.toLocaleLowerCase() === name);
    if (clash) problems.push({ field: 'name', code: 'name.duplicate', params: { name: clash.name } });
    if (previous?.isDefault && input.isDefault === false) problems.push({ field: 'isDefault', code: 'isDefault.keepOne' });
    const drafted = draftRegistry(checked.value, clock.now(), previous);
    if (!drafted.ok) problems.push(...drafted.errors);
    if (problems.length > 0 || !drafted.ok) throw validationFailure(problems);
    return drafted.draft;
  }

  /** Keychain first: if it refuses, the settings file is never touched. A secret that may not follow the save is deleted. */
  async function storeSecrets(id: RegistryId, draft: RegistryDraft, previous?: RegistryRecord, choice: SecretBindingChoice = {}) {
    for (const [kind, secret] of draft.newSecrets) await secrets.write(id, kind, secret);
    const kept = keptSecretKinds(previous, draft.fields, draft.usedSecretKinds, new Set(draft.newSecrets.keys()), choice);
    for (const kind of previous?.secrets ?? []) {
      if (!kept.includes(kind)) await secrets.remove(id, kind);
    }
    return kept;
  }

  async function create(input: RegistryInput): Promise<RegistryView> {
    return serial(async () => {
      const draft = prepare(input, undefined);
      const id = deps.newId();
      const now = clock.now().toISOString();
      const storedKinds = await storeSecrets(id, draft);
      const record: RegistryRecord = { id, ...draft.fields, isDefault: false, createdAt: now, updatedAt: now, secrets: storedKinds };
      try {
        const saved = settings.update((file) => ({
          ...file,
          registries: withDefault([...file.registries, record], input.isDefault ? id : undefined),
        }));
        logger.info('registry created', { id, type: record.type });
        return view(findRecord(saved.registries, id));
      } catch (error) {
        await secrets.removeAll(id);
        throw error;
      }
    });
  }

  async function update(id: RegistryId, input: RegistryInput, choice: SecretBindingChoice = {}): Promise<RegistryView> {
    return serial(async () => {
      const previous = findRecord(records(), id);
      const draft = prepare(input, previous);
      const storedKinds = await storeSecrets(id, draft, previous, choice);
      const record: RegistryRecord = {
        id,
        ...draft.fields,
        isDefault: previous.isDefault,
        createdAt: previous.createdAt,
        updatedAt: clock.now().toISOString(),
        secrets: storedKinds,
      };
      const saved = settings.update((file) => ({
        ...file,
        registries: withDefault(
          // The access settings are saved by "Manage access", and who added it is history: neither is this form's, so both carry over.
          file.registries.map((candidate) =>
            candidate.id === id
              ? { ...record, ...(candidate.access ? { access: candidate.access } : {}), ...(candidate.addedBy ? { addedBy: candidate.addedBy } : {}) }
              : candidate,
          ),
          input.isDefault ? id : undefined,
        ),
      }));
      logger.info('registry updated', { id, type: record.type });
      return view(findRecord(saved.registries, id));
    });
  }

  async function remove(id: RegistryId): Promise<{ id: RegistryId }> {
    return serial(async () => {
      findRecord(records(), id);
      await secrets.removeAll(id);
      // The default only breaks ties between registries of one host (the credential helper), so
      // deleting it is allowed: the first registry left takes it over.
      settings.update((file) => ({ ...file, registries: withDefault(file.registries.filter((candidate) => candidate.id !== id), undefined) }));
      logger.info('registry deleted', { id });
      return { id };
    });
  }

  async function setDefault(id: RegistryId): Promise<RegistryView[]> {
    return serial(async () => {
      findRecord(records(), id);
      const saved = settings.update((file) => ({ ...file, registries: withDefault(file.registries, id) }));
      logger.info('default registry changed', { id });
      return saved.registries.map(view);
    });
  }

  return {
    list: async (): Promise<RegistryView[]> => records().map(view),
    get: async (id: RegistryId): Promise<RegistryView> => view(findRecord(records(), id)),
    create,
    update,
    remove,
    setDefault,
  };
}
export type RegistryCatalogue = ReturnType<typeof createRegistryCatalogue>;
