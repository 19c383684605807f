import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplyResult } from '../../shared/access-contract';
import { defaultAccessSettings, type AccessSettings } from '../../shared/access-settings';
import { startKubeApiServer, type KubeApiServer } from '../kube-api-server';
import { apply, errorOf, kubeconfigFor, planFor, preview, valueOf, writesIn } from '../support/access-flow';
import { createAccessFixture, type AccessFixture } from '../support/access-services';
import { METADATA_LIST_ACCEPT } from '../../main/kube/kube-api';
import { selectorForReferences } from '../../main/pull-secrets/service-account-references';

// Preview and apply against the Kubernetes API test server, through the real IPC registration,
// with the credentials in the real keychain.

const SECRET = 'hub-pull-secret';
const password = `dckr_pat_${randomBytes(16).toString('hex')}`;

interface Secret {
  type: string;
  metadata: { resourceVersion: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  data: Record<string, string>;
}
interface Account {
  metadata: { resourceVersion: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  imagePullSecrets?: { name: string }[];
}

const foreignSecret = {
  metadata: { name: SECRET, labels: { team: 'payments' } },
  type: 'Opaque',
  data: { token: Buffer.from('theirs').toString('base64') },
};

function settingsFor(registryId: string, overrides: Partial<AccessSettings> = {}): AccessSettings {
  return { ...defaultAccessSettings('Hub', registryId), contexts: ['lab'], credential: { type: 'registry-credentials', secretName: SECRET }, ...overrides };
}

const outcomes = (result: ApplyResult, namespace: string) =>
  result.contexts[0]!.namespaces.find((entry) => entry.namespace === namespace);

describe('apply: ServiceAccounts, foreign secrets, removal', () => {
  let server: KubeApiServer;
  let fixture: AccessFixture;
  let registryId: string;
  const namespaces = ['alpha', 'beta', 'gamma', 'taken'];

  beforeAll(async () => {
    server = await startKubeApiServer({ recordRequests: true });
    for (const name of namespaces) server.seed.namespace(name);
    server.seed.secret('taken', foreignSecret);
    fixture = createAccessFixture({ keychainService: `registry-desk-test-${randomBytes(4).toString('hex')}`, kubeconfigPaths: [kubeconfigFor([{ name: 'lab', server }])] });
    registryId = (await fixture.services.registries.create({ type: 'docker', name: 'Hub', url: 'docker.io', username: 'octo', password })).id;
    // The operator's own references, set the way kubectl patch would.
    const api = await fixture.services.clusters.api('lab');
    for (const name of namespaces) {
      await api.mergePatch(`/api/v1/namespaces/${name}/serviceaccounts/default`, { imagePullSecrets: [{ name: 'corp-registry' }] });
    }
  });

  afterAll(async () => {
    await fixture?.close();
    await server?.stop();
  });

  it('keeps pre-existing imagePullSecrets, survives injected conflicts, and never touches the foreign secret', async () => {
    const plan = await preview(fixture, registryId, settingsFor(registryId, { scope: { namespaces: { kind: 'list', names: namespaces }, serviceAccounts: { kind: 'default' } } }));
    expect(planFor(plan, 'lab', 'taken')).toEqual({
      namespace: 'taken',
      secrets: [{ name: SECRET, action: 'conflict', reason: 'foreign' }],
      serviceAccounts: [{ name: 'default', action: 'unchanged', references: [] }],
    });
    const foreignBefore = server.read('secrets', 'taken', SECRET) as Secret;
    server.setFaults({ conflictRate: 0.6 });
    const result = await apply(fixture, plan);
    server.setFaults({});
    expect(result.counts).toMatchObject({ done: 6, failed: 0, skipped: 1 });
    for (const name of ['alpha', 'beta', 'gamma']) {
      expect((server.read('serviceaccounts', name, 'default') as Account).imagePullSecrets).toEqual([{ name: 'corp-registry' }, { name: SECRET }]);
    }
    expect(outcomes(result, 'taken')?.secrets[0]).toMatchObject({ outcome: 'skipped', error: { code: 'access.conflict' } });
    expect(server.read('secrets', 'taken', SECRET)).toEqual(foreignBefore);
    expect((server.read('serviceaccounts', 'taken', 'default') as Account).imagePullSecrets).toEqual([{ name: 'corp-registry' }]);
  });

  it('re-applying the unchanged settings makes no writes and only a few list requests', async () => {
    server.resetCounters();
    const plan = await preview(fixture, registryId);
    expect(plan.writes).toBe(0);
    await apply(fixture, plan);
    const { byVerb, total } = server.counters();
    expect(writesIn(server)).toBe(0);
    expect(byVerb.list).toBeLessThanOrEqual(5);
    expect(total).toBe(byVerb.list);
  });

  it('status reads namespaces metadata-only and no secret or ServiceAccount twice: label lists leave out the names listed one by one', async () => {
    server.resetRequests();
    const status = valueOf(await fixture.ipc.invoke('access:status', { registryId }));
    expect(status.counts).toMatchObject({ 'in-sync': 3, conflict: 1 });
    const lists = server.requests().map(({ method, url, accept }) => ({ method, url: decodeURIComponent(url), accept }));
    const plain = 'application/json';
    expect(lists.sort((a, b) => (a.url < b.url ? -1 : 1))).toEqual([
      { method: 'GET', url: '/api/v1/namespaces?limit=10000', accept: METADATA_LIST_ACCEPT },
      { method: 'GET', url: `/api/v1/secrets?fieldSelector=metadata.name=${SECRET}&limit=10000`, accept: plain },
      { method: 'GET', url: `/api/v1/secrets?labelSelector=app.kubernetes.io/managed-by=registry-desk,registry-desk.io/registry=${registryId}&fieldSelector=metadata.name!=${SECRET}&limit=10000`, accept: plain },
      { method: 'GET', url: '/api/v1/serviceaccounts?fieldSelector=metadata.name=default&limit=10000', accept: plain },
      { method: 'GET', url: `/api/v1/serviceaccounts?labelSelector=${selectorForReferences(registryId)}&fieldSelector=metadata.name!=default&limit=10000`, accept: plain },
    ]);
  });

  it('adopts the conflicting secret only when asked, and it is the app’s from then on', async () => {
    const plan = await preview(fixture, registryId, undefined, [{ context: 'lab', namespace: 'taken', secretName: SECRET }]);
    expect(planFor(plan, 'lab', 'taken')?.secrets).toEqual([{ name: SECRET, action: 'update', reason: 'adopt' }]);
    await apply(fixture, plan);
    const adopted = server.read('secrets', 'taken', SECRET) as Secret;
    expect(adopted.type).toBe('kubernetes.io/dockerconfigjson');
    expect(adopted.metadata.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'registry-desk', 'registry-desk.io/registry': registryId });
    expect((server.read('serviceaccounts', 'taken', 'default') as Account).imagePullSecrets).toEqual([{ name: 'corp-registry' }, { name: SECRET }]);
  });

  it('deselecting namespaces removes the app’s secrets and references there, only after confirmation', async () => {
    const narrowed = settingsFor(registryId, { scope: { namespaces: { kind: 'list', names: ['alpha'] }, serviceAccounts: { kind: 'default' } } });
    const plan = await preview(fixture, registryId, narrowed);
    expect(plan.removals).toBe(6);
    expect(planFor(plan, 'lab', 'beta')).toEqual({
      namespace: 'beta',
      secrets: [{ name: SECRET, action: 'remove', reason: 'deselected' }],
      serviceAccounts: [{ name: 'default', action: 'remove', references: [SECRET] }],
    });
    const refused = await fixture.ipc.invoke('access:apply', { operationId: crypto.randomUUID(), planId: plan.planId, confirmRemovals: false });
    expect(errorOf(refused)).toMatchObject({ code: 'access.removalsNotConfirmed', params: { count: 6 } });
    expect(server.read('secrets', 'beta', SECRET)).toBeDefined();
    await apply(fixture, plan, { confirmRemovals: true });
    expect(server.read('secrets', 'beta', SECRET)).toBeUndefined();
    expect((server.read('serviceaccounts', 'beta', 'default') as Account).imagePullSecrets).toEqual([{ name: 'corp-registry' }]);
    expect(server.read('secrets', 'alpha', SECRET)).toBeDefined();
  });

  it('cleanup removes everything the app put there and nothing else', async () => {
    server.seed.secret('gamma', { ...foreignSecret, metadata: { name: 'unrelated' } });
    const plan = valueOf(await fixture.ipc.invoke('access:preview-cleanup', { registryId }));
    expect(plan.kind).toBe('cleanup');
    expect(plan.contexts[0]?.namespaces.map((entry) => entry.namespace)).toEqual(['alpha']);
    await apply(fixture, plan, { confirmRemovals: true });
    for (const name of namespaces) {
      const account = server.read('serviceaccounts', name, 'default') as Account;
      expect(account.imagePullSecrets, name).toEqual([{ name: 'corp-registry' }]);
      expect(Object.keys(account.metadata.labels ?? {}).filter((key) => key.includes('registry-desk'))).toEqual([]);
      expect(Object.keys(account.metadata.annotations ?? {}).filter((key) => key.includes('registry-desk'))).toEqual([]);
    }
    expect(server.read('secrets', 'gamma', 'unrelated')).toBeDefined();
    const status = valueOf(await fixture.ipc.invoke('access:status', { registryId }));
    expect(status.configured).toBe(false);
    expect(status.contexts[0]?.rows).toEqual([]);
  });

  it('never hands a credential to the window, the events or the log', () => {
    expect(JSON.stringify([fixture.events, fixture.logLines])).not.toContain(password);
    expect(JSON.stringify([fixture.events, fixture.logLines])).not.toContain(Buffer.from(`octo:${password}`).toString('base64'));
  });
});

describe('apply: a namespace being deleted, read from metadata alone', () => {
  let server: KubeApiServer;
  let fixture: AccessFixture;
  let registryId: string;

  beforeAll(async () => {
    // The namespace stays Terminating for the whole test, as one with a finalizer would.
    server = await startKubeApiServer({ namespaceDeletionDelayMs: 3_600_000 });
    for (const name of ['live', 'going']) server.seed.namespace(name);
    fixture = createAccessFixture({ keychainService: `registry-desk-test-${randomBytes(4).toString('hex')}`, kubeconfigPaths: [kubeconfigFor([{ name: 'lab', server }])] });
    registryId = (await fixture.services.registries.create({ type: 'docker', name: 'Hub', url: 'docker.io', username: 'octo', password })).id;
    await (await fixture.services.clusters.api('lab')).remove('/api/v1/namespaces/going', undefined);
  });

  afterAll(async () => {
    await fixture?.close();
    await server?.stop();
  });

  it('is left out by its deletionTimestamp, though the metadata-only list carries no phase', async () => {
    const plan = await preview(fixture, registryId, settingsFor(registryId, { scope: { namespaces: { kind: 'all', excluded: ['default', 'kube-system', 'kube-public', 'kube-node-lease'] }, serviceAccounts: { kind: 'none' } } }));
    expect(plan.contexts[0]!.namespaces.map((namespace) => namespace.namespace)).toEqual(['live']);
    expect(planFor(plan, 'lab', 'going')).toBeUndefined();
  });
});

describe('apply: a namespace where the user may not create secrets', () => {
  let server: KubeApiServer;
  let fixture: AccessFixture;
  let registryId: string;

  beforeAll(async () => {
    server = await startKubeApiServer({
      users: {
        'deployer-token': {
          name: 'deployer',
          rules: [
            { verbs: ['get', 'list'], resources: ['namespaces', 'secrets', 'serviceaccounts'] },
            { verbs: ['create', 'update', 'delete'], resources: ['secrets'], namespaces: ['dev', 'qa'] },
            { verbs: ['get', 'patch'], resources: ['serviceaccounts'] },
          ],
        },
      },
    });
    server.addUser('viewer-token', { name: 'viewer', rules: [{ verbs: ['get', 'list'], resources: ['namespaces', 'serviceaccounts'] }] });
    for (const name of ['dev', 'qa', 'prod']) server.seed.namespace(name);
    const kubeconfig = kubeconfigFor([
      { name: 'lab', server, token: 'deployer-token' },
      { name: 'viewer', server, token: 'viewer-token' },
    ]);
    fixture = createAccessFixture({ keychainService: `registry-desk-test-${randomBytes(4).toString('hex')}`, kubeconfigPaths: [kubeconfig] });
    registryId = (await fixture.services.registries.create({ type: 'docker', name: 'Hub', url: 'docker.io', username: 'octo', password })).id;
  });

  afterAll(async () => {
    await fixture?.close();
    await server?.stop();
  });

  it('preview says forbidden there, apply skips it, the rest succeed', async () => {
    const settings = settingsFor(registryId, { scope: { namespaces: { kind: 'list', names: ['dev', 'qa', 'prod'] }, serviceAccounts: { kind: 'default' } } });
    const plan = await preview(fixture, registryId, settings);
    expect(planFor(plan, 'lab', 'prod')).toEqual({
      namespace: 'prod',
      secrets: [{ name: SECRET, action: 'forbidden', verb: 'create' }],
      serviceAccounts: [{ name: 'default', action: 'unchanged', references: [] }],
    });
    expect(planFor(plan, 'lab', 'dev')?.secrets).toEqual([{ name: SECRET, action: 'create' }]);
    const result = await apply(fixture, plan);
    expect(result.counts).toMatchObject({ done: 4, failed: 0 });
    expect(outcomes(result, 'prod')?.secrets[0]).toMatchObject({ outcome: 'skipped', error: { code: 'cluster.forbiddenIn', params: { namespace: 'prod', verb: 'create' } } });
    expect(server.read('secrets', 'prod', SECRET)).toBeUndefined();
    expect(server.read('secrets', 'qa', SECRET)).toBeDefined();
    expect((server.read('serviceaccounts', 'qa', 'default') as Account).imagePullSecrets).toEqual([{ name: SECRET }]);
  });

  it('a user who may not even list secrets gets the whole context reported, with the server’s reason', async () => {
    const plan = await preview(fixture, registryId, settingsFor(registryId, { contexts: ['viewer'] }));
    expect(plan.contexts.find((context) => context.context === 'viewer')).toMatchObject({
      state: 'forbidden',
      error: { code: 'cluster.forbidden', params: { context: 'viewer' } },
      namespaces: [],
    });
    expect(plan.contexts.find((context) => context.context === 'viewer')?.error?.message).toContain('cannot list resource "secrets"');
  });
});

describe('apply: a namespace whose default ServiceAccount does not exist yet', () => {
  let server: KubeApiServer;
  let fixture: AccessFixture;
  let registryId: string;

  beforeAll(async () => {
    // The controller's delay must outlast a preview (and an apply's start) on a loaded machine,
    // or the account exists before the app looks for it; the app's wait outlasts the delay.
    server = await startKubeApiServer({ defaultServiceAccountDelayMs: 5_000 });
    fixture = createAccessFixture({
      keychainService: `registry-desk-test-${randomBytes(4).toString('hex')}`,
      kubeconfigPaths: [kubeconfigFor([{ name: 'lab', server }])],
      serviceAccountWaitMs: 30_000,
    });
    registryId = (await fixture.services.registries.create({ type: 'docker', name: 'Hub', url: 'docker.io', username: 'octo', password })).id;
  });

  afterAll(async () => {
    await fixture?.close();
    await server?.stop();
  });

  it('waits briefly for the controller to create it, then adds the reference', async () => {
    server.seed.namespace('brand-new');
    const plan = await preview(fixture, registryId, settingsFor(registryId, { scope: { namespaces: { kind: 'list', names: ['brand-new'] }, serviceAccounts: { kind: 'default' } } }));
    expect(planFor(plan, 'lab', 'brand-new')?.serviceAccounts).toEqual([{ name: 'default', action: 'missing', references: [SECRET] }]);
    const result = await apply(fixture, plan);
    expect(outcomes(result, 'brand-new')?.serviceAccounts).toEqual([{ name: 'default', action: 'missing', references: [SECRET], outcome: 'done' }]);
    expect((server.read('serviceaccounts', 'brand-new', 'default') as Account).imagePullSecrets).toEqual([{ name: SECRET }]);
  });

  it('reports it when it does not appear in time; the secret is written anyway', async () => {
    const slow = createAccessFixture({
      keychainService: `registry-desk-test-${randomBytes(4).toString('hex')}`,
      kubeconfigPaths: [kubeconfigFor([{ name: 'lab', server }])],
      serviceAccountWaitMs: 200,
      credentials: { forRegistry: async (id) => ({ registryId: id, type: 'docker', server: 'docker.io', username: 'octo', password }) },
    });
    slow.services.settings.update(() => fixture.services.settings.read());
    server.seed.namespace('slow-controller');
    const plan = await preview(slow, registryId, settingsFor(registryId, { scope: { namespaces: { kind: 'list', names: ['brand-new', 'slow-controller'] }, serviceAccounts: { kind: 'default' } } }));
    const result = await apply(slow, plan);
    expect(outcomes(result, 'slow-controller')?.serviceAccounts[0]).toMatchObject({ outcome: 'failed', error: { code: 'access.serviceAccountMissing', params: { name: 'default', namespace: 'slow-controller' } } });
    expect(server.read('secrets', 'slow-controller', SECRET)).toBeDefined();
    slow.services.clusters.close();
  });
});

describe('"Specify image pull secret"', () => {
  let server: KubeApiServer;
  let fixture: AccessFixture;
  let registryId: string;

  beforeAll(async () => {
    server = await startKubeApiServer();
    for (const name of ['ready', 'opaque', 'absent']) server.seed.namespace(name);
    const auths = { 'https://index.docker.io/v1/': { username: 'octo', password: 'typed-by-hand', auth: Buffer.from('octo:typed-by-hand').toString('base64') } };
    server.seed.secret('ready', { metadata: { name: 'regcred' }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': Buffer.from(JSON.stringify({ auths })).toString('base64') } });
    server.seed.secret('opaque', { ...foreignSecret, metadata: { name: 'regcred' } });
    fixture = createAccessFixture({ keychainService: `registry-desk-test-${randomBytes(4).toString('hex')}`, kubeconfigPaths: [kubeconfigFor([{ name: 'lab', server }])] });
    registryId = (await fixture.services.registries.create({ type: 'docker', name: 'Hub', url: 'docker.io', username: 'octo', password })).id;
  });

  afterAll(async () => {
    await fixture?.close();
    await server?.stop();
  });

  it('checks the named secret in each namespace and offers to create the missing ones', async () => {
    const credential = { type: 'image-pull-secret' as const, secretNames: ['regcred'], createMissing: false };
    const scope = { namespaces: { kind: 'list' as const, names: ['ready', 'opaque', 'absent'] }, serviceAccounts: { kind: 'default' as const } };
    const checked = await preview(fixture, registryId, settingsFor(registryId, { credential, scope }));
    expect(['ready', 'opaque', 'absent'].map((name) => planFor(checked, 'lab', name)?.secrets[0])).toEqual([
      { name: 'regcred', action: 'unchanged' },
      { name: 'regcred', action: 'unusable', reason: 'wrong-type' },
      { name: 'regcred', action: 'missing' },
    ]);
    const creating = await preview(fixture, registryId, settingsFor(registryId, { credential: { ...credential, createMissing: true }, scope }));
    expect(planFor(creating, 'lab', 'absent')?.secrets[0]).toEqual({ name: 'regcred', action: 'create' });
    await apply(fixture, creating);
    expect((server.read('secrets', 'absent', 'regcred') as Secret).metadata.labels).toMatchObject({ 'registry-desk.io/registry': registryId });
    expect((server.read('secrets', 'ready', 'regcred') as Secret).metadata.labels).toBeUndefined();
    expect((server.read('serviceaccounts', 'ready', 'default') as Account).imagePullSecrets).toEqual([{ name: 'regcred' }]);
    expect((server.read('serviceaccounts', 'opaque', 'default') as Account).imagePullSecrets).toBeUndefined();
  });
});
