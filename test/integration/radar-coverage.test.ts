// The fleet radar's promises that the other radar tests leave unchecked, against real parts
// (the Kubernetes API test server recording every request; Debian's docker-registry behind a TLS
// proxy that holds each request and counts how many it holds at once):
// - a scan only reads: list/get on the cluster, GET/HEAD on the registry;
// - workload shapes: nodeSelector and affinity beside the images, ephemeral containers, a plain
//   Job, and a CronJob's Job and pod rolled up into the CronJob;
// - per-registry concurrency stays within its bound; a second scan does not ask again what the
//   first resolved by digest, and asks tags (an index's too) with HEAD only;
// - a malformed `.dockerconfigjson` (the wrong shape for kubelet, small or huge) fails only its own secret;
// - a context that answers but refuses every list says "forbidden", not "unreachable".
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullCheck, RadarReport, WorkloadRow } from '../../shared/radar-contract';
import { ADMIN_TOKEN, startKubeApiServer, type KubeApiServer } from '../kube-api-server';
import { startDockerRegistry, type RunningDockerRegistry } from '../registry-servers/docker-registry';
import { startLatencyProxy, type LatencyProxy } from '../registry-servers/latency-proxy';
import { buildOciImages, pushImage, type BuiltImages } from '../registry-servers/oci-images';
import { kubeconfigFor } from '../support/access-flow';
import { createAccessFixture, type AccessFixture } from '../support/access-services';
import { seedNode } from '../support/failing-pods';
import { makeCertificateAuthority, makeServerCertificate } from '../support/fixtures';

const PASSWORD = `pw-${randomBytes(10).toString('hex')}`;
/** Distinct tags, more than the per-registry bound (4), so that the bound is what limits the overlap. */
const TAGS = Array.from({ length: 10 }, (_, index) => `t${index}`);
const PER_REGISTRY = 4;

let registry: RunningDockerRegistry;
let proxy: LatencyProxy;
let images: BuiltImages;
let kube: KubeApiServer;
let other: KubeApiServer;
let app: AccessFixture;
let first: RadarReport;
let firstProxied: { method: string; path: string }[];

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const R = () => proxy.address;
const owner = (kind: string, name: string, apiVersion = 'apps/v1') => ({ apiVersion, kind, name, uid: randomUUID(), controller: true });
const dockerConfig = (name: string, text: string) => ({ metadata: { name }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64(text) } });
const goodConfig = () => JSON.stringify({ auths: { [R()]: { username: 'alice', password: PASSWORD, auth: b64(`alice:${PASSWORD}`) } } });
/** A pod template pulling with the good secret unless it names its own. */
const template = (spec: object) => ({ metadata: { labels: { app: 'x' } }, spec: { imagePullSecrets: [{ name: 'good' }], ...spec } });
const selector = { matchLabels: { app: 'x' } };

function seedShapes(server: KubeApiServer): void {
  server.seed.namespace('shapes');
  server.seed.secret('shapes', dockerConfig('good', goodConfig()));
  // The API server refuses a `.dockerconfigjson` that is not a JSON object (as a real one does): what
  // reaches the radar is JSON of the wrong shape for kubelet, small or huge.
  server.seed.secret('shapes', dockerConfig('wrong-shape', JSON.stringify({ auths: { [R()]: 'alice' } })));
  server.seed.secret('shapes', dockerConfig('wrong-type', JSON.stringify({ auths: { [R()]: { username: 5, password: ['x'] } } })));
  // 600 kB (under the API server's 1 MiB once base64'd): its reason must not echo it.
  server.seed.secret('shapes', dockerConfig('huge', JSON.stringify({ auths: { [R()]: 'x'.repeat(600_000) } })));
  // Scheduling fields beside the images: strings that look like images must not be taken for them.
  server.seed.resource('apps/v1', 'deployments', 'shapes', {
    metadata: { name: 'pinned' },
    spec: {
      selector,
      template: template({
        nodeSelector: { 'kubernetes.io/arch': 'amd64', image: `${R()}/team/app:not-an-image` },
        affinity: {
          nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: 'image', operator: 'In', values: [`${R()}/team/app:also-not`] }] } }] },
          podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { image: 'nope' } } }] },
        },
        containers: [{ name: 'app', image: `${R()}/team/app:t0` }],
      }),
    },
  });
  server.seed.resource('apps/v1', 'deployments', 'shapes', {
    metadata: { name: 'spread' },
    spec: {
      selector,
      template: template({
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/arch', operator: 'In', values: ['amd64', 'arm64'] }, { key: 'topology.kubernetes.io/zone', operator: 'In', values: ['a'] }] }],
            },
          },
        },
        containers: [{ name: 'app', image: `${R()}/team/app:t1` }],
      }),
    },
  });
  // A bare pod someone debugged: kubectl debug added an ephemeral container with its own image.
  server.seed.pod('shapes', {
    metadata: { name: 'debugged' },
    spec: { nodeName: 'node-amd', imagePullSecrets: [{ name: 'good' }], containers: [{ name: 'app', image: `${R()}/team/app:t2` }], ephemeralContainers: [{ name: 'debugger', image: `${R()}/team/app:t3` }] },
  });
  // The tags are amd64-only images (their platform is in their config): these run on the amd64 pool.
  const onAmd64 = { nodeSelector: { 'kubernetes.io/arch': 'amd64' } };
  server.seed.resource('batch/v1', 'jobs', 'shapes', { metadata: { name: 'migrate' }, spec: { template: template({ restartPolicy: 'Never', ...onAmd64, containers: [{ name: 'migrate', image: `${R()}/team/app:t4` }] }) } });
  // A CronJob, the Job it started and that Job's pod: one workload, the CronJob.
  server.seed.resource('batch/v1', 'cronjobs', 'shapes', {
    metadata: { name: 'nightly' },
    spec: { schedule: '0 1 * * *', jobTemplate: { spec: { template: template({ restartPolicy: 'OnFailure', ...onAmd64, containers: [{ name: 'nightly', image: `${R()}/team/app:t5` }] }) } } },
  });
  server.seed.resource('batch/v1', 'jobs', 'shapes', {
    metadata: { name: 'nightly-29000000', ownerReferences: [owner('CronJob', 'nightly', 'batch/v1')] },
    spec: { template: template({ restartPolicy: 'OnFailure', ...onAmd64, containers: [{ name: 'nightly', image: `${R()}/team/app:t5` }] }) },
  });
  server.seed.pod('shapes', {
    metadata: { name: 'nightly-29000000-abcde', ownerReferences: [owner('Job', 'nightly-29000000', 'batch/v1')] },
    spec: { nodeName: 'node-amd', restartPolicy: 'OnFailure', imagePullSecrets: [{ name: 'good' }], containers: [{ name: 'nightly', image: `${R()}/team/app:t5` }] },
  });
  // The rest of the tags, and one image by digest (what the digest cache keeps across scans).
  server.seed.resource('apps/v1', 'deployments', 'shapes', {
    metadata: { name: 'many' },
    spec: { selector, template: template({ containers: [...TAGS.slice(6).map((tag) => ({ name: `c-${tag}`, image: `${R()}/team/app:${tag}` })), { name: 'pinned-digest', image: `${R()}/team/app@${images.digests.single}` }, { name: 'multi', image: `${R()}/team/app:multi` }] }) },
  });
  // The broken secrets, each named by a workload of its own (kubelet fails every pull of such a pod).
  for (const secret of ['wrong-shape', 'wrong-type', 'huge']) {
    server.seed.resource('apps/v1', 'deployments', 'shapes', { metadata: { name: `uses-${secret}` }, spec: { selector, template: template({ imagePullSecrets: [{ name: secret }], containers: [{ name: 'app', image: `${R()}/team/app:t0` }] }) } });
  }
}

beforeAll(async () => {
  const ca = makeCertificateAuthority();
  const tls = makeServerCertificate(ca, { hosts: ['localhost', '127.0.0.1'] });
  registry = await startDockerRegistry({ tls, users: { alice: PASSWORD } });
  proxy = await startLatencyProxy({ upstreamPort: registry.port, ca: ca.certificate, latencyMs: 30, tls });
  images = await buildOciImages({ both: [{ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm64' }] });
  for (const tag of TAGS) await pushImage(images, 'single', { reference: `${registry.address}/team/app:${tag}`, username: 'alice', password: PASSWORD });
  await pushImage(images, 'both', { reference: `${registry.address}/team/app:multi`, username: 'alice', password: PASSWORD });

  kube = await startKubeApiServer({ recordRequests: true });
  seedNode(kube, 'node-amd', { architecture: 'amd64' });
  seedNode(kube, 'node-arm', { architecture: 'arm64' });
  seedShapes(kube);
  // Its user authenticates but may do nothing: every list answers 403.
  other = await startKubeApiServer({ recordRequests: true, users: { [ADMIN_TOKEN]: { name: 'admin', rules: [{ verbs: ['*'], resources: ['*'], apiGroups: ['*'] }] }, 'nobody-token': { name: 'nobody', rules: [] } } });
  other.seed.namespace('shapes');
  const kubeconfig = kubeconfigFor([
    { name: 'prod', server: kube },
    { name: 'locked', server: other, token: 'nobody-token' },
  ]);
  app = createAccessFixture({ keychainService: `registry-desk-radar-cov-${randomBytes(4).toString('hex')}`, kubeconfigPaths: [kubeconfig], connectionNetwork: { systemRoots: [ca.certificate] } });
  kube.resetRequests();
  other.resetRequests();
  const mark = proxy.mark();
  proxy.resetMaxInFlight();
  first = await app.services.radar.scan({ expiryWindowDays: 14 });
  firstProxied = proxy.requests(mark);
}, 180_000);

afterAll(async () => {
  await app?.close();
  await proxy?.stop();
  await registry?.stop();
  await kube?.stop();
  await other?.stop();
  await images?.remove();
});

const workload = (kind: string, name: string): WorkloadRow => {
  const found = first.workloads.filter((row) => row.context === 'prod' && row.kind === kind && row.name === name);
  expect(found, `${kind}/${name}`).toHaveLength(1);
  return found[0]!;
};
const checkOf = (row: WorkloadRow, container: string): PullCheck => first.checks.find((check) => check.id === row.containers.find((entry) => entry.name === container)?.check)!;

describe('the fleet radar: what the other radar tests leave open', () => {
  it('only reads: every request to either cluster is a GET (list or get), every registry request a GET or HEAD', () => {
    const sent = [...kube.requests(), ...other.requests()];
    expect(sent.length).toBeGreaterThan(0);
    expect([...new Set(sent.map((request) => request.method))]).toEqual(['GET']);
    expect(firstProxied.length).toBeGreaterThan(0);
    expect([...new Set(firstProxied.map((request) => request.method))].sort().join(',')).toMatch(/^(GET,)?HEAD$/);
    expect([...new Set(registry.accessLog().filter((line) => line.userAgent.startsWith('RegistryDesk')).map((line) => line.method))].every((method) => method === 'GET' || method === 'HEAD')).toBe(true);
  });

  it('takes images from containers only, whatever nodeSelector and affinity hold, and reads the architectures from them', () => {
    const pinned = workload('Deployment', 'pinned');
    expect(pinned.containers.map((entry) => [entry.kind, entry.name, entry.image])).toEqual([['regular', 'app', `${R()}/team/app:t0`]]);
    expect(pinned.architectures).toEqual(['amd64']);
    expect(checkOf(pinned, 'app').verdict).toBe('pulls');
    expect(workload('Deployment', 'spread').architectures).toEqual(['amd64', 'arm64']);
    expect(first.checks.some((check) => check.image.includes('not-an-image') || check.image.includes('also-not'))).toBe(false);
  });

  it('counts ephemeral containers, a plain Job, and a CronJob with its Job and pod as one workload', () => {
    const debugged = workload('Pod', 'debugged');
    expect(debugged.containers.map((entry) => `${entry.kind}:${entry.name}`)).toEqual(['regular:app', 'ephemeral:debugger']);
    expect(checkOf(debugged, 'debugger').verdict).toBe('pulls');
    expect(checkOf(workload('Job', 'migrate'), 'migrate').verdict).toBe('pulls');
    expect(checkOf(workload('CronJob', 'nightly'), 'nightly').verdict).toBe('pulls');
    const names = first.workloads.filter((row) => row.context === 'prod').map((row) => `${row.kind}/${row.name}`);
    expect(names.filter((name) => name.includes('nightly'))).toEqual(['CronJob/nightly']);
  });

  it('fails only the broken secrets, each with its reason, and still reads the good one beside them', () => {
    const secrets = Object.fromEntries(first.pullSecrets.filter((row) => row.context === 'prod' && row.namespace === 'shapes').map((row) => [row.name, row]));
    expect(secrets.good?.unparsable ?? null).toBeNull();
    expect(secrets.good?.entries.map((entry) => [entry.key, entry.username])).toEqual([[R(), 'alice']]);
    for (const name of ['wrong-shape', 'wrong-type', 'huge']) {
      expect(secrets[name]?.unparsable, name).toEqual(expect.any(String));
      expect(secrets[name]?.unparsable?.length, name).toBeLessThan(500);
      const check = checkOf(workload('Deployment', `uses-${name}`), 'app');
      expect([check.verdict, check.reason.code, check.reason.params.secret], name).toEqual(['fails', 'doctor.verdict.unparsable', name]);
    }
    // The report stays small: the huge password is neither copied nor echoed in a reason.
    expect(JSON.stringify(first)).not.toContain('x'.repeat(1000));
    expect(JSON.stringify(first)).not.toContain(PASSWORD);
  });

  it('keeps a context whose every list is refused as a row saying so, not "unreachable", and reads the others', () => {
    const locked = first.contexts.find((row) => row.context === 'locked')!;
    expect([locked.state, locked.error]).toEqual(['partial', null]);
    const clusterWide = locked.refused.filter((refusal) => refusal.namespace === undefined);
    // No ExternalSecrets among them: discovery (open to every user) says ESO is not installed there.
    expect(clusterWide.map((refusal) => refusal.resource).sort()).toEqual(['cronjobs', 'daemonsets', 'deployments', 'jobs', 'nodes', 'pods', 'replicasets', 'secrets', 'serviceaccounts', 'statefulsets']);
    for (const refusal of locked.refused) {
      expect(refusal.error.code, refusal.resource).toBe('cluster.forbidden');
      expect(refusal.error.message, refusal.resource).toMatch(/cannot list resource/);
    }
    // Its own namespace (the kubeconfig's) is a row of the matrix saying "not read", not a silence.
    const cells = first.cells.filter((cell) => cell.context === 'locked');
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.every((cell) => cell.namespace === 'default' && cell.worst === 'unread' && cell.unread.includes('secrets'))).toBe(true);
    expect(first.contexts.find((row) => row.context === 'prod')?.state).toBe('read');
  });

  it('holds at most the per-registry bound of requests at once, and does overlap them', () => {
    expect(first.checks.filter((check) => check.registry === R()).length).toBeGreaterThan(PER_REGISTRY);
    expect(proxy.maxInFlight()).toBeLessThanOrEqual(PER_REGISTRY);
    expect(proxy.maxInFlight()).toBeGreaterThan(1);
  });

  it('asks a second scan with unchanged tags no GET, and nothing at all about what it resolved by digest', async () => {
    const digestPath = `/v2/team/app/manifests/${images.digests.single}`;
    expect(firstProxied.some((request) => request.path === digestPath)).toBe(true);
    // The index's platforms needed its body once; the digest its tag still names has the same platforms.
    expect(firstProxied.filter((request) => request.path === '/v2/team/app/manifests/multi').map((request) => request.method)).toContain('GET');
    const mark = proxy.mark();
    const second = await app.services.radar.scan({ contexts: ['prod'], expiryWindowDays: 14 });
    const again = proxy.requests(mark).filter((request) => request.path.includes('/manifests/'));
    expect(again.some((request) => request.path === digestPath)).toBe(false);
    expect([...new Set(again.map((request) => request.method))]).toEqual(['HEAD']);
    expect(again.length).toBeLessThanOrEqual(firstProxied.filter((request) => request.path.includes('/manifests/')).length);
    const verdicts = (report: RadarReport) => report.checks.map((check) => `${check.image} ${check.verdict} ${check.digest} ${check.platforms.join(',')}`).sort();
    expect(verdicts(second)).toEqual(verdicts(first));
    expect(second.checks.find((check) => check.image.endsWith(':multi'))?.platforms).toEqual(['linux/amd64', 'linux/arm64']);
  });
});
