import { describe, expect, it } from 'vitest';
import type { TargetScope } from '../../shared/access-settings';
import type { ClusterSnapshot } from '../../main/access/cluster-snapshot';
import { publicContextPlan } from '../../main/access/plan-work';
import { planContext, type DesiredAccess } from '../../main/access/planner';
import { ECR_TOKEN_LIFETIME_MS } from '../../main/registry-credentials/registry-login';
import { pullSecret, type PullSecretLogin, type SecretObject } from '../../main/pull-secrets/pull-secret';
import { referencesKey, type ServiceAccountObject } from '../../main/pull-secrets/service-account-references';
import { contextTargets } from '../../main/plans/targets';

const ID = 'reg_00000000000000aa';
const OTHER = 'reg_00000000000000bb';
const NOW = new Date('2030-01-01T00:00:00Z');
const LOGIN: PullSecretLogin = { registryId: ID, type: 'docker', server: 'docker.io', username: 'octo', password: 'token-1' };

const scope = (namespaces: TargetScope['namespaces'], serviceAccounts: TargetScope['serviceAccounts'] = { kind: 'default' }): TargetScope => ({ namespaces, serviceAccounts });
const ALL = scope({ kind: 'all', excluded: ['kube-system'] });

function access(overrides: Partial<DesiredAccess> = {}): DesiredAccess {
  return {
    registryId: ID,
    credential: { type: 'registry-credentials', secretName: 'hub' },
    serverKey: 'https://index.docker.io/v1/',
    login: LOGIN,
    now: NOW,
    renewBeforeMs: ECR_TOKEN_LIFETIME_MS / 2,
    adopt: new Set(),
    ...overrides,
  };
}

const namespace = (name: string, terminating = false) => ({ name, labels: {}, terminating });
/** `ours`: the references the app added (true: all of them). */
function defaultAccount(ns: string, references: string[] = [], ours: boolean | string[] = false): ServiceAccountObject {
  const added = ours === true ? references : ours === false ? [] : ours;
  const marks = added.length > 0 ? { labels: { [referencesKey(ID)]: 'added' }, annotations: { [referencesKey(ID)]: added.join(',') } } : {};
  return { metadata: { name: 'default', namespace: ns, resourceVersion: '7', ...marks }, imagePullSecrets: references.map((name) => ({ name })) };
}

function snapshot(parts: Partial<ClusterSnapshot>): ClusterSnapshot {
  return { namespaces: [], secrets: [], serviceAccounts: [], ...parts };
}

function steps(snap: ClusterSnapshot, target: TargetScope | null, desired = access()) {
  const plan = publicContextPlan(planContext('kind', target, snap, desired));
  return Object.fromEntries(plan.namespaces.map((ns) => [ns.namespace, { secrets: ns.secrets, accounts: ns.serviceAccounts }]));
}

describe('planner', () => {
  it('creates the secret and references it from default in every namespace but the excluded and terminating ones', () => {
    const plan = steps(
      snapshot({
        namespaces: [namespace('apps'), namespace('kube-system'), namespace('going', true)],
        serviceAccounts: [defaultAccount('apps', ['corp']), defaultAccount('kube-system')],
      }),
      ALL,
    );
    expect(Object.keys(plan)).toEqual(['apps']);
    expect(plan.apps).toEqual({
      secrets: [{ name: 'hub', action: 'create' }],
      accounts: [{ name: 'default', action: 'add', references: ['hub'] }],
    });
  });

  it('leaves an identical secret alone, updates a changed one, and waits for a missing default ServiceAccount', () => {
    const same = pullSecret('hub', 'same', LOGIN);
    const changed = pullSecret('hub', 'changed', { ...LOGIN, password: 'old-token' });
    const plan = steps(
      snapshot({ namespaces: [namespace('same'), namespace('changed'), namespace('fresh')], secrets: [same, changed], serviceAccounts: [defaultAccount('same', ['hub'], true), defaultAccount('changed', ['hub'], true)] }),
      ALL,
    );
    expect(plan.same).toEqual({ secrets: [{ name: 'hub', action: 'unchanged' }], accounts: [{ name: 'default', action: 'unchanged', references: ['hub'] }] });
    expect(plan.changed?.secrets).toEqual([{ name: 'hub', action: 'update', reason: 'content' }]);
    expect(plan.fresh?.accounts).toEqual([{ name: 'default', action: 'missing', references: ['hub'] }]);
  });

  it('never plans to touch a secret it does not own, unless the operator adopts it', () => {
    const foreign: SecretObject = { metadata: { name: 'hub', namespace: 'a' }, type: 'Opaque', data: {} };
    const otherRegistry = { ...pullSecret('hub', 'b', { ...LOGIN, registryId: OTHER }) };
    const adopted: SecretObject = { metadata: { name: 'hub', namespace: 'c', resourceVersion: '3' }, type: 'kubernetes.io/dockerconfigjson', data: {} };
    const plan = steps(
      snapshot({ namespaces: [namespace('a'), namespace('b'), namespace('c')], secrets: [foreign, otherRegistry, adopted], serviceAccounts: [defaultAccount('a'), defaultAccount('c')] }),
      ALL,
      access({ adopt: new Set(['c/hub']) }),
    );
    expect(plan.a).toEqual({ secrets: [{ name: 'hub', action: 'conflict', reason: 'foreign' }], accounts: [{ name: 'default', action: 'unchanged', references: [] }] });
    expect(plan.b?.secrets).toEqual([{ name: 'hub', action: 'conflict', reason: 'other-registry' }]);
    expect(plan.c).toEqual({ secrets: [{ name: 'hub', action: 'update', reason: 'adopt' }], accounts: [{ name: 'default', action: 'add', references: ['hub'] }] });
  });

  it('removes the app’s secret and references where they are no longer wanted, and after a rename', () => {
    const plan = steps(
      snapshot({
        namespaces: [namespace('kept'), namespace('dropped')],
        secrets: [pullSecret('old-name', 'kept', LOGIN), pullSecret('hub', 'dropped', LOGIN)],
        serviceAccounts: [defaultAccount('kept', ['old-name'], true), defaultAccount('dropped', ['corp', 'hub'], ['hub'])],
      }),
      scope({ kind: 'list', names: ['kept', 'gone'] }),
    );
    expect(plan.kept).toEqual({
      secrets: [
        { name: 'hub', action: 'create' },
        { name: 'old-name', action: 'remove', reason: 'renamed' },
      ],
      accounts: [{ name: 'default', action: 'add', references: ['hub'] }],
    });
    expect(plan.dropped).toEqual({
      secrets: [{ name: 'hub', action: 'remove', reason: 'deselected' }],
      accounts: [{ name: 'default', action: 'remove', references: ['hub'] }],
    });
    expect(plan.gone?.secrets).toEqual([{ name: 'hub', action: 'namespace-missing' }]);
  });

  it('a context that is not targeted gets only removals', () => {
    const plan = steps(snapshot({ namespaces: null, secrets: [pullSecret('hub', 'apps', LOGIN)], serviceAccounts: [defaultAccount('apps', ['hub'], true)] }), null, access({ login: null }));
    expect(plan).toEqual({
      apps: { secrets: [{ name: 'hub', action: 'remove', reason: 'deselected' }], accounts: [{ name: 'default', action: 'remove', references: ['hub'] }] },
    });
  });

  it('"Specify image pull secret" checks the operator’s secrets and creates missing ones only when asked', () => {
    const usable = { ...pullSecret('regcred', 'ok', LOGIN), metadata: { name: 'regcred', namespace: 'ok' } };
    const wrongType: SecretObject = { metadata: { name: 'regcred', namespace: 'opaque' }, type: 'Opaque', data: { token: 'eA==' } };
    const otherServer = { ...pullSecret('regcred', 'elsewhere', { ...LOGIN, server: 'quay.io' }), metadata: { name: 'regcred', namespace: 'elsewhere' } };
    const snap = snapshot({
      namespaces: ['ok', 'opaque', 'elsewhere', 'absent'].map((name) => namespace(name)),
      secrets: [usable, wrongType, otherServer],
      serviceAccounts: ['ok', 'opaque', 'elsewhere', 'absent'].map((name) => defaultAccount(name)),
    });
    const credential = { type: 'image-pull-secret' as const, secretNames: ['regcred'], createMissing: false };
    const plan = steps(snap, ALL, access({ credential }));
    expect(plan.ok).toEqual({ secrets: [{ name: 'regcred', action: 'unchanged' }], accounts: [{ name: 'default', action: 'add', references: ['regcred'] }] });
    expect(plan.opaque?.secrets).toEqual([{ name: 'regcred', action: 'unusable', reason: 'wrong-type' }]);
    expect(plan.elsewhere?.secrets).toEqual([{ name: 'regcred', action: 'unusable', reason: 'no-entry' }]);
    expect(plan.absent?.secrets).toEqual([{ name: 'regcred', action: 'missing' }]);
    const creating = steps(snap, ALL, access({ credential: { ...credential, createMissing: true } }));
    expect(creating.absent?.secrets).toEqual([{ name: 'regcred', action: 'create' }]);
  });

  it('ECR: a token with more than half its life left is up to date; an older one is renewed', () => {
    const ecr = (expiresAt: string, password: string): PullSecretLogin => ({ registryId: ID, type: 'ecr', server: 'https://123456789012.dkr.ecr.eu-west-1.amazonaws.com', username: 'AWS', password, expiresAt });
    const hours = (n: number) => new Date(NOW.getTime() + n * 3_600_000).toISOString();
    const snap = snapshot({
      namespaces: [namespace('young'), namespace('old')],
      secrets: [pullSecret('hub', 'young', ecr(hours(7), 'a')), pullSecret('hub', 'old', ecr(hours(5), 'b'))],
      serviceAccounts: [defaultAccount('young', ['hub'], true), defaultAccount('old', ['hub'], true)],
    });
    const plan = steps(snap, ALL, access({ login: ecr(hours(12), 'minted-now') }));
    expect(plan.young?.secrets).toEqual([{ name: 'hub', action: 'unchanged', expiresAt: hours(7) }]);
    expect(plan.old?.secrets).toEqual([{ name: 'hub', action: 'update', reason: 'expiring', expiresAt: hours(5) }]);
  });

  it('the selected ServiceAccounts get the reference; others lose only what the app added', () => {
    const ci: ServiceAccountObject = { metadata: { name: 'ci', namespace: 'apps', resourceVersion: '2' } };
    const plan = steps(
      snapshot({ namespaces: [namespace('apps')], secrets: [pullSecret('hub', 'apps', LOGIN)], serviceAccounts: [defaultAccount('apps', ['hub'], true), ci] }),
      scope({ kind: 'all', excluded: [] }, { kind: 'list', names: ['ci'] }),
    );
    expect(plan.apps?.accounts).toEqual([
      { name: 'ci', action: 'add', references: ['hub'] },
      { name: 'default', action: 'remove', references: ['hub'] },
    ]);
  });
});

describe('targets', () => {
  const settings = (mode: 'inject-selected' | 'skip-selected', allClusters: boolean, contexts: string[]) => ({
    mode,
    allClusters,
    contexts,
    scope: ALL,
    contextScopes: { b: scope({ kind: 'list', names: ['x'] }) },
    credential: { type: 'registry-credentials' as const, secretName: 'hub' },
  });
  const targeted = (map: Map<string, TargetScope | null>) => [...map].filter(([, value]) => value !== null).map(([key]) => key);

  it('injects into the selected contexts, or into all the others', () => {
    expect(targeted(contextTargets(settings('inject-selected', false, ['a', 'gone']), ['a', 'b', 'c']))).toEqual(['a']);
    expect(targeted(contextTargets(settings('skip-selected', false, ['a']), ['a', 'b', 'c']))).toEqual(['b', 'c']);
    expect(targeted(contextTargets(settings('inject-selected', true, []), ['a', 'b']))).toEqual(['a', 'b']);
    expect(targeted(contextTargets(settings('skip-selected', true, []), ['a', 'b']))).toEqual([]);
    expect(targeted(contextTargets(null, ['a']))).toEqual([]);
  });

  it('a context may have its own namespaces', () => {
    const map = contextTargets(settings('inject-selected', true, []), ['a', 'b']);
    expect(map.get('a')).toEqual(ALL);
    expect(map.get('b')?.namespaces).toEqual({ kind: 'list', names: ['x'] });
  });
});
