// A radar scan cancelled through the IPC protocol, as the window cancels any call: the lists on a
// slow API server are aborted and the call answers "cancelled" at once.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeApiServer, type KubeApiServer } from '../kube-api-server';
import { kubeconfigFor } from '../support/access-flow';
import { createAccessFixture, type AccessFixture } from '../support/access-services';

/** Every API request waits this long: one scan, uncancelled, makes ten of them one after another. */
const LATENCY_MS = 5_000;

describe('a radar scan the window cancels', () => {
  let kube: KubeApiServer;
  let app: AccessFixture;

  beforeAll(async () => {
    kube = await startKubeApiServer();
    kube.seed.namespace('team-a');
    app = createAccessFixture({ keychainService: `registry-desk-test-${randomBytes(4).toString('hex')}`, kubeconfigPaths: [kubeconfigFor([{ name: 'lab', server: kube }])] });
  });

  afterAll(async () => {
    await app?.close();
    await kube?.stop();
  });

  it('stops at ipc:cancel instead of waiting for the cluster, and answers ipc.cancelled', async () => {
    kube.setLatency(LATENCY_MS);
    const callId = randomUUID();
    const started = performance.now();
    const scan = app.ipc.invoke('radar:scan', { contexts: ['lab'] }, callId);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await app.ipc.invoke('ipc:cancel', { callId })).toEqual({ ok: true, value: { cancelled: true } });
    expect(await scan).toMatchObject({ ok: false, error: { code: 'ipc.cancelled' } });
    expect(performance.now() - started).toBeLessThan(LATENCY_MS * 0.8);
  });

  it('answers the whole report through the channel, validated both ways', async () => {
    kube.setLatency(0);
    const result = await app.ipc.invoke('radar:scan', { contexts: ['lab'] });
    expect(result).toMatchObject({ ok: true, value: { contexts: [{ context: 'lab', state: 'read', apiRequests: 10 }] } });
    expect(await app.ipc.invoke('radar:scan', { contexts: ['lab'], expiryWindowDays: 0 })).toMatchObject({ ok: false, error: { code: 'ipc.invalidRequest' } });
  });
});
