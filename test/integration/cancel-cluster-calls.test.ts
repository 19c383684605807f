// Every long call that reads or writes clusters is cancelled the one way the window cancels any
// call (`ipc:cancel` with its callId): on a slow API server the call answers at once, and no
// request of it reaches the server after the cancel.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAccessSettings, type AccessSettings } from '../../shared/access-settings';
import type { Result } from '../../shared/errors';
import type { Channel, RequestOf, ResponseOf } from '../../shared/ipc-contract';
import { startKubeApiServer, type KubeApiServer } from '../kube-api-server';
import { kubeconfigFor, preview, valueOf } from '../support/access-flow';
import { createAccessFixture, type AccessFixture } from '../support/access-services';
import { seedFailingPod } from '../support/failing-pods';

/** Every API request waits this long, so each call is still running when it is cancelled. */
const LATENCY_MS = 6_000;
const NAMESPACES = Array.from({ length: 40 }, (_, index) => `team-${String(index).padStart(2, '0')}`);
const SLOW = { timeout: 120_000 };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `synced`: kept in sync in the cluster by Reflector, so the cluster-sync calls have work there. */
function settingsFor(registryId: string, synced = false): AccessSettings {
  return {
    ...defaultAccessSettings('Hub', registryId),
    contexts: ['lab'],
    scope: { namespaces: { kind: 'list', names: NAMESPACES }, serviceAccounts: { kind: 'default' } },
    credential: { type: 'registry-credentials', secretName: 'hub-pull-secret' },
    ...(synced ? { clusterSync: { lab: { engine: 'reflector', sourceNamespace: 'registry-desk', identity: { kind: 'source-secret' }, wireServiceAccounts: true } } } : {}),
  };
}

describe('long cluster calls the window cancels', () => {
  let kube: KubeApiServer;
  let app: AccessFixture;
  let registryId: string;
  let syncedId: string;

  beforeAll(async () => {
    kube = await startKubeApiServer({ recordRequests: true });
    for (const namespace of NAMESPACES) kube.seed.namespace(namespace);
    for (let index = 0; index < 12; index += 1) {
      seedFailingPod(kube, NAMESPACES[index % 3]!, { name: `web-${index}`, image: `registry.invalid/team/app:${index}`, node: 'node-1' });
    }
    app = createAccessFixture({ keychainService: `registry-desk-test-${randomBytes(4).toString('hex')}`, kubeconfigPaths: [kubeconfigFor([{ name: 'lab', server: kube }])] });
    const input = { type: 'docker' as const, name: 'Hub', url: 'docker.io', username: 'octo', password: `dckr_pat_${randomBytes(16).toString('hex')}` };
    registryId = valueOf(await app.ipc.invoke('registries:create', { input })).id;
    valueOf(await app.ipc.invoke('access:save', { registryId, settings: settingsFor(registryId) }));
    syncedId = valueOf(await app.ipc.invoke('registries:create', { input: { ...input, name: 'Synced', url: 'registry.example.com' } })).id;
    valueOf(await app.ipc.invoke('access:save', { registryId: syncedId, settings: settingsFor(syncedId, true) }));
  }, SLOW.timeout);

  afterAll(async () => {
    await app?.close();
    await kube?.stop();
  });

  /**
   * Starts the call, cancels it once its first request has reached the server, and watches the
   * server for longer than one request takes: a call that went on would send its next request then.
   * Returns the requests that reached the server in that time.
   */
  async function cancelOnceStarted<C extends Channel>(channel: C, request: RequestOf<C>): Promise<{ answer: Result<ResponseOf<C>>; answeredAfterMs: number; requestsAfterCancel: string[] }> {
    kube.setLatency(LATENCY_MS);
    kube.resetCounters();
    kube.resetRequests();
    const callId = randomUUID();
    const call = app.ipc.invoke(channel, request, callId);
    await expect.poll(() => kube.counters().total, { timeout: 30_000, interval: 20 }).toBeGreaterThan(0);
    const cancelledAt = performance.now();
    expect(await app.ipc.invoke('ipc:cancel', { callId })).toEqual({ ok: true, value: { cancelled: true } });
    const answer = await call;
    const answeredAfterMs = performance.now() - cancelledAt;
    // A request already on the wire when the window cancelled may still land (client and server
    // share this process's event loop); after that, silence for longer than one request takes.
    await sleep(1_000);
    const reached = kube.requests().length;
    await sleep(LATENCY_MS + 2_000);
    kube.setLatency(0);
    return { answer, answeredAfterMs, requestsAfterCancel: kube.requests().slice(reached).map((sent) => `${sent.method} ${sent.url}`) };
  }

  const cancelledCalls: [string, () => [Channel, unknown]][] = [
    ['a preview of access', () => ['access:preview', { registryId, settings: settingsFor(registryId) }]],
    ['a preview of cleanup', () => ['access:preview-cleanup', { registryId }]],
    ['a status check', () => ['access:status', { registryId }]],
    ['a search for failing pods', () => ['pull-doctor:find', { contexts: ['lab'], namespaces: [] }]],
    ['a scan of a cluster secret', () => ['import:scan-cluster-secret', { context: 'lab', namespace: 'team-00', name: 'hub-pull-secret' }]],
    ['a detection of sync engines', () => ['cluster-sync:detect', {}]],
    ['a preview of in-cluster sync', () => ['cluster-sync:preview', { registryId: syncedId }]],
    ['a preview of in-cluster sync cleanup', () => ['cluster-sync:preview-cleanup', { registryId: syncedId }]],
    ['a check of in-cluster sync', () => ['cluster-sync:status', { registryId: syncedId }]],
  ];

  it.each(cancelledCalls)('%s stops at ipc:cancel, answers ipc.cancelled, and sends nothing more', SLOW, async (_name, call) => {
    const [channel, request] = call();
    const { answer, answeredAfterMs, requestsAfterCancel } = await cancelOnceStarted(channel, request as RequestOf<Channel>);
    expect(answer).toMatchObject({ ok: false, error: { code: 'ipc.cancelled' } });
    // Well under one request's latency, generous for a loaded machine.
    expect(answeredAfterMs).toBeLessThan(LATENCY_MS * 0.8);
    expect(requestsAfterCancel).toEqual([]);
  });

  it('an apply stops writing at ipc:cancel and reports what it did not do', SLOW, async () => {
    const plan = await preview(app, registryId, settingsFor(registryId));
    const { answer, answeredAfterMs, requestsAfterCancel } = await cancelOnceStarted('access:apply', { operationId: randomUUID(), planId: plan.planId, confirmRemovals: false });
    const result = valueOf(answer);
    expect(result.outcome).toBe('cancelled');
    expect(result.counts.cancelled).toBeGreaterThan(0);
    expect(answeredAfterMs).toBeLessThan(LATENCY_MS * 0.8);
    expect(requestsAfterCancel).toEqual([]);
  });
});
