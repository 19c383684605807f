import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { parseImageReference } from '../../main/pull-secrets/image-reference';
import { createRegistryProbe } from '../../main/pull-doctor/registry-probe';
import { runPool } from '../../main/kube/work-pool';
import type { FindResult } from '../../shared/pull-doctor-contract';
import { ADMIN_TOKEN, writeKubeconfig } from '../kube-api-server';
import { startDockerRegistry, type RunningDockerRegistry } from '../registry-servers/docker-registry';
import { buildOciImages, pushImage } from '../registry-servers/oci-images';
import { valueOf } from '../support/access-flow';
import { createAccessFixture, type AccessFixture } from '../support/access-services';
import type { FailingPod } from '../support/failing-pods';
import { makeCertificateAuthority, makeServerCertificate } from '../support/fixtures';
import { benchReport, seconds } from './bench-report';
import { startApiServerWorker, type RemoteApiServer } from './worker-api-servers';

// npm run bench:doctor — 3 contexts, 200 failing pods sharing 10 images, 20 ms added to every API
// request, a local docker-registry. Prints wall time, API requests by verb and registry requests,
// next to the naive plan of one registry check per pod; then 400 pods on the same 10 images, to
// show the registry requests follow distinct (image, credentials) pairs, not pods. Not part of npm test.

const CONTEXTS = 3;
const PODS = 200;
const IMAGES = 10;
const NAMESPACES_PER_CONTEXT = 4;
const LATENCY_MS = 20;
const CONCURRENCY = 8;
const TARGET_MS = 2_000;
const PASSWORD = `bench-${randomBytes(10).toString('hex')}`;

const report = benchReport('test-results/bench-doctor.txt');
const say = report.say;
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

let worker: Awaited<ReturnType<typeof startApiServerWorker>> | undefined;
let fixture: AccessFixture | undefined;
let registry: RunningDockerRegistry | undefined;

afterAll(async () => {
  await fixture?.close();
  await worker?.stop();
  await registry?.stop();
});

/** Image i of the 10: even ones exist, odd ones name a tag that was never pushed. */
const imageOf = (address: string, index: number) => `${address}/bench/app-${index}:${index % 2 === 0 ? 'v1' : 'missing'}`;

/** `count` failing pods spread over the contexts and their namespaces, round-robin over the images. */
function podsFor(address: string, count: number, offset: number): { context: number; namespace: string; pod: FailingPod }[] {
  return Array.from({ length: count }, (_, index) => ({
    context: index % CONTEXTS,
    namespace: `team-${Math.floor(index / CONTEXTS) % NAMESPACES_PER_CONTEXT}${offset > 0 ? '-more' : ''}`,
    pod: { name: `pod-${offset + index}`, image: imageOf(address, index % IMAGES), pullSecrets: ['regcred'], node: 'node-1', owner: { kind: 'ReplicaSet', name: `app-${index % IMAGES}-7d4b9c8f6d` } },
  }));
}

async function requestsOf(servers: RemoteApiServer[]): Promise<{ total: number; text: string; byResource: Record<string, number> }> {
  const byVerb: Record<string, number> = {};
  const byResource: Record<string, number> = {};
  for (const server of servers) {
    const counters = await server.counters();
    for (const [verb, count] of Object.entries(counters.byVerb)) byVerb[verb] = (byVerb[verb] ?? 0) + count;
    for (const [resource, count] of Object.entries(counters.byResource)) byResource[resource] = (byResource[resource] ?? 0) + count;
  }
  const total = Object.values(byVerb).reduce((sum, count) => sum + count, 0);
  const verbs = Object.entries(byVerb).sort(([, a], [, b]) => b - a).map(([verb, count]) => `${verb} ${count}`).join(' · ');
  const resources = Object.entries(byResource).sort(([, a], [, b]) => b - a).map(([resource, count]) => `${resource} ${count}`).join(', ');
  return { total, text: `${verbs} (${resources})`, byResource };
}

async function find(servers: RemoteApiServer[], contexts: string[]): Promise<{ result: FindResult; wall: number; api: Awaited<ReturnType<typeof requestsOf>> }> {
  for (const server of servers) await server.resetCounters();
  const started = performance.now();
  const result = valueOf(await fixture!.ipc.invoke('pull-doctor:find', { contexts, namespaces: [] }));
  const wall = performance.now() - started;
  return { result, wall, api: await requestsOf(servers) };
}

/** The naive plan: every failing pod checked against the registry on its own, nothing shared. */
async function naiveRegistryPlan(pods: { pod: FailingPod }[], ca: string): Promise<{ wall: number; requests: number; meanCheckMs: number }> {
  let requests = 0;
  let checking = 0;
  const started = performance.now();
  await runPool(pods, CONCURRENCY * CONTEXTS, async ({ pod }) => {
    const probe = createRegistryProbe({ network: { systemRoots: [ca] }, registries: [] });
    const parsed = parseImageReference(pod.image);
    const started = performance.now();
    if (parsed.ok) await probe.check(parsed.image, { username: 'alice', password: PASSWORD });
    checking += performance.now() - started;
    requests += probe.requests;
    await probe.close();
  });
  return { wall: performance.now() - started, requests, meanCheckMs: checking / pods.length };
}

it('bench:doctor', async () => {
  const ca = makeCertificateAuthority();
  registry = await startDockerRegistry({ tls: makeServerCertificate(ca, { hosts: ['127.0.0.1'] }), users: { alice: PASSWORD } });
  const images = await buildOciImages({});
  for (let index = 0; index < IMAGES; index += 2) await pushImage(images, 'single', { reference: imageOf(registry.address, index), username: 'alice', password: PASSWORD });
  await images.remove();

  const dir = mkdtempSync(join(tmpdir(), 'rd-bench-doctor-'));
  const contexts = Array.from({ length: CONTEXTS }, (_, index) => `cluster-${index + 1}`);
  worker = await startApiServerWorker();
  const servers: RemoteApiServer[] = [];
  for (let index = 0; index < CONTEXTS; index += 1) servers.push(await worker.start());
  const secret = { metadata: { name: 'regcred' }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64(JSON.stringify({ auths: { [registry.address]: { username: 'alice', password: PASSWORD, auth: b64(`alice:${PASSWORD}`) } } })) } };
  const seedPods = async (pods: ReturnType<typeof podsFor>, first: boolean) => {
    for (const [index, server] of servers.entries()) {
      const mine = pods.filter((entry) => entry.context === index);
      const namespaces = Array.from({ length: NAMESPACES_PER_CONTEXT }, (_, number) => `team-${number}${first ? '' : '-more'}`);
      await server.seed(
        namespaces.map((namespace, number) => ({
          namespace,
          secrets: [secret],
          ...(first && number === 0 ? { nodes: [{ name: 'node-1', architecture: 'amd64' }] } : {}),
          failingPods: mine.filter((entry) => entry.namespace === namespace).map((entry) => entry.pod),
        })),
      );
    }
  };
  const pods = podsFor(registry.address, PODS, 0);
  await seedPods(pods, true);
  const kubeconfig = writeKubeconfig(join(dir, 'config'), contexts.map((name, index) => ({ name, server: servers[index]!.url, caPem: servers[index]!.caPem, token: ADMIN_TOKEN })));
  fixture = createAccessFixture({
    keychainService: `registry-desk-bench-doctor-${randomBytes(4).toString('hex')}`,
    kubeconfigPaths: [kubeconfig],
    accessConcurrency: CONCURRENCY,
    connectionNetwork: { systemRoots: [ca.certificate] },
  });
  for (const server of servers) await server.setLatency(LATENCY_MS);
  // One warm-up run opens the connections, as a second click in the app would find them.
  await find(servers, contexts);

  say(`bench:doctor — ${CONTEXTS} contexts, ${PODS} failing pods sharing ${IMAGES} images (${IMAGES / 2} present, ${IMAGES / 2} with a missing tag), ${LATENCY_MS} ms added per API request, docker-registry on 127.0.0.1 (TLS, htpasswd)`);
  say(`(node ${process.version}; the API test servers run on a worker thread; concurrency ${CONCURRENCY} per context; load average ${loadavg()[0]!.toFixed(1)})`);
  say();
  const run = await find(servers, contexts);
  const failing = run.result.contexts.reduce((sum, scan) => sum + scan.failingPods, 0);
  const pairs = new Set(pods.map((entry) => entry.pod.image)).size;
  expect(failing).toBe(PODS);
  expect(new Set(run.result.diagnoses.map((diagnosis) => diagnosis.verdict.code))).toEqual(new Set(['doctor.verdict.pullable', 'doctor.verdict.manifestUnknown']));
  say('pull doctor (find + diagnose)');
  say(`  wall time          ${seconds(run.wall)}  (target under ${seconds(TARGET_MS)})`);
  say(`  groups             ${run.result.diagnoses.length} (namespace, image, pull secrets) groups, ${failing} failing pods`);
  say(`  API requests       ${run.api.total}: ${run.api.text}`);
  // Events are listed once per namespace that has failing pods, never once per pod.
  const failingNamespaces = (list: ReturnType<typeof podsFor>) => new Set(list.map((entry) => `${entry.context}/${entry.namespace}`)).size;
  say(`  event lists        ${run.api.byResource.events ?? 0} for ${failingNamespaces(pods)} namespaces with failing pods (${PODS} pods)`);
  say(`  latency floor      ${seconds((run.api.total * LATENCY_MS) / (CONCURRENCY * CONTEXTS))}  (${run.api.total} requests × ${LATENCY_MS} ms ÷ ${CONCURRENCY * CONTEXTS} in flight) → ${(run.wall / ((run.api.total * LATENCY_MS) / (CONCURRENCY * CONTEXTS))).toFixed(1)}× the floor`);
  say(`  registry requests  ${run.result.registryRequests} for ${pairs} distinct (image, credentials) pairs → ${(run.result.registryRequests / pairs).toFixed(1)} per pair`);

  const naive = await naiveRegistryPlan(pods, ca.certificate);
  say();
  say('naive plan (one registry check per pod)');
  say(`  registry requests  ${naive.requests} (${(naive.requests / PODS).toFixed(1)} per pod) in ${seconds(naive.wall)} → ${(naive.requests / run.result.registryRequests).toFixed(0)}× the doctor's`);
  say(`  one check          ${Math.round(naive.meanCheckMs)} ms on average with ${CONCURRENCY * CONTEXTS} in flight (the local registry, TLS and this machine's load)`);

  const more = podsFor(registry.address, PODS, PODS);
  await seedPods(more, false);
  const doubled = await find(servers, contexts);
  const doubledFailing = doubled.result.contexts.reduce((sum, scan) => sum + scan.failingPods, 0);
  expect(doubledFailing).toBe(2 * PODS);
  say();
  say(`twice the pods     ${doubledFailing} failing pods, same ${IMAGES} images: ${seconds(doubled.wall)}, API ${doubled.api.total}, registry requests ${doubled.result.registryRequests}, event lists ${doubled.api.byResource.events ?? 0} for ${failingNamespaces([...pods, ...more])} namespaces`);
  const proportional = doubled.result.registryRequests === run.result.registryRequests && run.result.registryRequests <= 4 * pairs;
  say();
  say(`targets            under ${seconds(TARGET_MS)}: ${run.wall < TARGET_MS ? 'met' : 'NOT met'} · registry requests follow (image, credentials) pairs, not pods: ${proportional ? 'met' : 'NOT met'}`);
  report.save();
  expect(proportional).toBe(true);
  expect([run.api.byResource.events, doubled.api.byResource.events]).toEqual([failingNamespaces(pods), failingNamespaces([...pods, ...more])]);
});
