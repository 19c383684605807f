import type { Plan } from '../../../shared/access-contract';

export interface Removal {
  context: string;
  namespace: string;
  /** A secret, or a reference from a ServiceAccount to a secret. */
  secret: string;
  serviceAccount?: string;
}

/** Everything the plan removes, in the order it is listed. */
export function removalsOf(plan: Plan): Removal[] {
  return plan.contexts.flatMap((context) =>
    context.namespaces.flatMap((namespace) => [
      ...namespace.secrets.filter((step) => step.action === 'remove').map((step) => ({ context: context.context, namespace: namespace.namespace, secret: step.name })),
      ...namespace.serviceAccounts
        .filter((step) => step.action === 'remove')
        .flatMap((step) => step.references.map((secret) => ({ context: context.context, namespace: namespace.namespace, secret, serviceAccount: step.name }))),
    ]),
  );
}
