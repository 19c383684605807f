import type { AccessSettings } from '../../shared/access-settings';
import type { AccessChange } from '../../shared/import-export-contract';
import { isPlainObject } from '../registry-import/json-text';

/** A file may hold thousands of contexts and namespaces: the preview shows this many differences, and counts the rest. */
export const MAX_ACCESS_CHANGES = 200;
const MAX_VALUE_TEXT = 300;

/** A list of names as one line, cut (with its full count) where it would flood the preview. */
function listText(values: unknown[]): string {
  const text = values.map(String).join(', ');
  return text.length <= MAX_VALUE_TEXT ? text : `${text.slice(0, MAX_VALUE_TEXT)}… (${values.length})`;
}

/** Every setting as its key path in the settings file → its value as text. */
function flatten(value: unknown, path: string, into: Map<string, string>): Map<string, string> {
  if (Array.isArray(value)) into.set(path, listText(value));
  else if (isPlainObject(value)) for (const [key, child] of Object.entries(value)) flatten(child, path === '' ? key : `${path}.${key}`, into);
  else into.set(path, String(value));
  return into;
}

/** The settings that differ between this workstation's access settings and the file's, by key path. */
export function accessChanges(before: AccessSettings | undefined, after: AccessSettings | undefined): { changes: AccessChange[]; more: number } {
  if (!after) return { changes: [], more: 0 };
  const was = before ? flatten(before, '', new Map()) : new Map<string, string>();
  const will = flatten(after, '', new Map());
  const paths = [...new Set([...will.keys(), ...was.keys()])];
  // An empty list shows as nothing, as does a setting one side lacks: neither is a difference to show.
  const changes = paths.map((path) => ({ path, before: was.get(path) ?? '', after: will.get(path) ?? '' })).filter((change) => change.before !== change.after);
  return { changes: changes.slice(0, MAX_ACCESS_CHANGES), more: Math.max(0, changes.length - MAX_ACCESS_CHANGES) };
}
