import type { KubeObject } from '../kube/kube-api';

export interface ServiceAccountObject extends KubeObject {
  imagePullSecrets?: { name?: string }[];
}

/**
 * Each registry marks the ServiceAccounts it changed with a label (so they can be listed) and an
 * annotation naming the references it added. Only those are ever removed: a reference the
 * operator had before, even to the same secret name, stays.
 */
export const referencesKey = (registryId: string) => `pull-secrets.registry-desk.io/${registryId}`;
/** The label selector "has this registry's mark" is the key alone. */
export const selectorForReferences = referencesKey;
const LABEL_VALUE = 'added';

export function addedReferences(account: ServiceAccountObject, registryId: string): string[] {
  const value = account.metadata.annotations?.[referencesKey(registryId)] ?? '';
  return value.split(',').filter((name) => name !== '');
}

const listed = (account: ServiceAccountObject): string[] =>
  (account.imagePullSecrets ?? []).flatMap((reference) => (reference.name ? [reference.name] : []));

export interface ReferenceChange {
  added: string[];
  removed: string[];
  /** The merge patch (with the read resourceVersion, so a concurrent change makes it fail with 409). */
  patch: Record<string, unknown>;
}

/**
 * What to change so that this registry's references on the account are exactly `wanted`.
 * null when nothing changes. The whole list is sent because merge patches replace lists.
 */
export function referenceChange(account: ServiceAccountObject, registryId: string, wanted: string[]): ReferenceChange | null {
  const current = listed(account);
  const ours = addedReferences(account, registryId);
  const removed = ours.filter((name) => !wanted.includes(name));
  const added = wanted.filter((name) => !current.includes(name));
  const keptOurs = ours.filter((name) => wanted.includes(name) && current.includes(name));
  const nextOurs = [...keptOurs, ...added];
  const sameMark = nextOurs.length === ours.length && nextOurs.every((name) => ours.includes(name));
  if (added.length === 0 && removed.length === 0 && sameMark) return null;
  const nextList = [...current.filter((name) => !removed.includes(name)), ...added];
  const key = referencesKey(registryId);
  return {
    added,
    removed,
    patch: {
      metadata: {
        resourceVersion: account.metadata.resourceVersion,
        labels: { [key]: nextOurs.length > 0 ? LABEL_VALUE : null },
        annotations: { [key]: nextOurs.length > 0 ? nextOurs.join(',') : null },
      },
      imagePullSecrets: nextList.length > 0 ? nextList.map((name) => ({ name })) : null,
    },
  };
}
