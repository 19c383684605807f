import type { SecretKind } from '../../shared/registry-types';
import { changedSecretTarget, type SecretTargetSubject } from '../../shared/secret-target';
import type { RegistryRecord } from '../../shared/schemas';

/** What the request says about the stored secrets when the registry is re-pointed. */
export interface SecretBindingChoice {
  /** The operator confirmed sending the saved secret to the new target. */
  keepSecretForNewTarget?: boolean;
}

/**
 * The one rule on stored secrets: they follow a save only to the target they were saved for
 * (host, type, username, connection mode, CA), unless the operator confirmed the new target.
 * Every path that saves a registry or uses its stored secret for a changed target asks here.
 */
export function mayUseStoredSecret(previous: RegistryRecord | undefined, next: SecretTargetSubject, choice: SecretBindingChoice): previous is RegistryRecord {
  if (!previous) return false;
  return choice.keepSecretForNewTarget === true || changedSecretTarget(previous, next).length === 0;
}

/** The stored kinds a save keeps: still used, and either typed anew or allowed to follow the save. */
export function keptSecretKinds(
  previous: RegistryRecord | undefined,
  next: SecretTargetSubject,
  used: SecretKind[],
  typed: ReadonlySet<SecretKind>,
  choice: SecretBindingChoice,
): SecretKind[] {
  const follows = mayUseStoredSecret(previous, next, choice);
  return used.filter((kind) => typed.has(kind) || (follows && previous.secrets.includes(kind)));
}
