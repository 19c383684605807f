import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplyResult, ContextList, Plan } from '../../shared/access-contract';
import { defaultAccessSettings, type AccessSettings } from '../../shared/access-settings';
import { ADMIN_TOKEN, startKubeApiServer, writeKubeconfig, type KubeApiServer } from '../kube-api-server';
import { createAccessFixture, FIXTURE_PROBE_TIMEOUT_MS, type AccessFixture } from '../support/access-services';
import { closedPort } from '../support/closed-port';

// Two kubeconfig files, three contexts: two test API servers and one address nobody listens on.
// The app must list them as kubectl does, and an unreachable context must cost only itself.

const execFileAsync = promisify(execFile);
const dockerPassword = `dckr_pat_${randomBytes(16).toString('hex')}`;
const WRITE_VERBS = ['create', 'update', 'patch', 'delete'];

describe('clusters from a two-file KUBECONFIG, one unreachable', () => {
  let east: KubeApiServer;
  let west: KubeApiServer;
  let fixture: AccessFixture;
  let kubeconfigs: string[];
  let registryId: string;

  beforeAll(async () => {
    [east, west] = await Promise.all([startKubeApiServer({ gitVersion: 'v1.31.4' }), startKubeApiServer({ gitVersion: 'v1.30.2' })]);
    for (const name of ['apps', 'web']) east.seed.namespace(name);
    west.seed.namespace('apps');
    const dir = mkdtempSync(join(tmpdir(), 'rd-kubeconfigs-'));
    const deadPort = await closedPort();
    kubeconfigs = [
      // gone before east, out of name order: every screen must still list them as the Clusters page does.
      writeKubeconfig(join(dir, 'work.yaml'), [
        { name: 'gone', server: `https://127.0.0.1:${deadPort}`, caPem: east.caPem, token: ADMIN_TOKEN },
        { name: 'east', server: east.url, caPem: east.caPem, token: ADMIN_TOKEN, namespace: 'apps' },
      ], 'east'),
      writeKubeconfig(join(dir, 'lab.yaml'), [{ name: 'west', server: west.url, caPem: west.caPem, token: ADMIN_TOKEN }], 'west'),
    ];
    fixture = createAccessFixture({ keychainService: `registry-desk-test-${randomBytes(4).toString('hex')}`, kubeconfigPaths: kubeconfigs });
    const created = await fixture.services.registries.create({ type: 'docker', name: 'Docker Hub', url: 'docker.io', username: 'octo', password: dockerPassword });
    registryId = created.id;
  });

  afterAll(async () => {
    await fixture?.close();
    await Promise.all([east?.stop(), west?.stop()]);
  });

  it('lists the contexts as kubectl config get-contexts does', async () => {
    const listed = await fixture.ipc.invoke('clusters:list', {});
    expect(listed.ok).toBe(true);
    const list = (listed as { value: ContextList }).value;
    const cacheDir = mkdtempSync(join(tmpdir(), 'kubectl-cache-'));
    // Asynchronously: kubectl's dispatcher asks the current context's server (in this process) for its version.
    const { stdout: table } = await execFileAsync('kubectl', ['config', 'get-contexts', '--cache-dir', cacheDir], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cacheDir, KUBECONFIG: kubeconfigs.join(delimiter) },
    });
    const rows = table.trim().split('\n').slice(1).map((line) => line.replace(/^\*/, '* ').trim().split(/\s+/));
    const ours = list.contexts.map((context) => [...(context.isCurrent ? ['*'] : []), context.name, context.cluster, context.user, ...(context.namespace === 'default' ? [] : [context.namespace])]);
    expect(ours).toEqual(rows);
    expect(list.currentContext).toBe('east');
    expect(list.contexts.find((context) => context.name === 'east')).toMatchObject({ server: east.url, namespace: 'apps', auth: 'token', isCurrent: true });
    expect(JSON.stringify(list)).not.toContain(ADMIN_TOKEN);
  });

  it('probes each context on its own: two answer with their versions, the dead one fails fast', async () => {
    const started = Date.now();
    const probed = await fixture.ipc.invoke('clusters:probe', {});
    // The refused one does not wait out the probe timeout.
    expect(Date.now() - started).toBeLessThan(FIXTURE_PROBE_TIMEOUT_MS);
    expect(probed.ok && probed.value).toMatchObject({
      east: { state: 'reachable', serverVersion: 'v1.31.4' },
      west: { state: 'reachable', serverVersion: 'v1.30.2' },
      gone: { state: 'unreachable', error: { code: 'cluster.unreachable' } },
    });
    const statusEvents = fixture.events.filter((entry) => entry.event === 'event:context-status');
    expect(statusEvents.length).toBeGreaterThanOrEqual(6);
  });

  it('applies to the reachable target and reports the unreachable one; the untargeted cluster is not written', async () => {
    const settings: AccessSettings = { ...defaultAccessSettings('Docker Hub', registryId), contexts: ['east', 'gone'] };
    const previewed = await fixture.ipc.invoke('access:preview', { registryId, settings });
    expect(previewed.ok).toBe(true);
    const plan = (previewed as { value: Plan }).value;
    expect(plan.contexts.map((context) => [context.context, context.state])).toEqual([
      ['east', 'targeted'],
      ['gone', 'unreachable'],
      ['west', 'not-targeted'],
    ]);
    const eastPlan = plan.contexts.find((context) => context.context === 'east')!;
    expect(eastPlan.namespaces.map((namespace) => namespace.namespace)).toEqual(['apps', 'default', 'web']);
    west.resetCounters();
    const applied = await fixture.ipc.invoke('access:apply', { operationId: randomUUID(), planId: plan.planId, confirmRemovals: false });
    expect(applied.ok).toBe(true);
    const result = (applied as { value: ApplyResult }).value;
    expect(result.counts).toMatchObject({ done: 6, failed: 0 });
    expect(result.contexts.find((context) => context.context === 'gone')?.error?.code).toBe('cluster.unreachable');
    const written = east.read('secrets', 'web', 'docker-hub-pull-secret') as { type: string; data: Record<string, string> };
    expect(written.type).toBe('kubernetes.io/dockerconfigjson');
    expect(JSON.parse(Buffer.from(written.data['.dockerconfigjson']!, 'base64').toString())).toEqual({
      auths: { 'https://index.docker.io/v1/': { username: 'octo', password: dockerPassword, auth: Buffer.from(`octo:${dockerPassword}`).toString('base64') } },
    });
    expect(east.read('serviceaccounts', 'web', 'default')).toMatchObject({ imagePullSecrets: [{ name: 'docker-hub-pull-secret' }] });
    expect(Object.keys(west.counters().byVerb).filter((verb) => WRITE_VERBS.includes(verb))).toEqual([]);
    expect(JSON.stringify([plan, result, fixture.events, fixture.logLines])).not.toContain(dockerPassword);
  });

  it('status says in sync where applied and unreachable where it could not look', async () => {
    const status = await fixture.ipc.invoke('access:status', { registryId });
    expect(status.ok && status.value.contexts.map((context) => [context.context, context.state, context.counts['in-sync']])).toEqual([
      ['east', 'checked', 3],
      ['gone', 'unreachable', 0],
      ['west', 'not-targeted', 0],
    ]);
    // Clusters are counted apart: an unreachable cluster is not a namespace.
    expect(status.ok && status.value.counts).toMatchObject({ 'in-sync': 3, unreachable: 0 });
    expect(status.ok && status.value.clusters).toEqual({ checked: 1, unreachable: 1, forbidden: 0, 'not-targeted': 1 });
  });

  it('shows an unpicked cluster as not selected whether it answers or not, in the Clusters page order', async () => {
    const settings: AccessSettings = { ...defaultAccessSettings('Docker Hub', registryId), contexts: ['west'] };
    const previewed = await fixture.ipc.invoke('access:preview', { registryId, settings });
    const plan = (previewed as { value: Plan }).value;
    expect(plan.contexts.map((context) => [context.context, context.state, context.error?.code])).toEqual([
      ['east', 'not-targeted', undefined],
      ['gone', 'not-targeted', undefined],
      ['west', 'targeted', undefined],
    ]);
    const listed = await fixture.ipc.invoke('clusters:list', {});
    expect(listed.ok && listed.value.contexts.map((context) => context.name)).toEqual(plan.contexts.map((context) => context.context));
  });
});

describe('a server that accepts connections but never answers', () => {
  it('is reported as timed out after the probe timeout, not as cancelled', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const dir = mkdtempSync(join(tmpdir(), 'rd-silent-'));
    const kubeconfig = writeKubeconfig(join(dir, 'config'), [{ name: 'silent', server: `https://127.0.0.1:${port}`, token: ADMIN_TOKEN }]);
    const fixture = createAccessFixture({ keychainService: `registry-desk-test-${randomBytes(4).toString('hex')}`, kubeconfigPaths: [kubeconfig], probeTimeoutMs: 500 });
    const started = Date.now();
    const probed = await fixture.ipc.invoke('clusters:probe', {});
    expect(probed.ok && probed.value.silent).toMatchObject({ state: 'unreachable', error: { code: 'cluster.timeout', params: { context: 'silent', seconds: 0.5 } } });
    expect(Date.now() - started).toBeLessThan(3_000);
    await fixture.close();
    silent.close();
  });
});
