// Decoding a request body as the Go types would: known fields only (unknown ones reported for
// fieldValidation), type errors as 400s with encoding/json's wording, omitempty applied, and
// fields in the order the real server writes them.
import { type Json, isObject } from './patch';
import { badRequest } from './status';

export type Shape =
  | 'string'
  | 'bool'
  | 'int'
  | 'any'
  | { map: 'string' | 'bytes' }
  | { list: Shape }
  | { fields: Record<string, Shape> };

const OWNER_REFERENCE: Shape = {
  fields: { apiVersion: 'string', kind: 'string', name: 'string', uid: 'string', controller: 'bool', blockOwnerDeletion: 'bool' },
};

export const OBJECT_META: Shape = {
  fields: {
    name: 'string',
    generateName: 'string',
    namespace: 'string',
    selfLink: 'string',
    uid: 'string',
    resourceVersion: 'string',
    generation: 'int',
    creationTimestamp: 'string',
    deletionTimestamp: 'string',
    deletionGracePeriodSeconds: 'int',
    labels: { map: 'string' },
    annotations: { map: 'string' },
    ownerReferences: { list: OWNER_REFERENCE },
    finalizers: { list: 'string' },
    managedFields: { list: 'any' },
  },
};

interface Context {
  kind: string;
  unknown: string[];
}

const GO_KIND: Record<string, string> = { string: 'string', number: 'number', boolean: 'bool', object: 'object' };
const jsonKind = (value: Json): string => (Array.isArray(value) ? 'array' : (GO_KIND[typeof value] ?? 'object'));

function typeError(context: Context, value: Json, path: string, goType: string): never {
  throw badRequest(
    `${context.kind} in version "v1" cannot be handled as a ${context.kind}: json: cannot unmarshal ${jsonKind(value)} into Go struct field ${context.kind}.${path} of type ${goType}`,
  );
}

function base64Problem(value: string): number | undefined {
  const text = value.replace(/[\r\n]/g, '');
  const bad = text.search(/[^A-Za-z0-9+/=]/);
  if (bad !== -1) return bad;
  const padding = text.indexOf('=');
  if (padding !== -1 && !/^={1,2}$/.test(text.slice(padding))) return padding;
  if (text.length % 4 !== 0) return text.length - (text.length % 4);
  return undefined;
}

function decodeMap(value: Json, of: 'string' | 'bytes', path: string, context: Context): Json | undefined {
  if (!isObject(value)) return typeError(context, value, path, of === 'bytes' ? 'map[string][]uint8' : 'map[string]string');
  // encoding/json writes map keys sorted; keeping them sorted makes stored objects comparable.
  const entries = Object.entries(value)
    .filter(([, item]) => item !== null)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [, item] of entries) {
    if (typeof item !== 'string') typeError(context, item, path, of === 'bytes' ? '[]uint8' : 'string');
    const bad = of === 'bytes' ? base64Problem(item as string) : undefined;
    if (bad !== undefined) throw badRequest(`${context.kind} in version "v1" cannot be handled as a ${context.kind}: illegal base64 data at input byte ${bad}`);
  }
  return entries.length ? Object.fromEntries(entries) : undefined;
}

function decodeValue(value: Json, shape: Shape, path: string, context: Context): Json | undefined {
  if (value === null) return undefined;
  if (shape === 'any') return value;
  if (shape === 'string') return typeof value === 'string' ? value || undefined : typeError(context, value, path, 'string');
  if (shape === 'bool') return typeof value === 'boolean' ? value : typeError(context, value, path, 'bool');
  if (shape === 'int') return Number.isInteger(value) ? value || undefined : typeError(context, value, path, 'int64');
  if ('map' in shape) return decodeMap(value, shape.map, path, context);
  if ('list' in shape) {
    if (!Array.isArray(value)) return typeError(context, value, path, 'array');
    // An empty string is a value in a []string (the core API group in RBAC rules is "").
    const items = value.map((item) => (item === '' && shape.list === 'string' ? '' : (decodeValue(item, shape.list, path, context) ?? (isObject(item) ? {} : null)))).filter((item) => item !== null);
    return items.length ? items : undefined;
  }
  return decodeFields(value, shape.fields, path, context);
}

function decodeFields(value: Json, fields: Record<string, Shape>, path: string, context: Context): Json | undefined {
  if (!isObject(value)) return typeError(context, value, path, 'struct');
  const result: Record<string, Json> = {};
  for (const [key, shape] of Object.entries(fields)) {
    if (!Object.hasOwn(value, key)) continue;
    const decoded = decodeValue(value[key]!, shape, path ? `${path}.${key}` : key, context);
    if (decoded !== undefined) result[key] = decoded;
  }
  for (const key of Object.keys(value)) if (!Object.hasOwn(fields, key)) context.unknown.push(path ? `${path}.${key}` : key);
  return Object.keys(result).length ? result : undefined;
}

/** Decodes `body` into the fields of `kind`; returns the object and the unknown fields it dropped. */
export function decodeObject(body: unknown, kind: string, fields: Record<string, Shape>): { object: Record<string, Json>; unknown: string[] } {
  if (!isObject(body)) throw badRequest(`${kind} in version "v1" cannot be handled as a ${kind}: json: cannot unmarshal ${jsonKind(body as Json)} into Go value of type struct`);
  if (body.kind !== undefined && body.kind !== kind) {
    throw badRequest(`${kind} in version "v1" cannot be handled as a ${kind}: the kind of the object (${String(body.kind)}) does not match the resource (${kind})`);
  }
  const context: Context = { kind, unknown: [] };
  const { kind: _kind, apiVersion: _apiVersion, metadata, ...rest } = (decodeFields(body, fields, '', context) ?? {}) as Record<string, Json>;
  return { object: { kind, apiVersion: 'v1', metadata: metadata ?? {}, ...rest }, unknown: context.unknown };
}
