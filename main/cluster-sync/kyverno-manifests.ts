import type { ServiceAccountSelection } from '../../shared/access-settings';
import type { LabelSelectorObject } from './engine-selection';
import type { Manifest } from './object-kinds';

const POLICIES = 'policies.kyverno.io/v1';
/** The label Kyverno's background controller aggregates its ClusterRole from. */
export const AGGREGATE_TO_BACKGROUND = 'rbac.kyverno.io/aggregate-to-background-controller';

export interface KyvernoNames {
  sourceNamespace: string;
  secretName: string;
  metadata: { labels: Record<string, string>; annotations: Record<string, string> };
}

export const generatingPolicyName = (secretName: string): string => `registry-desk-${secretName}`;
export const mutatingPolicyName = (secretName: string): string => `registry-desk-${secretName}-service-accounts`;

const cel = (text: string): string => JSON.stringify(text);

interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  resourceNames?: string[];
  verbs: string[];
}

/**
 * What Kyverno 1.19's background controller does with Secrets for a synchronized clone
 * (pkg/cel/libs/context.go GenerateResources; pkg/background/gpol/dynamic_watcher.go): it gets
 * the source and each copy by name, creates and updates copies (server-side apply is off, so no
 * patch), deletes copies whose namespace no longer matches, and lists and watches Secrets in all
 * namespaces to put back a copy someone changed. Only what takes a name is narrowed to it.
 */
function backgroundControllerRules(secretName: string): PolicyRule[] {
  return [
    { apiGroups: [''], resources: ['secrets'], verbs: ['create', 'list', 'watch'] },
    { apiGroups: [''], resources: ['secrets'], resourceNames: [secretName], verbs: ['get', 'update', 'delete'] },
  ];
}

/**
 * A GeneratingPolicy that clones the source into every selected namespace — existing ones
 * (generateExisting) and new ones — and keeps the copies in sync with it, plus the ClusterRole
 * that lets Kyverno's background controller write Secrets at all. It is cluster-wide because the
 * selected namespaces include ones created later and Kyverno watches Secrets across the cluster.
 */
export function kyvernoFanOut(names: KyvernoNames, selector: LabelSelectorObject): Manifest[] {
  const policy = generatingPolicyName(names.secretName);
  return [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: `${policy}-kyverno`, labels: { ...names.metadata.labels, [AGGREGATE_TO_BACKGROUND]: 'true' }, annotations: names.metadata.annotations },
      rules: backgroundControllerRules(names.secretName),
    },
    {
      apiVersion: POLICIES,
      kind: 'GeneratingPolicy',
      metadata: { name: policy, ...names.metadata },
      spec: {
        evaluation: { generateExisting: { enabled: true }, synchronize: { enabled: true } },
        matchConstraints: {
          resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['namespaces'] }],
          namespaceSelector: selector,
        },
        variables: [
          { name: 'targetNamespace', expression: 'object.metadata.name' },
          { name: 'source', expression: `resource.Get("v1", "secrets", ${cel(names.sourceNamespace)}, ${cel(names.secretName)})` },
        ],
        generate: [{ expression: 'generator.Apply(variables.targetNamespace, [variables.source])' }],
      },
    },
  ];
}

function accountCondition(accounts: ServiceAccountSelection): string | null {
  switch (accounts.kind) {
    case 'all':
      return null;
    case 'default':
      return 'object.metadata.name == "default"';
    case 'list':
      return `object.metadata.name in [${accounts.names.map(cel).join(', ')}]`;
    case 'none':
      return 'false';
  }
}

/**
 * A MutatingPolicy that adds the secret to `imagePullSecrets` of the selected ServiceAccounts as
 * they are created in the selected namespaces (existing ones keep the app's one-time patch).
 */
export function serviceAccountWiring(names: KyvernoNames, selector: LabelSelectorObject, accounts: ServiceAccountSelection): Manifest | null {
  const condition = accountCondition(accounts);
  if (condition === 'false') return null;
  const secret = cel(names.secretName);
  const add = `!has(object.imagePullSecrets) ? [JSONPatch{op: "add", path: "/imagePullSecrets", value: [Object.imagePullSecrets{name: ${secret}}]}] : object.imagePullSecrets.exists(s, s.name == ${secret}) ? [] : [JSONPatch{op: "add", path: "/imagePullSecrets/-", value: Object.imagePullSecrets{name: ${secret}}}]`;
  return {
    apiVersion: POLICIES,
    kind: 'MutatingPolicy',
    metadata: { name: mutatingPolicyName(names.secretName), ...names.metadata },
    spec: {
      matchConstraints: {
        resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['serviceaccounts'] }],
        namespaceSelector: selector,
      },
      ...(condition ? { matchConditions: [{ name: 'selected-service-accounts', expression: condition }] } : {}),
      mutations: [{ patchType: 'JSONPatch', jsonPatch: { expression: add } }],
    },
  };
}
