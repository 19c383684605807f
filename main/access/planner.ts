import type { SecretReason } from '../../shared/access-contract';
import type { CredentialChoice, TargetScope } from '../../shared/access-settings';
import type { ClusterSnapshot, NamespaceInfo } from './cluster-snapshot';
import type { ContextWork, NamespaceWork, SecretWork, ServiceAccountWork } from './plan-work';
import { pullSecret, type PullSecretLogin, type SecretObject } from '../pull-secrets/pull-secret';
import { expiresAtOf, freshEcrToken, ownership, sameContent, sameLogin, unusableReason } from './secret-inspection';
import { referenceChange, referencesKey, type ServiceAccountObject } from '../pull-secrets/service-account-references';
import { secretNamesOf } from '../plans/targets';

export interface DesiredAccess {
  registryId: string;
  credential: CredentialChoice;
  /** The registry's `auths` key, to check the operator's own secrets against. */
  serverKey: string;
  /** What the app's secrets are made from; null when only removals are planned. */
  login: PullSecretLogin | null;
  now: Date;
  /** ECR: a token with less life left than this is renewed (half its 12 hours when planning; 0 for status). */
  renewBeforeMs: number;
  /** `namespace/name` of conflicting secrets the operator chose to take over in this context. */
  adopt: ReadonlySet<string>;
  /** An engine in the cluster writes the secrets here ("Keep in sync in the cluster"): only ServiceAccounts are the app's. */
  secretsInCluster?: boolean;
}

function groupByNamespace<T extends { metadata: { namespace?: string } }>(objects: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const object of objects) {
    const namespace = object.metadata.namespace ?? '';
    const group = groups.get(namespace);
    if (group) group.push(object);
    else groups.set(namespace, [object]);
  }
  return groups;
}

function targetNamespaces(scope: TargetScope, namespaces: NamespaceInfo[]): { targets: string[]; missing: string[] } {
  const live = namespaces.filter((namespace) => !namespace.terminating).map((namespace) => namespace.name);
  switch (scope.namespaces.kind) {
    case 'all': {
      const excluded = new Set(scope.namespaces.excluded);
      return { targets: live.filter((name) => !excluded.has(name)), missing: [] };
    }
    case 'selector':
      return { targets: live, missing: [] };
    case 'list': {
      const existing = new Set(namespaces.map((namespace) => namespace.name));
      const liveSet = new Set(live);
      return {
        targets: scope.namespaces.names.filter((name) => liveSet.has(name)),
        missing: scope.namespaces.names.filter((name) => !existing.has(name)),
      };
    }
  }
}

function ownSecretStep(name: string, existing: SecretObject, desired: SecretObject, access: DesiredAccess): SecretWork {
  const expiresAt = expiresAtOf(existing);
  const expiry = expiresAt ? { expiresAt } : {};
  const fresh = access.login?.expiresAt
    ? freshEcrToken(existing, desired, access.now, access.renewBeforeMs)
    : sameContent(existing, desired);
  if (fresh) return { step: { name, action: 'unchanged', ...expiry }, existing };
  const reason: SecretReason = access.login?.expiresAt && sameLogin(existing, desired) ? 'expiring' : 'content';
  return { step: { name, action: 'update', reason, ...expiry }, existing, desired };
}

function secretStep(namespace: string, name: string, existing: SecretObject | undefined, access: DesiredAccess): SecretWork {
  const desired = access.login ? pullSecret(name, namespace, access.login) : undefined;
  const { credential } = access;
  const specified = credential.type === 'image-pull-secret';
  if (!existing) {
    if (credential.type === 'image-pull-secret' && !credential.createMissing) return { step: { name, action: 'missing' } };
    return { step: { name, action: 'create' }, desired };
  }
  const owner = ownership(existing, access.registryId);
  if (owner === 'ours') return desired ? ownSecretStep(name, existing, desired, access) : { step: { name, action: 'unchanged' }, existing };
  const adopted = access.adopt.has(`${namespace}/${name}`) && desired;
  if (specified && owner === 'foreign') {
    const unusable = unusableReason(existing, access.serverKey);
    if (!unusable) return { step: { name, action: 'unchanged' }, existing };
    return adopted ? { step: { name, action: 'update', reason: 'adopt' }, existing, desired } : { step: { name, action: 'unusable', reason: unusable }, existing };
  }
  if (adopted) return { step: { name, action: 'update', reason: 'adopt' }, existing, desired };
  return { step: { name, action: 'conflict', reason: owner === 'other-registry' ? 'other-registry' : 'foreign' }, existing };
}

function selectedAccounts(scope: TargetScope | null, accounts: ServiceAccountObject[]): Set<string> {
  switch (scope?.serviceAccounts.kind) {
    case undefined:
    case 'none':
      return new Set();
    case 'default':
      return new Set(['default']);
    case 'list':
      return new Set(scope.serviceAccounts.names);
    case 'all':
      return new Set(accounts.map((account) => account.metadata.name));
  }
}

function accountSteps(registryId: string, selected: Set<string>, accounts: ServiceAccountObject[], wanted: string[]): ServiceAccountWork[] {
  const byName = new Map(accounts.map((account) => [account.metadata.name, account]));
  const marked = accounts.filter((account) => account.metadata.labels?.[referencesKey(registryId)] !== undefined).map((account) => account.metadata.name);
  const names = [...new Set([...selected, ...marked])].sort();
  return names.flatMap((name): ServiceAccountWork[] => {
    const existing = byName.get(name);
    const want = selected.has(name) ? wanted : [];
    if (!existing) return want.length > 0 ? [{ step: { name, action: 'missing', references: want }, wanted: want }] : [];
    const change = referenceChange(existing, registryId, want);
    if (!change) return selected.has(name) ? [{ step: { name, action: 'unchanged', references: want }, existing, wanted: want }] : [];
    const action = change.added.length > 0 ? 'add' : 'remove';
    return [{ step: { name, action, references: action === 'add' ? change.added : change.removed }, existing, wanted: want }];
  });
}

const REFERENCABLE = new Set(['create', 'update', 'unchanged']);

interface NamespaceInput {
  namespace: string;
  targeted: boolean;
  secrets: SecretObject[];
  accounts: ServiceAccountObject[];
}

function planNamespace(input: NamespaceInput, scope: TargetScope | null, access: DesiredAccess): NamespaceWork | null {
  const { namespace, targeted } = input;
  const wantedNames = targeted ? secretNamesOf(access.credential) : [];
  if (access.secretsInCluster) {
    const selected = targeted ? selectedAccounts(scope, input.accounts) : new Set<string>();
    const serviceAccounts = accountSteps(access.registryId, selected, input.accounts, wantedNames);
    return serviceAccounts.length === 0 ? null : { namespace, secrets: [], serviceAccounts };
  }
  const byName = new Map(input.secrets.map((secret) => [secret.metadata.name, secret]));
  const secrets = wantedNames.map((name) => secretStep(namespace, name, byName.get(name), access));
  for (const secret of input.secrets) {
    if (wantedNames.includes(secret.metadata.name) || ownership(secret, access.registryId) !== 'ours') continue;
    secrets.push({ step: { name: secret.metadata.name, action: 'remove', reason: targeted ? 'renamed' : 'deselected' }, existing: secret });
  }
  const references = secrets.filter((work) => REFERENCABLE.has(work.step.action) && wantedNames.includes(work.step.name)).map((work) => work.step.name);
  const selected = targeted ? selectedAccounts(scope, input.accounts) : new Set<string>();
  const serviceAccounts = accountSteps(access.registryId, selected, input.accounts, references);
  if (!targeted && secrets.length === 0 && serviceAccounts.length === 0) return null;
  return { namespace, secrets, serviceAccounts };
}

/**
 * Pure: what to do in one context so that it holds exactly what the settings ask for this
 * registry — and nothing of the app's anywhere else. `scope` null means the context is not targeted.
 */
export function planContext(context: string, scope: TargetScope | null, snapshot: ClusterSnapshot, access: DesiredAccess): ContextWork {
  const secretsByNamespace = groupByNamespace(snapshot.secrets);
  const accountsByNamespace = groupByNamespace(snapshot.serviceAccounts);
  const { targets, missing } = scope && snapshot.namespaces ? targetNamespaces(scope, snapshot.namespaces) : { targets: [], missing: [] };
  const terminating = new Set((snapshot.namespaces ?? []).filter((namespace) => namespace.terminating).map((namespace) => namespace.name));
  const targetSet = new Set(targets);
  const leftovers = [...new Set([...secretsByNamespace.keys(), ...accountsByNamespace.keys()])].filter(
    (namespace) => !targetSet.has(namespace) && !terminating.has(namespace),
  );
  const namespaces = [...targets.map((namespace) => ({ namespace, targeted: true })), ...leftovers.map((namespace) => ({ namespace, targeted: false }))]
    .sort((a, b) => (a.namespace < b.namespace ? -1 : a.namespace > b.namespace ? 1 : 0))
    .flatMap(({ namespace, targeted }) => {
      const input = { namespace, targeted, secrets: secretsByNamespace.get(namespace) ?? [], accounts: accountsByNamespace.get(namespace) ?? [] };
      return planNamespace(input, scope, access) ?? [];
    });
  const absent = (access.secretsInCluster ? [] : missing).map((namespace) => ({
    namespace,
    secrets: secretNamesOf(access.credential).map((name) => ({ step: { name, action: 'namespace-missing' as const } })),
    serviceAccounts: [],
  }));
  return { context, state: scope ? 'targeted' : 'not-targeted', namespaces: [...namespaces, ...absent] };
}
