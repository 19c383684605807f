import type { ContextPlan, Plan } from '../../../shared/access-contract';

/** One object a removal takes out of a cluster, of any kind. */
export interface Removal {
  context: string;
  /** Empty for an object of the whole cluster, which lives in no namespace. */
  namespace: string;
  /** As Kubernetes spells it (Secret, ClusterSecretStore…): never translated. */
  kind: string;
  name: string;
  /** The secret a ServiceAccount stops naming: the account itself stays. Absent: the object is deleted. */
  dropsReference?: string;
}

/** Everything the plan removes, in the order it is listed. */
export function removalsOf(plan: Plan): Removal[] {
  return plan.contexts.flatMap((context) =>
    context.namespaces.flatMap((namespace) => [
      ...namespace.secrets.filter((step) => step.action === 'remove').map((step) => ({ context: context.context, namespace: namespace.namespace, kind: 'Secret', name: step.name })),
      ...namespace.serviceAccounts
        .filter((step) => step.action === 'remove')
        .flatMap((step) => step.references.map((secret) => ({ context: context.context, namespace: namespace.namespace, kind: 'ServiceAccount', name: step.name, dropsReference: secret }))),
    ]),
  );
}

/** A cluster the plan could not look into: whatever the app put there stays, and the table says why. */
export interface UncheckedCluster {
  context: string;
  error?: ContextPlan['error'];
}

const UNCHECKED = new Set(['unreachable', 'broken', 'forbidden']);

/** The clusters a removal cannot reach, in the plan's (the Clusters page's) order. */
export function uncheckedOf(plan: Plan): UncheckedCluster[] {
  return plan.contexts.filter((context) => UNCHECKED.has(context.state)).map((context) => ({ context: context.context, error: context.error }));
}

export interface NamespaceRemovals {
  namespace: string;
  removals: Removal[];
}

export interface ClusterRemovals {
  context: string;
  /** Every removal in the cluster, including those past the listed ones. */
  count: number;
  namespaces: (NamespaceRemovals & { count: number })[];
}

/** Removals grouped cluster → namespace, in the order given; only the first `listed` are kept as rows, every one is counted. */
export function groupRemovals(removals: Removal[], listed: number): ClusterRemovals[] {
  const clusters = new Map<string, { count: number; namespaces: Map<string, { count: number; removals: Removal[] }> }>();
  removals.forEach((removal, index) => {
    const cluster = clusters.get(removal.context) ?? { count: 0, namespaces: new Map() };
    clusters.set(removal.context, cluster);
    const namespace = cluster.namespaces.get(removal.namespace) ?? { count: 0, removals: [] };
    cluster.namespaces.set(removal.namespace, namespace);
    cluster.count += 1;
    namespace.count += 1;
    if (index < listed) namespace.removals.push(removal);
  });
  return [...clusters].map(([context, cluster]) => ({
    context,
    count: cluster.count,
    namespaces: [...cluster.namespaces].map(([namespace, entry]) => ({ namespace, count: entry.count, removals: entry.removals })),
  }));
}
