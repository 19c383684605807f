import type { SecretKind } from '../../../shared/registry-types';
import { changedSecretTarget, secretHost, secretTargetOfInput, type SecretTargetField } from '../../../shared/secret-target';
import type { RegistryView } from '../../../shared/schemas';
import { shownFields, toRegistryInput, type RegistryDraft } from './draft';

/** A saved secret the edit re-points and leaves blank: main drops it on save unless the operator confirms the new host. */
export interface ReboundSecret {
  secret: SecretKind;
  fields: SecretTargetField[];
  host: string;
}

export function reboundSecret(saved: RegistryView | null, draft: RegistryDraft): ReboundSecret | null {
  if (!saved) return null;
  const kept = shownFields(draft).find((field) => field.secret !== undefined && saved.storedSecrets[field.secret] && draft.values[field.key].trim() === '');
  if (!kept?.secret) return null;
  const input = toRegistryInput(draft);
  const fields = changedSecretTarget(saved, secretTargetOfInput(input));
  return fields.length === 0 ? null : { secret: kept.secret, fields, host: secretHost(input.url) };
}
