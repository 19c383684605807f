// A hostile or runaway cluster against the app's one list path: answers are read as they arrive
// and capped in bytes, lists in items and pages, and a repeated `continue` stops the list. The
// context that breaks a limit fails with an error naming it, the resource and the limit; the
// other contexts are served as usual.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../shared/errors';
import { DEFAULT_CLUSTER_LIMITS } from '../../main/kube/cluster-limits';
import { ADMIN_TOKEN, startKubeApiServer, writeKubeconfig, type KubeApiServer } from '../kube-api-server';
import { errorOf, preview, valueOf } from '../support/access-flow';
import { createAccessFixture, type AccessFixture } from '../support/access-services';
import { seedFailingPod } from '../support/failing-pods';
import { startHostileApiServer, type HostileApiServer, type HostileMode } from '../support/hostile-api-server';
import type { ScanOutcome } from '../support/list-memory-worker';

const MiB = 1024 * 1024;

/** The memory worker, bundled with Vite (as the benchmarks' server worker is): the app's TypeScript on a thread of its own. */
async function bundleMemoryWorker(): Promise<string> {
  const outDir = resolve('test-results/list-memory-worker');
  mkdirSync(outDir, { recursive: true });
  await build({
    configFile: false,
    logLevel: 'warn',
    ssr: { noExternal: true },
    build: { ssr: resolve(import.meta.dirname, '../support/list-memory-worker.ts'), outDir, emptyOutDir: true, target: 'node22', rollupOptions: { output: { entryFileNames: 'list-memory-worker.mjs' } } },
  });
  return join(outDir, 'list-memory-worker.mjs');
}

/** Runs the scan in a worker whose old generation may not pass `maxOldMb`; V8 ends the worker if it does. */
function scanInWorker(file: string, server: string, maxOldMb: number): Promise<ScanOutcome> {
  const worker = new Worker(file, { workerData: { server }, resourceLimits: { maxOldGenerationSizeMb: maxOldMb, maxYoungGenerationSizeMb: 16 } });
  return new Promise((resolveScan, reject) => {
    worker.once('message', (outcome: ScanOutcome) => resolveScan(outcome));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the scan's worker exited (code ${code}) without an answer`)));
  });
}

describe('a cluster that answers `continue` for ever with 10,000 pods a page', () => {
  let server: HostileApiServer;
  let workerFile: string;

  beforeAll(async () => {
    [server, workerFile] = await Promise.all([startHostileApiServer({ mode: 'endless-pages', itemsPerPage: 10_000 }), bundleMemoryWorker()]);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
  });

  it('is scanned item by item: the list stops at 100,000 pods with a typed error, the heap stays small', { timeout: 180_000 }, async () => {
    // Before: every page was kept whole and the list never ended (past 800 MiB in the main process).
    const outcome = await scanInWorker(workerFile, server.url, 128);
    const peakMiB = (outcome.peakHeapBytes - outcome.baselineHeapBytes) / MiB;
    console.info(`pod scan of an endless cluster: ${server.listsServed()} pages served, peak heap ${peakMiB.toFixed(1)} MiB above the ${(outcome.baselineHeapBytes / MiB).toFixed(1)} MiB at start`);
    expect(outcome).toMatchObject({ outcome: 'failed', error: { name: 'KubeLimitError', limit: 'listItems', resource: 'pods', value: DEFAULT_CLUSTER_LIMITS.maxListItems } });
    expect(server.listsServed()).toBe(DEFAULT_CLUSTER_LIMITS.maxListItems / 10_000 + 1);
    expect(peakMiB).toBeLessThan(64);
  });
});

describe('each limit fails only the context that breaks it', () => {
  const LIMITS = { maxListItems: 5_000, maxListPages: 25, maxResponseBytes: 2 * MiB };
  const HOSTILE: Record<string, HostileMode> = { endless: 'endless-pages', repeated: 'repeated-continue', empty: 'empty-pages', flood: 'endless-answer' };
  let lab: KubeApiServer;
  const hostile: Record<string, HostileApiServer> = {};
  let fixture: AccessFixture;

  beforeAll(async () => {
    lab = await startKubeApiServer();
    lab.seed.namespace('shop');
    seedFailingPod(lab, 'shop', { name: 'web', image: 'reg.example.com/Team/App:1', reason: 'InvalidImageName' });
    for (const [name, mode] of Object.entries(HOSTILE)) hostile[name] = await startHostileApiServer({ mode, itemsPerPage: 1_000 });
    const kubeconfig = writeKubeconfig(join(mkdtempSync(join(tmpdir(), 'rd-limits-')), 'config'), [
      { name: 'lab', server: lab.url, caPem: lab.caPem, token: ADMIN_TOKEN },
      ...Object.entries(hostile).map(([name, server]) => ({ name, server: server.url, token: 'any' })),
    ]);
    fixture = createAccessFixture({ keychainService: `registry-desk-limits-${randomBytes(4).toString('hex')}`, kubeconfigPaths: [kubeconfig], clusterLimits: LIMITS });
  }, 60_000);

  afterAll(async () => {
    await fixture?.close();
    await Promise.all([lab?.stop(), ...Object.values(hostile).map((server) => server.stop())]);
  });

  it('the pull doctor: each hostile context fails with its limit, the lab context is diagnosed', async () => {
    const found = valueOf(await fixture.ipc.invoke('pull-doctor:find', { contexts: ['lab', ...Object.keys(HOSTILE)], namespaces: [] }));
    const errors = Object.fromEntries(found.contexts.map((scan) => [scan.context, scan.state === 'failed' ? scan.error : scan.state]));
    expect(errors).toEqual({
      lab: 'checked',
      endless: expect.objectContaining({ code: 'cluster.listTooLong', params: { context: 'endless', resource: 'pods', limit: 5_000 } }),
      repeated: expect.objectContaining({ code: 'cluster.listRepeated', params: { context: 'repeated', resource: 'pods', page: 2 } }),
      empty: expect.objectContaining({ code: 'cluster.listEndless', params: { context: 'empty', resource: 'pods', limit: 25 } }),
      flood: expect.objectContaining({ code: 'cluster.responseTooLarge', params: { context: 'flood', resource: 'pods', limit: '2 MiB' } }),
    });
    expect((errors.endless as AppError).message).toBe('The API server of "endless" listed more than 5000 pods; the app stops there and does not work on a partial list.');
    expect((errors.flood as AppError).message).toBe('The API server of "flood" sent more than 2 MiB in one answer for pods; the app stopped reading it.');
    expect(found.diagnoses.map((diagnosis) => [diagnosis.context, diagnosis.namespace, diagnosis.image])).toEqual([['lab', 'shop', 'reg.example.com/Team/App:1']]);
    // Each list stopped at its limit: no page past it was asked for.
    expect(hostile.endless!.listsServed()).toBe(LIMITS.maxListItems / 1_000 + 1);
    expect(hostile.repeated!.listsServed()).toBe(2);
    expect(hostile.empty!.listsServed()).toBe(LIMITS.maxListPages);
  });

  it('Manage access previews the lab context and reports the one whose continue comes back', async () => {
    const registryId = (await fixture.services.registries.create({ type: 'docker', name: 'Hub', url: 'docker.io', username: 'octo', password: `dckr_pat_${randomBytes(8).toString('hex')}` })).id;
    const settings = {
      mode: 'inject-selected' as const,
      allClusters: false,
      contexts: ['lab', 'repeated'],
      scope: { namespaces: { kind: 'list' as const, names: ['shop'] }, serviceAccounts: { kind: 'none' as const } },
      contextScopes: {},
      credential: { type: 'registry-credentials' as const, secretName: 'hub-pull-secret' },
    };
    const plan = await preview(fixture, registryId, settings);
    const byContext = Object.fromEntries(plan.contexts.map((entry) => [entry.context, entry]));
    expect(byContext.lab).toMatchObject({ state: 'targeted', namespaces: [{ namespace: 'shop', secrets: [{ name: 'hub-pull-secret', action: 'create' }] }] });
    expect(byContext.repeated?.error).toMatchObject({ code: 'cluster.listRepeated', params: { context: 'repeated' } });
  });

  it('the namespace picker says why it cannot list', async () => {
    const error = errorOf(await fixture.ipc.invoke('clusters:namespaces', { context: 'empty', limit: 50 }));
    expect(error).toMatchObject({ code: 'cluster.listEndless', params: { context: 'empty', resource: 'namespaces', limit: 25 } });
  });
});
