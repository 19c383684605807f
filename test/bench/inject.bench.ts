import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { AccessSettings } from '../../shared/access-settings';
import { defaultAccessSettings } from '../../shared/access-settings';
import { pullSecret } from '../../main/pull-secrets/pull-secret';
import { referencesKey } from '../../main/pull-secrets/service-account-references';
import { runPool } from '../../main/kube/work-pool';
import { writeKubeconfig, ADMIN_TOKEN } from '../kube-api-server';
import { apply, preview, valueOf } from '../support/access-flow';
import { createAccessFixture, type AccessFixture } from '../support/access-services';
import { benchReport, seconds } from './bench-report';
import { startApiServerWorker, type RemoteApiServer } from './worker-api-servers';

// npm run bench:inject — one registry into 3 contexts × 500 namespaces (secret + default
// ServiceAccount each) with 20 ms added per request, next to the kubectl loop an operator would
// otherwise run against the same server; then a no-op re-apply and status over 3 × 5,000
// namespaces (wall time, and the CPU time of the app's thread alone, which load on a shared machine
// barely moves). Prints a report (also written to test-results/bench-inject.txt). Not part of npm test.

const CONTEXTS = 3;
const NAMESPACES = 500;
const STATUS_NAMESPACES = 5_000;
const LATENCY_MS = 20;
const CONCURRENCY = 8;
const KUBECTL_SAMPLE = 6;
const SECRET = 'hub-pull-secret';
const USERNAME = 'octo';
const PASSWORD = `dckr_pat_${randomBytes(16).toString('hex')}`;

const report = benchReport('test-results/bench-inject.txt');
const say = report.say;

const names = (count: number) => Array.from({ length: count }, (_, index) => `team-${String(index).padStart(4, '0')}`);
const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;

/** Requests by verb summed over servers, SelfSubjectAccessReviews shown apart from real creates. */
async function requestsOf(servers: RemoteApiServer[]): Promise<{ total: number; byVerb: Record<string, number>; text: string }> {
  const byVerb: Record<string, number> = {};
  let reviews = 0;
  for (const server of servers) {
    const counters = await server.counters();
    for (const [verb, count] of Object.entries(counters.byVerb)) byVerb[verb] = (byVerb[verb] ?? 0) + count;
    reviews += counters.byResource.selfsubjectaccessreviews ?? 0;
  }
  const total = Object.values(byVerb).reduce((sum, count) => sum + count, 0);
  const parts = Object.entries(byVerb)
    .sort(([, a], [, b]) => b - a)
    .map(([verb, count]) => (verb === 'create' && reviews > 0 ? `create ${count} (${count - reviews} secrets, ${reviews} access reviews)` : `${verb} ${count}`));
  return { total, byVerb, text: parts.join(' · ') };
}

function peakMemory() {
  const peak = { rss: 0, heap: 0 };
  const sample = () => {
    const usage = process.memoryUsage();
    peak.rss = Math.max(peak.rss, usage.rss);
    peak.heap = Math.max(peak.heap, usage.heapUsed);
  };
  const timer = setInterval(sample, 100);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

function settingsFor(registryId: string, contexts: string[]): AccessSettings {
  return {
    ...defaultAccessSettings('Hub', registryId),
    contexts,
    scope: { namespaces: { kind: 'all', excluded: ['kube-system', 'kube-public', 'kube-node-lease', 'default'] }, serviceAccounts: { kind: 'default' } },
    credential: { type: 'registry-credentials', secretName: SECRET },
  };
}

function sh(script: string, env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', script], { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(code) : reject(new Error(`kubectl loop failed (${code}): ${stderr.slice(0, 500)}`))));
  });
}

/** The operator's loop for one namespace, exactly as they would type it (with a warm kubectl cache). */
function kubectlLoop(namespaces: string[]): string {
  const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
  const patch = quote(JSON.stringify({ imagePullSecrets: [{ name: SECRET }] }));
  return namespaces
    .map(
      (namespace) =>
        `kubectl create secret docker-registry ${SECRET} --docker-server=https://index.docker.io/v1/ --docker-username=${USERNAME} --docker-password=${quote(PASSWORD)} -n ${namespace} --dry-run=client -o json | kubectl apply -f - >/dev/null && ` +
        `kubectl patch sa default -n ${namespace} -p ${patch} >/dev/null`,
    )
    .join(' && ');
}

let fixture: AccessFixture | undefined;
let worker: Awaited<ReturnType<typeof startApiServerWorker>> | undefined;

afterAll(async () => {
  await fixture?.close();
  await worker?.stop();
});

const namespaceItems = (count: number) => names(count).map((namespace) => ({ namespace }));

it('bench:inject', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rd-bench-'));
  const contexts = Array.from({ length: CONTEXTS }, (_, index) => `cluster-${index + 1}`);
  worker = await startApiServerWorker();
  const servers: RemoteApiServer[] = [];
  for (let index = 0; index < CONTEXTS; index += 1) servers.push(await worker.start());
  for (const server of servers) await server.seed(namespaceItems(NAMESPACES));
  const kubeconfig = writeKubeconfig(join(dir, 'config'), contexts.map((name, index) => ({ name, server: servers[index]!.url, caPem: servers[index]!.caPem, token: ADMIN_TOKEN })));
  fixture = createAccessFixture({
    keychainService: `registry-desk-bench-${randomBytes(4).toString('hex')}`,
    kubeconfigPaths: [kubeconfig],
    accessConcurrency: CONCURRENCY,
  });
  const registryId = (await fixture.services.registries.create({ type: 'docker', name: 'Hub', url: 'docker.io', username: USERNAME, password: PASSWORD })).id;
  for (const server of servers) {
    await server.setLatency(LATENCY_MS);
    await server.resetCounters();
  }

  say(`bench:inject — one registry into ${CONTEXTS} contexts × ${NAMESPACES} namespaces (secret + default ServiceAccount each), ${LATENCY_MS} ms added per request`);
  say(`(node ${process.version}; the API test servers run on a worker thread; concurrency ${CONCURRENCY} per context)`);
  say();

  const memory = peakMemory();
  const serversCpu = await worker.cpu();
  const started = performance.now();
  const appCpu = process.threadCpuUsage();
  const plan = await preview(fixture, registryId, settingsFor(registryId, contexts));
  const previewed = performance.now();
  const result = await apply(fixture, plan);
  const finished = performance.now();
  const applyCpu = process.threadCpuUsage(appCpu);
  const serversAfter = await worker.cpu();
  const applyServersCpu = (serversAfter.user - serversCpu.user + serversAfter.system - serversCpu.system) / 1000;
  const peak = memory.stop();
  expect(result.counts).toMatchObject({ done: CONTEXTS * NAMESPACES * 2, failed: 0 });
  for (const server of servers) for (const namespace of names(NAMESPACES)) expect(await server.read('secrets', namespace, SECRET)).not.toBeNull();
  const applied = await requestsOf(servers);
  const wall = finished - started;
  const floor = (applied.total * LATENCY_MS) / (CONCURRENCY * CONTEXTS);
  say('apply (preview + apply)');
  say(`  wall time        ${seconds(wall)}  (preview ${seconds(previewed - started)}, apply ${seconds(finished - previewed)})`);
  say(`  requests         ${applied.total}: ${applied.text}`);
  say(`  latency floor    ${seconds(floor)}  (${applied.total} requests × ${LATENCY_MS} ms ÷ ${CONCURRENCY * CONTEXTS} in flight) → ${(wall / floor).toFixed(2)}× the floor`);
  say(`  CPU time         app thread ${seconds((applyCpu.user + applyCpu.system) / 1000)}, API servers' thread ${seconds(applyServersCpu)} (one thread answers all three servers)`);
  const reference = await transportReference(fixture, contexts);
  say(`  same servers     ${reference.requests} GETs at ${CONCURRENCY * CONTEXTS} in flight take ${(reference.mean).toFixed(1)} ms each on average here (${(reference.mean / LATENCY_MS).toFixed(2)}× the 20 ms): this machine's own overhead`);
  // The same floor with the per-request time this machine gives a bare GET in this run, in place of the nominal 20 ms:
  // a baseline measured in the same run, so load on the machine moves both sides of the ratio.
  const measuredFloor = (applied.total * reference.mean) / (CONCURRENCY * CONTEXTS);
  say(`  measured floor   ${seconds(measuredFloor)}  (${applied.total} requests × ${reference.mean.toFixed(1)} ms ÷ ${CONCURRENCY * CONTEXTS} in flight) → ${(wall / measuredFloor).toFixed(2)}× the measured floor`);
  say(`  peak memory      heap ${mib(peak.heap)} (the app's thread), rss ${mib(peak.rss)} (the process, API servers' thread included)`);

  for (const server of servers) await server.resetCounters();
  const noopStarted = performance.now();
  const noop = await apply(fixture, await preview(fixture, registryId));
  const noopWall = performance.now() - noopStarted;
  const noopRequests = await requestsOf(servers);
  expect(noop.counts.done).toBe(0);
  say();
  say(`no-op re-apply     ${seconds(noopWall)}, ${noopRequests.total} requests (${noopRequests.text}) → ${(noopRequests.total / CONTEXTS).toFixed(0)} per context, 0 writes`);

  const status = await statusBench(worker, dir, registryId);
  say(`status            ${STATUS_NAMESPACES.toLocaleString('en')} namespaces × ${CONTEXTS}: ${seconds(status.wall)} (CPU: app thread ${seconds(status.cpu)}, API servers' thread ${seconds(status.serversCpu)}), ${status.requests.total} requests (${status.requests.text}) → ${(status.requests.total / CONTEXTS).toFixed(0)} per context; ${status.inSync.toLocaleString('en')} rows in sync; peak heap ${mib(status.peak.heap)}`);

  // The operator's loop against one of the same servers (same latency), timed on a sample.
  const sampleServer = await worker.start();
  const sample = names(KUBECTL_SAMPLE + 1);
  await sampleServer.seed(sample.map((namespace) => ({ namespace })));
  await sampleServer.setLatency(LATENCY_MS);
  const sampleConfig = writeKubeconfig(join(dir, 'kubectl-config'), [{ name: 'sample', server: sampleServer.url, caPem: sampleServer.caPem, token: ADMIN_TOKEN }]);
  const home = join(dir, 'home');
  mkdirSync(home);
  const env = { KUBECONFIG: sampleConfig, HOME: home };
  await sh(kubectlLoop(sample.slice(0, 1)), env);
  const loopStarted = performance.now();
  await sh(kubectlLoop(sample.slice(1)), env);
  const perNamespace = (performance.now() - loopStarted) / KUBECTL_SAMPLE;
  const loopTotal = perNamespace * CONTEXTS * NAMESPACES;
  expect(await sampleServer.read('secrets', sample[1]!, SECRET)).not.toBeNull();
  say(`kubectl loop      ${KUBECTL_SAMPLE} namespaces timed after one warm-up: ${seconds(perNamespace)} per namespace (3 kubectl runs) → ${CONTEXTS * NAMESPACES} namespaces ≈ ${(loopTotal / 60_000).toFixed(1)} min (extrapolated)`);

  const speedUp = loopTotal / wall;
  say();
  say(`targets           ≥ 50× the kubectl loop: ${speedUp >= 50 ? 'met' : 'NOT met'} · within 1.2× of the 20 ms floor: ${wall <= 1.2 * floor ? 'met' : 'NOT met'} (${(wall / floor).toFixed(2)}×), of the measured floor: ${wall <= 1.2 * measuredFloor ? 'met' : 'NOT met'} (${(wall / measuredFloor).toFixed(2)}×) · status under 1 s: ${status.wall < 1000 ? 'met' : 'NOT met'} · no-op and status ≤ 5 list requests per context: ${noopRequests.total <= 5 * CONTEXTS && status.requests.total <= 5 * CONTEXTS ? 'met' : 'NOT met'}`);
  say(`speed-up: ${Math.round(speedUp)}× faster than the kubectl loop`);
  report.save();
  // Issue 17's goals fail the run (exit code 1), after the figures are printed and saved. Apply is held to the
  // floor measured in this run: the nominal 20 ms one leaves out the machine's own per-request cost, which load moves.
  const missed = [
    ...(status.wall < 1000 ? [] : [`status of ${CONTEXTS} × ${STATUS_NAMESPACES.toLocaleString('en')} namespaces took ${seconds(status.wall)} (goal under 1 s)`]),
    ...(wall <= 1.2 * measuredFloor ? [] : [`apply took ${(wall / measuredFloor).toFixed(2)}× the measured floor (goal at most 1.2×)`]),
  ];
  expect(missed).toEqual([]);
});

/** What one request costs on this machine right now, beyond the added latency: the floor in practice. */
async function transportReference(target: AccessFixture, contexts: string[]) {
  const apis = await Promise.all(contexts.map((context) => target.services.clusters.api(context)));
  const times: number[] = [];
  const perContext = 80;
  await Promise.all(
    apis.map((api) =>
      runPool(Array.from({ length: perContext }, (_, index) => index), CONCURRENCY, async () => {
        const started = performance.now();
        await api.get('/api/v1/namespaces/team-0000');
        times.push(performance.now() - started);
      }),
    ),
  );
  return { requests: times.length, mean: times.reduce((sum, time) => sum + time, 0) / times.length };
}

/** Status of a registry injected into 3 × 5,000 namespaces, state seeded straight into the servers. */
async function statusBench(host: Awaited<ReturnType<typeof startApiServerWorker>>, dir: string, registryId: string) {
  const statusServers: RemoteApiServer[] = [];
  const contexts = Array.from({ length: CONTEXTS }, (_, index) => `large-${index + 1}`);
  const login = { registryId, type: 'docker' as const, server: 'docker.io', username: USERNAME, password: PASSWORD };
  const account = { metadata: { labels: { [referencesKey(registryId)]: 'added' }, annotations: { [referencesKey(registryId)]: SECRET } }, imagePullSecrets: [{ name: SECRET }] };
  for (let index = 0; index < CONTEXTS; index += 1) {
    // The default ServiceAccounts are seeded with the reference, so the server must not make its own first.
    const server = await host.start({ defaultServiceAccountDelayMs: 3_600_000 });
    await server.seed(names(STATUS_NAMESPACES).map((namespace) => ({ namespace, secrets: [pullSecret(SECRET, namespace, login)], serviceAccounts: [{ name: 'default', extra: account }] })));
    await server.setLatency(LATENCY_MS);
    await server.resetCounters();
    statusServers.push(server);
  }
  const kubeconfig = writeKubeconfig(join(dir, 'large'), contexts.map((name, index) => ({ name, server: statusServers[index]!.url, caPem: statusServers[index]!.caPem, token: ADMIN_TOKEN })));
  const large = createAccessFixture({ keychainService: `registry-desk-bench-${randomBytes(4).toString('hex')}`, kubeconfigPaths: [kubeconfig], credentials: { forRegistry: async () => login } });
  large.services.settings.update((file) => ({ ...file, registries: fixture!.services.settings.read().registries.map((record) => ({ ...record, access: settingsFor(registryId, contexts) })) }));
  const memory = peakMemory();
  const started = performance.now();
  const serversBefore = await host.cpu();
  const cpuBefore = process.threadCpuUsage();
  const status = valueOf(await large.ipc.invoke('access:status', { registryId }));
  const cpu = process.threadCpuUsage(cpuBefore);
  const serversAfter = await host.cpu();
  const wall = performance.now() - started;
  const peak = memory.stop();
  large.services.clusters.close();
  // The app thread's own CPU time: on a shared machine the wall time mostly measures the others.
  const serversCpu = (serversAfter.user - serversBefore.user + serversAfter.system - serversBefore.system) / 1000;
  return { wall, cpu: (cpu.user + cpu.system) / 1000, serversCpu, peak, requests: await requestsOf(statusServers), inSync: status.counts['in-sync'] };
}
