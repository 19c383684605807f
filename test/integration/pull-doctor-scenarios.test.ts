// The pull doctor against real parts: Debian's docker-registry (htpasswd, and token auth through
// the token server) holding images pushed with skopeo, a Docker-Hub-like 429 stand-in, the
// Kubernetes API test server with failing pods and the kubelet's events, and ECR's API stand-in.
// Every scenario's verdict is asserted, and every registry answer is cross-checked with
// `skopeo inspect --raw` using the same credentials.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnosis, FindResult, Fix, RegistryAttempt } from '../../shared/pull-doctor-contract';
import { ADMIN_TOKEN, startKubeApiServer, type KubeApiServer } from '../kube-api-server';
import { kubectl } from '../kube-api-server/kubectl';
import { startDockerRegistry, type RunningDockerRegistry } from '../registry-servers/docker-registry';
import { startEcrEndpoint, type RunningEcrEndpoint } from '../registry-servers/ecr-endpoint';
import { startGoogleTokenEndpoint, type RunningGoogleTokenEndpoint } from '../registry-servers/google-token-endpoint';
import { buildOciImages, inspectConfig, inspectRaw, pushImage, type BuiltImages } from '../registry-servers/oci-images';
import { startRateLimitedRegistry, type RunningRateLimitedRegistry } from '../registry-servers/rate-limited-registry';
import { startTokenServer, type RunningTokenServer } from '../registry-servers/token-server';
import { accessSettingsForFix } from '../../shared/pull-doctor-access';
import { apply, kubeconfigFor, planFor, preview, valueOf } from '../support/access-flow';
import { createAccessFixture, type AccessFixture } from '../support/access-services';
import { seedFailingPod, seedNode, type FailingPod } from '../support/failing-pods';
import { makeCertificateAuthority, makeServerCertificate, makeServiceAccountKey, makeTokenSigningCertificate } from '../support/fixtures';
import { requestsCarrying, secretSpellings } from '../support/sent-secrets';

const PASSWORD = `pw-${randomBytes(10).toString('hex')}`;
const WRONG = `${PASSWORD}-wrong`;
const HUB_PASSWORD = `hub-${randomBytes(10).toString('hex')}`;
const ECR_HOST = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const ECR_KEYS = { accessKeyId: 'AKIAPULLDOCTOR000001', secretAccessKey: `doctor/${randomBytes(12).toString('hex')}` };
const ECR_OLD = randomBytes(48).toString('base64');
const SERVICE = 'doctor-test';
const GOOGLE_TOKEN_HOST = 'oauth2.googleapis.com';
const ISSUER = 'doctor-test-issuer';

interface World {
  ca: string;
  team: RunningDockerRegistry;
  tokenRegistry: RunningDockerRegistry;
  tokens: RunningTokenServer;
  hub: RunningDockerRegistry;
  limited: RunningRateLimitedRegistry;
  ecr: RunningEcrEndpoint;
  google: RunningGoogleTokenEndpoint;
  /** Where the cluster's key says its token service is: a plain-HTTP server on this machine. */
  decoy: RunningGoogleTokenEndpoint;
  images: BuiltImages;
  kube: KubeApiServer;
  mixed: KubeApiServer;
  app: AccessFixture;
  teamId: string;
  ecrId: string;
}
let world: World;
let found: FindResult;
let googleKey = '';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const pullSecret = (name: string, auths: Record<string, [string, string]>, extra: object = {}) => ({
  metadata: { name, ...extra },
  type: 'kubernetes.io/dockerconfigjson',
  data: { '.dockerconfigjson': b64(JSON.stringify({ auths: Object.fromEntries(Object.entries(auths).map(([key, [username, password]]) => [key, { username, password, auth: b64(`${username}:${password}`) }])) })) },
});

const T = () => world.team.address;
const TOK = () => world.tokenRegistry.address;

function diagnosisOf(namespace: string, result: FindResult = found): Diagnosis {
  const matches = result.diagnoses.filter((diagnosis) => diagnosis.namespace === namespace);
  expect(matches, `one diagnosis in ${namespace}`).toHaveLength(1);
  return matches[0]!;
}

/** Where skopeo reaches the registry an attempt went to (public names are dialled to 127.0.0.1 for the app). */
function skopeoAddress(attempt: RegistryAttempt): string {
  const host = new URL(attempt.endpoint).host;
  if (host === 'registry-1.docker.io') return world.hub.address;
  if (host === ECR_HOST) return world.team.address;
  return host;
}

/** The same credentials through skopeo: its verdict must agree with the app's. */
async function crossCheck(diagnosis: Diagnosis, credentials: { username: string; password: string } | null, repository: string, reference: string): Promise<void> {
  const attempt = diagnosis.attempts[0]!;
  const separator = reference.startsWith('sha256:') ? '@' : ':';
  const skopeo = await inspectRaw({ reference: `${skopeoAddress(attempt)}/${repository}${separator}${reference}`, ...(credentials ?? {}) });
  const expected: Record<string, RegExp> = {
    exists: /^$/,
    'manifest-unknown': /manifest unknown/,
    unauthorized: /unauthorized|authentication required|invalid username\/password/,
    'rate-limited': /toomanyrequests|429/i,
  };
  if (attempt.state === 'exists') {
    expect(skopeo.ok, skopeo.error).toBe(true);
    expect(skopeo.digest).toBe(attempt.digest);
  } else {
    expect(skopeo.ok).toBe(false);
    expect(skopeo.error).toMatch(expected[attempt.state]!);
  }
}

function seedScenario(namespace: string, pod: FailingPod, secrets: object[] = []): void {
  world.kube.seed.namespace(namespace);
  for (const secret of secrets) world.kube.seed.secret(namespace, secret);
  seedFailingPod(world.kube, namespace, { node: 'node-1', ...pod });
}

beforeAll(async () => {
  const ca = makeCertificateAuthority();
  const tls = makeServerCertificate(ca, { hosts: ['localhost', '127.0.0.1', 'registry-1.docker.io', ECR_HOST, GOOGLE_TOKEN_HOST] });
  const signer = makeTokenSigningCertificate();
  const tokens = await startTokenServer({ users: { bob: PASSWORD }, signer, service: SERVICE, issuer: ISSUER, tls });
  const [team, tokenRegistry, hub, limited] = await Promise.all([
    startDockerRegistry({ tls, users: { alice: PASSWORD, AWS: `not-${ECR_OLD}` } }),
    startDockerRegistry({ tls, token: { realm: tokens.realm, service: SERVICE, issuer: ISSUER, rootCertBundle: signer.certificate } }),
    startDockerRegistry({ tls, users: { hubuser: HUB_PASSWORD } }),
    startRateLimitedRegistry(tls),
  ]);
  const images = await buildOciImages({ multi: [{ os: 'linux', architecture: 'arm64' }, { os: 'linux', architecture: 's390x' }], both: [{ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm64' }] });
  const alice = { username: 'alice', password: PASSWORD };
  await Promise.all([
    pushImage(images, 'single', { reference: `${team.address}/team/app:1`, ...alice }),
    pushImage(images, 'multi', { reference: `${team.address}/team/app:multi`, ...alice }),
    pushImage(images, 'both', { reference: `${team.address}/team/app:both`, ...alice }),
    pushImage(images, 'single', { reference: `${tokenRegistry.address}/team/tok:1`, username: 'bob', password: PASSWORD }),
    pushImage(images, 'single', { reference: `${hub.address}/team/app:1`, username: 'hubuser', password: HUB_PASSWORD }),
  ]);
  const ecr = await startEcrEndpoint({
    region: 'eu-west-1',
    accountId: '123456789012',
    identities: [{ ...ECR_KEYS, arn: 'arn:aws:iam::123456789012:user/puller', allowed: true }],
    onIssue: (password) => team.setUsers({ alice: PASSWORD, AWS: password }),
  });
  // Google's token service knows no key: the one in the pull secret was deleted. The key names
  // another token service, which would accept it: the app must never send it there.
  const google = await startGoogleTokenEndpoint({ accounts: [], tls, tokenUri: `https://${GOOGLE_TOKEN_HOST}/token` });
  const decoyKey = makeServiceAccountKey({ token_uri: 'replaced below' });
  const decoy = await startGoogleTokenEndpoint({ accounts: [{ clientEmail: (JSON.parse(decoyKey) as { client_email: string }).client_email, privateKey: (JSON.parse(decoyKey) as { private_key: string }).private_key }] });
  const kube = await startKubeApiServer({
    recordRequests: true,
    users: {
      [ADMIN_TOKEN]: { name: 'admin', rules: [{ verbs: ['*'], resources: ['*'] }] },
      'viewer-token': { name: 'viewer', rules: [{ verbs: ['get', 'list'], resources: ['pods', 'secrets', 'serviceaccounts'] }] },
    },
  });
  // A mixed cluster: the amd64-only image (no index: its platform is in its config) failing on a pod
  // placed on the arm64 node, and on one placed on the amd64 node (for another reason), each alone in its namespace.
  const mixed = await startKubeApiServer({});
  seedNode(mixed, 'node-amd', { architecture: 'amd64' });
  seedNode(mixed, 'node-arm', { architecture: 'arm64' });
  for (const [namespace, node] of [['on-arm', 'node-arm'], ['on-amd', 'node-amd']] as const) {
    mixed.seed.namespace(namespace);
    mixed.seed.secret(namespace, pullSecret('regcred', { [team.address]: ['alice', PASSWORD] }));
    seedFailingPod(mixed, namespace, { name: 'api', image: `${team.address}/team/app:1`, pullSecrets: ['regcred'], reason: 'ErrImagePull', node });
  }
  const app = createAccessFixture({
    keychainService: `registry-desk-doctor-${randomBytes(4).toString('hex')}`,
    kubeconfigPaths: [kubeconfigFor([{ name: 'lab', server: kube }, { name: 'lab-viewer', server: kube, token: 'viewer-token' }, { name: 'mixed', server: mixed }])],
    ecrEndpoint: ecr.endpoint,
    connectionNetwork: {
      systemRoots: [ca.certificate],
      connectTo: (host) => {
        const port = { 'registry-1.docker.io': hub.port, [ECR_HOST]: team.port, [GOOGLE_TOKEN_HOST]: google.port }[host];
        return port === undefined ? undefined : { host: '127.0.0.1', port };
      },
    },
  });
  const teamId = (await app.services.registries.create({ type: 'other', name: 'Team registry', url: `https://${team.address}`, username: 'alice', password: PASSWORD, connection: 'secure-with-ca', caCertificate: ca.certificate })).id;
  const ecrId = (await app.services.registries.create({ type: 'ecr', name: 'Prod ECR', url: `https://${ECR_HOST}`, authType: 'user-auth', ...ECR_KEYS })).id;
  world = { ca: ca.certificate, team, tokenRegistry, tokens, hub, limited, ecr, google, decoy, images, kube, mixed, app, teamId, ecrId };

  seedNode(kube, 'node-1', { architecture: 'amd64' });
  const good = (key: string) => pullSecret('regcred', { [key]: ['alice', PASSWORD] });
  seedScenario('wrong-host', { name: 'api', image: `${T()}/team/app:1`, pullSecrets: ['regcred'], pullError: 'pull access denied, repository does not exist or may require authorization' }, [pullSecret('regcred', { 'https://index.docker.io/v1/': ['alice', PASSWORD] })]);
  seedScenario('wrong-port', { name: 'api', image: `${T()}/team/app:1`, pullSecrets: ['regcred'] }, [good('127.0.0.1')]);
  seedScenario('wrong-path', { name: 'api', image: `${T()}/team/app:1`, pullSecrets: ['regcred'] }, [good(`${T()}/other`)]);
  seedScenario('right-path', { name: 'api', image: `${T()}/team/app:1`, pullSecrets: ['regcred'] }, [good(`https://${T()}/v2/team`)]);
  seedScenario('opaque', { name: 'api', image: `${T()}/team/app:1`, pullSecrets: ['regcred'] }, [{ metadata: { name: 'regcred' }, type: 'Opaque', data: { '.dockerconfigjson': good(T()).data['.dockerconfigjson'] } }]);
  seedScenario('missing', { name: 'api', image: `${T()}/team/app:1`, pullSecrets: ['ghost'], missingSecrets: ['ghost'] });
  seedScenario('wrong-password', { name: 'api', image: `${T()}/team/app:1`, pullSecrets: ['regcred'] }, [pullSecret('regcred', { [T()]: ['alice', WRONG] })]);
  seedScenario('token-wrong', { name: 'api', image: `${TOK()}/team/tok:1`, pullSecrets: ['regcred'] }, [pullSecret('regcred', { [TOK()]: ['bob', WRONG] })]);
  seedScenario('token-good', { name: 'api', image: `${TOK()}/team/tok:1`, pullSecrets: ['regcred'], reason: 'ErrImagePull' }, [pullSecret('regcred', { [TOK()]: ['bob', PASSWORD] })]);
  seedScenario('missing-tag', { name: 'api', image: `${T()}/team/app:nope`, pullSecrets: ['regcred'], pullError: `${T()}/team/app:nope: not found`, failedEventsExpired: true }, [good(T())]);
  seedScenario('platform', { name: 'api', image: `${T()}/team/app:multi`, pullSecrets: ['regcred'], reason: 'ErrImagePull' }, [good(T())]);
  seedScenario('hub', { name: 'api', image: 'team/app:1', pullSecrets: ['hubcred'] }, [pullSecret('hubcred', { 'https://index.docker.io/v1/': ['hubuser', HUB_PASSWORD] })]);
  seedScenario('limited', { name: 'api', image: `${world.limited.address}/library/busybox:1.36`, pullSecrets: ['regcred'] }, [pullSecret('regcred', { [world.limited.address]: ['anyone', 'anything'] })]);
  seedScenario('invalid', { name: 'api', image: `${T()}/Team/App:1`, reason: 'InvalidImageName', pullSecrets: ['regcred'] }, [good(T())]);
  const ecrSecret = pullSecret('ecr-pull-secret', { [ECR_HOST]: ['AWS', ECR_OLD] }, {
    labels: { 'app.kubernetes.io/managed-by': 'registry-desk', 'registry-desk.io/registry': ecrId },
    annotations: { 'registry-desk.io/registry': ecrId, 'registry-desk.io/expires-at': new Date(Date.now() - 3_600_000).toISOString() },
  });
  seedScenario('ecr', { name: 'api', image: `${ECR_HOST}/team/app:1`, pullSecrets: ['ecr-pull-secret'] }, [ecrSecret]);
  googleKey = JSON.stringify({ ...(JSON.parse(decoyKey) as object), token_uri: decoy.tokenUri });
  seedScenario('google', { name: 'api', image: `${T()}/team/app:1`, pullSecrets: ['gcr-json-key'] }, [pullSecret('gcr-json-key', { [T()]: ['_json_key', googleKey] })]);

  // ServiceAccount patched after the pods were created: they keep their (empty) list.
  seedScenario('sa-later', { name: 'web-5d9c7b8f4d-x2x7q', image: `${T()}/team/app:1`, owner: { kind: 'ReplicaSet', name: 'web-5d9c7b8f4d' } }, [pullSecret('team-pull', { [T()]: ['alice', PASSWORD] })]);
  const patched = await kubectl(kubeconfigFor([{ name: 'lab', server: kube }]), ['patch', 'serviceaccount', 'default', '-n', 'sa-later', '-p', '{"imagePullSecrets":[{"name":"team-pull"}]}']);
  expect(patched.stderr).toBe('');

  // Three pods and an init container pulling one image with one secret: one group, one registry check.
  kube.seed.namespace('grouped');
  kube.seed.secret('grouped', pullSecret('regcred', { 'quay.io': ['alice', PASSWORD] }));
  for (const name of ['web-1', 'web-2', 'web-3']) seedFailingPod(kube, 'grouped', { name, image: `${T()}/team/app:1`, pullSecrets: ['regcred'], node: 'node-1' });
  seedFailingPod(kube, 'grouped', { name: 'migrate', image: `${T()}/team/app:1`, pullSecrets: ['regcred'], kind: 'init' });
  seedFailingPod(kube, 'grouped', { name: 'debug', image: `${T()}/team/debug:1`, pullSecrets: ['regcred'], kind: 'ephemeral' });
  kube.seed.pod('grouped', { metadata: { name: 'healthy' }, spec: { containers: [{ name: 'app', image: `${T()}/team/app:1` }] } }, {
    phase: 'Running',
    containerStatuses: [{ name: 'app', image: `${T()}/team/app:1`, ready: true, restartCount: 0, state: { running: { startedAt: new Date().toISOString() } } }],
  });

  // The app's own secret of the team registry exists, but the pods' ServiceAccount does not list it.
  seedScenario('inject', { name: 'api', image: `${T()}/team/app:1` }, [pullSecret('team-registry-pull-secret', { [`https://${T()}`]: ['alice', PASSWORD] }, { labels: { 'app.kubernetes.io/managed-by': 'registry-desk', 'registry-desk.io/registry': teamId }, annotations: { 'registry-desk.io/registry': teamId } })]);

  found = valueOf(await app.ipc.invoke('pull-doctor:find', { contexts: ['lab'], namespaces: [] }));
}, 120_000);

afterAll(async () => {
  await world?.app.close();
  await Promise.all([world?.team.stop(), world?.tokenRegistry.stop(), world?.tokens.stop(), world?.hub.stop(), world?.limited.stop(), world?.ecr.stop(), world?.google.stop(), world?.decoy.stop(), world?.kube.stop(), world?.mixed.stop(), world?.images.remove()]);
});

describe('the pull doctor finds failing pods and explains each as kubelet decides', () => {
  it('scans each context with one paged cluster-wide list and finds init, regular and ephemeral containers', () => {
    expect(found.contexts).toEqual([{ context: 'lab', state: 'checked', podsScanned: 24, failingPods: 23, nodes: 'readable', events: 'readable' }]);
    const grouped = found.diagnoses.filter((diagnosis) => diagnosis.namespace === 'grouped');
    expect(grouped.map((diagnosis) => [diagnosis.image, diagnosis.containers.map((container) => `${container.pod}/${container.kind}`)])).toEqual([
      [`${T()}/team/app:1`, ['migrate/init', 'web-1/regular', 'web-2/regular', 'web-3/regular']],
      [`${T()}/team/debug:1`, ['debug/ephemeral']],
    ]);
  });

  it('an entry for the wrong host: "regcred has no entry for … it has https://index.docker.io/v1/"', async () => {
    const diagnosis = diagnosisOf('wrong-host');
    expect(diagnosis.verdict).toEqual({ code: 'doctor.verdict.noEntry', params: { secrets: 'regcred', registry: T(), keys: 'https://index.docker.io/v1/' }, tone: 'fail' });
    expect(diagnosis.attempts).toMatchObject([{ secret: null, state: 'unauthorized' }]);
    expect(diagnosis.steps.find((step) => step.id === 'events')?.findings).toContainEqual(expect.objectContaining({ code: 'doctor.events.failed' }));
    expect(diagnosis.fixes).toContainEqual(expect.objectContaining({ kind: 'inject', registryId: world.teamId, namespace: 'wrong-host', pullSecrets: ['regcred'] }));
    await crossCheck(diagnosis, null, 'team/app', '1');
  });

  it('an entry for the wrong port or the wrong path prefix matches nothing; the right prefix does', async () => {
    expect(diagnosisOf('wrong-port').verdict).toMatchObject({ code: 'doctor.verdict.noEntry', params: { keys: '127.0.0.1' } });
    expect(diagnosisOf('wrong-path').verdict).toMatchObject({ code: 'doctor.verdict.noEntry', params: { keys: `${T()}/other` } });
    const right = diagnosisOf('right-path');
    expect(right.attempts).toMatchObject([{ secret: 'regcred', key: `https://${T()}/v2/team`, state: 'exists' }]);
    expect(right.verdict.code).toBe('doctor.verdict.pullable');
    await crossCheck(right, { username: 'alice', password: PASSWORD }, 'team/app', '1');
  });

  it('an Opaque secret is ignored, a missing one reported with its event', () => {
    expect(diagnosisOf('opaque').verdict).toEqual({ code: 'doctor.verdict.wrongType', params: { secret: 'regcred', type: 'Opaque' }, tone: 'fail' });
    const missing = diagnosisOf('missing');
    expect(missing.verdict).toEqual({ code: 'doctor.verdict.missingSecret', params: { secret: 'ghost', registry: T() }, tone: 'fail' });
    expect(missing.steps.find((step) => step.id === 'events')?.findings).toContainEqual(expect.objectContaining({ code: 'doctor.events.missingSecret' }));
    expect(missing.fixes).toContainEqual(expect.objectContaining({ kind: 'inject', pullSecrets: ['ghost'] }));
  });

  it('a ServiceAccount patched after the pods were created: recreate them (a copyable rollout restart)', () => {
    const diagnosis = diagnosisOf('sa-later');
    expect(diagnosis.verdict).toEqual({ code: 'doctor.verdict.serviceAccountAfter', params: { serviceAccount: 'default', secrets: 'team-pull' }, tone: 'fail' });
    expect(diagnosis.fixes).toEqual([{ kind: 'command', purpose: 'restart', command: 'kubectl rollout restart deployment/web -n sa-later --context lab' }]);
  });

  it('a wrong password is refused by the registry (Basic) and by the token service (Bearer); the right one passes', async () => {
    const basic = diagnosisOf('wrong-password');
    expect(basic.verdict).toEqual({ code: 'doctor.verdict.wrongPassword', params: { secret: 'regcred', key: T(), registry: T() }, tone: 'fail' });
    await crossCheck(basic, { username: 'alice', password: WRONG }, 'team/app', '1');
    const token = diagnosisOf('token-wrong');
    expect(token.attempts).toMatchObject([{ state: 'unauthorized', refusedBy: 'token' }]);
    expect(token.verdict.code).toBe('doctor.verdict.wrongPassword');
    await crossCheck(token, { username: 'bob', password: WRONG }, 'team/tok', '1');
    const good = diagnosisOf('token-good');
    expect(good.attempts).toMatchObject([{ state: 'exists', refusedBy: 'registry' }]);
    await crossCheck(good, { username: 'bob', password: PASSWORD }, 'team/tok', '1');
  });

  it('a missing tag is MANIFEST_UNKNOWN, also when only BackOff events are left', async () => {
    const diagnosis = diagnosisOf('missing-tag');
    expect(diagnosis.verdict).toEqual({ code: 'doctor.verdict.manifestUnknown', params: { registry: T(), repository: 'team/app', reference: 'nope' }, tone: 'fail' });
    expect(diagnosis.steps.find((step) => step.id === 'events')?.findings.map((finding) => finding.code)).toContain('doctor.events.onlyBackOff');
    await crossCheck(diagnosis, { username: 'alice', password: PASSWORD }, 'team/app', 'nope');
  });

  it("an index without the nodes' architecture", async () => {
    const diagnosis = diagnosisOf('platform');
    expect(diagnosis.verdict).toEqual({ code: 'doctor.verdict.platform', params: { image: `${T()}/team/app:multi`, platforms: 'linux/arm64, linux/s390x', nodes: 'linux/amd64' }, tone: 'fail' });
    await crossCheck(diagnosis, { username: 'alice', password: PASSWORD }, 'team/app', 'multi');
    const raw = await inspectRaw({ reference: `${T()}/team/app:multi`, username: 'alice', password: PASSWORD });
    expect((JSON.parse(raw.manifest!) as { manifests: { platform: { architecture: string } }[] }).manifests.map((entry) => entry.platform.architecture)).toEqual(['arm64', 's390x']);
  });

  it("a single image (no index) without the pod's node architecture, its platform read from its config as the radar reads it", async () => {
    const result = valueOf(await world.app.ipc.invoke('pull-doctor:find', { contexts: ['mixed'], namespaces: [] }));
    const onArm = diagnosisOf('on-arm', result);
    expect(onArm.verdict).toEqual({ code: 'doctor.verdict.platform', params: { image: `${T()}/team/app:1`, platforms: 'linux/amd64', nodes: 'linux/arm64' }, tone: 'fail' });
    expect(onArm.attempts).toMatchObject([{ state: 'exists', digest: world.images.digests.single, platforms: ['linux/amd64'] }]);
    expect((await inspectRaw({ reference: `${T()}/team/app:1`, username: 'alice', password: PASSWORD })).digest).toBe(world.images.digests.single);
    expect(await inspectConfig({ reference: `${T()}/team/app:1`, username: 'alice', password: PASSWORD })).toMatchObject({ os: 'linux', architecture: 'amd64' });
    // The same image on the amd64 node fits: no platform verdict there.
    const onAmd = diagnosisOf('on-amd', result);
    expect(onAmd.verdict.code).not.toBe('doctor.verdict.platform');
    expect(onAmd.steps.find((step) => step.id === 'registry')?.findings).toContainEqual(expect.objectContaining({ code: 'doctor.registry.platforms', params: expect.objectContaining({ platforms: 'linux/amd64', nodes: 'linux/amd64' }), tone: 'pass' }));
  });

  it("Docker Hub's index.docker.io/v1/ entry is the fallback for a Hub image", async () => {
    const diagnosis = diagnosisOf('hub');
    expect(diagnosis.normalized).toBe('docker.io/team/app:1');
    expect(diagnosis.attempts).toMatchObject([{ secret: 'hubcred', key: 'https://index.docker.io/v1/', fallback: true, state: 'exists', endpoint: 'https://registry-1.docker.io/v2/' }]);
    expect(diagnosis.steps.find((step) => step.id === 'keyring')?.findings[0]).toMatchObject({ code: 'doctor.keyring.fallback' });
    await crossCheck(diagnosis, { username: 'hubuser', password: HUB_PASSWORD }, 'team/app', '1');
  });

  it('a 429 from a rate-limited registry', { timeout: 60_000 }, async () => {
    const diagnosis = diagnosisOf('limited');
    expect(diagnosis.verdict).toEqual({ code: 'doctor.verdict.rateLimited', params: { registry: world.limited.address, retryAfter: '1' }, tone: 'fail' });
    await crossCheck(diagnosis, { username: 'anyone', password: 'anything' }, 'library/busybox', '1.36');
  });

  it('an invalid reference is InvalidImageName, checked against no registry', () => {
    const diagnosis = diagnosisOf('invalid');
    expect(diagnosis.verdict).toMatchObject({ code: 'doctor.verdict.invalidImage', params: { reason: 'invalid reference format: repository name (Team/App) must be lowercase' } });
    expect(diagnosis.attempts).toEqual([]);
  });

  it('an expired ECR secret: the verdict, then the renewal through the access refresh, then a passing diagnosis', async () => {
    const diagnosis = diagnosisOf('ecr');
    expect(diagnosis.verdict).toMatchObject({ code: 'doctor.verdict.ecrExpired', params: { secret: 'ecr-pull-secret' } });
    expect(diagnosis.fixes).toContainEqual({ kind: 'renew-ecr', registryId: world.ecrId, registryName: 'Prod ECR' });
    await crossCheck(diagnosis, { username: 'AWS', password: ECR_OLD }, 'team/app', '1');
    const settings = { mode: 'inject-selected' as const, allClusters: false, contexts: ['lab'], scope: { namespaces: { kind: 'list' as const, names: ['ecr'] }, serviceAccounts: { kind: 'none' as const } }, contextScopes: {}, credential: { type: 'registry-credentials' as const, secretName: 'ecr-pull-secret' } };
    valueOf(await world.app.ipc.invoke('access:save', { registryId: world.ecrId, settings }));
    expect(valueOf(await world.app.ipc.invoke('access:refresh-now', { registryId: world.ecrId })).state).not.toBe('failed');
    const after = diagnosisOf('ecr', valueOf(await world.app.ipc.invoke('pull-doctor:find', { contexts: ['lab'], namespaces: ['ecr'] })));
    expect(after.attempts).toMatchObject([{ secret: 'ecr-pull-secret', state: 'exists' }]);
    expect(after.steps.find((step) => step.id === 'expiry')?.findings[0]).toMatchObject({ code: 'doctor.expiry.ecrValid' });
  });

  it("a Google service-account key that Google refuses, asked of Google's endpoint over HTTPS and never of the key's token_uri", async () => {
    const diagnosis = diagnosisOf('google');
    expect(diagnosis.verdict).toMatchObject({ code: 'doctor.verdict.googleRefused', params: { secret: 'gcr-json-key' } });
    expect(String(diagnosis.verdict.params?.detail)).toMatch(/invalid_grant/);
    // Asked once, with the key's own JWT-bearer grant, whatever the number of pods.
    expect(world.google.requests()).toEqual([{ clientEmail: null, error: 'invalid_grant', status: 400 }]);
    // The key came from the cluster: the plain-HTTP address it names receives nothing.
    expect(world.decoy.requests()).toEqual([]);
  });

  it("offers to add the app's secret to the ServiceAccount, and does it with Manage access's writer", async () => {
    const diagnosis = diagnosisOf('inject');
    expect(diagnosis.verdict.code).toBe('doctor.verdict.noSecrets');
    // Nothing was sent: the registry step says a login is needed, not that credentials are wrong.
    const registryCodes = diagnosis.steps.find((step) => step.id === 'registry')?.findings.map((finding) => finding.code);
    expect(registryCodes).toContain('doctor.registry.anonymousRefused');
    expect(registryCodes).not.toContain('doctor.registry.unauthorized');
    expect(diagnosis.fixes).toEqual([
      { kind: 'inject', registryId: world.teamId, registryName: 'Team registry', context: 'lab', namespace: 'inject', serviceAccount: 'default', pullSecrets: [] },
      { kind: 'add-to-service-account', registryId: world.teamId, context: 'lab', namespace: 'inject', serviceAccount: 'default', secret: 'team-registry-pull-secret' },
      { kind: 'command', purpose: 'restart', command: 'kubectl delete pod api -n inject --context lab' },
    ]);
    const added = valueOf(await world.app.ipc.invoke('pull-doctor:add-to-service-account', { context: 'lab', namespace: 'inject', serviceAccount: 'default', secret: 'team-registry-pull-secret', registryId: world.teamId }));
    expect(added).toEqual({ outcome: 'done' });
    expect((world.kube.read('serviceaccounts', 'inject', 'default') as { imagePullSecrets?: unknown }).imagePullSecrets).toEqual([{ name: 'team-registry-pull-secret' }]);
    const check = valueOf(await world.app.ipc.invoke('pull-doctor:check-image', { context: 'lab', namespace: 'inject', image: `${T()}/team/app:1` }));
    expect(check.attempts).toMatchObject([{ secret: 'team-registry-pull-secret', state: 'exists' }]);
    expect(check.verdict).toMatchObject({ code: 'doctor.verdict.pullable', tone: 'pass' });
  });

  it('the inject fix opens the Manage access preview, which sends no password; its apply creates the secret the pods name', async () => {
    const fix = diagnosisOf('missing').fixes.find((candidate): candidate is Extract<Fix, { kind: 'inject' }> => candidate.kind === 'inject');
    expect(fix).toMatchObject({ registryId: world.teamId, namespace: 'missing', pullSecrets: ['ghost'] });
    const registry = valueOf(await world.app.ipc.invoke('registries:get', { id: world.teamId }));
    world.kube.resetRequests();
    const plan = await preview(world.app, world.teamId, accessSettingsForFix(registry, fix!));
    const requests = world.kube.requests();
    expect(requests.length).toBeGreaterThan(0);
    expect(requestsCarrying(requests, secretSpellings(PASSWORD, 'alice'))).toEqual([]);
    expect(planFor(plan, 'lab', 'missing')?.secrets).toEqual([{ name: 'ghost', action: 'create' }]);
    // The registry had no access settings: its secret in `inject` (and the reference to it) is no longer wanted.
    expect(plan.removals).toBe(2);
    expect((await apply(world.app, plan, { confirmRemovals: true })).counts.failed).toBe(0);
    const check = valueOf(await world.app.ipc.invoke('pull-doctor:check-image', { context: 'lab', namespace: 'missing', image: `${T()}/team/app:1`, pullSecrets: ['ghost'] }));
    expect(check.attempts).toMatchObject([{ secret: 'ghost', state: 'exists' }]);
  });

  it('a user who may not list events or nodes still gets the diagnosis, with those steps unknown', async () => {
    const result = valueOf(await world.app.ipc.invoke('pull-doctor:find', { contexts: ['lab-viewer'], namespaces: ['wrong-host', 'platform'] }));
    expect(result.contexts[0]).toMatchObject({ state: 'checked', events: 'forbidden', nodes: 'forbidden' });
    expect(diagnosisOf('wrong-host', result).verdict).toEqual(diagnosisOf('wrong-host').verdict);
    expect(diagnosisOf('wrong-host', result).steps.find((step) => step.id === 'events')?.state).toBe('unknown');
    const platform = diagnosisOf('platform', result);
    expect(platform.steps.find((step) => step.id === 'registry')?.findings).toContainEqual(expect.objectContaining({ code: 'doctor.registry.platformsUnknown' }));
  });

  it('checks an image before deploying: the ServiceAccount’s secrets a new pod would get', async () => {
    const check = valueOf(await world.app.ipc.invoke('pull-doctor:check-image', { context: 'lab', namespace: 'sa-later', image: `${T()}/team/app:both` }));
    expect(check.pullSecrets).toEqual(['team-pull']);
    expect(check.verdict).toMatchObject({ code: 'doctor.verdict.pullable', tone: 'pass' });
    expect(check.attempts[0]?.platforms).toEqual(['linux/amd64', 'linux/arm64']);
    const listed = valueOf(await world.app.ipc.invoke('pull-doctor:check-image', { context: 'lab', namespace: 'wrong-host', image: `${T()}/team/app:1`, pullSecrets: ['regcred'] }));
    expect(listed.verdict.code).toBe('doctor.verdict.noEntry');
  });

  it('filters by registry: the images a saved registry serves, by kubelet’s lookup on its key', async () => {
    const result = valueOf(await world.app.ipc.invoke('pull-doctor:find', { contexts: ['lab'], namespaces: [], registryId: world.ecrId }));
    expect(result.diagnoses.map((diagnosis) => diagnosis.namespace)).toEqual(['ecr']);
  });

  it('never returns or logs a password', () => {
    const text = JSON.stringify(found) + world.app.logLines.join('\n');
    const privateKey = (JSON.parse(googleKey) as { private_key: string }).private_key;
    for (const secret of [PASSWORD, WRONG, HUB_PASSWORD, ECR_OLD, privateKey, JSON.stringify(privateKey).slice(1, -1)]) expect(text).not.toContain(secret);
  });

  it('lists the events of a namespace once, however many of its pods fail (5 here), and still gives each pod its own', async () => {
    world.kube.resetRequests();
    const result = valueOf(await world.app.ipc.invoke('pull-doctor:find', { contexts: ['lab'], namespaces: ['grouped'] }));
    const eventLists = world.kube.requests().filter((request) => request.method === 'GET' && new URL(request.url, 'https://x').pathname.endsWith('/events'));
    expect(eventLists.map((request) => new URL(request.url, 'https://x').pathname)).toEqual(['/api/v1/namespaces/grouped/events']);
    const app = result.diagnoses.find((diagnosis) => diagnosis.image === `${T()}/team/app:1`);
    expect(new Set(app?.events.map((event) => event.pod))).toEqual(new Set(['migrate', 'web-1', 'web-2', 'web-3']));
  });
});
