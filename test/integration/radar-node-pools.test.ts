// The fleet radar on a cluster with two node pools (amd64 and arm64, told apart by their pool label)
// and Debian's docker-registry holding an index without arm64: "platform missing" only for what can
// land on the arm pool (nodeSelector on the pool label, required affinity, or no rule at all), and a
// rule too complex to evaluate says so. The same namespace holds Helm release secrets whose list
// would pass the 64 MiB answer limit: they are read as metadata only, and the context still reads.
// Last, the radar's registry answers kept across runs stay within their bound.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullCheck, RadarReport, WorkloadRow } from '../../shared/radar-contract';
import { createRegistryChecks } from '../../main/radar/registry-checks';
import { parseImageReference } from '../../main/pull-secrets/image-reference';
import { ADMIN_TOKEN, startKubeApiServer, type KubeApiServer } from '../kube-api-server';
import { kubectl } from '../kube-api-server/kubectl';
import { startDockerRegistry, type RunningDockerRegistry } from '../registry-servers/docker-registry';
import { buildOciImages, inspectRaw, pushImage, type BuiltImages } from '../registry-servers/oci-images';
import { kubeconfigFor } from '../support/access-flow';
import { createAccessFixture, type AccessFixture } from '../support/access-services';
import { seedNode } from '../support/failing-pods';
import { makeCertificateAuthority, makeServerCertificate } from '../support/fixtures';

const PASSWORD = `pw-${randomBytes(10).toString('hex')}`;
const POOL = 'cloud.google.com/gke-nodepool';
/** Helm release secrets of 700 KiB each: 100 of them are 70 MiB of data, past one answer's 64 MiB. */
const RELEASES = 100;
const RELEASE_BYTES = 700 * 1024;

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const pullSecret = (name: string, key: string) => ({
  metadata: { name },
  type: 'kubernetes.io/dockerconfigjson',
  data: { '.dockerconfigjson': b64(JSON.stringify({ auths: { [key]: { username: 'alice', password: PASSWORD, auth: b64(`alice:${PASSWORD}`) } } })) },
});

let registry: RunningDockerRegistry;
let images: BuiltImages;
let kube: KubeApiServer;
let app: AccessFixture;
let ca: string;
let report: RadarReport;

function seedPools(server: KubeApiServer): void {
  seedNode(server, 'default-1', { architecture: 'amd64' }, { labels: { [POOL]: 'default-pool' } });
  seedNode(server, 'default-2', { architecture: 'amd64' }, { labels: { [POOL]: 'default-pool', gpu: 'true' } });
  seedNode(server, 'arm-1', { architecture: 'arm64' }, { labels: { [POOL]: 'arm-pool' } });
  seedNode(server, 'win-1', { os: 'windows', architecture: 'amd64' }, { labels: { [POOL]: 'win-pool' } });
}

function seedShop(server: KubeApiServer, address: string): void {
  server.seed.namespace('shop');
  server.seed.secret('shop', pullSecret('regcred', address));
  const deployment = (name: string, spec: object) =>
    server.seed.resource('apps/v1', 'deployments', 'shop', {
      metadata: { name },
      spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { imagePullSecrets: [{ name: 'regcred' }], containers: [{ name: 'app', image: `${address}/team/app:noarm` }], ...spec } } },
    });
  const required = (matchExpressions: object[]) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions }] } } } });
  deployment('on-default-pool', { nodeSelector: { [POOL]: 'default-pool' } });
  deployment('on-arm-pool', { nodeSelector: { [POOL]: 'arm-pool' } });
  // A Linux-only image on the Windows pool: amd64 is there, but not for windows.
  deployment('on-win-pool', { nodeSelector: { [POOL]: 'win-pool' } });
  deployment('off-default-pool', required([{ key: POOL, operator: 'NotIn', values: ['default-pool'] }]));
  deployment('on-gpu', required([{ key: 'gpu', operator: 'Exists' }]));
  deployment('anywhere', {});
  deployment('by-cpu-count', required([{ key: 'cpu-count', operator: 'Gt', values: ['8'] }]));
  // Helm's release history: large, and none of the radar's business beyond their names.
  const release = b64('x'.repeat(RELEASE_BYTES));
  for (let index = 1; index <= RELEASES; index += 1) {
    server.seed.secret('shop', { metadata: { name: `sh.helm.release.v1.shop.v${index}`, labels: { owner: 'helm', name: 'shop', version: String(index) } }, type: 'helm.sh/release.v1', data: { release } });
  }
  // A ServiceAccount naming one of them: a Helm secret is not a pull secret (wrong type), not missing.
  server.seed.serviceAccount('shop', 'odd', { imagePullSecrets: [{ name: 'sh.helm.release.v1.shop.v1' }] });
}

beforeAll(async () => {
  const authority = makeCertificateAuthority();
  ca = authority.certificate;
  registry = await startDockerRegistry({ tls: makeServerCertificate(authority, { hosts: ['localhost', '127.0.0.1'] }), users: { alice: PASSWORD } });
  images = await buildOciImages({ noarm: [{ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 's390x' }], both: [{ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm64' }] });
  const alice = { username: 'alice', password: PASSWORD };
  await Promise.all([
    pushImage(images, 'noarm', { reference: `${registry.address}/team/app:noarm`, ...alice }),
    pushImage(images, 'single', { reference: `${registry.address}/team/app:1`, ...alice }),
    pushImage(images, 'both', { reference: `${registry.address}/team/app:both`, ...alice }),
  ]);
  kube = await startKubeApiServer({ users: { [ADMIN_TOKEN]: { name: 'admin', rules: [{ verbs: ['*'], resources: ['*'], apiGroups: ['*'] }] } } });
  seedPools(kube);
  seedShop(kube, registry.address);
  app = createAccessFixture({ keychainService: `registry-desk-radar-pools-${randomBytes(4).toString('hex')}`, kubeconfigPaths: [kubeconfigFor([{ name: 'prod', server: kube }])], connectionNetwork: { systemRoots: [ca] } });
  report = await app.services.radar.scan({ expiryWindowDays: 14 });
}, 180_000);

afterAll(async () => {
  await app?.close();
  await registry?.stop();
  await kube?.stop();
  await images?.remove();
});

const workload = (name: string): WorkloadRow => report.workloads.find((row) => row.name === name)!;
const checkOf = (name: string): PullCheck => report.checks.find((check) => check.id === workload(name).containers[0]?.check)!;

describe('the radar maps node selectors and affinity to the node pools’ architectures', () => {
  it('reads the context although its Helm release secrets would pass one answer’s limit', () => {
    expect(report.contexts).toMatchObject([{ context: 'prod', state: 'read', error: null, apiRequests: 12 }]);
    expect(report.pullSecrets.map((secret) => secret.name)).toEqual(['regcred']);
  });

  it('says "platform missing" only for what can land on the arm pool', async () => {
    const verdicts = Object.fromEntries(report.workloads.map((row) => [row.name, [checkOf(row.name).verdict, row.architectures.join(','), row.architecturesFrom]]));
    expect(verdicts).toEqual({
      'on-default-pool': ['pulls', 'amd64', 'matching-nodes'],
      'on-gpu': ['pulls', 'amd64', 'matching-nodes'],
      'on-arm-pool': ['platform-missing', 'arm64', 'matching-nodes'],
      'off-default-pool': ['platform-missing', 'arm64,windows/amd64', 'matching-nodes'],
      'on-win-pool': ['platform-missing', 'windows/amd64', 'matching-nodes'],
      anywhere: ['platform-missing', 'amd64,arm64,windows/amd64', 'all-nodes'],
      'by-cpu-count': ['platform-missing', 'amd64,arm64,windows/amd64', 'too-complex'],
    });
    expect(checkOf('on-arm-pool').reason).toEqual({ code: 'doctor.verdict.platform', params: { image: `${registry.address}/team/app:noarm`, platforms: 'linux/amd64, linux/s390x', nodes: 'linux/arm64' } });
    expect(checkOf('on-win-pool').reason.params.nodes).toBe('windows/amd64');
    // skopeo reads the same index: no arm64 in it.
    const raw = await inspectRaw({ reference: `${registry.address}/team/app:noarm`, username: 'alice', password: PASSWORD });
    expect((JSON.parse(raw.manifest!) as { manifests: { platform: { architecture: string } }[] }).manifests.map((entry) => entry.platform.architecture)).toEqual(['amd64', 's390x']);
  });

  it('lists Helm’s release secrets apart, as kubectl sees them with the same field selectors', async () => {
    const config = kubeconfigFor([{ name: 'prod', server: kube }]);
    const others = await kubectl(config, ['get', 'secrets', '-n', 'shop', '--field-selector', 'type!=helm.sh/release.v1', '-o', 'name']);
    expect(others.stdout.trim().split('\n')).toEqual(['secret/regcred']);
    // One release by name, so kubectl does not fetch the 70 MiB the radar avoids.
    const release = await kubectl(config, ['get', 'secrets', '-n', 'shop', '--field-selector', 'type=helm.sh/release.v1,metadata.name=sh.helm.release.v1.shop.v7', '-o', 'name']);
    expect(release.stdout.trim()).toBe('secret/sh.helm.release.v1.shop.v7');
    const none = await kubectl(config, ['get', 'secrets', '-n', 'shop', '--field-selector', 'type=helm.sh/release.v1,metadata.name=regcred', '-o', 'name']);
    expect([none.stdout, none.stderr]).toEqual(['', '']);
    // Referenced, present, of another type: not "missing".
    expect(report.findings.filter((finding) => finding.namespace === 'shop' && (finding.code === 'missing' || finding.code === 'wrongType')).map((finding) => [finding.code, finding.params.type])).toEqual([['wrongType', 'helm.sh/release.v1']]);
  });
});

describe('the radar’s registry answers kept across runs', () => {
  it('stay within their bound: the least recently used is asked again, the others are not', async () => {
    const checks = createRegistryChecks({ network: { systemRoots: [ca] }, perRegistry: 2, maxRetryAfterMs: 0, retries: 0, sleep: async () => undefined, keptByDigest: 2 });
    const pinned = (name: 'single' | 'noarm' | 'both') => {
      const parsed = parseImageReference(`${registry.address}/team/app@${images.digests[name]}`);
      if (!parsed.ok) throw new Error(parsed.reason);
      return parsed.image;
    };
    const alice = { username: 'alice', password: PASSWORD };
    const first = checks.run([]);
    // One after the other, so the least recently used is known: single, then noarm, then both.
    for (const name of ['single', 'noarm', 'both'] as const) expect((await first.ask(pinned(name), alice)).state).toBe('exists');
    await first.close();
    const again = checks.run([]);
    expect(await again.ask(pinned('both'), alice)).toMatchObject({ state: 'exists', platforms: ['linux/amd64', 'linux/arm64'] });
    expect(await again.ask(pinned('noarm'), alice)).toMatchObject({ state: 'exists', platforms: ['linux/amd64', 'linux/s390x'] });
    expect(again.requests).toBe(0);
    // single was forgotten: its HEAD, manifest and config are read again.
    expect(await again.ask(pinned('single'), alice)).toMatchObject({ state: 'exists', platforms: ['linux/amd64'] });
    expect(again.requests).toBeGreaterThan(0);
    await again.close();
  });
});
