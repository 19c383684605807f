// "Keep in sync in the cluster" through the real IPC registration, with the credentials in the real
// keychain, against Kubernetes API test servers that present External Secrets, Reflector, Kyverno
// or nothing: detection, preview (server-side dry runs), apply, re-apply, status with drift,
// cleanup, export. The engines' controllers are played by the test doubles in
// test/engine-controllers/ — for status reading only, never as proof the engines work.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAccessSettings, type AccessSettings, type ClusterSyncChoice } from '../../shared/access-settings';
import type { SyncApplyResult, SyncPlan, SyncStatus } from '../../shared/cluster-sync-contract';
import { installEngine, installReflector } from '../engine-crds';
import { externalSecretsPass, kyvernoPass, reflectorPass } from '../engine-controllers';
import { ADMIN_TOKEN, startKubeApiServer, type KubeApiServer } from '../kube-api-server';
import { kubeconfigFor, preview, valueOf } from '../support/access-flow';
import { createAccessFixture, type AccessFixture } from '../support/access-services';
import { withFileSizeLimit } from '../support/file-size-limit';
import { createSaveDialogStandIn } from '../support/save-dialog-stand-in';

const SECRET = 'team-pull-secret';
const password = `dckr_pat_${randomBytes(16).toString('hex')}`;
const awsSecret = `wJalr${randomBytes(16).toString('hex')}`;
const ECR_OUTPUT = { ECRAuthorizationToken: { username: 'AWS', password: `ecr-token-${randomBytes(8).toString('hex')}`, proxy_endpoint: 'https://123456789012.dkr.ecr.eu-west-1.amazonaws.com', expires_at: '1' } };
const LIMITED = { name: 'limited', rules: [{ verbs: ['*'], resources: ['*'] }], discovery: false };

const choice = (engine: ClusterSyncChoice['engine'], identity: ClusterSyncChoice['identity'] = { kind: 'source-secret' }): ClusterSyncChoice => ({ engine, sourceNamespace: 'registry-desk', identity, wireServiceAccounts: true });

function settingsFor(registryId: string, contexts: string[], clusterSync: AccessSettings['clusterSync'], names = ['team-a', 'team-b']): AccessSettings {
  return {
    ...defaultAccessSettings('Team', registryId),
    contexts,
    scope: { namespaces: { kind: 'list', names }, serviceAccounts: { kind: 'default' } },
    credential: { type: 'registry-credentials', secretName: SECRET },
    clusterSync,
  };
}

const secretSpellings = (): string[] => [password, Buffer.from(password).toString('base64'), Buffer.from(`robot:${password}`).toString('base64'), awsSecret, Buffer.from(awsSecret).toString('base64')];
const expectNoSecret = (value: unknown) => {
  const text = JSON.stringify(value);
  for (const spelling of secretSpellings()) expect(text).not.toContain(spelling);
};

const contextPlan = (plan: SyncPlan, context: string) => plan.contexts.find((entry) => entry.context === context)!;
const actions = (plan: SyncPlan, context: string) => Object.fromEntries(contextPlan(plan, context).objects.map((object) => [`${object.kind}/${object.namespace ?? ''}/${object.name}`, object.action]));

describe('keep in sync in the cluster', () => {
  const servers: Record<string, KubeApiServer> = {};
  let fixture: AccessFixture;
  let hub: string;
  let ecr: string;

  const seedTeams = (server: KubeApiServer) => {
    for (const name of ['team-a', 'team-b', 'team-c']) server.seed.namespace(name);
  };

  beforeAll(async () => {
    for (const name of ['eso', 'reflector', 'kyverno', 'bare']) {
      servers[name] = await startKubeApiServer({ users: { [ADMIN_TOKEN]: { name: 'admin', rules: [{ verbs: ['*'], resources: ['*'], apiGroups: ['*'] }] }, 'limited-token': LIMITED } });
      seedTeams(servers[name]!);
    }
    installEngine(servers.eso!, 'external-secrets');
    installReflector(servers.reflector!);
    installEngine(servers.kyverno!, 'kyverno');
    const kubeconfig = kubeconfigFor([
      ...Object.entries(servers).map(([name, server]) => ({ name, server })),
      { name: 'limited', server: servers.eso!, token: 'limited-token' },
    ]);
    fixture = createAccessFixture({ keychainService: `registry-desk-test-sync-${randomBytes(4).toString('hex')}`, kubeconfigPaths: [kubeconfig] });
    hub = valueOf(await fixture.ipc.invoke('registries:create', { input: { type: 'docker', name: 'Team', url: 'registry.example.com', username: 'robot', password } })).id;
    ecr = valueOf(
      await fixture.ipc.invoke('registries:create', {
        input: { type: 'ecr', name: 'ECR', url: 'https://123456789012.dkr.ecr.eu-west-1.amazonaws.com', authType: 'user-auth', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: awsSecret },
      }),
    ).id;
  });
  afterAll(async () => {
    await fixture.close();
    await Promise.all(Object.values(servers).map((server) => server.stop()));
  });

  const syncPreview = async (registryId: string, settings?: AccessSettings) => valueOf(await fixture.ipc.invoke('cluster-sync:preview', { registryId, ...(settings ? { settings } : {}) }));
  const syncApply = async (plan: SyncPlan, options: { confirmRemovals?: boolean; takeOver?: boolean } = {}): Promise<SyncApplyResult> =>
    valueOf(await fixture.ipc.invoke('cluster-sync:apply', { operationId: randomUUID(), planId: plan.planId, confirmRemovals: options.confirmRemovals ?? false, takeOver: options.takeOver ?? false }));
  const syncStatus = async (registryId: string): Promise<SyncStatus> => valueOf(await fixture.ipc.invoke('cluster-sync:status', { registryId }));

  it('detects each engine by discovery: present, absent, and forbidden to discover', async () => {
    const detected = valueOf(await fixture.ipc.invoke('cluster-sync:detect', {}));
    const state = (context: string, engine: string) => detected.find((entry) => entry.context === context)!.engines.find((entry) => entry.engine === engine)!;
    expect(state('eso', 'external-secrets')).toMatchObject({ state: 'present', found: ['external-secrets.io/v1', 'generators.external-secrets.io/v1alpha1'] });
    expect(state('eso', 'reflector').state).toBe('absent');
    expect(state('reflector', 'reflector')).toMatchObject({ state: 'present', found: ['10.0.63'] });
    expect(state('reflector', 'external-secrets')).toMatchObject({ state: 'absent', install: { chart: 'external-secrets/external-secrets', chartVersion: '2.9.0', appVersion: 'v2.9.0' } });
    expect(state('kyverno', 'kyverno')).toMatchObject({ state: 'present', found: expect.arrayContaining(['policies.kyverno.io/v1']) });
    expect(state('bare', 'kyverno').state).toBe('absent');
    for (const engine of ['external-secrets', 'reflector', 'kyverno']) expect(state('limited', engine).state).toBe('forbidden');
  });

  it('Reflector: previews the exact source secret without its data, applies it, and a second apply changes nothing', async () => {
    const settings = settingsFor(hub, ['reflector', 'bare'], { reflector: choice('reflector'), bare: choice('reflector') });
    const plan = await syncPreview(hub, settings);
    expect(contextPlan(plan, 'bare')).toMatchObject({ state: 'engine-missing', engine: 'reflector' });
    const ready = contextPlan(plan, 'reflector');
    expect(ready.state).toBe('ready');
    expect(actions(plan, 'reflector')).toEqual({ 'Namespace//registry-desk': 'create', [`Secret/registry-desk/${SECRET}`]: 'create', 'Namespace//team-a': 'update', 'Namespace//team-b': 'update' });
    expect(ready.yaml).toContain('reflector.v1.k8s.emberstack.com/reflection-auto-namespaces-selector: registry-desk.io/sync-');
    expect(ready.yaml).toContain('(kept in the OS keychain: not shown)');
    expect(ready.notes).toEqual(expect.arrayContaining(['source-from-keychain', 'labels-namespaces', 'service-accounts-once']));
    expectNoSecret(plan);
    const result = await syncApply(plan);
    expect(result.counts).toMatchObject({ done: 4, failed: 0 });
    const source = servers.reflector!.read('secrets', 'registry-desk', SECRET, { managedFields: true }) as { type: string; metadata: { managedFields: { manager: string; operation: string }[]; labels: Record<string, string> } };
    expect(source.type).toBe('kubernetes.io/dockerconfigjson');
    expect(source.metadata.managedFields.map((entry) => `${entry.manager}/${entry.operation}`)).toEqual(['registry-desk/Apply']);
    expect(source.metadata.labels['app.kubernetes.io/managed-by']).toBe('registry-desk');
    const again = await syncPreview(hub);
    expect(new Set(Object.values(actions(again, 'reflector')))).toEqual(new Set(['unchanged']));
    expect(again.writes).toBe(0);
    servers.reflector!.resetCounters();
    await syncApply(again);
    expect(servers.reflector!.counters().byVerb.patch ?? 0).toBe(0);
  });

  it('Reflector: status reads the mirrors and shows drift against the selected namespaces', async () => {
    const before = await syncStatus(hub);
    expect(before.contexts.find((entry) => entry.context === 'reflector')!.rows.map((row) => `${row.namespace}:${row.state}`)).toEqual(['team-a:missing', 'team-b:missing']);
    await reflectorPass(servers.reflector!);
    const synced = (await syncStatus(hub)).contexts.find((entry) => entry.context === 'reflector')!;
    expect(synced.rows.map((row) => `${row.namespace}:${row.state}:${row.reason}`)).toEqual(['team-a:in-sync:mirror', 'team-b:in-sync:mirror']);
    servers.reflector!.seed.secret('team-c', { metadata: { name: 'unrelated' }, stringData: { a: 'b' } });
    await fixture.ipc.invoke('access:save', { registryId: hub, settings: settingsFor(hub, ['reflector'], { reflector: choice('reflector') }, ['team-a', 'team-b', 'team-c']) });
    const drifted = (await syncStatus(hub)).contexts.find((entry) => entry.context === 'reflector')!;
    expect(drifted.rows.find((row) => row.namespace === 'team-c')).toMatchObject({ state: 'missing', reason: 'missing' });
    expect(drifted.counts).toMatchObject({ 'in-sync': 2, missing: 1 });
  });

  it('External Secrets, ECR: generator, source ExternalSecret, store with its RBAC and ClusterExternalSecret; conflicts named and taken over', async () => {
    const settings = settingsFor(ecr, ['eso'], { eso: choice('external-secrets', { kind: 'access-keys' }) });
    const plan = await syncPreview(ecr, settings);
    const eso = contextPlan(plan, 'eso');
    expect(eso.state).toBe('ready');
    expect(eso.objects.map((object) => `${object.kind}:${object.action}`)).toEqual([
      'Namespace:create', 'Secret:create', 'ECRAuthorizationToken:create', 'ExternalSecret:create', 'ServiceAccount:create', 'Role:create', 'RoleBinding:create',
      'ClusterSecretStore:create', 'ClusterExternalSecret:create', 'Namespace:update', 'Namespace:update',
    ]);
    expect(eso.notes).toContain('access-keys-in-cluster');
    expectNoSecret(plan);
    expect((await syncApply(plan)).counts).toMatchObject({ done: 11, failed: 0 });
    await externalSecretsPass(servers.eso!, ECR_OUTPUT);
    const status = (await syncStatus(ecr)).contexts.find((entry) => entry.context === 'eso')!;
    expect(status.objects.find((object) => object.kind === 'ExternalSecret')).toMatchObject({ present: true, ready: 'true', since: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) });
    expect(status.rows.map((row) => `${row.namespace}:${row.state}`)).toEqual(['team-a:in-sync', 'team-b:in-sync']);
    const copy = servers.eso!.read('secrets', 'team-a', SECRET) as { data: Record<string, string> };
    expect(JSON.parse(Buffer.from(copy.data['.dockerconfigjson']!, 'base64').toString())).toEqual({
      auths: { '123456789012.dkr.ecr.eu-west-1.amazonaws.com': { username: 'AWS', password: ECR_OUTPUT.ECRAuthorizationToken.password, auth: Buffer.from(`AWS:${ECR_OUTPUT.ECRAuthorizationToken.password}`).toString('base64') } },
    });
    // Someone edits the fan-out by hand: the preview names the manager, apply leaves it unless told to take over.
    await fetchPatch(servers.eso!, `/apis/external-secrets.io/v1/clusterexternalsecrets/registry-desk-${SECRET}?fieldManager=kubectl-edit`, { spec: { refreshTime: '5m' } });
    const conflicted = await syncPreview(ecr);
    const object = contextPlan(conflicted, 'eso').objects.find((entry) => entry.kind === 'ClusterExternalSecret')!;
    expect(object).toMatchObject({ action: 'conflict', detail: expect.stringContaining('conflict with "kubectl-edit" using external-secrets.io/v1: .spec.refreshTime') });
    expect((await syncApply(conflicted)).contexts[0]!.objects.find((entry) => entry.kind === 'ClusterExternalSecret')!.outcome).toBe('skipped');
    expect((await syncApply(await syncPreview(ecr), { takeOver: true })).counts.failed).toBe(0);
    expect(new Set(Object.values(actions(await syncPreview(ecr), 'eso')))).toEqual(new Set(['unchanged']));
  });

  it('Kyverno: GeneratingPolicy, its aggregated ClusterRole and the ServiceAccount MutatingPolicy; status from the clones', async () => {
    const settings = settingsFor(hub, ['reflector', 'kyverno'], { reflector: choice('reflector'), kyverno: choice('kyverno') });
    const plan = await syncPreview(hub, settings);
    expect(contextPlan(plan, 'kyverno').objects.map((object) => `${object.kind}:${object.action}`)).toEqual([
      'Namespace:create', 'Secret:create', 'ClusterRole:create', 'GeneratingPolicy:create', 'MutatingPolicy:create', 'Namespace:update', 'Namespace:update',
    ]);
    expect(contextPlan(plan, 'kyverno').notes).toEqual(expect.arrayContaining(['service-accounts-by-kyverno', 'existing-service-accounts']));
    await syncApply(plan, { confirmRemovals: true });
    const role = servers.kyverno!.read('clusterroles.rbac.authorization.k8s.io', null, `registry-desk-${SECRET}-kyverno`) as { metadata: { labels: Record<string, string> } };
    expect(role.metadata.labels['rbac.kyverno.io/aggregate-to-background-controller']).toBe('true');
    await kyvernoPass(servers.kyverno!);
    const status = (await syncStatus(hub)).contexts.find((entry) => entry.context === 'kyverno')!;
    expect(status.rows.map((row) => `${row.namespace}:${row.state}`)).toEqual(['team-a:in-sync', 'team-b:in-sync']);
  });

  it('exports one byte-stable file per synced context, without any secret, with instructions for the source', async () => {
    const first = valueOf(await fixture.ipc.invoke('cluster-sync:export', { registryId: hub }));
    const second = valueOf(await fixture.ipc.invoke('cluster-sync:export', { registryId: hub }));
    expect(first.map((file) => file.fileName)).toEqual([`registry-desk-${SECRET}-kyverno.yaml`, `registry-desk-${SECRET}-reflector.yaml`]);
    expect(second).toEqual(first);
    expectNoSecret(first);
    expect(first[1]!.content).toContain(`The source Secret registry-desk/${SECRET} (type kubernetes.io/dockerconfigjson) is not in this file`);
    expect(first[1]!.content).not.toContain('kind: Secret');
    const ecrFiles = valueOf(await fixture.ipc.invoke('cluster-sync:export', { registryId: ecr }));
    expectNoSecret(ecrFiles);
    expect(ecrFiles[0]!.content).toContain(`${SECRET}-aws-keys`);
    const eso = fixture.services.clusterSync.registryEsoExport({ registryId: ecr, namespace: 'apps', secretName: 'ecr-pull' });
    expect(eso.content).toContain('kind: ECRAuthorizationToken');
    expectNoSecret(eso);
  });

  it('cleanup lists only what the app created, deletes it after confirmation, and leaves foreign objects alone', async () => {
    servers.eso!.seed.resource('external-secrets.io/v1', 'clustersecretstores', null, { metadata: { name: 'teams-vault' }, spec: { provider: { kubernetes: { remoteNamespace: 'vault', auth: { serviceAccount: { name: 'x', namespace: 'vault' } } } } } });
    servers.eso!.seed.secret('registry-desk', { metadata: { name: 'someone-elses' }, stringData: { a: 'b' } });
    const plan = valueOf(await fixture.ipc.invoke('cluster-sync:preview-cleanup', { registryId: ecr }));
    expect(plan.removals).toBeGreaterThan(0);
    expect(contextPlan(plan, 'eso').objects.filter((object) => object.action === 'remove').map((object) => object.kind).sort()).toEqual(
      ['ClusterExternalSecret', 'ClusterSecretStore', 'ECRAuthorizationToken', 'ExternalSecret', 'Role', 'RoleBinding', 'Secret', 'ServiceAccount'],
    );
    const refused = await fixture.ipc.invoke('cluster-sync:apply', { operationId: randomUUID(), planId: plan.planId, confirmRemovals: false, takeOver: false });
    expect(refused.ok ? '' : refused.error.code).toBe('access.removalsNotConfirmed');
    await syncApply(plan, { confirmRemovals: true });
    await externalSecretsPass(servers.eso!, ECR_OUTPUT);
    expect(servers.eso!.read('clustersecretstores.external-secrets.io', null, 'teams-vault')).toBeDefined();
    expect(servers.eso!.read('secrets', 'registry-desk', 'someone-elses')).toBeDefined();
    expect(servers.eso!.read('clusterexternalsecrets.external-secrets.io', null, `registry-desk-${SECRET}`)).toBeUndefined();
    expect(servers.eso!.read('secrets', 'team-a', SECRET)).toBeUndefined();
    expect((servers.eso!.read('namespaces', null, 'team-a') as { metadata: { labels: Record<string, string> } }).metadata.labels).not.toHaveProperty(`registry-desk.io/sync-${ecr}`);
  });

  it('leaves the secrets of a synced context to the engine: Manage access plans only the ServiceAccounts there', async () => {
    const settings = settingsFor(hub, ['reflector'], { reflector: choice('reflector') });
    const plan = await preview(fixture, hub, settings);
    const namespaces = plan.contexts.find((entry) => entry.context === 'reflector')!.namespaces;
    expect(namespaces.flatMap((namespace) => namespace.secrets)).toEqual([]);
    expect(namespaces.map((namespace) => `${namespace.namespace}:${namespace.serviceAccounts.map((account) => `${account.name}/${account.action}`).join()}`)).toEqual(['team-a:default/add', 'team-b:default/add']);
  });
});

describe('GitOps export files: names and saving', () => {
  const contexts = ['team/prod', 'team-prod'];
  let server: KubeApiServer;
  let fixture: AccessFixture;
  let folder: string;
  let hub: string;

  beforeAll(async () => {
    server = await startKubeApiServer({ users: { [ADMIN_TOKEN]: { name: 'admin', rules: [{ verbs: ['*'], resources: ['*'], apiGroups: ['*'] }] } } });
    folder = mkdtempSync(join(tmpdir(), 'rd-gitops-'));
    fixture = createAccessFixture({
      keychainService: `registry-desk-test-gitops-${randomBytes(4).toString('hex')}`,
      kubeconfigPaths: [kubeconfigFor(contexts.map((name) => ({ name, server })))],
      saveDialog: createSaveDialogStandIn(folder),
    });
    hub = valueOf(await fixture.ipc.invoke('registries:create', { input: { type: 'docker', name: 'Team', url: 'registry.example.com', username: 'robot', password } })).id;
    valueOf(await fixture.ipc.invoke('access:save', { registryId: hub, settings: settingsFor(hub, contexts, { 'team/prod': choice('reflector'), 'team-prod': choice('reflector') }) }));
  });
  afterAll(async () => {
    await fixture.close();
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  const save = async (replaceId?: string) => fixture.ipc.invoke('cluster-sync:save-export', { registryId: hub, ...(replaceId ? { replaceId } : {}) });
  const onDisk = () => Object.fromEntries(readdirSync(folder).sort().map((name) => [name, readFileSync(join(folder, name), 'utf8')]));

  it('gives contexts whose names differ only in punctuation different files, each named after its context alone', async () => {
    const files = valueOf(await fixture.ipc.invoke('cluster-sync:export', { registryId: hub }));
    const names = Object.fromEntries(files.map((file) => [file.context, file.fileName]));
    expect(names['team-prod']).toBe(`registry-desk-${SECRET}-team-prod.yaml`);
    expect(names['team/prod']).toMatch(new RegExp(`^registry-desk-${SECRET}-team-prod-[0-9a-f]{10}\\.yaml$`));
    for (const file of files) expect(file.content).toContain(`in context "${file.context}"`);
  });

  it('writes every file once, and replaces files already in the folder only after the operator confirmed it', async () => {
    const files = valueOf(await fixture.ipc.invoke('cluster-sync:export', { registryId: hub }));
    const first = valueOf(await save());
    expect(first).toEqual({ folder, files: files.map((file) => file.fileName), replace: null });
    expect(onDisk()).toEqual(Object.fromEntries(files.map((file) => [file.fileName, file.content])));

    const edited = `${files[0]!.content}# the operator's own line\n`;
    writeFileSync(join(folder, files[0]!.fileName), edited);
    const asked = valueOf(await save());
    expect(asked).toMatchObject({ folder, files: [], replace: { existing: files.map((file) => file.fileName) } });
    expect(readFileSync(join(folder, files[0]!.fileName), 'utf8')).toBe(edited);

    const replaced = valueOf(await save(asked.replace!.replaceId));
    expect(replaced).toEqual({ folder, files: files.map((file) => file.fileName), replace: null });
    expect(onDisk()).toEqual(Object.fromEntries(files.map((file) => [file.fileName, file.content])));
    const again = await save(asked.replace!.replaceId);
    expect(again.ok ? '' : again.error.code).toBe('clusterSync.replaceExpired');
  });

  it('keeps the files already there whole when the disk refuses the new ones part-way', async () => {
    const files = valueOf(await fixture.ipc.invoke('cluster-sync:export', { registryId: hub }));
    const old = `# the operator's file\n${'old line\n'.repeat(2_300)}`;
    for (const file of files) writeFileSync(join(folder, file.fileName), old);
    const asked = valueOf(await save());
    const failed = await withFileSizeLimit(512, () => save(asked.replace!.replaceId));
    expect(failed.ok ? '' : failed.error).toMatchObject({ code: 'export.writeFailed', params: { detail: 'EFBIG' } });
    expect(onDisk()).toEqual(Object.fromEntries(files.map((file) => [file.fileName, old])));
  });
});

async function fetchPatch(server: KubeApiServer, path: string, body: object): Promise<void> {
  const payload = JSON.stringify(body);
  await new Promise<void>((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method: 'PATCH', ca: server.caPem, headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, 'Content-Type': 'application/merge-patch+json', 'Content-Length': String(Buffer.byteLength(payload)) } }, (res) => {
      res.resume();
      res.on('end', () => ((res.statusCode ?? 500) < 300 ? resolve() : reject(new Error(`PATCH ${path}: ${res.statusCode}`))));
    });
    req.once('error', reject);
    req.end(payload);
  });
}
