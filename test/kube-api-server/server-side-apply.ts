// Field ownership as the apiserver's fieldmanager keeps it: every write records its manager in
// `metadata.managedFields`; an apply (`application/apply-patch+yaml`) merges the applied
// configuration into the live object, drops what the same manager applied before and no longer
// does, and fails with 409 listing the other managers whose fields it would change, unless forced.
import { type FieldPath, type FieldSet, displayPath, fieldSetOf, fromFieldsV1, pathOf, removePath, toFieldsV1, valueAt } from './field-paths';
import { type Json, deepEqual, isObject } from './patch';
import type { KubeObject } from './resources';
import { KubeStatusError } from './status';
import type { Structure } from './structure';

export const APPLY_PATCH = 'application/apply-patch+yaml';

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Json;
  subresource?: string;
}

export interface OwnershipContext {
  manager: string;
  apiVersion: string;
  /** '' for the main resource, 'status' for the status subresource. */
  subresource: string;
  structure: Structure;
  /** With a status subresource the main resource never owns status, and the status subresource owns only status. */
  statusSubresource: boolean;
  now: string;
}

interface Owner {
  entry: ManagedFieldsEntry;
  fields: FieldSet;
}

const SYSTEM_METADATA = ['name', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'selfLink', 'generateName'];

/** The fieldmanager never records type meta, identity or server-set metadata; a status subresource splits status off. */
function owned(set: FieldSet, context: OwnershipContext): FieldSet {
  const kept = new Set<string>();
  for (const key of set) {
    const [first, second] = pathOf(key);
    if (first === 'f:apiVersion' || first === 'f:kind' || (first === 'f:metadata' && (second === undefined || SYSTEM_METADATA.includes(second.slice(2))))) continue;
    if (context.statusSubresource && (first === 'f:status') !== (context.subresource === 'status')) continue;
    kept.add(key);
  }
  return kept;
}

function ownersOf(object: KubeObject | undefined): Owner[] {
  const entries = (object?.metadata.managedFields as unknown as ManagedFieldsEntry[] | undefined) ?? [];
  return entries.map((entry) => ({ entry: { ...entry }, fields: fromFieldsV1(entry.fieldsV1) }));
}

const sameManager = (entry: ManagedFieldsEntry, context: OwnershipContext, operation: ManagedFieldsEntry['operation']): boolean =>
  entry.manager === context.manager && entry.operation === operation && (entry.subresource ?? '') === context.subresource;

/** A path whose value the write changes or adds: list items and maps count only when new. */
function changes(before: Json | undefined, after: Json, path: FieldPath): boolean {
  const old = valueAt(before, path);
  const next = valueAt(after, path);
  const last = path[path.length - 1] ?? '';
  if (last.startsWith('k:') || last.startsWith('v:') || (isObject(next) && isObject(old))) return old === undefined && next !== undefined;
  return !deepEqual(old, next);
}

function changedPaths(before: KubeObject | undefined, after: KubeObject, candidates: FieldSet): FieldSet {
  return new Set([...candidates].filter((key) => changes(before, after, pathOf(key))));
}

function entriesOf(owners: Owner[]): Json[] {
  return owners
    .filter((owner) => owner.fields.size > 0)
    .map(({ entry, fields }) => {
      const { subresource, ...rest } = entry;
      return { ...rest, fieldsV1: toFieldsV1(fields), ...(subresource ? { subresource } : {}) } as unknown as Json;
    });
}

function ownerFor(owners: Owner[], context: OwnershipContext, operation: ManagedFieldsEntry['operation']): Owner {
  let owner = owners.find((candidate) => sameManager(candidate.entry, context, operation));
  if (!owner) {
    const entry: ManagedFieldsEntry = { manager: context.manager, operation, apiVersion: context.apiVersion, time: context.now, fieldsType: 'FieldsV1', fieldsV1: {}, ...(context.subresource ? { subresource: context.subresource } : {}) };
    owner = { entry, fields: new Set() };
    owners.push(owner);
  }
  return owner;
}

/** managedFields after a create, update or non-apply patch by `context.manager` (an Update operation). */
export function recordUpdate(before: KubeObject | undefined, after: KubeObject, context: OwnershipContext): Json[] {
  const owners = ownersOf(before);
  const beforeSet = before ? owned(fieldSetOf(before, context.structure, { containers: true }), context) : new Set<string>();
  const afterSet = owned(fieldSetOf(after, context.structure, { containers: true }), context);
  const changed = changedPaths(before, after, afterSet);
  const removed = [...beforeSet].filter((key) => !afterSet.has(key));
  if (changed.size === 0 && removed.length === 0) return entriesOf(owners);
  for (const owner of owners) for (const key of [...changed, ...removed]) owner.fields.delete(key);
  const mine = ownerFor(owners, context, 'Update');
  for (const key of changed) mine.fields.add(key);
  mine.entry = { ...mine.entry, apiVersion: context.apiVersion, time: context.now };
  return entriesOf(owners);
}

/** Apply's merge: maps key by key, associative lists item by key, sets as a union, the rest replaced. */
export function mergeApplied(live: Json | undefined, applied: Json, structure: Structure): Json {
  if (structure.kind === 'map' && isObject(applied)) {
    const result: Record<string, Json> = isObject(live) ? { ...live } : {};
    for (const [key, value] of Object.entries(applied)) result[key] = mergeApplied(result[key], value, structure.child(key));
    return result;
  }
  if (structure.kind === 'list' && Array.isArray(applied) && Array.isArray(live) && structure.listType !== 'atomic') {
    const result = [...live];
    for (const item of applied) {
      const index = result.findIndex((existing) =>
        structure.listType === 'set' ? deepEqual(existing, item) : isObject(existing) && isObject(item) && (structure.keys ?? []).every((key) => deepEqual(existing[key] ?? null, item[key] ?? null)),
      );
      if (index === -1) result.push(item);
      else result[index] = mergeApplied(result[index], item, structure.item());
    }
    return result;
  }
  return structuredClone(applied);
}

function identifier(entry: ManagedFieldsEntry): string {
  const { manager, operation, apiVersion, subresource } = entry;
  return JSON.stringify({ manager, operation, ...(operation === 'Apply' ? {} : { apiVersion }), ...(subresource ? { subresource } : {}) });
}

function printManager(entry: ManagedFieldsEntry): string {
  const name = entry.subresource ? `${JSON.stringify(entry.manager)} with subresource ${JSON.stringify(entry.subresource)}` : JSON.stringify(entry.manager);
  return entry.operation === 'Update' ? `${name} using ${entry.apiVersion}` : name;
}

/** The apiserver's NewConflictError: 409 Conflict, one FieldManagerConflict cause per field. */
function conflictError(conflicts: { entry: ManagedFieldsEntry; path: FieldPath }[]): KubeStatusError {
  const sorted = [...conflicts].sort((a, b) => {
    const byManager = identifier(a.entry).localeCompare(identifier(b.entry));
    return byManager !== 0 ? byManager : displayPath(a.path).localeCompare(displayPath(b.path));
  });
  const causes = sorted.map(({ entry, path }) => ({ reason: 'FieldManagerConflict', message: `conflict with ${printManager(entry)}`, field: displayPath(path) }));
  let message: string;
  if (sorted.length === 1) message = `Apply failed with 1 conflict: conflict with ${printManager(sorted[0]!.entry)}: ${displayPath(sorted[0]!.path)}`;
  else {
    const lines: string[] = [];
    let previous = '';
    for (const { entry, path } of sorted) {
      if (identifier(entry) !== previous) lines.push(`conflicts with ${printManager(entry)}:`);
      previous = identifier(entry);
      lines.push(`- ${displayPath(path)}`);
    }
    message = `Apply failed with ${sorted.length} conflicts: ${lines.join('\n')}`;
  }
  return new KubeStatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'Conflict', details: { causes }, code: 409 });
}

/**
 * Server-side apply of `applied` onto `live` (absent: the object is created). Returns the merged
 * object and its managedFields; throws 409 when another manager owns a field the apply changes.
 */
export function applyConfiguration(live: KubeObject | undefined, applied: KubeObject, context: OwnershipContext, force: boolean): { object: KubeObject; managedFields: Json[] } {
  const owners = ownersOf(live);
  const appliedSet = owned(fieldSetOf(applied, context.structure, { containers: false }), context);
  const merged = mergeApplied(live ?? { metadata: {} }, applied, context.structure) as KubeObject;
  const previous = owners.find((owner) => sameManager(owner.entry, context, 'Apply'));
  for (const key of previous?.fields ?? []) {
    if (appliedSet.has(key) || owners.some((owner) => owner !== previous && owner.fields.has(key))) continue;
    removePath(merged, pathOf(key));
  }
  const changed = changedPaths(live, merged, appliedSet);
  const conflicts = owners
    .filter((owner) => owner !== previous)
    .flatMap((owner) => [...owner.fields].filter((key) => changed.has(key)).map((key) => ({ owner, key })));
  if (conflicts.length > 0 && !force) throw conflictError(conflicts.map(({ owner, key }) => ({ entry: owner.entry, path: pathOf(key) })));
  for (const { owner, key } of conflicts) owner.fields.delete(key);
  const mine = ownerFor(owners, context, 'Apply');
  const sameSet = mine.fields.size === appliedSet.size && [...appliedSet].every((key) => mine.fields.has(key));
  mine.fields = appliedSet;
  if (!sameSet || changed.size > 0 || !previous) mine.entry = { ...mine.entry, apiVersion: context.apiVersion, time: context.now };
  return { object: merged, managedFields: entriesOf(owners) };
}
