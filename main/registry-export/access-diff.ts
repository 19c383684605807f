import type { AccessSettings } from '../../shared/access-settings';
import type { AccessChange } from '../../shared/import-export-contract';
import { isPlainObject } from '../app-errors/json-text';

/** A file may hold thousands of contexts and namespaces: the preview shows this many differences per registry… */
export const MAX_ACCESS_CHANGES = 200;
/** …and this many in all, whatever the number of registries in the file. */
export const MAX_PREVIEW_ACCESS_CHANGES = 2000;
const MAX_TEXT = 300;

const cut = (text: string) => (text.length <= MAX_TEXT ? text : `${text.slice(0, MAX_TEXT)}…`);

/** A list of names as one line, cut (with its full count) where it would flood the preview; never joins more than it shows. */
function listText(values: unknown[]): string {
  let text = '';
  for (const value of values) {
    text = text === '' ? String(value) : `${text}, ${String(value)}`;
    if (text.length > MAX_TEXT) return `${text.slice(0, MAX_TEXT)}… (${values.length})`;
  }
  return text;
}

/** Every setting as its key path in the settings file → its value as text. */
function flatten(value: unknown, path: string, into: Map<string, string>): Map<string, string> {
  if (Array.isArray(value)) into.set(path, listText(value));
  else if (isPlainObject(value)) for (const [key, child] of Object.entries(value)) flatten(child, path === '' ? key : `${path}.${key}`, into);
  else into.set(path, cut(String(value)));
  return into;
}

/** Many entries of one file may clash with the same registry here: its settings are flattened once. */
const flattened = new WeakMap<AccessSettings, Map<string, string>>();
function settingsText(settings: AccessSettings | undefined): Map<string, string> {
  if (!settings) return new Map();
  const known = flattened.get(settings);
  if (known) return known;
  const text = flatten(settings, '', new Map());
  flattened.set(settings, text);
  return text;
}

/** The settings that differ between this workstation's access settings and the file's, by key path; at most `limit`. */
export function accessChanges(before: AccessSettings | undefined, after: AccessSettings | undefined, limit = MAX_ACCESS_CHANGES): { changes: AccessChange[]; more: number } {
  if (!after) return { changes: [], more: 0 };
  const was = settingsText(before);
  const will = settingsText(after);
  const paths = [...new Set([...will.keys(), ...was.keys()])];
  // An empty list shows as nothing, as does a setting one side lacks: neither is a difference to show.
  const changes = paths.map((path) => ({ path: cut(path), before: was.get(path) ?? '', after: will.get(path) ?? '' })).filter((change) => change.before !== change.after);
  const shown = Math.min(limit, MAX_ACCESS_CHANGES);
  return { changes: changes.slice(0, shown), more: Math.max(0, changes.length - shown) };
}
