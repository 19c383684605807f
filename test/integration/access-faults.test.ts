import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessProgress, ApplyResult } from '../../shared/access-contract';
import { defaultAccessSettings, type AccessSettings } from '../../shared/access-settings';
import { startKubeApiServer, type KubeApiServer } from '../kube-api-server';
import { apply, kubeconfigFor, preview, valueOf } from '../support/access-flow';
import { createAccessFixture, type AccessFixture } from '../support/access-services';

// A flaky, overloaded server (5xx, 429 with Retry-After, conflicts) and an operator who cancels
// half-way: either way the clusters end up exactly as the settings say. Hundreds of requests with
// retries and Retry-After waits: seconds on a quiet machine, a minute or more on a loaded one.
const SLOW = { timeout: 180_000 };

const SECRET = 'hub-pull-secret';
const password = `dckr_pat_${randomBytes(16).toString('hex')}`;

interface Account {
  imagePullSecrets?: { name: string }[];
}
interface Secret {
  metadata: { labels?: Record<string, string> };
  data: Record<string, string>;
}

/** Every target namespace holds exactly the app's secret, and `default` references it exactly once. */
function expectConverged(server: KubeApiServer, namespaces: string[], registryId: string, secretPassword: string): void {
  for (const namespace of namespaces) {
    const secret = server.read('secrets', namespace, SECRET) as Secret | undefined;
    expect(secret?.metadata.labels?.['registry-desk.io/registry'], namespace).toBe(registryId);
    const config = JSON.parse(Buffer.from(secret!.data['.dockerconfigjson']!, 'base64').toString()) as { auths: Record<string, { password: string }> };
    expect(config.auths['https://index.docker.io/v1/']?.password, namespace).toBe(secretPassword);
    const account = server.read('serviceaccounts', namespace, 'default') as Account;
    expect(account.imagePullSecrets, namespace).toEqual([{ name: 'corp-registry' }, { name: SECRET }]);
  }
}

async function seeded(count: number): Promise<{ server: KubeApiServer; namespaces: string[] }> {
  const server = await startKubeApiServer({ seed: 7 });
  const namespaces = Array.from({ length: count }, (_, index) => `team-${String(index).padStart(3, '0')}`);
  for (const namespace of namespaces) {
    server.seed.namespace(namespace);
  }
  return { server, namespaces };
}

/** The steps that did not succeed, with their error codes: what a failing run needs to show. */
function failures(result: ApplyResult): string[] {
  return result.contexts.flatMap((context) =>
    context.namespaces.flatMap((entry) =>
      [...entry.secrets, ...entry.serviceAccounts]
        .filter((step) => step.outcome === 'failed' || step.outcome === 'skipped')
        .map((step) => `${entry.namespace}/${step.name}: ${step.outcome} ${step.error?.code ?? ""} ${step.error?.message ?? ""}`),
    ),
  );
}

function settingsFor(registryId: string, namespaces: string[]): AccessSettings {
  return {
    ...defaultAccessSettings('Hub', registryId),
    contexts: ['lab'],
    scope: { namespaces: { kind: 'list', names: namespaces }, serviceAccounts: { kind: 'default' } },
    credential: { type: 'registry-credentials', secretName: SECRET },
  };
}

/**
 * Twenty patches at a time: hundreds at once open hundreds of TLS connections, client and server
 * in this one process, and on a loaded machine the last handshakes end past the client's 30 s timeout.
 */
async function withOperatorReferences(fixture: AccessFixture, namespaces: string[]): Promise<void> {
  const api = await fixture.services.clusters.api('lab');
  for (let start = 0; start < namespaces.length; start += 20) {
    const batch = namespaces.slice(start, start + 20);
    await Promise.all(batch.map((namespace) => api.mergePatch(`/api/v1/namespaces/${namespace}/serviceaccounts/default`, { imagePullSecrets: [{ name: 'corp-registry' }] })));
  }
}

interface Lab {
  server: KubeApiServer;
  namespaces: string[];
  fixture: AccessFixture;
  registryId: string;
}

/** A cluster with `count` namespaces whose `default` ServiceAccounts already name the operator's own secret, and a saved Hub login. */
async function openLab(count: number): Promise<Lab> {
  const { server, namespaces } = await seeded(count);
  const fixture = createAccessFixture({ keychainService: `registry-desk-test-${randomBytes(4).toString('hex')}`, kubeconfigPaths: [kubeconfigFor([{ name: 'lab', server }])] });
  const registryId = (await fixture.services.registries.create({ type: 'docker', name: 'Hub', url: 'docker.io', username: 'octo', password })).id;
  await withOperatorReferences(fixture, namespaces);
  return { server, namespaces, fixture, registryId };
}

async function closeLab(lab: Lab | undefined): Promise<void> {
  await lab?.fixture.close();
  await lab?.server.stop();
}

/** The operator saves a new password for the login: the next apply must write it everywhere. */
async function rotatePassword({ fixture, registryId }: Lab): Promise<string> {
  const rotated = `${password}-rotated`;
  const record = valueOf(await fixture.ipc.invoke('registries:get', { id: registryId }));
  valueOf(await fixture.ipc.invoke('registries:update', { id: registryId, input: { type: 'docker', name: record.name, url: record.url, username: 'octo', password: rotated } }));
  return rotated;
}

describe('faults: 10% 5xx, 10% 429, injected conflicts', SLOW, () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab(60);
  }, SLOW.timeout);

  afterAll(() => closeLab(lab));

  it('apply converges to the exact intended state, then a changed password converges too', async () => {
    const { server, namespaces, fixture, registryId } = lab;
    server.setFaults({ serverErrorRate: 0.1, tooManyRequestsRate: 0.1, retryAfterSeconds: 1, conflictRate: 0.2 });
    const first = await apply(fixture, await preview(fixture, registryId, settingsFor(registryId, namespaces)));
    expect(failures(first)).toEqual([]);
    expect(first.counts).toMatchObject({ failed: 0, done: 120 });
    expectConverged(server, namespaces, registryId, password);

    const rotated = await rotatePassword(lab);
    const second = await apply(fixture, await preview(fixture, registryId));
    expect(failures(second)).toEqual([]);
    expect(second.counts).toMatchObject({ failed: 0, done: 60, unchanged: 60 });
    server.setFaults({});
    expectConverged(server, namespaces, registryId, rotated);
    const faults = server.counters();
    expect(faults.total).toBeGreaterThan(second.counts.done + first.counts.done);
  });
});

describe('a secret someone keeps changing', SLOW, () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab(3);
  }, SLOW.timeout);

  afterAll(() => closeLab(lab));

  it('gives up after a bounded number of tries with the reason, and the next apply finishes the job', async () => {
    const { server, namespaces, fixture, registryId } = lab;
    expect((await apply(fixture, await preview(fixture, registryId, settingsFor(registryId, namespaces)))).counts).toMatchObject({ done: 6 });
    const rotated = await rotatePassword(lab);
    const plan = await preview(fixture, registryId);
    server.setFaults({ conflictRate: 1, maxInARow: Infinity });
    server.resetCounters();
    const contended = await apply(fixture, plan);
    server.setFaults({});
    expect(contended.counts).toMatchObject({ failed: 3, unchanged: 3 });
    for (const entry of contended.contexts[0]!.namespaces) {
      expect(entry.secrets[0]).toMatchObject({ outcome: 'failed', error: { code: 'cluster.apiError', params: { status: 409, detail: 'the secret kept changing' } } });
    }
    // Six tries per secret, each a write and a fresh read: never a retry storm.
    expect(server.counters().byVerb.update).toBe(18);
    const settled = await apply(fixture, await preview(fixture, registryId));
    expect(failures(settled)).toEqual([]);
    expectConverged(server, namespaces, registryId, rotated);
  });
});

describe('cancel mid-apply, then apply again', SLOW, () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await openLab(300);
    lab.server.setLatency(20);
  }, SLOW.timeout);

  afterAll(() => closeLab(lab));

  it('stops promptly, reports what did not run, and the next apply finishes the job', async () => {
    const { server, namespaces, fixture, registryId } = lab;
    const plan = await preview(fixture, registryId, settingsFor(registryId, namespaces));
    const operationId = randomUUID();
    const callId = randomUUID();
    const cancelWhenStarted = new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const progress = fixture.events.filter((entry) => entry.event === 'event:access-progress').map((entry) => entry.payload as AccessProgress);
        if (progress.some((payload) => payload.operationId === operationId && payload.done >= 20)) {
          clearInterval(timer);
          void fixture.ipc.invoke('ipc:cancel', { callId }).then((answer) => {
            expect(valueOf(answer)).toEqual({ cancelled: true });
            resolve();
          });
        }
      }, 5);
    });
    const [result] = await Promise.all([apply(fixture, plan, { operationId, callId }), cancelWhenStarted]);
    expect(result.outcome).toBe('cancelled');
    expect(result.counts.done).toBeGreaterThan(0);
    expect(result.counts.cancelled).toBeGreaterThan(100);
    const last = fixture.events.filter((entry) => entry.event === 'event:access-progress').at(-1)?.payload as AccessProgress;
    expect(last).toMatchObject({ operationId, state: 'cancelled', total: 300 });
    expect(valueOf(await fixture.ipc.invoke('ipc:cancel', { callId })).cancelled).toBe(false);

    const again = await apply(fixture, await preview(fixture, registryId));
    expect(again.outcome).toBe('completed');
    expect(again.counts.failed).toBe(0);
    expectConverged(server, namespaces, registryId, password);
    const status = valueOf(await fixture.ipc.invoke('access:status', { registryId }));
    expect(status.counts).toMatchObject({ 'in-sync': 300, drifted: 0, missing: 0 });
  });
});
