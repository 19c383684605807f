import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { parseImageReference } from '../../main/pull-secrets/image-reference';
import { createRegistryChecks } from '../../main/radar/registry-checks';
import { runPool } from '../../main/kube/work-pool';
import type { RadarReport } from '../../shared/radar-contract';
import { ADMIN_TOKEN, writeKubeconfig } from '../kube-api-server';
import { startDockerRegistry, type RunningDockerRegistry } from '../registry-servers/docker-registry';
import { buildOciImages, pushImage } from '../registry-servers/oci-images';
import { createAccessFixture, type AccessFixture } from '../support/access-services';
import { makeCertificateAuthority, makeServerCertificate } from '../support/fixtures';
import { benchReport, seconds } from './bench-report';
import type { SeedItem } from './api-server-worker';
import { startApiServerWorker, type RemoteApiServer } from './worker-api-servers';

// npm run bench:radar — 10 contexts × 2,000 workloads (Deployments) × 300 namespaces, 40 distinct
// images on 4 local docker-registries, 20 ms added to every API request. Prints wall time, API
// requests per context, registry requests per distinct combination and peak heap, next to a
// baseline measured in the same run: one context listed namespace by namespace, and one registry
// check per workload. Not part of npm test.

const CONTEXTS = 10;
const WORKLOADS = 2_000;
const NAMESPACES = 300;
const REGISTRIES = 4;
const IMAGES_PER_REGISTRY = 10;
const LATENCY_MS = 20;
const TARGET_MS = 5_000;
const HEAP_TARGET = 300 * 1024 * 1024;
const KINDS = ['secrets', 'serviceaccounts', 'pods', 'deployments', 'statefulsets', 'daemonsets', 'replicasets', 'jobs', 'cronjobs'];
const PASSWORD = `bench-${randomBytes(10).toString('hex')}`;

const report = benchReport('test-results/bench-radar.txt');
const say = report.say;
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;
const MiB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

let worker: Awaited<ReturnType<typeof startApiServerWorker>> | undefined;
let fixture: AccessFixture | undefined;
const registries: RunningDockerRegistry[] = [];

afterAll(async () => {
  await fixture?.close();
  await worker?.stop();
  await Promise.all(registries.map((registry) => registry.stop()));
});

const imageOf = (index: number) => `${registries[index % REGISTRIES]!.address}/bench/app-${Math.floor(index / REGISTRIES) % IMAGES_PER_REGISTRY}:v1`;

/** A context's size: workloads, namespaces, and how many of the distinct images its workloads use. */
interface Size {
  workloads: number;
  namespaces: number;
  images: number;
}
const FLEET_SIZE: Size = { workloads: WORKLOADS, namespaces: NAMESPACES, images: REGISTRIES * IMAGES_PER_REGISTRY };
// The second size: twice the pods and namespaces, half the images. Lists per context must stay
// flat and registry requests must halve with the combinations, whatever the pod count.
const SECOND_SIZE: Size = { workloads: 2 * WORKLOADS, namespaces: 2 * NAMESPACES, images: (REGISTRIES * IMAGES_PER_REGISTRY) / 2 };

function seedItems(context: number, size: Size = FLEET_SIZE): SeedItem[] {
  const auths = Object.fromEntries(registries.map((registry) => [registry.address, { username: 'alice', password: PASSWORD, auth: b64(`alice:${PASSWORD}`) }]));
  const secret = { metadata: { name: 'regcred' }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64(JSON.stringify({ auths })) } };
  return Array.from({ length: size.namespaces }, (_, namespace) => ({
    namespace: `team-${namespace}`,
    secrets: [secret],
    ...(namespace === 0 ? { nodes: [{ name: `node-${context}`, architecture: 'amd64' }] } : {}),
    resources: Array.from({ length: Math.ceil((size.workloads - namespace) / size.namespaces) }, (_, slot) => {
      const index = namespace + slot * size.namespaces;
      return {
        apiVersion: 'apps/v1',
        plural: 'deployments',
        object: {
          metadata: { name: `app-${index}` },
          spec: { selector: { matchLabels: { app: `app-${index}` } }, template: { metadata: { labels: { app: `app-${index}` } }, spec: { imagePullSecrets: [{ name: 'regcred' }], containers: [{ name: 'app', image: imageOf(index % size.images) }] } } },
        },
      };
    }),
  }));
}

/** Samples the main thread's heap while `work` runs (the API servers live on a worker thread of their own). */
async function withPeakHeap<T>(work: () => Promise<T>): Promise<{ value: T; peak: number }> {
  let peak = process.memoryUsage().heapUsed;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 20);
  try {
    const value = await work();
    return { value, peak: Math.max(peak, process.memoryUsage().heapUsed) };
  } finally {
    clearInterval(timer);
  }
}

async function apiRequests(servers: RemoteApiServer[]): Promise<number[]> {
  return Promise.all(servers.map(async (server) => (await server.counters()).total));
}

/** Baseline: one context read namespace by namespace, one list per kind each, 8 in flight. */
async function perNamespaceBaseline(context: string): Promise<{ wall: number; requests: number }> {
  const api = await fixture!.services.clusters.api(context);
  const paths = Array.from({ length: NAMESPACES }, (_, namespace) => KINDS.map((kind) => `/${['deployments', 'statefulsets', 'daemonsets', 'replicasets'].includes(kind) ? 'apis/apps/v1' : ['jobs', 'cronjobs'].includes(kind) ? 'apis/batch/v1' : 'api/v1'}/namespaces/team-${namespace}/${kind}`)).flat();
  const started = performance.now();
  await runPool(paths, 8, async (path) => void (await api.listProjected(path, {}, () => undefined)));
  return { wall: performance.now() - started, requests: paths.length };
}

/** Baseline: one registry check per workload of one context, nothing shared. */
async function perWorkloadBaseline(ca: string): Promise<{ wall: number; requests: number }> {
  let requests = 0;
  const started = performance.now();
  await runPool(Array.from({ length: WORKLOADS }, (_, index) => index), 16, async (index) => {
    const run = createRegistryChecks({ network: { systemRoots: [ca] }, perRegistry: 4, maxRetryAfterMs: 0, retries: 0, sleep: async () => undefined }).run([]);
    const parsed = parseImageReference(imageOf(index));
    if (parsed.ok) await run.ask(parsed.image, { username: 'alice', password: PASSWORD });
    requests += run.requests;
    await run.close();
  });
  return { wall: performance.now() - started, requests };
}

it('bench:radar', async () => {
  const ca = makeCertificateAuthority();
  const tls = makeServerCertificate(ca, { hosts: ['127.0.0.1'] });
  for (let index = 0; index < REGISTRIES; index += 1) registries.push(await startDockerRegistry({ tls, users: { alice: PASSWORD } }));
  const images = await buildOciImages({});
  await runPool(Array.from({ length: REGISTRIES * IMAGES_PER_REGISTRY }, (_, index) => index), 4, (index) => pushImage(images, 'single', { reference: imageOf(index), username: 'alice', password: PASSWORD }));
  await images.remove();

  const contexts = Array.from({ length: CONTEXTS }, (_, index) => `cluster-${index + 1}`);
  worker = await startApiServerWorker();
  const servers: RemoteApiServer[] = [];
  for (let index = 0; index < CONTEXTS; index += 1) {
    const server = await worker.start();
    await server.seed(seedItems(index));
    servers.push(server);
  }
  const kubeconfig = writeKubeconfig(join(mkdtempSync(join(tmpdir(), 'rd-bench-radar-')), 'config'), contexts.map((name, index) => ({ name, server: servers[index]!.url, caPem: servers[index]!.caPem, token: ADMIN_TOKEN })));
  fixture = createAccessFixture({ keychainService: `registry-desk-bench-radar-${randomBytes(4).toString('hex')}`, kubeconfigPaths: [kubeconfig], connectionNetwork: { systemRoots: [ca.certificate] } });
  for (const server of servers) await server.setLatency(LATENCY_MS);
  // A warm-up run opens the connections. Every scan asks each tag again (a tag may move), so the
  // radar's digest cache does not shorten the measured scan: these images are single-platform.
  const cold = await fixture.services.radar.scan({ contexts });
  for (const server of servers) await server.resetCounters();

  say(`bench:radar — ${CONTEXTS} contexts × ${WORKLOADS} workloads × ${NAMESPACES} namespaces, ${REGISTRIES * IMAGES_PER_REGISTRY} distinct images on ${REGISTRIES} docker-registries (127.0.0.1, TLS, htpasswd), ${LATENCY_MS} ms added per API request`);
  say(`(node ${process.version}; the API test servers run on a worker thread; 8 contexts read at once, their kinds listed in parallel; load average ${loadavg()[0]!.toFixed(1)})`);
  say();
  const heapBefore = process.memoryUsage().heapUsed;
  const serversBefore = await worker.cpu();
  const appBefore = process.threadCpuUsage();
  const processBefore = process.cpuUsage();
  const started = performance.now();
  const scanned = await withPeakHeap(() => fixture!.services.radar.scan({ contexts }));
  const wall = performance.now() - started;
  const appCpu = cpuMs(process.threadCpuUsage(appBefore));
  const processCpu = cpuMs(process.cpuUsage(processBefore));
  const serversCpu = cpuMs(await worker.cpu()) - cpuMs(serversBefore);
  const scan: RadarReport = scanned.value;
  const requests = await apiRequests(servers);
  const combinations = new Set(scan.checks.map((check) => check.image)).size;
  // Named, so that a context not fully read says which kinds and why.
  expect(scan.contexts.filter((row) => row.state !== 'read').map((row) => `${row.context}: ${row.state} ${row.error?.code ?? ''} ${row.refused.map((refusal) => `${refusal.resource} ${refusal.error.code}`).join(', ')}`)).toEqual([]);
  expect(scan.workloads).toHaveLength(CONTEXTS * WORKLOADS);
  expect(scan.checks.every((check) => check.verdict === 'pulls')).toBe(true);
  say('fleet radar (read + inventory + verdicts + expiries + hygiene)');
  say(`  wall time            ${seconds(wall)}  (target under ${seconds(TARGET_MS)})`);
  say(`  CPU time             app (main thread) ${seconds(appCpu)} · API test servers (worker thread) ${seconds(serversCpu)} · whole process ${seconds(processCpu)} (GC and other threads included; ${cpus().length} cores)`);
  say(`  app's own share      ${seconds(appCpu)} of the ${seconds(wall)}: the rest is waiting: on the servers, the ${LATENCY_MS} ms latency, the registries, and for a free core when the machine is loaded`);
  say(`  API requests         ${requests.join(' · ')} per context (lists: ${scan.contexts[0]!.apiRequests} per context, one per kind — secrets two — paged)`);
  say(`  registry requests    ${scan.registryRequests} for ${combinations} distinct (image, login) combinations → ${(scan.registryRequests / combinations).toFixed(1)} per combination (manifest HEADs, which do not count against Docker Hub's pull allowance, and one GET of /api/v2.0/systeminfo per registry host: is it a Harbor, whose robots' end the radar reads)`);
  // The first scan also reads each single-platform image's platform: its manifest and its config, once per digest.
  const platformReads = cold.registryRequests - scan.registryRequests;
  say(`  first scan           ${cold.registryRequests} registry requests: ${platformReads} more, a manifest GET and a config GET per image digest (${combinations} in as many repositories), kept for later scans`);
  say(`  peak heap            ${MiB(scanned.peak)} (${MiB(heapBefore)} before)  (target under ${MiB(HEAP_TARGET)})`);

  const namespaced = await perNamespaceBaseline(contexts[0]!);
  const naive = await perWorkloadBaseline(ca.certificate);
  say();
  say('baseline, same run');
  say(`  namespace by namespace  ${namespaced.requests} API requests for one context in ${seconds(namespaced.wall)} (${NAMESPACES} namespaces × ${KINDS.length} kinds, 8 in flight) → ${(namespaced.requests / scan.contexts[0]!.apiRequests).toFixed(0)}× the radar's lists`);
  say(`  one check per workload  ${naive.requests} registry requests for one context's ${WORKLOADS} workloads in ${seconds(naive.wall)} → ${((naive.requests * CONTEXTS) / scan.registryRequests).toFixed(0)}× the radar's for the fleet`);
  const second = await secondSize(contexts.length, ca.certificate);
  const perCombination = scan.registryRequests / combinations;
  const secondPerCombination = second.registryRequests / second.combinations;
  say();
  say(`second size, same run: one context with ${SECOND_SIZE.workloads} workloads in ${SECOND_SIZE.namespaces} namespaces (2×) using ${SECOND_SIZE.images} distinct images (½)`);
  say(`  lists                ${second.lists} (${scan.contexts[0]!.apiRequests} at the first size) · API requests ${second.apiRequests} (${requests[0]} at the first size; a list's pages grow by one per 1,000 items)`);
  say(`  registry requests    ${second.registryRequests} for ${second.combinations} combinations → ${secondPerCombination.toFixed(1)} per combination (${perCombination.toFixed(1)} at the first size)`);
  // One list per kind (secrets two: Helm's release secrets apart, as metadata), one of nodes, and
  // ESO's discovery document (which says there are no ExternalSecrets to list).
  const listsPerContext = KINDS.length + 3;
  const listsFlat = scan.contexts.every((row) => row.apiRequests === listsPerContext) && second.lists === listsPerContext;
  // Per combination, not per pod: the ratio may differ only by the fixed systeminfo GET per registry host.
  const followsCombinations = Math.abs(secondPerCombination - perCombination) <= REGISTRIES / second.combinations + 0.01;
  // The issue's goals, each with its figure: a goal missed fails the run (exit code 1), after the report is written.
  const heapMet = scanned.peak < HEAP_TARGET;
  const goals: { name: string; figure: string; goal: string; met: boolean }[] = [
    { name: 'wall time', figure: seconds(wall), goal: `under ${seconds(TARGET_MS)}`, met: wall < TARGET_MS },
    {
      name: 'API requests per context',
      figure: `${scan.contexts[0]!.apiRequests} lists (${requests[0]} requests with pages) at ${WORKLOADS} workloads × ${NAMESPACES} namespaces; ${second.lists} lists (${second.apiRequests} requests) at ${SECOND_SIZE.workloads} × ${SECOND_SIZE.namespaces}; lists ratio ${(second.lists / scan.contexts[0]!.apiRequests).toFixed(2)}`,
      goal: `independent of pods and namespaces: ${listsPerContext} lists at both sizes (only a list's pages grow, one per 1,000 items)`,
      met: listsFlat,
    },
    {
      name: 'registry requests',
      figure: `${scan.registryRequests} for ${combinations} combinations (${perCombination.toFixed(2)} each); ${second.registryRequests} for ${second.combinations} (${secondPerCombination.toFixed(2)} each) at 2× the pods; ratio ${(scan.registryRequests / second.registryRequests).toFixed(2)} for ${(combinations / second.combinations).toFixed(2)}× the combinations`,
      goal: `proportional to distinct combinations (per combination within ${(REGISTRIES / second.combinations).toFixed(2)}: the one systeminfo GET per registry host)`,
      met: followsCombinations,
    },
    { name: 'peak heap', figure: MiB(scanned.peak), goal: `under ${MiB(HEAP_TARGET)}`, met: heapMet },
  ];
  say();
  say('goals');
  for (const { name, figure, goal, met } of goals) say(`  ${name.padEnd(25)} ${met ? 'met' : 'NOT met'} · ${figure} · goal: ${goal}`);
  report.save();
  expect(goals.filter((goal) => !goal.met).map((goal) => goal.name)).toEqual([]);
  expect(platformReads).toBe(2 * combinations);
});

/** One more context at the second size, scanned alone by a radar of its own (so no check is shared with the first scan). */
async function secondSize(index: number, registryCa: string): Promise<{ lists: number; apiRequests: number; registryRequests: number; combinations: number }> {
  const server = await worker!.start();
  await server.seed(seedItems(index, SECOND_SIZE));
  const name = `cluster-${index + 1}`;
  const kubeconfig = writeKubeconfig(join(mkdtempSync(join(tmpdir(), 'rd-bench-radar-')), 'config'), [{ name, server: server.url, caPem: server.caPem, token: ADMIN_TOKEN }]);
  const own = createAccessFixture({ keychainService: `registry-desk-bench-radar-${randomBytes(4).toString('hex')}`, kubeconfigPaths: [kubeconfig], connectionNetwork: { systemRoots: [registryCa] } });
  try {
    await server.setLatency(LATENCY_MS);
    // Warmed as the first size is: the platforms read once per digest are not counted twice.
    await own.services.radar.scan({ contexts: [name] });
    await server.resetCounters();
    const scan = await own.services.radar.scan({ contexts: [name] });
    expect(scan.contexts[0]!.state).toBe('read');
    expect(scan.workloads).toHaveLength(SECOND_SIZE.workloads);
    return { lists: scan.contexts[0]!.apiRequests, apiRequests: (await server.counters()).total, registryRequests: scan.registryRequests, combinations: new Set(scan.checks.map((check) => check.image)).size };
  } finally {
    await own.close();
  }
}
