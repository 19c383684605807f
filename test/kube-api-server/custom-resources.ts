// Custom resources as the apiextensions apiserver serves them from a CRD version: unknown fields
// pruned (reported like the Go decoder's), schema defaults filled in, the OpenAPI schema
// validated (422 with the field and rule; CEL rules are not evaluated), printer columns in tables.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { OBJECT_META, decodeObject } from './decode';
import type { CrdSpec } from './group-resources';
import { type Json, isObject } from './patch';
import { AGE_COLUMN, NAME_COLUMN, type KubeObject, type ResourceType, defaultUnsupported, metaFields, metaProblems } from './resources';
import { type FieldError, badRequest, invalidValue, requiredValue } from './status';
import { DEDUCED, type OpenApiSchema, openApiStructure } from './structure';
import { subdomainProblems } from './names';
import { humanDuration } from './table';

type CrdVersion = NonNullable<CrdSpec['versions']>[number];
type PrinterColumn = NonNullable<CrdVersion['additionalPrinterColumns']>[number];

// Formats (date-time, byte, int32…) are not checked: ajv-formats is not a dependency of the project.
const ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateFormats: false });

function prune(value: Json, schema: OpenApiSchema | undefined, path: string, unknown: string[]): Json {
  if (!schema) return value;
  if (Array.isArray(value)) return value.map((item, index) => prune(item, schema.items, `${path}[${index}]`, unknown));
  if (!isObject(value)) return value;
  const result: Record<string, Json> = {};
  const extra = schema.additionalProperties;
  for (const [key, child] of Object.entries(value)) {
    if (child === null) continue;
    const childPath = path ? `${path}.${key}` : key;
    const declared = schema.properties?.[key] ?? (typeof extra === 'object' ? extra : undefined);
    if (declared) result[key] = prune(child, declared, childPath, unknown);
    else if (extra === true || schema['x-kubernetes-preserve-unknown-fields']) result[key] = child;
    else unknown.push(childPath);
  }
  return result;
}

function fillDefaults(value: Json, schema: OpenApiSchema | undefined): void {
  if (!schema) return;
  if (Array.isArray(value)) {
    for (const item of value) fillDefaults(item, schema.items);
    return;
  }
  if (!isObject(value)) return;
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    if (value[key] === undefined && property.default !== undefined) value[key] = structuredClone(property.default as Json);
    if (value[key] !== undefined) fillDefaults(value[key]!, property);
  }
  if (typeof schema.additionalProperties === 'object') for (const key of Object.keys(value)) if (!schema.properties?.[key]) fillDefaults(value[key]!, schema.additionalProperties);
}

const fieldOf = (instancePath: string): string =>
  instancePath
    .split('/')
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? `[${part}]` : `.${part.replaceAll('~1', '/').replaceAll('~0', '~')}`))
    .join('')
    .replace(/^\./, '');

/** An ajv finding in the wording of the apiextensions validator. */
function fieldError(error: ErrorObject, object: KubeObject): FieldError {
  const field = fieldOf(error.instancePath);
  const value = error.instancePath.split('/').filter(Boolean).reduce<Json | undefined>((node, part) => (Array.isArray(node) ? node[Number(part)] : isObject(node) ? node[part.replaceAll('~1', '/')] : undefined), object);
  switch (error.keyword) {
    case 'required': {
      const missing = (error.params as { missingProperty: string }).missingProperty;
      return requiredValue(field ? `${field}.${missing}` : missing);
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: Json[] }).allowedValues.map((item) => JSON.stringify(item)).join(', ');
      return { type: 'FieldValueNotSupported', field, body: `Unsupported value: ${JSON.stringify(value)}: supported values: ${allowed}` };
    }
    case 'type':
      return invalidValue(field, typeof value, `${field} in body must be of type ${(error.params as { type: string }).type}: ${JSON.stringify(typeof value)}`);
    case 'pattern':
      return invalidValue(field, value, `${field} in body should match '${(error.params as { pattern: string }).pattern}'`);
    case 'maxLength':
      return { type: 'FieldValueTooLong', field, body: `Too long: may not be more than ${(error.params as { limit: number }).limit} bytes` };
    default:
      return invalidValue(field, value, `${field} in body ${error.message ?? 'is invalid'}`);
  }
}

/** Enough of JSONPath for printer columns: `.a.b`, `[0]`, `[?(@.type=="Ready")]`. */
function jsonPath(object: Json, path: string): Json | undefined {
  const tokens = path.match(/\.[^.[]+|\[\?\(@\.[^=]+=="[^"]*"\)\]|\[\d+\]/g) ?? [];
  let node: Json | undefined = object;
  for (const token of tokens) {
    if (node === undefined) return undefined;
    const filter = /^\[\?\(@\.([^=]+)=="([^"]*)"\)\]$/.exec(token);
    if (filter) node = Array.isArray(node) ? node.find((item) => isObject(item) && item[filter[1]!] === filter[2]) : undefined;
    else if (token.startsWith('[')) node = Array.isArray(node) ? node[Number(token.slice(1, -1))] : undefined;
    else node = isObject(node) ? node[token.slice(1)] : undefined;
  }
  return node;
}

function printerColumns(version: CrdVersion): { columns: ResourceType['columns']; cells: (object: KubeObject) => Json[] } {
  const printed = (version.additionalPrinterColumns ?? []).filter((column) => column.jsonPath !== '.metadata.creationTimestamp' && (column.priority ?? 0) === 0);
  const cell = (column: PrinterColumn, object: KubeObject): Json => {
    const value = jsonPath(object, column.jsonPath);
    if (value === undefined) return null;
    if (column.type === 'date' && typeof value === 'string') return humanDuration(Date.now() - Date.parse(value));
    return typeof value === 'object' ? JSON.stringify(value) : value;
  };
  return {
    columns: [NAME_COLUMN, ...printed.map((column) => ({ name: column.name, type: column.type, format: '', description: column.description ?? '' })), AGE_COLUMN],
    cells: (object) => [String(object.metadata.name), ...printed.map((column) => cell(column, object))],
  };
}

/** The resource one served version of a CRD defines. */
export function customResourceType(spec: CrdSpec, version: CrdVersion): ResourceType {
  const group = spec.group!;
  const names = spec.names!;
  const kind = names.kind!;
  const schema = (version.schema?.openAPIV3Schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }) as OpenApiSchema;
  let validate: ValidateFunction | undefined;
  const { columns, cells } = printerColumns(version);
  const problems = (object: KubeObject): FieldError[] => {
    validate ??= ajv.compile(schema);
    const { metadata: _metadata, ...rest } = object;
    if (validate(rest)) return [];
    return (validate.errors ?? []).map((error) => fieldError(error, object));
  };
  return {
    resource: `${names.plural}.${group}`,
    kind,
    singularName: names.singular ?? kind.toLowerCase(),
    shortNames: names.shortNames ?? [],
    namespaced: spec.scope === 'Namespaced',
    fields: {},
    listStrategies: {},
    fieldSelectors: ['metadata.name', 'metadata.namespace'],
    unsupportedField: defaultUnsupported,
    fieldsOf: metaFields,
    // Defaults fill the object being stored, after an apply has recorded what the applier itself set.
    prepare: (object) => fillDefaults(object, { ...schema, properties: { ...schema.properties, metadata: {} } }),
    problems: (object) => [...metaProblems(object, subdomainProblems), ...problems(object)],
    updateProblems: () => [],
    columns,
    cells,
    served: {
      group,
      version: version.name,
      plural: names.plural!,
      categories: names.categories ?? [],
      structure: openApiStructure(schema, DEDUCED),
      statusSubresource: version.subresources?.status !== undefined,
      strategicMerge: false,
      tracksGeneration: true,
      decode: (body) => {
        if (!isObject(body)) throw badRequest(`${kind}.${group} is not an object`);
        if (body.kind !== undefined && body.kind !== kind) throw badRequest(`the kind of the object (${String(body.kind)}) does not match the resource (${kind})`);
        const unknown: string[] = [];
        const { metadata, apiVersion: _apiVersion, kind: _kind, ...content } = body;
        const pruned = prune(content, schema, '', unknown) as Record<string, Json>;
        const meta = decodeObject({ metadata: metadata ?? {} }, kind, { metadata: OBJECT_META }).object.metadata;
        return { object: { apiVersion: `${group}/${version.name}`, kind, metadata: meta, ...pruned } as KubeObject, unknown };
      },
    },
  };
}

/** A CRD's served versions, each as the resource type it defines. */
export function customResourceTypes(spec: CrdSpec): Map<string, ResourceType> {
  const types = new Map<string, ResourceType>();
  for (const version of spec.versions ?? []) if (version.served) types.set(version.name, customResourceType(spec, version));
  return types;
}
