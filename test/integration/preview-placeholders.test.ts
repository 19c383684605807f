// Previews send placeholders, never secret data. The Kubernetes API test servers record every
// request; during each preview — Manage access, and Keep in sync with each engine that has the app
// write a Secret — no URL or body may carry the password, the AWS secret access key, their base64,
// the base64 of `username:password`, nor any base64 string that decodes to one of them. Apply then
// writes the real secret (kubectl's exact bytes), a second preview says "unchanged", and a
// password changed in the keychain makes the next preview say "update" — still without sending it.
import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dockerServerKey } from '../../main/pull-secrets/pull-secret';
import { defaultAccessSettings, type AccessSettings, type ClusterSyncChoice } from '../../shared/access-settings';
import type { SyncPlan } from '../../shared/cluster-sync-contract';
import { installEngine, installReflector } from '../engine-crds';
import { startKubeApiServer, type KubeApiServer } from '../kube-api-server';
import { apply, kubeconfigFor, planFor, preview, valueOf } from '../support/access-flow';
import { createAccessFixture, type AccessFixture } from '../support/access-services';
import { requestsCarrying, secretSpellings } from '../support/sent-secrets';

const execFileAsync = promisify(execFile);
const USERNAME = 'robot';
const URL = 'registry.example.com';
/** What Go's JSON escapes and Node's does not, so the bytes written are checked against kubectl's too. */
const newPassword = () => `p&<>\u2028${randomBytes(12).toString('hex')}`;
const cacheDir = mkdtempSync(join(tmpdir(), 'kubectl-placeholders-'));

type SecretData = { data: Record<string, string> };

/** `.dockerconfigjson` as `kubectl create secret docker-registry --dry-run=client` writes it, base64 as stored. */
async function kubectlDockerConfig(password: string): Promise<string> {
  const args = ['create', 'secret', 'docker-registry', 'reference', `--docker-server=${dockerServerKey(URL)}`, `--docker-username=${USERNAME}`, `--docker-password=${password}`, '--dry-run=client', '-o', 'json', '--cache-dir', cacheDir];
  const { stdout } = await execFileAsync('kubectl', args, { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cacheDir } });
  return (JSON.parse(stdout) as SecretData).data['.dockerconfigjson']!;
}

const passwordOf = (secret: SecretData) =>
  (JSON.parse(Buffer.from(secret.data['.dockerconfigjson']!, 'base64').toString('utf8')) as { auths: Record<string, { password: string }> }).auths[dockerServerKey(URL)]!.password;

describe('previews send placeholders, never secret data', () => {
  const servers: Record<string, KubeApiServer> = {};
  let fixture: AccessFixture;

  beforeAll(async () => {
    for (const name of ['plain', 'reflector', 'kyverno', 'eso', 'handover']) {
      servers[name] = await startKubeApiServer({ recordRequests: true });
      for (const namespace of ['team-a', 'team-b']) servers[name]!.seed.namespace(namespace);
    }
    installReflector(servers.reflector!);
    installReflector(servers.handover!);
    installEngine(servers.kyverno!, 'kyverno');
    installEngine(servers.eso!, 'external-secrets');
    const kubeconfig = kubeconfigFor(Object.entries(servers).map(([name, server]) => ({ name, server })));
    fixture = createAccessFixture({ keychainService: `registry-desk-test-placeholders-${randomBytes(4).toString('hex')}`, kubeconfigPaths: [kubeconfig] });
  });
  afterAll(async () => {
    await fixture.close();
    await Promise.all(Object.values(servers).map((server) => server.stop()));
  });

  async function dockerRegistry(name: string, password: string): Promise<string> {
    return valueOf(await fixture.ipc.invoke('registries:create', { input: { type: 'docker', name, url: URL, username: USERNAME, password } })).id;
  }
  async function rotate(registryId: string, name: string, password: string): Promise<void> {
    valueOf(await fixture.ipc.invoke('registries:update', { id: registryId, input: { type: 'docker', name, url: URL, username: USERNAME, password } }));
  }

  /** Runs a preview with the server's log cleared, and names every request of it that carried a secret. */
  async function recorded<T>(server: KubeApiServer, spellings: string[], run: () => Promise<T>): Promise<{ value: T; leaks: string[]; requests: number }> {
    server.resetRequests();
    const value = await run();
    const requests = server.requests();
    return { value, leaks: requestsCarrying(requests, spellings), requests: requests.length };
  }

  const accessSettings = (registryId: string, context: string, secretName: string, names: string[], clusterSync?: AccessSettings['clusterSync']): AccessSettings => ({
    ...defaultAccessSettings('Team', registryId),
    contexts: [context],
    scope: { namespaces: { kind: 'list', names }, serviceAccounts: { kind: 'default' } },
    credential: { type: 'registry-credentials', secretName },
    ...(clusterSync ? { clusterSync } : {}),
  });

  it('Manage access: preview sends no password; apply writes kubectl’s bytes; re-preview tells unchanged from a rotated password', async () => {
    const server = servers.plain!;
    const first = newPassword();
    const registryId = await dockerRegistry('Manage access', first);
    const settings = accessSettings(registryId, 'plain', 'team-pull', ['team-a', 'team-b']);
    const created = await recorded(server, secretSpellings(first, USERNAME), () => preview(fixture, registryId, settings));
    expect(created.requests).toBeGreaterThan(0);
    expect(created.leaks).toEqual([]);
    expect(planFor(created.value, 'plain', 'team-a')?.secrets).toEqual([{ name: 'team-pull', action: 'create' }]);
    expect((await apply(fixture, created.value)).counts.failed).toBe(0);
    const written = server.read('secrets', 'team-a', 'team-pull') as SecretData;
    expect(written.data['.dockerconfigjson']).toBe(await kubectlDockerConfig(first));

    const again = await recorded(server, secretSpellings(first, USERNAME), () => preview(fixture, registryId));
    expect(again.leaks).toEqual([]);
    expect(planFor(again.value, 'plain', 'team-a')?.secrets).toEqual([{ name: 'team-pull', action: 'unchanged' }]);

    const second = newPassword();
    await rotate(registryId, 'Manage access', second);
    const rotated = await recorded(server, [...secretSpellings(first, USERNAME), ...secretSpellings(second, USERNAME)], () => preview(fixture, registryId));
    expect(rotated.leaks).toEqual([]);
    expect(planFor(rotated.value, 'plain', 'team-a')?.secrets).toEqual([{ name: 'team-pull', action: 'update', reason: 'content' }]);
    await apply(fixture, rotated.value);
    expect(passwordOf(server.read('secrets', 'team-b', 'team-pull') as SecretData)).toBe(second);
  });

  const choice = (engine: ClusterSyncChoice['engine'], identity: ClusterSyncChoice['identity'] = { kind: 'source-secret' }): ClusterSyncChoice => ({ engine, sourceNamespace: 'registry-desk', identity, wireServiceAccounts: false });
  const syncPreview = async (registryId: string, settings?: AccessSettings): Promise<SyncPlan> =>
    valueOf(await fixture.ipc.invoke('cluster-sync:preview', { registryId, ...(settings ? { settings } : {}) }));
  const syncApply = async (plan: SyncPlan, confirmRemovals = false) =>
    valueOf(await fixture.ipc.invoke('cluster-sync:apply', { operationId: randomUUID(), planId: plan.planId, confirmRemovals, takeOver: false }));
  const secretAction = (plan: SyncPlan, context: string, name: string) =>
    plan.contexts.find((entry) => entry.context === context)?.objects.find((object) => object.kind === 'Secret' && object.name === name)?.action;

  it.each([
    ['reflector', 'reflector'],
    ['kyverno', 'kyverno'],
    ['external-secrets', 'eso'],
  ] as const)('Keep in sync with %s: the dry run carries a placeholder; apply writes the real source secret; re-preview unchanged, then update after a rotation', async (engine, context) => {
    const server = servers[context]!;
    const name = `sync-${engine}`;
    const first = newPassword();
    const registryId = await dockerRegistry(`Sync ${engine}`, first);
    const settings = accessSettings(registryId, context, name, ['team-a', 'team-b'], { [context]: choice(engine) });
    const created = await recorded(server, secretSpellings(first, USERNAME), () => syncPreview(registryId, settings));
    expect(created.value.contexts[0]).toMatchObject({ context, state: 'ready' });
    expect(created.leaks).toEqual([]);
    expect(secretAction(created.value, context, name)).toBe('create');
    expect((await syncApply(created.value)).counts).toMatchObject({ failed: 0 });
    const source = server.read('secrets', 'registry-desk', name) as SecretData;
    expect(source.data['.dockerconfigjson']).toBe(await kubectlDockerConfig(first));

    const again = await recorded(server, secretSpellings(first, USERNAME), () => syncPreview(registryId));
    expect(again.leaks).toEqual([]);
    expect(secretAction(again.value, context, name)).toBe('unchanged');
    expect(again.value.writes).toBe(0);

    const second = newPassword();
    await rotate(registryId, `Sync ${engine}`, second);
    const rotated = await recorded(server, [...secretSpellings(first, USERNAME), ...secretSpellings(second, USERNAME)], () => syncPreview(registryId));
    expect(rotated.leaks).toEqual([]);
    expect(secretAction(rotated.value, context, name)).toBe('update');
    expect(rotated.value.writes).toBe(1);
    await syncApply(rotated.value);
    expect(passwordOf(server.read('secrets', 'registry-desk', name) as SecretData)).toBe(second);
    expect(secretAction(await syncPreview(registryId), context, name)).toBe('unchanged');
  });

  it('Keep in sync, ECR with access keys: the key secret’s dry run carries placeholders; a rotated key is an update', async () => {
    const server = servers.eso!;
    const url = 'https://123456789012.dkr.ecr.eu-west-1.amazonaws.com';
    const accessKeyId = 'AKIAPLACEHOLDERTEST1';
    const first = `wJalr/${randomBytes(16).toString('hex')}`;
    const input = (secretAccessKey: string) => ({ type: 'ecr' as const, name: 'ECR', url, authType: 'user-auth' as const, accessKeyId, secretAccessKey });
    const registryId = valueOf(await fixture.ipc.invoke('registries:create', { input: input(first) })).id;
    const settings = accessSettings(registryId, 'eso', 'ecr-pull', ['team-a'], { eso: choice('external-secrets', { kind: 'access-keys' }) });
    const keysSecret = 'ecr-pull-aws-keys';
    const created = await recorded(server, [...secretSpellings(first), ...secretSpellings(accessKeyId)], () => syncPreview(registryId, settings));
    expect(created.leaks).toEqual([]);
    expect(secretAction(created.value, 'eso', keysSecret)).toBe('create');
    await syncApply(created.value);
    const written = server.read('secrets', 'registry-desk', keysSecret) as SecretData;
    expect(Buffer.from(written.data['secret-access-key']!, 'base64').toString()).toBe(first);
    expect(Buffer.from(written.data['access-key-id']!, 'base64').toString()).toBe(accessKeyId);

    const again = await recorded(server, secretSpellings(first), () => syncPreview(registryId));
    expect(again.leaks).toEqual([]);
    expect(secretAction(again.value, 'eso', keysSecret)).toBe('unchanged');

    const second = `wJalr/${randomBytes(16).toString('hex')}`;
    valueOf(await fixture.ipc.invoke('registries:update', { id: registryId, input: input(second) }));
    const rotated = await recorded(server, [...secretSpellings(first), ...secretSpellings(second)], () => syncPreview(registryId));
    expect(rotated.leaks).toEqual([]);
    expect(secretAction(rotated.value, 'eso', keysSecret)).toBe('update');
    await syncApply(rotated.value);
    expect(Buffer.from((server.read('secrets', 'registry-desk', keysSecret) as SecretData).data['secret-access-key']!, 'base64').toString()).toBe(second);
  });

  it('hand-over: a secret Manage access wrote is co-owned, not a conflict, when Keep in sync takes it over — and stays unchanged after', async () => {
    const server = servers.handover!;
    const password = newPassword();
    const registryId = await dockerRegistry('Hand-over', password);
    const name = 'handed-over';
    server.seed.namespace('registry-desk');
    await apply(fixture, await preview(fixture, registryId, accessSettings(registryId, 'handover', name, ['registry-desk', 'team-a'])));
    expect(server.read('secrets', 'registry-desk', name)).toBeDefined();

    const settings = accessSettings(registryId, 'handover', name, ['team-a'], { handover: choice('reflector') });
    const taken = await recorded(server, secretSpellings(password, USERNAME), () => syncPreview(registryId, settings));
    expect(taken.leaks).toEqual([]);
    expect(secretAction(taken.value, 'handover', name)).toBe('update');
    const applied = await syncApply(taken.value, true);
    expect(applied.counts).toMatchObject({ failed: 0, skipped: 0 });
    const source = server.read('secrets', 'registry-desk', name, { managedFields: true }) as { metadata: { annotations: Record<string, string>; managedFields: { manager: string; operation: string }[] } };
    expect(source.metadata.annotations['registry-desk.io/in-cluster-sync']).toBe('true');
    expect(source.metadata.managedFields.map((entry) => `${entry.manager}/${entry.operation}`).sort()).toEqual(['registry-desk/Apply', 'registry-desk/Update']);

    const again = await recorded(server, secretSpellings(password, USERNAME), () => syncPreview(registryId));
    expect(again.leaks).toEqual([]);
    expect(secretAction(again.value, 'handover', name)).toBe('unchanged');
  });
});
