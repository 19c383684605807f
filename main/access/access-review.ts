import type { KubeApi } from '../kube/kube-api';
import type { ContextWork, NamespaceWork, SecretWork, ServiceAccountWork } from './plan-work';
import { writesAccount, writesSecret } from './plan-work';
import { referenceChange } from '../pull-secrets/service-account-references';
import { runPool } from '../kube/work-pool';

const SECRET_VERBS: Record<string, string> = { create: 'create', update: 'update', remove: 'delete' };
const ACCOUNT_VERB = 'patch';

interface Need {
  resource: 'secrets' | 'serviceaccounts';
  verb: string;
  namespaces: Set<string>;
}

function needs(work: ContextWork): Need[] {
  const byKey = new Map<string, Need>();
  const need = (resource: Need['resource'], verb: string, namespace: string) => {
    const key = `${resource}/${verb}`;
    const entry = byKey.get(key) ?? { resource, verb, namespaces: new Set<string>() };
    entry.namespaces.add(namespace);
    byKey.set(key, entry);
  };
  for (const namespace of work.namespaces) {
    for (const secret of namespace.secrets) if (writesSecret(secret)) need('secrets', SECRET_VERBS[secret.step.action]!, namespace.namespace);
    for (const account of namespace.serviceAccounts) if (writesAccount(account)) need('serviceaccounts', ACCOUNT_VERB, namespace.namespace);
  }
  return [...byKey.values()];
}

/** Namespaces where the verb is refused: one cluster-wide review, then one per namespace only if that said no. */
async function refused(api: KubeApi, need: Need, concurrency: number, signal?: AbortSignal): Promise<Set<string>> {
  if (await api.allowed({ verb: need.verb, resource: need.resource }, signal)) return new Set();
  const denied = new Set<string>();
  await runPool(
    [...need.namespaces],
    concurrency,
    async (namespace) => {
      if (!(await api.allowed({ verb: need.verb, resource: need.resource, namespace }, signal))) denied.add(namespace);
    },
    signal,
  );
  return denied;
}

function forbidSecret(work: SecretWork, verb: string): SecretWork {
  return { ...work, step: { name: work.step.name, action: 'forbidden', verb } };
}

function withoutReferences(account: ServiceAccountWork, registryId: string, dropped: string[]): ServiceAccountWork {
  const wanted = account.wanted.filter((name) => !dropped.includes(name));
  if (!account.existing) return { ...account, wanted, step: { ...account.step, references: wanted } };
  const change = referenceChange(account.existing, registryId, wanted);
  if (!change) return { ...account, wanted, step: { name: account.step.name, action: 'unchanged', references: wanted } };
  const action = change.added.length > 0 ? 'add' : 'remove';
  return { ...account, wanted, step: { name: account.step.name, action, references: action === 'add' ? change.added : change.removed } };
}

function applyRefusals(namespace: NamespaceWork, registryId: string, deniedSecretVerbs: Map<string, Set<string>>, accountsDenied: boolean): NamespaceWork {
  const dropped: string[] = [];
  const secrets = namespace.secrets.map((secret) => {
    const verb = SECRET_VERBS[secret.step.action];
    if (!verb || !deniedSecretVerbs.get(verb)?.has(namespace.namespace)) return secret;
    if (secret.step.action !== 'remove') dropped.push(secret.step.name);
    return forbidSecret(secret, verb);
  });
  const serviceAccounts = namespace.serviceAccounts.map((account) => {
    const adjusted = dropped.length > 0 ? withoutReferences(account, registryId, dropped) : account;
    return accountsDenied && writesAccount(adjusted) ? { ...adjusted, step: { ...adjusted.step, action: 'forbidden' as const, verb: ACCOUNT_VERB } } : adjusted;
  });
  return { namespace: namespace.namespace, secrets, serviceAccounts };
}

/**
 * Marks every step the context's user may not perform as forbidden (SelfSubjectAccessReview),
 * so preview says so and apply skips it; references to a secret that cannot be written are dropped.
 */
export async function reviewAccess(api: KubeApi, work: ContextWork, registryId: string, concurrency: number, signal?: AbortSignal): Promise<ContextWork> {
  const required = needs(work);
  if (required.length === 0) return work;
  const answers = await Promise.all(required.map(async (need) => ({ need, denied: await refused(api, need, concurrency, signal) })));
  if (answers.every(({ denied }) => denied.size === 0)) return work;
  const deniedSecretVerbs = new Map(answers.filter(({ need }) => need.resource === 'secrets').map(({ need, denied }) => [need.verb, denied]));
  const accountDenied = answers.find(({ need }) => need.resource === 'serviceaccounts')?.denied ?? new Set<string>();
  return {
    ...work,
    namespaces: work.namespaces.map((namespace) => applyRefusals(namespace, registryId, deniedSecretVerbs, accountDenied.has(namespace.namespace))),
  };
}
