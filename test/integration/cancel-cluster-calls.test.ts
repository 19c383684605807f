// Every long call that reads or writes clusters is cancelled the one way the window cancels any
// call (`ipc:cancel` with its callId): while the API server still holds the call's requests, the
// call answers, gives up every request it sent, and sends none that would still want an answer.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAccessSettings, type AccessSettings } from '../../shared/access-settings';
import type { Result } from '../../shared/errors';
import type { Channel, RequestOf, ResponseOf } from '../../shared/ipc-contract';
import { startKubeApiServer, type KubeApiServer } from '../kube-api-server';
import { kubeconfigFor, preview, valueOf } from '../support/access-flow';
import { createAccessFixture, type AccessFixture } from '../support/access-services';
import { seedFailingPod } from '../support/failing-pods';

const NAMESPACES = Array.from({ length: 40 }, (_, index) => `team-${String(index).padStart(2, '0')}`);
const SLOW = { timeout: 120_000 };
/** Generous for a loaded machine: each wait below ends as soon as its condition holds. */
const CONDITION = { timeout: 30_000, interval: 20 };
/**
 * How long to watch for a request sent after the cancel. Such a request would go out at once (the
 * server holds nothing back from it), so this is a window to catch it in, not a wait for anything.
 */
const WATCH_MS = 1_000;

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
    kube = await startKubeApiServer();
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
   * Starts the call with the server holding every request, cancels it once its first request has
   * arrived (so it is surely in flight), and waits for the answer while the server still holds
   * everything: an answer that waited for a request would never come. Then waits until the call
   * has given up each request it sent, and watches for any that still wants an answer.
   */
  async function cancelOnceStarted<C extends Channel>(channel: C, request: RequestOf<C>): Promise<{ answer: Result<ResponseOf<C>>; stillWaiting: string[] }> {
    kube.holdRequests();
    try {
      const callId = randomUUID();
      let answer: Result<ResponseOf<C>> | undefined;
      const call = app.ipc.invoke(channel, request, callId).then((result) => (answer = result));
      await expect.poll(() => kube.heldRequests().length, CONDITION).toBeGreaterThan(0);
      expect(await app.ipc.invoke('ipc:cancel', { callId })).toEqual({ ok: true, value: { cancelled: true } });
      await expect.poll(() => answer !== undefined, { ...CONDITION, message: 'the call answers while the server holds its requests' }).toBe(true);
      await call;
      const waiting = () => kube.heldRequests().filter((held) => !held.abandoned).map((held) => `${held.method} ${held.url}`);
      await expect.poll(waiting, { ...CONDITION, message: 'the call gives up every request it sent' }).toEqual([]);
      await sleep(WATCH_MS);
      return { answer: answer!, stillWaiting: waiting() };
    } finally {
      kube.releaseRequests();
    }
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
    const { answer, stillWaiting } = await cancelOnceStarted(channel, request as RequestOf<Channel>);
    expect(answer).toMatchObject({ ok: false, error: { code: 'ipc.cancelled' } });
    expect(stillWaiting).toEqual([]);
  });

  it('an apply stops writing at ipc:cancel and reports what it did not do', SLOW, async () => {
    const plan = await preview(app, registryId, settingsFor(registryId));
    const { answer, stillWaiting } = await cancelOnceStarted('access:apply', { operationId: randomUUID(), planId: plan.planId, confirmRemovals: false });
    const result = valueOf(answer);
    expect(result.outcome).toBe('cancelled');
    expect(result.counts.cancelled).toBeGreaterThan(0);
    expect(stillWaiting).toEqual([]);
  });
});
