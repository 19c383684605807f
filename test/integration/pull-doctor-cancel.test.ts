// A pull-doctor scan and a fleet-radar scan cancelled through the IPC protocol, as the window
// cancels any call: the scan's cluster reads on a slow API server are aborted and the call answers
// "cancelled" at once.
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeApiServer, type KubeApiServer } from '../kube-api-server';
import { kubeconfigFor } from '../support/access-flow';
import { createAccessFixture, type AccessFixture } from '../support/access-services';
import { seedFailingPod } from '../support/failing-pods';

/** Every API request waits this long: one scan, uncancelled, takes several times as long. */
const LATENCY_MS = 10_000;

describe('a pull-doctor scan the window cancels', () => {
  let kube: KubeApiServer;
  let app: AccessFixture;

  beforeAll(async () => {
    kube = await startKubeApiServer();
    for (let index = 0; index < 3; index += 1) kube.seed.namespace(`team-${index}`);
    for (let index = 0; index < 12; index += 1) {
      seedFailingPod(kube, `team-${index % 3}`, { name: `web-${index}`, image: `registry.invalid/team/app:${index}`, node: 'node-1' });
    }
    app = createAccessFixture({ keychainService: `registry-desk-test-${randomBytes(4).toString('hex')}`, kubeconfigPaths: [kubeconfigFor([{ name: 'lab', server: kube }])] });
  });

  afterAll(async () => {
    await app?.close();
    await kube?.stop();
  });

  const scans = {
    'pull-doctor:find': (callId: string) => app.ipc.invoke('pull-doctor:find', { contexts: ['lab'], namespaces: [] }, callId),
    'radar:scan': (callId: string) => app.ipc.invoke('radar:scan', { contexts: ['lab'] }, callId),
  };

  it.each(Object.keys(scans) as (keyof typeof scans)[])('%s stops at ipc:cancel instead of waiting for the cluster, and answers ipc.cancelled', async (channel) => {
    kube.setLatency(LATENCY_MS);
    const callId = randomUUID();
    const started = performance.now();
    const scan = scans[channel](callId);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await app.ipc.invoke('ipc:cancel', { callId })).toEqual({ ok: true, value: { cancelled: true } });
    expect(await scan).toMatchObject({ ok: false, error: { code: 'ipc.cancelled' } });
    // Well under the first request's latency, generous for a loaded machine.
    expect(performance.now() - started).toBeLessThan(LATENCY_MS * 0.8);
  });
});
