// How server-side apply sees an object's shape: which objects merge key by key, which lists merge
// by key or as sets, and what is atomic (replaced whole). Built-in types come from their Go tags
// (given as list strategies by path); custom resources from their CRD's OpenAPI schema and its
// `x-kubernetes-list-type` / `x-kubernetes-list-map-keys` / `x-kubernetes-map-type` markers.
import type { ListStrategies } from './patch';

export interface Structure {
  kind: 'scalar' | 'atomic' | 'map' | 'list';
  /** Lists: atomic (the default, as structured-merge-diff treats unmarked lists), set, or map by `keys`. */
  listType?: 'atomic' | 'set' | 'map';
  keys?: string[];
  child(key: string): Structure;
  item(): Structure;
}

/** The shape of a value nothing is declared about: objects merge, lists are atomic. */
export const DEDUCED: Structure = {
  kind: 'map',
  child: () => DEDUCED,
  item: () => DEDUCED,
};

const ATOMIC: Structure = { kind: 'atomic', child: () => DEDUCED, item: () => DEDUCED };

/** Built-in kinds: deduced everywhere, except the lists their Go types mark. */
export function builtinStructure(strategies: ListStrategies, path = ''): Structure {
  return {
    kind: 'map',
    child(key) {
      const childPath = path ? `${path}.${key}` : key;
      const strategy = strategies[childPath];
      if (strategy === 'primitive-set') return { kind: 'list', listType: 'set', child: () => DEDUCED, item: () => DEDUCED };
      if (strategy) return { kind: 'list', listType: 'map', keys: [strategy.mergeKey], child: () => DEDUCED, item: () => builtinStructure(strategies, childPath) };
      return builtinStructure(strategies, childPath);
    },
    item: () => DEDUCED,
  };
}

export interface OpenApiSchema {
  type?: string;
  properties?: Record<string, OpenApiSchema>;
  additionalProperties?: OpenApiSchema | boolean;
  items?: OpenApiSchema;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
  'x-kubernetes-embedded-resource'?: boolean;
  [keyword: string]: unknown;
}

/** A CRD version's schema as a structure; metadata is always ObjectMeta's, whatever the schema says. */
export function openApiStructure(schema: OpenApiSchema, metadata: Structure): Structure {
  const root = schemaStructure(schema);
  return { ...root, child: (key) => (key === 'metadata' ? metadata : root.child(key)) };
}

function schemaStructure(schema: OpenApiSchema | undefined): Structure {
  if (!schema) return DEDUCED;
  if (schema.type === 'array') {
    const listType = schema['x-kubernetes-list-type'] ?? 'atomic';
    return { kind: 'list', listType, keys: schema['x-kubernetes-list-map-keys'] ?? [], child: () => DEDUCED, item: () => schemaStructure(schema.items) };
  }
  if (schema.type === 'object' || schema.properties || schema.additionalProperties || schema['x-kubernetes-preserve-unknown-fields']) {
    if (schema['x-kubernetes-map-type'] === 'atomic') return ATOMIC;
    const extra = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
    return {
      kind: 'map',
      child: (key) => (schema.properties?.[key] ? schemaStructure(schema.properties[key]) : extra ? schemaStructure(extra) : DEDUCED),
      item: () => DEDUCED,
    };
  }
  return { kind: 'scalar', child: () => DEDUCED, item: () => DEDUCED };
}
