import { SettingsChangeFieldSchema, type SettingsChange, type SettingsChangeField, type SettingsEntry } from '../../shared/import-export-contract';
import { checkRegistryInput } from '../../shared/registry-rules';
import { changedSecretTarget, secretHost } from '../../shared/secret-target';
import type { RegistryInput, RegistryRecord } from '../../shared/schemas';
import { inspectCertificates } from '../certificates/inspect-certificates';
import { draftRegistry, secretKindsUsedBy } from '../registries';

/** A file never carries secrets: its entries are checked as if the keychain held every one. */
export const ALL_STORED = { password: true, secretAccessKey: true, serviceAccountJson: true };

type Compared = Pick<RegistryRecord, 'name' | 'type' | 'url' | 'username' | 'authType' | 'accessKeyId' | 'connection' | 'caCertificate' | 'isDefault'>;

function asWritten(registry: RegistryInput): Compared {
  const { name, type, url } = registry;
  const common = { name, type, url, isDefault: registry.isDefault ?? false };
  if (registry.type === 'ecr') return { ...common, authType: registry.authType, accessKeyId: registry.accessKeyId };
  if (registry.type === 'other') return { ...common, username: registry.username, connection: registry.connection, caCertificate: registry.caCertificate };
  return { ...common, username: registry.username };
}

/** The file's registry as an Update would store it (URL normalised, CA tidied); as written when it breaks a rule. */
function asSaved(registry: RegistryInput, now: Date): Compared {
  const checked = checkRegistryInput(registry, ALL_STORED);
  const drafted = checked.ok ? draftRegistry(checked.value, now) : null;
  return drafted?.ok ? { ...drafted.draft.fields, isDefault: registry.isDefault ?? false } : asWritten(registry);
}

/** A CA by its first certificate's subject and fingerprint: a PEM is too long to compare by eye. */
function caText(pem: string | undefined, now: Date): string {
  if (!pem?.trim()) return '';
  const inspection = inspectCertificates(pem, now);
  const first = inspection.ok ? inspection.certificates[0] : undefined;
  if (!first) return pem.trim().slice(0, 60);
  const more = inspection.ok && inspection.certificates.length > 1 ? ` +${inspection.certificates.length - 1}` : '';
  return `${first.subject} (SHA-256 ${first.fingerprint256.slice(0, 23)}…)${more}`;
}

function valueText(field: SettingsChangeField, registry: Compared, now: Date): string {
  if (field === 'caCertificate') return caText(registry.caCertificate, now);
  if (field === 'isDefault') return String(registry.isDefault);
  return registry[field] ?? '';
}

/** What an Update of `record` with the file's registry changes, old → new, and whether its stored secret would be re-pointed. */
export function registryChanges(record: RegistryRecord, registry: RegistryInput, now: Date): Pick<SettingsEntry, 'changes' | 'secretTarget'> {
  const saved = asSaved(registry, now);
  // A file that says nothing about the default asks for no change of it.
  const fields = SettingsChangeFieldSchema.options.filter((field) => field !== 'isDefault' || registry.isDefault !== undefined);
  const changes = fields.flatMap((field): SettingsChange[] => {
    const before = valueText(field, record, now);
    const after = valueText(field, saved, now);
    return before === after ? [] : [{ field, before, after }];
  });
  const changed = changedSecretTarget(record, saved);
  const holdsUsedSecret = secretKindsUsedBy(registry).some((kind) => record.secrets.includes(kind));
  return { changes, ...(holdsUsedSecret && changed.length > 0 ? { secretTarget: { changed, host: secretHost(saved.url) } } : {}) };
}
