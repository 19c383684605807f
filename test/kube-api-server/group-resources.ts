// The built-in resources of named API groups the app's cluster sync touches: RBAC roles and
// bindings, apps/v1 Deployments (how Reflector is found), and CustomResourceDefinitions (which
// make custom resources appear, see custom-resources.ts).
import { type Shape, decodeObject } from './decode';
import { labelNameProblems, subdomainProblems } from './names';
import type { Json, ListStrategies } from './patch';
import { AGE_COLUMN, COMMON_FIELDS, NAME_COLUMN, type KubeObject, type ResourceType, defaultUnsupported, metaFields, metaProblems } from './resources';
import { type FieldError, invalidValue, requiredValue } from './status';
import { builtinStructure } from './structure';
import { defaultPodSpec, type PodSpec } from './workloads';

const META_STRATEGIES: ListStrategies = { 'metadata.finalizers': 'primitive-set', 'metadata.ownerReferences': { mergeKey: 'uid' } };
const strings: Shape = { list: 'string' };
const POLICY_RULE: Shape = { list: { fields: { apiGroups: strings, resources: strings, verbs: strings, resourceNames: strings, nonResourceURLs: strings } } };
const LABEL_SELECTOR: Shape = { fields: { matchLabels: { map: 'string' }, matchExpressions: { list: { fields: { key: 'string', operator: 'string', values: strings } } } } };
const ROLE_REF: Shape = { fields: { apiGroup: 'string', kind: 'string', name: 'string' } };
const SUBJECTS: Shape = { list: { fields: { kind: 'string', apiGroup: 'string', name: 'string', namespace: 'string' } } };

export interface Definition {
  group: string;
  version: string;
  plural: string;
  kind: string;
  shortNames?: string[];
  namespaced: boolean;
  fields: Record<string, Shape>;
  strategies?: ListStrategies;
  statusSubresource?: boolean;
  problems?: (object: KubeObject) => FieldError[];
  updateProblems?: (old: KubeObject, next: KubeObject) => FieldError[];
  prepare?: (object: KubeObject) => void;
  columns?: ResourceType['columns'];
  cells?: (object: KubeObject) => Json[];
}

export function groupType(definition: Definition): ResourceType {
  const { group, version, plural, kind } = definition;
  const fields = { ...COMMON_FIELDS, ...definition.fields };
  const strategies = { ...META_STRATEGIES, ...definition.strategies };
  return {
    resource: `${plural}.${group}`,
    kind,
    singularName: kind.toLowerCase(),
    shortNames: definition.shortNames ?? [],
    namespaced: definition.namespaced,
    fields,
    listStrategies: strategies,
    fieldSelectors: ['metadata.name', 'metadata.namespace'],
    unsupportedField: defaultUnsupported,
    fieldsOf: metaFields,
    prepare: definition.prepare ?? (() => undefined),
    problems: (object) => [...metaProblems(object, subdomainProblems), ...(definition.problems?.(object) ?? [])],
    updateProblems: definition.updateProblems ?? (() => []),
    columns: [NAME_COLUMN, ...(definition.columns ?? []), AGE_COLUMN],
    cells: (object) => [String(object.metadata.name), ...(definition.cells?.(object) ?? [])],
    served: {
      group,
      version,
      plural,
      categories: [],
      structure: builtinStructure(strategies),
      statusSubresource: definition.statusSubresource ?? false,
      strategicMerge: true,
      tracksGeneration: definition.statusSubresource ?? false,
      decode: (body) => {
        const { object, unknown } = decodeObject(body, kind, fields);
        return { object: { ...(object as KubeObject), apiVersion: `${group}/${version}` }, unknown };
      },
    },
  };
}

type Rule = { verbs?: string[]; resources?: string[]; apiGroups?: string[]; nonResourceURLs?: string[] };

function ruleProblems(object: KubeObject): FieldError[] {
  const rules = (object.rules as Rule[] | undefined) ?? [];
  return rules.flatMap((rule, index) => {
    const errors: FieldError[] = [];
    if (!rule.verbs?.length) errors.push(requiredValue(`rules[${index}].verbs`, 'verbs must contain at least one value'));
    if (rule.resources?.length && !rule.apiGroups?.length) errors.push(requiredValue(`rules[${index}].apiGroups`, 'resource rules must supply at least one api group'));
    return errors;
  });
}

function bindingProblems(object: KubeObject): FieldError[] {
  const roleRef = object.roleRef as { kind?: string; name?: string } | undefined;
  const errors: FieldError[] = [];
  if (!roleRef?.kind) errors.push(requiredValue('roleRef.kind'));
  if (!roleRef?.name) errors.push(requiredValue('roleRef.name'));
  return errors;
}

/** RoleBinding.roleRef cannot change: a binding to another role is a new binding. */
function roleRefUnchanged(old: KubeObject, next: KubeObject): FieldError[] {
  return JSON.stringify(old.roleRef) === JSON.stringify(next.roleRef) ? [] : [invalidValue('roleRef', next.roleRef, 'cannot change roleRef')];
}

const RBAC = 'rbac.authorization.k8s.io';
const rbac = (plural: string, kind: string, namespaced: boolean, extra: Partial<Definition>): ResourceType =>
  groupType({ group: RBAC, version: 'v1', plural, kind, namespaced, fields: {}, ...extra });

export const roles = rbac('roles', 'Role', true, { fields: { rules: POLICY_RULE }, problems: ruleProblems });
export const clusterroles = rbac('clusterroles', 'ClusterRole', false, {
  fields: { rules: POLICY_RULE, aggregationRule: { fields: { clusterRoleSelectors: { list: LABEL_SELECTOR } } } },
  problems: ruleProblems,
});
const bindingFields = { roleRef: ROLE_REF, subjects: SUBJECTS };
export const rolebindings = rbac('rolebindings', 'RoleBinding', true, { fields: bindingFields, problems: bindingProblems, updateProblems: roleRefUnchanged });
export const clusterrolebindings = rbac('clusterrolebindings', 'ClusterRoleBinding', false, { fields: bindingFields, problems: bindingProblems, updateProblems: roleRefUnchanged });

type DeploymentStatus = { replicas?: number; readyReplicas?: number; updatedReplicas?: number; availableReplicas?: number };
const deploymentStatus = (object: KubeObject): DeploymentStatus => (object.status as DeploymentStatus | undefined) ?? {};

export const deployments = groupType({
  group: 'apps',
  version: 'v1',
  plural: 'deployments',
  kind: 'Deployment',
  shortNames: ['deploy'],
  namespaced: true,
  fields: { spec: 'any', status: 'any' },
  strategies: { 'spec.template.spec.containers': { mergeKey: 'name' }, 'spec.template.spec.initContainers': { mergeKey: 'name' }, 'spec.template.spec.volumes': { mergeKey: 'name' } },
  statusSubresource: true,
  prepare: (object) => {
    const template = (object.spec as { template?: { spec?: PodSpec } } | undefined)?.template;
    if (template?.spec) defaultPodSpec(template.spec);
  },
  problems: (object) => ((object.spec as { selector?: unknown } | undefined)?.selector ? [] : [requiredValue('spec.selector')]),
  columns: ['Ready', 'Up-to-date', 'Available'].map((name) => ({ name, type: name === 'Ready' ? 'string' : 'integer', format: '', description: name })),
  cells: (object) => {
    const status = deploymentStatus(object);
    const replicas = (object.spec as { replicas?: number } | undefined)?.replicas ?? 1;
    return [`${status.readyReplicas ?? 0}/${replicas}`, status.updatedReplicas ?? 0, status.availableReplicas ?? 0];
  },
});

interface CrdNames {
  plural?: string;
  singular?: string;
  kind?: string;
  listKind?: string;
  shortNames?: string[];
  categories?: string[];
}
export interface CrdSpec {
  group?: string;
  names?: CrdNames;
  scope?: string;
  versions?: { name: string; served: boolean; storage: boolean; schema?: { openAPIV3Schema?: object }; subresources?: { status?: object }; additionalPrinterColumns?: { name: string; type: string; jsonPath: string; description?: string; priority?: number }[] }[];
}

function crdProblems(object: KubeObject): FieldError[] {
  const spec = (object.spec as CrdSpec | undefined) ?? {};
  const errors: FieldError[] = [];
  const expected = `${spec.names?.plural ?? ''}.${spec.group ?? ''}`;
  if (object.metadata.name !== expected) errors.push(invalidValue('metadata.name', object.metadata.name, 'must be spec.names.plural+"."+spec.group'));
  if (!spec.group) errors.push(requiredValue('spec.group'));
  if (!spec.names?.kind) errors.push(requiredValue('spec.names.kind'));
  for (const problem of labelNameProblems(spec.names?.plural ?? '')) errors.push(invalidValue('spec.names.plural', spec.names?.plural ?? '', problem));
  if (spec.scope !== 'Namespaced' && spec.scope !== 'Cluster') errors.push({ type: 'FieldValueNotSupported', field: 'spec.scope', body: `Unsupported value: ${JSON.stringify(spec.scope ?? '')}: supported values: "Cluster", "Namespaced"` });
  if ((spec.versions ?? []).filter((version) => version.storage).length !== 1) errors.push(invalidValue('spec.versions', null, 'must have exactly one version marked as storage version'));
  return errors;
}

/** The apiextensions controllers' answer: names accepted, the CRD established, its storage versions. */
function acceptCrd(object: KubeObject, old?: KubeObject): void {
  const spec = (object.spec as CrdSpec | undefined) ?? {};
  // The conditions were true from the start: an update keeps their transition time.
  const since = (old?.status as { conditions?: { lastTransitionTime?: string }[] } | undefined)?.conditions?.[0]?.lastTransitionTime;
  const now = since ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const condition = (type: string, reason: string, message: string) => ({ type, status: 'True', lastTransitionTime: now, reason, message });
  object.status = {
    acceptedNames: (spec.names ?? {}) as Json,
    conditions: [condition('NamesAccepted', 'NoConflicts', 'no conflicts found'), condition('Established', 'InitialNamesAccepted', 'the initial names have been accepted')],
    storedVersions: (spec.versions ?? []).filter((version) => version.storage).map((version) => version.name),
  };
}

export const customresourcedefinitions = groupType({
  group: 'apiextensions.k8s.io',
  version: 'v1',
  plural: 'customresourcedefinitions',
  kind: 'CustomResourceDefinition',
  shortNames: ['crd', 'crds'],
  namespaced: false,
  fields: { spec: 'any', status: 'any' },
  statusSubresource: true,
  problems: crdProblems,
  prepare: acceptCrd,
  columns: [{ name: 'Created At', type: 'date', format: '', description: 'Created At' }],
  cells: (object) => [String(object.metadata.creationTimestamp ?? '')],
});

export const GROUP_RESOURCES: ResourceType[] = [roles, rolebindings, clusterroles, clusterrolebindings, deployments, customresourcedefinitions];
