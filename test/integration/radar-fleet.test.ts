// The fleet radar against real parts: two contexts on the Kubernetes API test server (one user may
// read only core resources) and a context nobody answers, workloads of every kind with owned pods
// that run known digests, and Debian's docker-registry (TLS, htpasswd) holding images pushed with
// skopeo: a multi-arch index missing arm64, a tag deleted after its pods started, a tag moved. The
// clock is moved by the test for the expiries (a JWT, ECR tokens, a certificate ending in 3 days).
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID, X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullCheck, RadarReport, WorkloadRow } from '../../shared/radar-contract';
import { ADMIN_TOKEN, startKubeApiServer, type KubeApiServer } from '../kube-api-server';
import { startDockerRegistry, type RunningDockerRegistry } from '../registry-servers/docker-registry';
import { buildOciImages, inspectRaw, pushImage, type BuiltImages } from '../registry-servers/oci-images';
import { kubeconfigFor } from '../support/access-flow';
import { createAccessFixture, type AccessFixture } from '../support/access-services';
import { seedNode } from '../support/failing-pods';
import { makeCertificateAuthority, makeServerCertificate } from '../support/fixtures';

const PASSWORD = `pw-${randomBytes(10).toString('hex')}`;
const OLD_PASSWORD = `old-${randomBytes(10).toString('hex')}`;
const ECR_HOST = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const DAY = 86_400_000;
const START = new Date();

interface World {
  registry: RunningDockerRegistry;
  images: BuiltImages;
  gone: BuiltImages;
  kube: KubeApiServer;
  staging: KubeApiServer;
  app: AccessFixture;
  clock: { now: () => Date };
  /** The registry certificate's notAfter (ISO). */
  certificateEnds: string;
}
let world: World;
let now = START;
let report: RadarReport;

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (exp: Date) => `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url({ sub: 'robot', exp: Math.floor(exp.getTime() / 1000) })}.${randomBytes(32).toString('base64url')}`;
const pullSecret = (name: string, auths: Record<string, [string, string]>, meta: object = {}) => ({
  metadata: { name, ...meta },
  type: 'kubernetes.io/dockerconfigjson',
  data: { '.dockerconfigjson': b64(JSON.stringify({ auths: Object.fromEntries(Object.entries(auths).map(([key, [username, password]]) => [key, { username, password, auth: b64(`${username}:${password}`) }])) })) },
});
let address = '';
const R = () => address;
const container = (name: string, image: string, extra: object = {}) => ({ name, image, ...extra });
const owner = (kind: string, name: string, apiVersion = 'apps/v1') => ({ apiVersion, kind, name, uid: randomUUID(), controller: true });

function skopeo(args: string[]): Promise<number> {
  const child = spawn('skopeo', args, { stdio: 'ignore' });
  return new Promise((resolve) => child.once('close', (code) => resolve(code ?? -1)));
}

/** Pods started from a controller, with the digests they run (as kubelet reports them). */
function seedRunningPod(kube: KubeApiServer, namespace: string, name: string, ownedBy: object, containers: { name: string; image: string; digest: string; imageID?: string }[], extra: object = {}): void {
  kube.seed.pod(namespace, { metadata: { name, ownerReferences: [ownedBy] }, spec: { nodeName: 'node-amd', containers: containers.map(({ name: containerName, image }) => container(containerName, image)), ...extra } }, {
    phase: 'Running',
    containerStatuses: containers.map((entry) => ({ name: entry.name, image: entry.image, imageID: entry.imageID ?? `${entry.image.slice(0, entry.image.lastIndexOf(':'))}@${entry.digest}`, ready: true, restartCount: 0, started: true, state: { running: { startedAt: START.toISOString() } } })),
  });
}

function seedProduction(kube: KubeApiServer, images: BuiltImages, gone: BuiltImages): void {
  kube.seed.namespace('shop');
  kube.seed.secret('shop', pullSecret('regcred', { [R()]: ['alice', PASSWORD] }, { labels: { 'app.kubernetes.io/managed-by': 'registry-desk', 'registry-desk.io/registry': 'team' } }));
  kube.seed.secret('shop', pullSecret('robot', { [R()]: ['robot', OLD_PASSWORD] }, { annotations: { 'meta.helm.sh/release-name': 'shop' }, labels: { 'app.kubernetes.io/managed-by': 'Helm' } }));
  kube.seed.secret('shop', pullSecret('leftover', { 'ghcr.io': ['someone', jwt(new Date(START.getTime() + 5 * DAY))] }));
  kube.seed.secret('shop', pullSecret('ecr-marked', { [ECR_HOST]: ['AWS', randomBytes(40).toString('base64')] }, { annotations: { 'registry-desk.io/expires-at': new Date(START.getTime() + 10 * 3_600_000).toISOString() } }));
  kube.seed.secret('shop', pullSecret('ecr-unmarked', { [ECR_HOST]: ['AWS', randomBytes(40).toString('base64')] }));
  kube.seed.secret('shop', { metadata: { name: 'broken' }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64('{"auths":[]}') } });
  kube.seed.secret('shop', { metadata: { name: 'opaque-one' }, type: 'Opaque', data: { token: b64('x') } });
  kube.seed.serviceAccount('shop', 'builder', { imagePullSecrets: [{ name: 'regcred' }] });
  kube.seed.serviceAccount('shop', 'misnamed', { imagePullSecrets: [{ name: 'opaque-one' }, { name: 'ghost' }, { name: 'broken' }] });
  const template = (spec: object) => ({ metadata: { labels: { app: 'x' } }, spec });
  const selector = { matchLabels: { app: 'x' } };
  // web: the amd64-only image on amd64 nodes: pulls; its ReplicaSet and pods roll up into it.
  const onAmd64 = { nodeSelector: { 'kubernetes.io/arch': 'amd64' } };
  kube.seed.resource('apps/v1', 'deployments', 'shop', { metadata: { name: 'web' }, spec: { selector, template: template({ ...onAmd64, imagePullSecrets: [{ name: 'robot' }, { name: 'regcred' }], containers: [container('web', `${R()}/team/app:1`)] }) } });
  kube.seed.resource('apps/v1', 'replicasets', 'shop', { metadata: { name: 'web-5d9f', ownerReferences: [owner('Deployment', 'web')] }, spec: { selector, template: template({ ...onAmd64, imagePullSecrets: [{ name: 'robot' }, { name: 'regcred' }], containers: [container('web', `${R()}/team/app:1`)] }) } });
  // Its pod's node runs Docker, which reports only the runtime's image ID (the config's digest, no repository digest): no tag moved.
  seedRunningPod(kube, 'shop', 'web-5d9f-a', owner('ReplicaSet', 'web-5d9f'), [{ name: 'web', image: `${R()}/team/app:1`, digest: images.digests.single!, imageID: `docker://sha256:${'c'.repeat(64)}` }], { imagePullSecrets: [{ name: 'robot' }, { name: 'regcred' }] });
  // rollout: mid-rollout, the old ReplicaSet's pods still run app:1 while the template names app:noarm
  // (another digest): neither "tag moved" nor "node cache" can be said of app:noarm from them.
  kube.seed.resource('apps/v1', 'deployments', 'shop', { metadata: { name: 'rollout' }, spec: { selector, template: template({ ...onAmd64, imagePullSecrets: [{ name: 'regcred' }], containers: [container('web', `${R()}/team/app:noarm`)] }) } });
  kube.seed.resource('apps/v1', 'replicasets', 'shop', { metadata: { name: 'rollout-old', ownerReferences: [owner('Deployment', 'rollout')] }, spec: { selector, template: template({ ...onAmd64, imagePullSecrets: [{ name: 'regcred' }], containers: [container('web', `${R()}/team/app:1`)] }) } });
  seedRunningPod(kube, 'shop', 'rollout-old-a', owner('ReplicaSet', 'rollout-old'), [{ name: 'web', image: `${R()}/team/app:1`, digest: images.digests.single! }], { imagePullSecrets: [{ name: 'regcred' }] });
  // rollout-gone: rolled to the deleted legacy:1 (IfNotPresent); only app:1 runs, so no node holds legacy:1.
  kube.seed.resource('apps/v1', 'deployments', 'shop', { metadata: { name: 'rollout-gone' }, spec: { selector, template: template({ ...onAmd64, imagePullSecrets: [{ name: 'regcred' }], containers: [container('web', `${R()}/team/legacy:1`, { imagePullPolicy: 'IfNotPresent' })] }) } });
  kube.seed.resource('apps/v1', 'replicasets', 'shop', { metadata: { name: 'rollout-gone-old', ownerReferences: [owner('Deployment', 'rollout-gone')] }, spec: { selector, template: template({ ...onAmd64, imagePullSecrets: [{ name: 'regcred' }], containers: [container('web', `${R()}/team/app:1`)] }) } });
  seedRunningPod(kube, 'shop', 'rollout-gone-old-a', owner('ReplicaSet', 'rollout-gone-old'), [{ name: 'web', image: `${R()}/team/app:1`, digest: images.digests.single! }], { imagePullSecrets: [{ name: 'regcred' }] });
  // arm-web: the same amd64-only image (no index: its platform is in its config) on the arm64 pool.
  kube.seed.resource('apps/v1', 'deployments', 'shop', { metadata: { name: 'arm-web' }, spec: { selector, template: template({ nodeSelector: { 'kubernetes.io/arch': 'arm64' }, imagePullSecrets: [{ name: 'regcred' }], containers: [container('web', `${R()}/team/app:1`)] }) } });
  // legacy: its tag was deleted after the pods started; IfNotPresent keeps them running from the node's copy.
  kube.seed.resource('apps/v1', 'replicasets', 'shop', { metadata: { name: 'legacy' }, spec: { selector, template: template({ imagePullSecrets: [{ name: 'regcred' }], containers: [container('legacy', `${R()}/team/legacy:1`)] }) } });
  seedRunningPod(kube, 'shop', 'legacy-x', owner('ReplicaSet', 'legacy'), [{ name: 'legacy', image: `${R()}/team/legacy:1`, digest: gone.digests.single! }], { imagePullSecrets: [{ name: 'regcred' }] });
  // db: init container through the ServiceAccount's secrets; the tag moved since its pods started.
  kube.seed.resource('apps/v1', 'statefulsets', 'shop', { metadata: { name: 'db' }, spec: { selector, serviceName: 'db', template: template({ ...onAmd64, serviceAccountName: 'builder', initContainers: [container('init', `${R()}/team/app:1`)], containers: [container('db', `${R()}/team/app:moved`)] }) } });
  seedRunningPod(kube, 'shop', 'db-0', owner('StatefulSet', 'db'), [{ name: 'db', image: `${R()}/team/app:moved`, digest: images.digests.single! }], { serviceAccountName: 'builder' });
  // agent: on every node, but its index has no arm64.
  kube.seed.resource('apps/v1', 'daemonsets', 'shop', { metadata: { name: 'agent' }, spec: { selector, template: template({ imagePullSecrets: [{ name: 'regcred' }], containers: [container('agent', `${R()}/team/app:noarm`)] }) } });
  // report: no pull secrets at all; the registry wants a login.
  kube.seed.resource('batch/v1', 'cronjobs', 'shop', { metadata: { name: 'report' }, spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: template({ restartPolicy: 'OnFailure', containers: [container('report', `${R()}/team/app:1`)] }) } } } });
  // migrate: a Job naming a legacy `kubernetes.io/dockercfg` secret (the old `.dockercfg` map, no `auths`).
  kube.seed.secret('shop', { metadata: { name: 'legacy-cfg' }, type: 'kubernetes.io/dockercfg', data: { '.dockercfg': b64(JSON.stringify({ [R()]: { username: 'alice', password: PASSWORD, auth: b64(`alice:${PASSWORD}`) } })) } });
  kube.seed.resource('batch/v1', 'jobs', 'shop', { metadata: { name: 'migrate' }, spec: { template: template({ ...onAmd64, restartPolicy: 'Never', imagePullSecrets: [{ name: 'legacy-cfg' }], containers: [container('migrate', `${R()}/team/app:1`)] }) } });
  // a bare pod whose account names a wrong-type, a missing and an unparsable secret.
  kube.seed.pod('shop', { metadata: { name: 'debug' }, spec: { serviceAccountName: 'misnamed', nodeName: 'node-arm', containers: [container('debug', `${R()}/team/app:1`)] } });
}

beforeAll(async () => {
  const ca = makeCertificateAuthority();
  const tls = makeServerCertificate(ca, { hosts: ['localhost', '127.0.0.1'], days: 3 });
  const registry = await startDockerRegistry({ tls, users: { alice: PASSWORD, robot: `${OLD_PASSWORD}-rotated` } });
  address = registry.address;
  const images = await buildOciImages({ noarm: [{ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 's390x' }], both: [{ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm64' }] });
  const gone = await buildOciImages({}, 'legacy');
  const alice = { username: 'alice', password: PASSWORD };
  await Promise.all([
    pushImage(images, 'single', { reference: `${registry.address}/team/app:1`, ...alice }),
    pushImage(images, 'noarm', { reference: `${registry.address}/team/app:noarm`, ...alice }),
    pushImage(images, 'single', { reference: `${registry.address}/team/app:moved`, ...alice }),
    pushImage(gone, 'single', { reference: `${registry.address}/team/legacy:1`, ...alice }),
  ]);
  // After the pods started: the tag moves to an index, the legacy image is deleted.
  await pushImage(images, 'both', { reference: `${registry.address}/team/app:moved`, ...alice });
  expect(await skopeo(['delete', '--tls-verify=false', '--creds', `alice:${PASSWORD}`, `docker://${registry.address}/team/legacy:1`])).toBe(0);

  const kube = await startKubeApiServer({
    users: {
      [ADMIN_TOKEN]: { name: 'admin', rules: [{ verbs: ['*'], resources: ['*'], apiGroups: ['*'] }] },
      'core-token': { name: 'core', rules: [{ verbs: ['get', 'list'], resources: ['pods', 'secrets', 'serviceaccounts', 'nodes'] }] },
    },
  });
  seedNode(kube, 'node-amd', { architecture: 'amd64' });
  seedNode(kube, 'node-arm', { architecture: 'arm64' });
  seedProduction(kube, images, gone);
  const staging = await startKubeApiServer({});
  staging.seed.namespace('shop');
  staging.seed.secret('shop', pullSecret('regcred', { [R()]: ['alice', OLD_PASSWORD] }));
  const closed = await startKubeApiServer({});
  const kubeconfig = kubeconfigFor([{ name: 'prod', server: kube }, { name: 'prod-core', server: kube, token: 'core-token' }, { name: 'staging', server: staging }, { name: 'gone', server: closed }]);
  await closed.stop();
  const clock = { now: () => now };
  const app = createAccessFixture({ keychainService: `registry-desk-radar-${randomBytes(4).toString('hex')}`, kubeconfigPaths: [kubeconfig], clock, connectionNetwork: { systemRoots: [ca.certificate] } });
  world = { registry, images, gone, kube, staging, app, clock, certificateEnds: new Date(new X509Certificate(tls.certificate).validTo).toISOString() };
  kube.resetCounters();
  report = await app.services.radar.scan({ expiryWindowDays: 14 });
}, 180_000);

afterAll(async () => {
  await world?.app.close();
  await world?.registry.stop();
  await world?.kube.stop();
  await world?.staging.stop();
  await world?.images.remove();
  await world?.gone.remove();
});

const workload = (context: string, kind: string, name: string): WorkloadRow => {
  const found = report.workloads.filter((row) => row.context === context && row.kind === kind && row.name === name);
  expect(found, `${context} ${kind}/${name}`).toHaveLength(1);
  return found[0]!;
};
const checkOf = (row: WorkloadRow, containerName: string): PullCheck => report.checks.find((check) => check.id === row.containers.find((entry) => entry.name === containerName)?.check)!;

describe('the fleet radar over real clusters and a real registry', () => {
  it('keeps every context as a row: read, partly refused with the kinds named, or failed with its reason', () => {
    const rows = Object.fromEntries(report.contexts.map((row) => [row.context, row]));
    expect(rows.prod?.state).toBe('read');
    expect(rows.staging?.state).toBe('read');
    expect(rows['prod-core']?.state).toBe('partial');
    expect([...new Set(rows['prod-core']?.refused.map((refusal) => refusal.resource))].sort()).toEqual(['cronjobs', 'daemonsets', 'deployments', 'jobs', 'replicasets', 'statefulsets']);
    expect(rows['prod-core']?.refused[0]?.error.code).toBe('cluster.forbidden');
    expect(rows.gone?.state).toBe('failed');
    expect(rows.gone?.error?.code).toBe('cluster.unreachable');
  });

  it('reads each context with one list per kind, however many namespaces and pods', () => {
    expect(report.contexts.find((row) => row.context === 'prod')?.apiRequests).toBe(12);
    // prod and prod-core share the server: 11 lists each (secrets are two: Helm's release secrets
    // apart), the refused ones included, and ESO's discovery document (a get, answered 404 without
    // ESO, so no ExternalSecrets list); prod-core's refused controllers are then tried in the 5
    // namespaces its lists showed (after a refused namespace list).
    expect(world.kube.counters().byVerb.list).toBe(22 + 1 + 6 * 5);
  });

  it('counts each controller once, with the pods it owns rolled up into it and ServiceAccount defaulting applied', () => {
    expect(report.workloads.filter((row) => row.context === 'prod').map((row) => `${row.kind}/${row.name}`).sort()).toEqual(['CronJob/report', 'DaemonSet/agent', 'Deployment/arm-web', 'Deployment/rollout', 'Deployment/rollout-gone', 'Deployment/web', 'Job/migrate', 'Pod/debug', 'ReplicaSet/legacy', 'StatefulSet/db']);
    const db = workload('prod', 'StatefulSet', 'db');
    expect(db.pullSecrets).toEqual(['regcred']);
    expect(db.containers.map((entry) => `${entry.kind}:${entry.name}`)).toEqual(['init:init', 'regular:db']);
    expect(db.containers[1]?.running).toEqual([`${R()}/team/app@${world.images.digests.single}`]);
    expect(workload('prod', 'Pod', 'debug').architectures).toEqual(['arm64']);
    expect(workload('prod', 'DaemonSet', 'agent').architectures).toEqual(['amd64', 'arm64']);
  });

  it('says which pulls work, fail (with the doctor’s reason), run only from the node cache, moved, or miss a platform', async () => {
    const web = checkOf(workload('prod', 'Deployment', 'web'), 'web');
    expect([web.verdict, web.digest]).toEqual(['pulls', world.images.digests.single]);
    const skopeoSays = await inspectRaw({ reference: `${R()}/team/app:1`, username: 'alice', password: PASSWORD });
    expect(skopeoSays.digest).toBe(web.digest);
    const legacy = checkOf(workload('prod', 'ReplicaSet', 'legacy'), 'legacy');
    expect([legacy.verdict, legacy.reason.code]).toEqual(['cached-only', 'doctor.verdict.manifestUnknown']);
    expect((await inspectRaw({ reference: `${R()}/team/legacy:1`, username: 'alice', password: PASSWORD })).error).toMatch(/manifest unknown/);
    // Mid-rollout: the old pods' app:1 is not the template's image.
    const rollout = checkOf(workload('prod', 'Deployment', 'rollout'), 'web');
    expect([rollout.verdict, rollout.digest, workload('prod', 'Deployment', 'rollout').containers[0]?.running]).toEqual(['pulls', world.images.digests.noarm, []]);
    const rolledToGone = checkOf(workload('prod', 'Deployment', 'rollout-gone'), 'web');
    expect([rolledToGone.verdict, rolledToGone.reason.code]).toEqual(['fails', 'doctor.verdict.manifestUnknown']);
    const moved = checkOf(workload('prod', 'StatefulSet', 'db'), 'db');
    expect([moved.verdict, moved.digest, moved.reason.params.running]).toEqual(['tag-moved', world.images.digests.both, world.images.digests.single]);
    expect(checkOf(workload('prod', 'StatefulSet', 'db'), 'init').verdict).toBe('pulls');
    const agent = checkOf(workload('prod', 'DaemonSet', 'agent'), 'agent');
    expect([agent.verdict, agent.reason.code, agent.reason.params.nodes]).toEqual(['platform-missing', 'doctor.verdict.platform', 'linux/arm64']);
    // A single-platform image has no index: its platform comes from its config.
    const armWeb = checkOf(workload('prod', 'Deployment', 'arm-web'), 'web');
    expect([armWeb.verdict, armWeb.reason.code, armWeb.reason.params.platforms, armWeb.reason.params.nodes]).toEqual(['platform-missing', 'doctor.verdict.platform', 'linux/amd64', 'linux/arm64']);
    expect(web.platforms).toEqual(['linux/amd64']);
    const cron = checkOf(workload('prod', 'CronJob', 'report'), 'report');
    expect([cron.verdict, cron.reason.code]).toEqual(['fails', 'doctor.verdict.noSecrets']);
    // Admission copied the account's list into the pod, the unparsable secret with it: kubelet fails every pull.
    const debug = checkOf(workload('prod', 'Pod', 'debug'), 'debug');
    expect([debug.verdict, debug.reason.code, debug.reason.params.secret]).toEqual(['fails', 'doctor.verdict.unparsable', 'broken']);
  });

  it('asks the registry once per distinct question, mostly with HEAD', () => {
    const log = world.registry.accessLog();
    const manifestAsks = log.filter((line) => line.path.includes('/manifests/') && line.userAgent.startsWith('RegistryDesk'));
    expect(manifestAsks.length).toBeGreaterThan(0);
    expect(manifestAsks.filter((line) => line.method === 'HEAD').length).toBeGreaterThanOrEqual(manifestAsks.filter((line) => line.method === 'GET').length);
    expect(report.registryRequests).toBeLessThanOrEqual(3 * 8);
  });

  it('inventories pull secrets with their makers, users and references, never their passwords', () => {
    const secrets = report.pullSecrets.filter((row) => row.context === 'prod');
    const byName = Object.fromEntries(secrets.map((row) => [row.name, row]));
    expect(byName.regcred?.maker).toBe('registry-desk');
    expect(byName.robot?.maker).toBe('helm');
    expect(byName.leftover?.maker).toBe('by-hand');
    expect(byName.regcred?.referencedBy).toEqual(expect.arrayContaining([{ kind: 'ServiceAccount', name: 'builder' }, { kind: 'Deployment', name: 'web' }]));
    expect(byName.broken?.unparsable).toMatch(/cannot unmarshal array/);
    // The legacy type: read from `.dockercfg`, named by the Job, which pulls with it.
    expect(byName['legacy-cfg']).toMatchObject({ type: 'kubernetes.io/dockercfg', entries: [{ key: R(), username: 'alice' }], unparsable: null, referencedBy: [{ kind: 'Job', name: 'migrate' }] });
    const migrate = checkOf(workload('prod', 'Job', 'migrate'), 'migrate');
    expect([migrate.verdict, migrate.registry, migrate.digest]).toEqual(['pulls', R(), world.images.digests.single]);
    const text = JSON.stringify(report);
    for (const secret of [PASSWORD, OLD_PASSWORD, b64(`alice:${PASSWORD}`)]) expect(text).not.toContain(secret);
  });

  it('finds missing, wrong-type, unparsable, unused, conflicting and stale pull secrets', () => {
    const prod = report.findings.filter((finding) => finding.context === 'prod');
    const codes = (code: string) => prod.filter((finding) => finding.code === code).map((finding) => finding.params.secret);
    expect(codes('missing')).toEqual(['ghost']);
    expect(codes('wrongType')).toEqual(['opaque-one']);
    expect(codes('unparsable')).toEqual(['broken']);
    expect(codes('unused').sort()).toEqual(['ecr-marked', 'ecr-unmarked', 'leftover']);
    const conflict = prod.find((finding) => finding.code === 'conflict' && finding.params.registry === R());
    expect(conflict?.params).toMatchObject({ registry: R(), winner: 'robot', by: 'Deployment/web' });
    // The two ECR secrets: one user (AWS), two tokens — told apart by keyed hashes, numbered, never shown.
    const ecr = prod.filter((finding) => finding.code === 'conflict' && finding.params.registry === ECR_HOST).map((finding) => finding.params.secrets);
    expect(ecr).toHaveLength(1);
    expect(ecr[0]).toMatch(/^ecr-(?:marked|unmarked) \(AWS #1\), ecr-(?:marked|unmarked) \(AWS #2\)$/);
    expect([String(ecr[0]).includes('ecr-marked'), String(ecr[0]).includes('ecr-unmarked')]).toEqual([true, true]);
    const stale = report.findings.find((finding) => finding.code === 'staleCopy' && finding.params.username === 'alice');
    expect(stale?.params.groups).toMatch(/staging\/shop\/regcred/);
    expect(stale?.params.versions).toBe(2);
    // Every copy by place, for the fix that writes the saved login into them all.
    expect(stale?.places).toEqual(expect.arrayContaining([{ context: 'staging', namespace: 'shop', secret: 'regcred' }, { context: 'prod', namespace: 'shop', secret: 'regcred' }]));
  });

  it('dates every expiry it can know and says unknown for an ECR token without a mark', () => {
    const rows = report.expiries.filter((row) => row.context === 'prod' || row.context === null);
    const bySecret = Object.fromEntries(rows.filter((row) => row.secret).map((row) => [row.secret, row]));
    expect(bySecret.leftover).toMatchObject({ what: 'jwt', state: 'soon', source: 'jwt-exp' });
    expect(bySecret['ecr-marked']).toMatchObject({ what: 'ecr-token', state: 'soon', source: 'annotation' });
    expect(bySecret['ecr-unmarked']).toMatchObject({ what: 'ecr-token', state: 'unknown', expiresAt: null });
    const certificate = rows.find((row) => row.what === 'tls-certificate' && row.registry === R());
    expect(certificate).toMatchObject({ registry: R(), state: 'soon' });
    // Its end to the second, as the certificate says it: not the start of that day (up to 24 h early).
    expect(certificate?.expiresAt).toBe(world.certificateEnds);
  });

  it('moves on with the clock: a day later the marked ECR token is dead, six days later the JWT and the certificate', async () => {
    now = new Date(START.getTime() + DAY);
    const later = await world.app.services.radar.scan({ contexts: ['prod'], expiryWindowDays: 14 });
    const state = (from: RadarReport, secret: string) => from.expiries.find((row) => row.secret === secret)?.state;
    expect([state(later, 'leftover'), state(later, 'ecr-marked'), later.expiries.find((row) => row.what === 'tls-certificate' && row.registry === R())?.state]).toEqual(['soon', 'expired', 'soon']);
    now = new Date(START.getTime() + 6 * DAY);
    const laterStill = await world.app.services.radar.scan({ contexts: ['prod'], expiryWindowDays: 1 });
    expect([state(laterStill, 'leftover'), laterStill.expiries.find((row) => row.what === 'tls-certificate' && row.registry === R())?.state]).toEqual(['expired', 'expired']);
    now = START;
  });

  it("reads a single image's config once per digest, however many tags, logins and scans name it", () => {
    const configReads = world.registry.accessLog().filter((line) => line.path.includes('/blobs/') && line.userAgent.startsWith('RegistryDesk'));
    expect(configReads.map((line) => `${line.method} ${line.path}`)).toEqual([expect.stringMatching(/^GET \/v2\/team\/app\/blobs\/sha256:[a-f0-9]{64}$/)]);
  });

  it('answers through the radar:scan channel, its request validated', async () => {
    const result = await world.app.ipc.invoke('radar:scan', { contexts: ['staging'] });
    expect(result).toMatchObject({ ok: true, value: { contexts: [{ context: 'staging', state: 'read', apiRequests: 12 }] } });
    expect(await world.app.ipc.invoke('radar:scan', { contexts: ['staging'], expiryWindowDays: 0 })).toMatchObject({ ok: false, error: { code: 'ipc.invalidRequest' } });
  });

  it('colours each cluster × namespace × registry cell by the worst state in it', () => {
    const cell = report.cells.find((entry) => entry.context === 'prod' && entry.namespace === 'shop' && entry.registry === R());
    expect(cell?.worst).toBe('fail');
    expect(cell?.workloads).toBe(10);
    const staging = report.cells.find((entry) => entry.context === 'staging' && entry.registry === R());
    expect(staging).toMatchObject({ worst: 'pass', workloads: 0, secrets: 1 });
  });

  it('keeps a context it could not read as a row of the matrix: not read in every registry column, the others unaffected', () => {
    const columns = [...new Set(report.cells.map((cell) => cell.registry))].sort();
    const gone = report.cells.filter((cell) => cell.context === 'gone');
    expect(gone).toEqual(columns.map((registry) => ({ context: 'gone', namespace: '', registry, worst: 'unread', workloads: 0, secrets: 0, unread: [] })));
    // Only the failed context stands for itself as a whole; what was read keeps its own colours.
    expect(report.cells.filter((cell) => cell.namespace === '').map((cell) => cell.context)).toEqual(columns.map(() => 'gone'));
    expect(report.cells.find((cell) => cell.context === 'prod' && cell.namespace === 'shop' && cell.registry === R())?.worst).toBe('fail');
  });
});
