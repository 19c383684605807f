// Field paths and field sets as structured-merge-diff keeps them: path elements in the FieldsV1
// spelling (`f:name`, `k:{"name":"x"}`, `v:"x"`), sets of paths, the FieldsV1 tree written to
// `managedFields`, and the `.spec.x[name="y"]` spelling conflicts are reported in.
import { type Json, deepEqual, isObject } from './patch';
import type { Structure } from './structure';

export type FieldPath = string[];
/** Paths joined with a separator no element contains, so sets of paths are plain string sets. */
export type FieldSet = Set<string>;

const SEPARATOR = '\u0001';
export const pathKey = (path: FieldPath): string => path.join(SEPARATOR);
export const pathOf = (key: string): FieldPath => (key === '' ? [] : key.split(SEPARATOR));

function keyElement(item: Record<string, Json>, keys: string[]): string {
  const fields = [...keys].sort().map((key) => [key, item[key] ?? null] as const);
  return `k:${JSON.stringify(Object.fromEntries(fields))}`;
}

export interface SetOptions {
  /** Update operations also own the maps they create (`.` in FieldsV1); apply owns leaves only. */
  containers: boolean;
}

/** Every field the object sets, as structured-merge-diff's ToFieldSet walks it. */
export function fieldSetOf(value: Json, structure: Structure, options: SetOptions, prefix: FieldPath = [], into: FieldSet = new Set()): FieldSet {
  if (!isObject(value)) return into;
  for (const [key, child] of Object.entries(value)) {
    const path = [...prefix, `f:${key}`];
    const shape = structure.child(key);
    addValue(child, shape, options, path, into);
  }
  return into;
}

function addValue(value: Json, shape: Structure, options: SetOptions, path: FieldPath, into: FieldSet): void {
  if (shape.kind === 'list' && Array.isArray(value) && value.length > 0 && shape.listType !== 'atomic') {
    if (options.containers) into.add(pathKey(path));
    for (const item of value) {
      if (shape.listType === 'set') into.add(pathKey([...path, `v:${JSON.stringify(item)}`]));
      else if (isObject(item)) {
        const itemPath = [...path, keyElement(item, shape.keys ?? [])];
        into.add(pathKey(itemPath));
        fieldSetOf(item, shape.item(), options, itemPath, into);
      }
    }
    return;
  }
  if (shape.kind === 'map' && isObject(value) && Object.keys(value).length > 0) {
    if (options.containers) into.add(pathKey(path));
    fieldSetOf(value, shape, options, path, into);
    return;
  }
  into.add(pathKey(path));
}

/** The value at a path, or undefined when the object does not have it. */
export function valueAt(value: Json | undefined, path: FieldPath): Json | undefined {
  let node: Json | undefined = value;
  for (const element of path) {
    if (node === undefined) return undefined;
    node = step(node, element);
  }
  return node;
}

function step(node: Json, element: string): Json | undefined {
  const kind = element.slice(0, 2);
  const rest = element.slice(2);
  if (kind === 'f:') return isObject(node) ? node[rest] : undefined;
  if (!Array.isArray(node)) return undefined;
  if (kind === 'v:') return node.find((item) => deepEqual(item, JSON.parse(rest) as Json));
  if (kind === 'k:') {
    const keys = JSON.parse(rest) as Record<string, Json>;
    return node.find((item) => isObject(item) && Object.entries(keys).every(([key, wanted]) => deepEqual(item[key] ?? null, wanted)));
  }
  return node[Number(rest)];
}

/** Removes the field at `path` from `value` (in place); absent fields are left alone. */
export function removePath(value: Json, path: FieldPath): void {
  const parent = valueAt(value, path.slice(0, -1));
  const last = path[path.length - 1]!;
  if (last.startsWith('f:') && isObject(parent)) {
    delete parent[last.slice(2)];
    return;
  }
  if (!Array.isArray(parent)) return;
  const item = step(parent, last);
  const index = item === undefined ? -1 : parent.indexOf(item);
  if (index !== -1) parent.splice(index, 1);
}

/** FieldsV1: a tree of elements; `.` marks a path that is itself a member and has members below. */
export function toFieldsV1(set: FieldSet): Record<string, Json> {
  const root: Record<string, Json> = {};
  const members = [...set].map(pathOf).sort((a, b) => a.length - b.length);
  for (const path of members) {
    let node = root;
    for (const element of path) {
      if (!isObject(node[element])) node[element] = {};
      node = node[element] as Record<string, Json>;
    }
    if (Object.keys(node).length > 0) node['.'] = {};
    else node['\u0000member'] = true;
  }
  return sortTree(root);
}

function sortTree(node: Record<string, Json>): Record<string, Json> {
  const member = node['\u0000member'] === true;
  const entries = Object.entries(node).filter(([key]) => key !== '\u0000member');
  const hasChildren = entries.some(([key]) => key !== '.');
  const sorted = entries.sort(([a], [b]) => (a === '.' ? -1 : b === '.' ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const result: Record<string, Json> = {};
  if (member && hasChildren) result['.'] = {};
  for (const [key, child] of sorted) result[key] = key === '.' ? {} : sortTree(child as Record<string, Json>);
  return result;
}

/** The members of a FieldsV1 tree. */
export function fromFieldsV1(tree: Json | undefined, prefix: FieldPath = [], into: FieldSet = new Set()): FieldSet {
  if (!isObject(tree)) return into;
  for (const [element, child] of Object.entries(tree)) {
    if (element === '.') {
      into.add(pathKey(prefix));
      continue;
    }
    const path = [...prefix, element];
    if (isObject(child) && Object.keys(child).length === 0) into.add(pathKey(path));
    else fromFieldsV1(child, path, into);
  }
  return into;
}

/** fieldpath.Path.String(): `.spec.target.name`, `.rules[name="x"]`, `.finalizers[="a"]`. */
export function displayPath(path: FieldPath): string {
  return path
    .map((element) => {
      const rest = element.slice(2);
      if (element.startsWith('f:')) return `.${rest}`;
      if (element.startsWith('v:')) return `[=${rest}]`;
      if (element.startsWith('i:')) return `[${rest}]`;
      const keys = JSON.parse(rest) as Record<string, Json>;
      return `[${Object.entries(keys).map(([key, value]) => `${key}=${JSON.stringify(value)}`).join(',')}]`;
    })
    .join('');
}
