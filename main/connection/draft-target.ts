import { checkRegistryInput } from '../../shared/registry-rules';
import type { RegistryInput, RegistryRecord, StoredSecrets } from '../../shared/schemas';
import { validationFailure } from '../app-errors/app-failure';
import type { RegistrySecrets } from '../keychain/registry-secrets';
import { draftRegistry, mayUseStoredSecret, type SecretBindingChoice } from '../registries';
import type { ConnectionTarget } from './run-connection-test';

function storedSecretsOf(record: RegistryRecord | undefined): StoredSecrets {
  return {
    password: record?.secrets.includes('password') ?? false,
    secretAccessKey: record?.secrets.includes('secretAccessKey') ?? false,
    serviceAccountJson: record?.secrets.includes('serviceAccountJson') ?? false,
  };
}

/**
 * A form's values as a test target, checked by the same rules as a save. The name plays no part
 * in a login, so a form can be tested before it has one. Secrets typed win; blank ones of a saved
 * registry mean the keychain's only where a save would keep them (same target, or confirmed).
 */
export function draftTarget(input: RegistryInput, previous: RegistryRecord | undefined, now: Date, secrets: RegistrySecrets, choice: SecretBindingChoice = {}): ConnectionTarget {
  const named = input.name.trim() === '' ? { ...input, name: 'connection test' } : input;
  const checked = checkRegistryInput(named, storedSecretsOf(previous));
  if (!checked.ok) throw validationFailure(checked.errors);
  const drafted = draftRegistry(checked.value, now, previous);
  if (!drafted.ok) throw validationFailure(drafted.errors);
  const { fields, newSecrets } = drafted.draft;
  const stored = mayUseStoredSecret(previous, fields, choice) ? previous : undefined;
  return {
    subject: fields,
    transport: { mode: fields.connection ?? 'secure', caCertificates: fields.caCertificate },
    async secretOf(kind) {
      const typed = newSecrets.get(kind);
      if (typed) return typed;
      return stored?.secrets.includes(kind) ? secrets.read(stored.id, kind) : null;
    },
  };
}
