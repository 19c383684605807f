// What the composition root starts (the kubeconfig watch, the ECR refresh) and what the shell holds
// (the IPC calls in flight) stop at quit, last started first, and nothing starts again afterwards.
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defaultAccessSettings } from '../../shared/access-settings';
import type { CredentialSource } from '../../main/access';
import type { Timers } from '../../main/logging/timers';
import { ADMIN_TOKEN, startKubeApiServer, writeKubeconfig, type KubeApiServer } from '../kube-api-server';
import { apply, kubeconfigFor, preview, valueOf } from '../support/access-flow';
import { createAccessFixture, type AccessFixture } from '../support/access-services';

const HOUR = 3_600_000;
const ECR_URL = 'https://123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const LATENCY_MS = 2_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Real timers (hours away, so none fires in a test) that say which are still pending. */
function watchedTimers() {
  const pending = new Set<NodeJS.Timeout>();
  const timers: Timers = {
    setTimeout(run, ms) {
      const handle = setTimeout(run, ms).unref();
      pending.add(handle);
      return handle;
    },
    clearTimeout(handle) {
      pending.delete(handle as NodeJS.Timeout);
      clearTimeout(handle as NodeJS.Timeout);
    },
  };
  return { timers, pending };
}

/** A stand-in for AWS: a 12-hour token each time. */
const ecrTokens: CredentialSource = {
  forRegistry: async (registryId) => ({ registryId, type: 'ecr', server: ECR_URL, username: 'AWS', password: `ecr-token-${randomBytes(8).toString('hex')}`, expiresAt: new Date(Date.now() + 12 * HOUR).toISOString() }),
};

describe('quitting the app', () => {
  let server: KubeApiServer;
  let kubeconfig: string;
  const apps: AccessFixture[] = [];

  beforeAll(async () => {
    server = await startKubeApiServer();
    server.seed.namespace('apps');
    kubeconfig = kubeconfigFor([{ name: 'eks', server }]);
  });

  afterEach(() => server.setLatency(0));

  afterAll(async () => {
    for (const app of apps) await app.close();
    await server?.stop();
  });

  /** The app's services with one ECR registry whose secret (its own, beside other tests') is in the cluster, not started yet. */
  async function appWithEcrSecrets() {
    const { timers, pending } = watchedTimers();
    const app = createAccessFixture({ keychainService: `registry-desk-test-${randomBytes(4).toString('hex')}`, kubeconfigPaths: [kubeconfig], timers, credentials: ecrTokens });
    apps.push(app);
    const registryId = (await app.services.registries.create({ type: 'ecr', name: 'ECR', url: ECR_URL, authType: 'iam-role' })).id;
    const settings = {
      ...defaultAccessSettings('ECR', registryId),
      contexts: ['eks'],
      scope: { namespaces: { kind: 'list' as const, names: ['apps'] }, serviceAccounts: { kind: 'default' as const } },
      credential: { type: 'registry-credentials' as const, secretName: `ecr-pull-secret-${apps.length}` },
    };
    await apply(app, await preview(app, registryId, settings));
    return { app, pending };
  }

  it('stops the kubeconfig watch, the ECR refresh and the calls in flight, last started first', async () => {
    const { app, pending } = await appWithEcrSecrets();
    const changes = () => app.events.filter((entry) => entry.event === 'event:kubeconfig-changed').length;
    app.services.start();
    const stoppedFirst: { ecrRenewalPending: number }[] = [];
    app.services.hold({ dispose: () => stoppedFirst.push({ ecrRenewalPending: pending.size }) });
    app.services.hold({ dispose: () => app.ipc.dispose() });
    await expect.poll(async () => valueOf(await app.ipc.invoke('access:refresh-state', {})).registries[0]?.state).toBe('scheduled');
    expect(pending.size).toBe(1);
    writeKubeconfig(kubeconfig, [{ name: 'eks', server: server.url, caPem: server.caPem, token: ADMIN_TOKEN }]);
    await expect.poll(changes).toBe(1);

    server.setLatency(LATENCY_MS);
    const status = app.ipc.invoke('access:status', { registryId: app.services.settings.read().registries[0]!.id });
    await sleep(200);
    app.services.dispose();

    expect(await status).toMatchObject({ ok: false, error: { code: 'ipc.cancelled' } });
    // What the shell held last stopped before the ECR refresh that start() began.
    expect(stoppedFirst).toEqual([{ ecrRenewalPending: 1 }]);
    expect(pending.size).toBe(0);
    writeKubeconfig(kubeconfig, [{ name: 'eks', server: server.url, caPem: server.caPem, token: ADMIN_TOKEN }]);
    await sleep(1_500);
    expect(changes()).toBe(1);
  });

  it('schedules no ECR renewal when quitting interrupts the first reading of the clusters', async () => {
    const { app, pending } = await appWithEcrSecrets();
    server.setLatency(LATENCY_MS);
    server.resetCounters();
    app.services.start();
    await expect.poll(() => server.counters().total).toBeGreaterThan(0);
    app.services.dispose();
    // Longer than the reads would take had they gone on.
    await sleep(LATENCY_MS * 2);
    expect(pending.size).toBe(0);
  });
});
