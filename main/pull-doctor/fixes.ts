import type { FailingContainer, Fix } from '../../shared/pull-doctor-contract';
import type { RegistryRecord } from '../../shared/schemas';
import { dockerServerKey, MANAGED_BY_LABEL, MANAGED_BY_VALUE, REGISTRY_KEY } from '../pull-secrets/pull-secret';
import type { ClusterReads } from './cluster-reads';
import type { DiagnosisFacts } from './diagnosis';
import { lookupEntries } from '../pull-secrets/kubelet-keyring';

/** Verdicts the right credentials in the namespace would cure. */
const CREDENTIAL_VERDICTS = new Set(['noEntry', 'noSecrets', 'missingSecret', 'wrongType', 'wrongPassword', 'denied', 'serviceAccountAfter']);

/** The saved registry whose pull secret kubelet would use for this image: the same lookup, on the registry's key. */
export function servingRegistry(registries: RegistryRecord[], imageName: string): RegistryRecord | null {
  return registries.find((record) => {
    const key = dockerServerKey(record.url);
    return lookupEntries(imageName, [{ secret: record.id, state: 'usable', entries: [{ secret: record.id, key, username: '', password: '' }] }]).length > 0;
  }) ?? null;
}

const shellQuote = (text: string): string => (/^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`);

/** `kubectl rollout restart` for the pods' controllers (a ReplicaSet's Deployment), `delete pod` for bare pods. */
export function restartCommand(context: string, namespace: string, containers: FailingContainer[]): string {
  const where = `-n ${shellQuote(namespace)} --context ${shellQuote(context)}`;
  const targets = new Set<string>();
  const bare = new Set<string>();
  for (const { owner, pod } of containers) {
    if (owner?.kind === 'ReplicaSet') targets.add(`deployment/${owner.name.replace(/-[a-z0-9]{5,10}$/, '')}`);
    else if (owner && ['StatefulSet', 'DaemonSet', 'Deployment'].includes(owner.kind)) targets.add(`${owner.kind.toLowerCase()}/${owner.name}`);
    else bare.add(pod);
  }
  const commands = [...targets].map((target) => `kubectl rollout restart ${shellQuote(target)} ${where}`);
  if (bare.size > 0) commands.push(`kubectl delete pod ${[...bare].map(shellQuote).join(' ')} ${where}`);
  return commands.join('\n');
}

function accountPatch(context: string, namespace: string, account: string, secret: string): string {
  const patch = JSON.stringify([{ op: 'add', path: '/imagePullSecrets/-', value: { name: secret } }]);
  return `kubectl patch serviceaccount ${shellQuote(account)} -n ${shellQuote(namespace)} --context ${shellQuote(context)} --type=json -p ${shellQuote(patch)}`;
}

/** The app's own secret of the registry in the namespace, when the ServiceAccount does not list it yet. */
async function unreferencedAppSecret(facts: DiagnosisFacts, reads: ClusterReads, registry: RegistryRecord): Promise<string | null> {
  const { namespace } = facts.subject;
  const secrets = await reads.registrySecrets(namespace, registry.id);
  const account = await reads.serviceAccount(namespace, facts.subject.serviceAccount);
  if (secrets.state !== 'found' || account.state !== 'found') return null;
  const listed = new Set((account.value.imagePullSecrets ?? []).map((reference) => reference.name));
  return secrets.value.find((secret) => !listed.has(secret.metadata.name))?.metadata.name ?? null;
}

function ecrRenewal(facts: DiagnosisFacts, registries: RegistryRecord[]): Fix | null {
  const expired = facts.expiry.expired && facts.objects.get(facts.expiry.expired.secret);
  const labels = expired ? (expired.metadata.labels ?? {}) : {};
  if (labels[MANAGED_BY_LABEL] !== MANAGED_BY_VALUE) return null;
  const record = registries.find((candidate) => candidate.id === labels[REGISTRY_KEY] && candidate.type === 'ecr');
  return record ? { kind: 'renew-ecr', registryId: record.id, registryName: record.name } : null;
}

/**
 * What the app can do about the verdict: renew the ECR secret, inject the registry into the
 * namespace, add its secret to the ServiceAccount; and the restart the operator must run when
 * pods need a new imagePullSecrets list (kubelet reads a secret's content at every pull).
 */
export async function fixesFor(facts: DiagnosisFacts, registries: RegistryRecord[], reads: ClusterReads): Promise<Fix[]> {
  const { subject } = facts;
  const code = facts.verdict.code.replace('doctor.verdict.', '');
  const fixes: Fix[] = [];
  const renewal = code === 'ecrExpired' ? ecrRenewal(facts, registries) : null;
  if (renewal) fixes.push(renewal);
  const registry = facts.image && CREDENTIAL_VERDICTS.has(code) && code !== 'serviceAccountAfter' ? servingRegistry(registries, facts.image.name) : null;
  const podsListNone = subject.pullSecrets !== null && subject.pullSecrets.length === 0;
  if (registry) {
    const { context, namespace, serviceAccount } = subject;
    fixes.push({ kind: 'inject', registryId: registry.id, registryName: registry.name, context, namespace, serviceAccount, pullSecrets: subject.pullSecrets ?? [] });
    const secret = podsListNone ? await unreferencedAppSecret(facts, reads, registry) : null;
    if (secret && (await reads.mayPatchAccount(namespace))) fixes.push({ kind: 'add-to-service-account', registryId: registry.id, context, namespace, serviceAccount, secret });
    else if (secret) fixes.push({ kind: 'command', purpose: 'patch-service-account', command: accountPatch(context, namespace, serviceAccount, secret) });
  }
  const newList = code === 'serviceAccountAfter' || (registry !== null && podsListNone);
  if (newList && subject.containers.length > 0) fixes.push({ kind: 'command', purpose: 'restart', command: restartCommand(subject.context, subject.namespace, subject.containers) });
  return fixes;
}
