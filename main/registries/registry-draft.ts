import { createPrivateKey } from 'node:crypto';
import type { FieldError } from '../../shared/errors';
import type { SecretKind } from '../../shared/registry-types';
import type { CheckedRegistryInput } from '../../shared/registry-rules';
import type { RegistryInput, RegistryRecord } from '../../shared/schemas';
import { inspectCertificates } from '../certificates/inspect-certificates';

/** The registry's non-secret fields, and the secrets to put in the keychain, from one save. */
export interface RegistryDraft {
  fields: Omit<RegistryRecord, 'id' | 'isDefault' | 'createdAt' | 'updatedAt' | 'secrets'>;
  /** Secrets typed in this save; kinds absent here keep what the keychain holds. */
  newSecrets: Map<SecretKind, string>;
  /** The secret kinds this registry uses after the save; stored kinds outside it are deleted. */
  usedSecretKinds: SecretKind[];
}

export function secretKindsUsedBy(input: RegistryInput): SecretKind[] {
  switch (input.type) {
    case 'ecr':
      return input.authType === 'user-auth' ? ['secretAccessKey'] : [];
    case 'gcr':
    case 'artifact-registry':
      return ['serviceAccountJson'];
    default:
      return ['password'];
  }
}

function privateKeyProblem(compactJson: string): FieldError | null {
  try {
    createPrivateKey((JSON.parse(compactJson) as { private_key: string }).private_key);
    return null;
  } catch {
    return { field: 'serviceAccountJson', code: 'serviceAccountJson.privateKeyUnreadable' };
  }
}

type TypeFields = Omit<RegistryDraft['fields'], 'name' | 'type' | 'url'>;

function typeFields(checked: CheckedRegistryInput, now: Date, previousEmail: string | undefined): { fields: TypeFields } | { error: FieldError } {
  const { input } = checked;
  switch (input.type) {
    case 'ecr':
      return input.authType === 'user-auth'
        ? { fields: { authType: input.authType, accessKeyId: input.accessKeyId?.trim() } }
        : { fields: { authType: input.authType } };
    case 'gcr':
    case 'artifact-registry':
      return { fields: { username: input.username, serviceAccountEmail: checked.serviceAccountKey?.clientEmail ?? previousEmail } };
    case 'other': {
      if (input.connection !== 'secure-with-ca') return { fields: { username: input.username, connection: input.connection } };
      const inspection = inspectCertificates(input.caCertificate ?? '', now);
      if (!inspection.ok) return { error: inspection.error };
      return { fields: { username: input.username, connection: input.connection, caCertificate: inspection.pem } };
    }
    default:
      return { fields: { username: input.username } };
  }
}

function collectSecrets(checked: CheckedRegistryInput): Map<SecretKind, string> {
  const { input } = checked;
  const secrets = new Map<SecretKind, string>();
  if (input.type === 'ecr' && input.authType === 'user-auth' && input.secretAccessKey) {
    secrets.set('secretAccessKey', input.secretAccessKey);
  }
  if ((input.type === 'gcr' || input.type === 'artifact-registry') && checked.serviceAccountKey) {
    secrets.set('serviceAccountJson', checked.serviceAccountKey.compactJson);
  }
  if ('password' in input && input.password) secrets.set('password', input.password);
  return secrets;
}

/** The checks that need Node (X.509, key parsing), then the split into record fields and secrets. */
export function draftRegistry(
  checked: CheckedRegistryInput,
  now: Date,
  previous?: RegistryRecord,
): { ok: true; draft: RegistryDraft } | { ok: false; errors: FieldError[] } {
  const keyProblem = checked.serviceAccountKey ? privateKeyProblem(checked.serviceAccountKey.compactJson) : null;
  const extra = typeFields(checked, now, previous?.type === checked.input.type ? previous.serviceAccountEmail : undefined);
  const errors = [keyProblem, 'error' in extra ? extra.error : null].filter((error): error is FieldError => error !== null);
  if (errors.length > 0 || 'error' in extra) return { ok: false, errors };
  return {
    ok: true,
    draft: {
      fields: { name: checked.input.name.trim(), type: checked.input.type, url: checked.url, ...extra.fields },
      newSecrets: collectSecrets(checked),
      usedSecretKinds: secretKindsUsedBy(checked.input),
    },
  };
}
