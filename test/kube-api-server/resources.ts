// The three resources the server serves, described once: wire shape, rules, discovery, table columns.
import { OBJECT_META, type Shape } from './decode';
import { annotationProblems, labelNameProblems, labelProblems, subdomainProblems } from './names';
import type { Json, ListStrategies } from './patch';
import { secretProblems, secretUpdateProblems } from './secret-rules';
import { type FieldError, invalidValue, requiredValue } from './status';
import type { Structure } from './structure';
import type { ObjectStore } from './store';
import { events, nodes, pods } from './workloads';

export type ResourceName = 'namespaces' | 'secrets' | 'serviceaccounts' | 'pods' | 'nodes' | 'events';
export type KubeObject = Record<string, Json> & { metadata: Record<string, Json> };

export interface ResourceType {
  /** The plural for the core group; `plural.group` for the other groups (as in their error messages). */
  resource: string;
  kind: string;
  singularName: string;
  shortNames: string[];
  namespaced: boolean;
  fields: Record<string, Shape>;
  listStrategies: ListStrategies;
  fieldSelectors: readonly string[];
  unsupportedField: (field: string) => string;
  fieldsOf: (object: KubeObject) => Record<string, string>;
  /** Server-side defaults and derived fields, run before validation on create and update. */
  prepare: (object: KubeObject, old?: KubeObject) => void;
  /** Mutating and validating admission that reads other objects (ServiceAccount admission for pods). */
  admit?: (object: KubeObject, store: ObjectStore) => void;
  problems: (object: KubeObject) => FieldError[];
  updateProblems: (old: KubeObject, next: KubeObject) => FieldError[];
  columns: { name: string; type: string; format: string; description: string; priority?: number }[];
  cells: (object: KubeObject) => Json[];
  /** Served by another API group (api-groups.ts); absent for the core group. */
  served?: GroupServing;
  /** The whole Table row (Age included) where it is not `cells` followed by the age. */
  rowCells?: (object: KubeObject, now: number) => Json[];
}

/** What a resource of a named API group adds: where it is served and how its writes behave. */
export interface GroupServing {
  group: string;
  version: string;
  plural: string;
  categories: string[];
  structure: Structure;
  statusSubresource: boolean;
  /** Built-in kinds take strategic merge patches; custom resources do not (415). */
  strategicMerge: boolean;
  /** metadata.generation moves on with every change outside metadata (and status, with a status subresource). */
  tracksGeneration: boolean;
  /** Decodes a body (unknown fields reported) in place of the Go types' decoder. */
  decode: (body: unknown) => { object: KubeObject; unknown: string[] };
}

export const COMMON_FIELDS = { kind: 'string', apiVersion: 'string', metadata: OBJECT_META } as const;
export const NAME_COLUMN = { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names' };
export const AGE_COLUMN = { name: 'Age', type: 'string', format: '', description: 'CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata' };

const metadataOf = (object: KubeObject) => object.metadata as { name?: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };

export function metaProblems(object: KubeObject, nameProblems: (name: string) => string[]): FieldError[] {
  const meta = metadataOf(object);
  const errors: FieldError[] = [];
  if (!meta.name) errors.push(requiredValue('metadata.name', 'name or generateName is required'));
  else for (const problem of nameProblems(meta.name)) errors.push(invalidValue('metadata.name', meta.name, problem));
  return [...errors, ...labelProblems(meta.labels ?? {}), ...annotationProblems(meta.annotations ?? {})];
}

export const metaFields = (object: KubeObject): Record<string, string> => ({
  'metadata.name': String(object.metadata.name ?? ''),
  'metadata.namespace': String(object.metadata.namespace ?? ''),
});

export const defaultUnsupported = (field: string): string => `"${field}" is not a known field selector: only "metadata.name", "metadata.namespace"`;

export const namespaces: ResourceType = {
  resource: 'namespaces',
  kind: 'Namespace',
  singularName: 'namespace',
  shortNames: ['ns'],
  namespaced: false,
  fields: { ...COMMON_FIELDS, spec: { fields: { finalizers: { list: 'string' } } }, status: { fields: { phase: 'string', conditions: { list: 'any' } } } },
  listStrategies: { 'metadata.finalizers': 'primitive-set', 'metadata.ownerReferences': { mergeKey: 'uid' } },
  fieldSelectors: ['metadata.name', 'status.phase'],
  unsupportedField: (field) => `field label not supported: ${field}`,
  fieldsOf: (object) => ({ 'metadata.name': String(object.metadata.name ?? ''), 'status.phase': String((object.status as { phase?: string } | undefined)?.phase ?? '') }),
  prepare: (object, old) => {
    object.spec = old ? (old.spec ?? {}) : { finalizers: ['kubernetes'] };
    object.status = old ? (old.status ?? {}) : { phase: 'Active' };
    const name = String(object.metadata.name ?? '');
    if (name) object.metadata.labels = { ...((object.metadata.labels as Record<string, string>) ?? {}), 'kubernetes.io/metadata.name': name };
  },
  problems: (object) => metaProblems(object, labelNameProblems),
  updateProblems: () => [],
  columns: [NAME_COLUMN, { name: 'Status', type: 'string', format: '', description: 'The status of the namespace' }, AGE_COLUMN],
  cells: (object) => [String(object.metadata.name), String((object.status as { phase?: string } | undefined)?.phase ?? '')],
};

export const secrets: ResourceType = {
  resource: 'secrets',
  kind: 'Secret',
  singularName: 'secret',
  shortNames: [],
  namespaced: true,
  fields: { ...COMMON_FIELDS, immutable: 'bool', data: { map: 'bytes' }, stringData: { map: 'string' }, type: 'string' },
  listStrategies: { 'metadata.finalizers': 'primitive-set', 'metadata.ownerReferences': { mergeKey: 'uid' } },
  fieldSelectors: ['metadata.name', 'metadata.namespace', 'type'],
  unsupportedField: (field) => `field label not supported: ${field}`,
  fieldsOf: (object) => ({ ...metaFields(object), type: String(object.type ?? '') }),
  prepare: (object) => {
    const stringData = object.stringData as Record<string, string> | undefined;
    if (stringData) {
      const data = { ...((object.data as Record<string, string>) ?? {}) };
      for (const [key, value] of Object.entries(stringData)) data[key] = Buffer.from(value, 'utf8').toString('base64');
      object.data = Object.fromEntries(Object.entries(data).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      delete object.stringData;
    }
    if (!object.type) object.type = 'Opaque';
  },
  problems: (object) => [...metaProblems(object, subdomainProblems), ...secretProblems(object)],
  updateProblems: secretUpdateProblems,
  columns: [
    NAME_COLUMN,
    { name: 'Type', type: 'string', format: '', description: 'Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types' },
    { name: 'Data', type: 'string', format: '', description: 'Data contains the secret data. Each key must consist of alphanumeric characters, \'-\', \'_\' or \'.\'. The serialized form of the secret data is a base64 encoded string, representing the arbitrary (possibly non-string) data value here. Described in https://tools.ietf.org/html/rfc4648#section-4' },
    AGE_COLUMN,
  ],
  cells: (object) => [String(object.metadata.name), String(object.type ?? ''), Object.keys((object.data as Record<string, string>) ?? {}).length],
};

export const serviceaccounts: ResourceType = {
  resource: 'serviceaccounts',
  kind: 'ServiceAccount',
  singularName: 'serviceaccount',
  shortNames: ['sa'],
  namespaced: true,
  fields: {
    ...COMMON_FIELDS,
    secrets: { list: { fields: { kind: 'string', namespace: 'string', name: 'string', uid: 'string', apiVersion: 'string', resourceVersion: 'string', fieldPath: 'string' } } },
    imagePullSecrets: { list: { fields: { name: 'string' } } },
    automountServiceAccountToken: 'bool',
  },
  // imagePullSecrets carries no patchStrategy in k8s.io/api, so a strategic merge replaces it whole.
  listStrategies: { 'metadata.finalizers': 'primitive-set', 'metadata.ownerReferences': { mergeKey: 'uid' }, secrets: { mergeKey: 'name' } },
  fieldSelectors: ['metadata.name', 'metadata.namespace'],
  unsupportedField: defaultUnsupported,
  fieldsOf: metaFields,
  prepare: () => undefined,
  problems: (object) => metaProblems(object, subdomainProblems),
  updateProblems: () => [],
  columns: [NAME_COLUMN, { name: 'Secrets', type: 'string', format: '', description: 'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.' }, AGE_COLUMN],
  cells: (object) => [String(object.metadata.name), ((object.secrets as Json[]) ?? []).length],
};

export const RESOURCES: Record<ResourceName, ResourceType> = { namespaces, secrets, serviceaccounts, pods, nodes, events };

export const isResourceName = (name: string): name is ResourceName => Object.hasOwn(RESOURCES, name);
