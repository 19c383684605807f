// The three patch formats a kube-apiserver accepts: JSON Patch (RFC 6902), JSON Merge Patch
// (RFC 7386) and strategic merge patch, whose list handling comes from the Go types' tags.
import { badRequest, unprocessablePatch } from './status';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

export function deepEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]));
  }
  return false;
}

// ---- JSON Patch ----

interface Operation {
  op: string;
  path: string;
  from?: string;
  value?: Json;
}

function pointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw unprocessablePatch();
  return path.slice(1).split('/').map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function parentOf(document: Json, tokens: string[]): { parent: JsonObject | Json[]; last: string } {
  let node: Json = document;
  for (const token of tokens.slice(0, -1)) {
    const next: Json | undefined = Array.isArray(node) ? node[Number(token)] : isObject(node) ? node[token] : undefined;
    if (next === undefined) throw unprocessablePatch();
    node = next;
  }
  if (!Array.isArray(node) && !isObject(node)) throw unprocessablePatch();
  return { parent: node, last: tokens[tokens.length - 1]! };
}

function arrayIndex(array: Json[], token: string, allowEnd: boolean): number {
  if (token === '-' && allowEnd) return array.length;
  if (!/^(0|[1-9]\d*)$/.test(token)) throw unprocessablePatch();
  const index = Number(token);
  if (index > array.length || (!allowEnd && index === array.length)) throw unprocessablePatch();
  return index;
}

function read(document: Json, path: string): Json {
  const tokens = pointer(path);
  if (tokens.length === 0) return document;
  const { parent, last } = parentOf(document, tokens);
  const value = Array.isArray(parent) ? parent[arrayIndex(parent, last, false)] : parent[last];
  if (value === undefined) throw unprocessablePatch();
  return value;
}

function remove(document: Json, path: string): Json {
  const { parent, last } = parentOf(document, pointer(path));
  if (Array.isArray(parent)) return parent.splice(arrayIndex(parent, last, false), 1)[0]!;
  if (!Object.hasOwn(parent, last)) throw unprocessablePatch();
  const value = parent[last]!;
  delete parent[last];
  return value;
}

function add(document: Json, path: string, value: Json): Json {
  const tokens = pointer(path);
  if (tokens.length === 0) return value;
  const { parent, last } = parentOf(document, tokens);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, last, true), 0, value);
  else parent[last] = value;
  return document;
}

function applyOperation(document: Json, operation: Operation): Json {
  const value = (): Json => {
    if (operation.value === undefined) throw unprocessablePatch();
    return structuredClone(operation.value);
  };
  switch (operation.op) {
    case 'add':
      return add(document, operation.path, value());
    case 'remove':
      remove(document, operation.path);
      return document;
    case 'replace':
      read(document, operation.path);
      if (operation.path === '') return value();
      remove(document, operation.path);
      return add(document, operation.path, value());
    case 'move':
      return add(document, operation.path, remove(document, operation.from ?? ''));
    case 'copy':
      return add(document, operation.path, structuredClone(read(document, operation.from ?? '')));
    case 'test':
      if (!deepEqual(read(document, operation.path), operation.value ?? null)) throw unprocessablePatch();
      return document;
    default:
      throw unprocessablePatch();
  }
}

export function applyJsonPatch(document: JsonObject, patch: unknown): Json {
  if (!Array.isArray(patch)) throw badRequest('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let result: Json = structuredClone(document);
  for (const operation of patch) {
    if (!isObject(operation) || typeof operation.op !== 'string' || typeof operation.path !== 'string') throw unprocessablePatch();
    result = applyOperation(result, operation as unknown as Operation);
  }
  return result;
}

// ---- JSON Merge Patch ----

function merge(target: Json | undefined, patch: Json): Json {
  if (!isObject(patch)) return structuredClone(patch);
  const result: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = merge(result[key], value);
  }
  return result;
}

export function applyMergePatch(document: JsonObject, patch: unknown): Json {
  if (!isObject(patch)) throw badRequest('Invalid JSON Patch');
  return merge(document, patch);
}

// ---- Strategic merge patch ----

/** How a list at a path merges: by a key field, as a set of primitives; absent = replaced whole. */
export type ListStrategy = { mergeKey: string } | 'primitive-set';
export type ListStrategies = Record<string, ListStrategy>;

function mergeList(original: Json[], patch: Json[], strategy: ListStrategy, path: string, strategies: ListStrategies): Json[] {
  if (patch.some((item) => isObject(item) && item.$patch === 'replace')) {
    return patch.filter((item) => !(isObject(item) && item.$patch === 'replace'));
  }
  if (strategy === 'primitive-set') return [...original, ...patch.filter((item) => !original.some((existing) => deepEqual(existing, item)))];
  const result = [...original];
  for (const item of patch) {
    if (!isObject(item) || item[strategy.mergeKey] === undefined) throw badRequest(`map: ${JSON.stringify(item)} does not contain declared merge key: ${strategy.mergeKey}`);
    const index = result.findIndex((existing) => isObject(existing) && deepEqual(existing[strategy.mergeKey], item[strategy.mergeKey]));
    if (item.$patch === 'delete') {
      if (index !== -1) result.splice(index, 1);
    } else if (index === -1) result.push(strategicMerge(undefined, item, path, strategies));
    else result[index] = strategicMerge(result[index], item, path, strategies);
  }
  return result;
}

function strategicMerge(original: Json | undefined, patch: JsonObject, path: string, strategies: ListStrategies): JsonObject {
  if (patch.$patch === 'replace') {
    const { $patch: _directive, ...rest } = patch;
    return structuredClone(rest);
  }
  const result: JsonObject = isObject(original) ? { ...original } : {};
  const retain = patch.$retainKeys;
  if (Array.isArray(retain)) for (const key of Object.keys(result)) if (!retain.includes(key)) delete result[key];
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key === '$retainKeys' || key.startsWith('$setElementOrder/')) continue;
    if (key.startsWith('$deleteFromPrimitiveList/')) {
      const listKey = key.slice('$deleteFromPrimitiveList/'.length);
      const current = result[listKey];
      if (Array.isArray(current) && Array.isArray(value)) result[listKey] = current.filter((item) => !value.some((gone) => deepEqual(gone, item)));
      continue;
    }
    const childPath = path ? `${path}.${key}` : key;
    const current = result[key];
    if (value === null || (isObject(value) && value.$patch === 'delete')) delete result[key];
    else if (isObject(value)) result[key] = strategicMerge(current, value, childPath, strategies);
    else if (Array.isArray(value) && Array.isArray(current) && strategies[childPath]) result[key] = mergeList(current, value, strategies[childPath], childPath, strategies);
    else if (Array.isArray(value)) result[key] = value.filter((item) => !(isObject(item) && item.$patch !== undefined));
    else result[key] = value;
  }
  return result;
}

export function applyStrategicMergePatch(document: JsonObject, patch: unknown, strategies: ListStrategies): Json {
  if (!isObject(patch)) throw badRequest('json: cannot unmarshal array into Go value of type map[string]interface {}');
  return strategicMerge(document, patch, '', strategies);
}
