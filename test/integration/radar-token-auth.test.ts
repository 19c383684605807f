// The fleet radar against Debian's docker-registry behind a JWT-issuing token server whose tokens
// live 300 s: verdicts as kubelet would get them, one token per repository and login however many
// tags are asked at once, that token reused by the next scan within its lifetime and renewed after
// it. The app's clock is moved by the test, not waited for.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RadarReport } from '../../shared/radar-contract';
import { startKubeApiServer, type KubeApiServer } from '../kube-api-server';
import { startDockerRegistry, type RunningDockerRegistry } from '../registry-servers/docker-registry';
import { buildOciImages, pushImage, type BuiltImages } from '../registry-servers/oci-images';
import { startTokenServer, type RunningTokenServer } from '../registry-servers/token-server';
import { kubeconfigFor } from '../support/access-flow';
import { createAccessFixture, type AccessFixture } from '../support/access-services';
import { makeCertificateAuthority, makeServerCertificate, makeTokenSigningCertificate } from '../support/fixtures';

const PASSWORD = `pw-${randomBytes(10).toString('hex')}`;
const SERVICE = 'radar-registry';
const ISSUER = 'radar-token-issuer';
/** The token server's `expires_in`. */
const TOKEN_LIFETIME_MS = 300_000;
const START = new Date();

let tokens: RunningTokenServer;
let registry: RunningDockerRegistry;
let images: BuiltImages;
let kube: KubeApiServer;
let app: AccessFixture;
let now = START;

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const pullSecret = (name: string, username: string, password: string) => ({
  metadata: { name },
  type: 'kubernetes.io/dockerconfigjson',
  data: { '.dockerconfigjson': b64(JSON.stringify({ auths: { [registry.address]: { username, password, auth: b64(`${username}:${password}`) } } })) },
});
const deployment = (name: string, secret: string, images: string[]) => ({
  metadata: { name },
  spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { imagePullSecrets: [{ name: secret }], containers: images.map((image, index) => ({ name: `c${index}`, image })) } } },
});

beforeAll(async () => {
  const ca = makeCertificateAuthority();
  const tls = makeServerCertificate(ca, { hosts: ['localhost', '127.0.0.1'] });
  const signer = makeTokenSigningCertificate();
  tokens = await startTokenServer({ users: { bob: PASSWORD }, signer, service: SERVICE, issuer: ISSUER, tls });
  registry = await startDockerRegistry({ tls, token: { realm: tokens.realm, service: SERVICE, issuer: ISSUER, rootCertBundle: signer.certificate } });
  images = await buildOciImages({});
  for (const tag of ['1', '2', '3']) await pushImage(images, 'single', { reference: `${registry.address}/team/tok:${tag}`, username: 'bob', password: PASSWORD });

  kube = await startKubeApiServer({});
  kube.seed.namespace('tok');
  kube.seed.secret('tok', pullSecret('bob', 'bob', PASSWORD));
  kube.seed.secret('tok', pullSecret('carol', 'carol', 'not-her-password'));
  const image = (tag: string) => `${registry.address}/team/tok:${tag}`;
  // Four tags of one repository with one login: one token serves them all.
  kube.seed.resource('apps/v1', 'deployments', 'tok', deployment('web', 'bob', [image('1'), image('2'), image('3'), image('gone')]));
  kube.seed.resource('apps/v1', 'deployments', 'tok', deployment('stranger', 'carol', [image('1')]));
  app = createAccessFixture({
    keychainService: `registry-desk-radar-token-${randomBytes(4).toString('hex')}`,
    kubeconfigPaths: [kubeconfigFor([{ name: 'lab', server: kube }])],
    clock: { now: () => now },
    connectionNetwork: { systemRoots: [ca.certificate] },
  });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await registry?.stop();
  await tokens?.stop();
  await kube?.stop();
  await images?.remove();
});

const verdicts = (report: RadarReport) =>
  Object.fromEntries(report.workloads.flatMap((row) => row.containers.map((entry) => {
    const check = report.checks.find((candidate) => candidate.id === entry.check)!;
    return [`${row.name}/${entry.image.split(':').pop()}`, `${check.verdict} ${check.reason.code}`];
  })));

/** One scan at `at`: its verdicts, the token requests it made by user, and the registry's 401s. */
async function scanAt(at: Date) {
  now = at;
  const tokenMark = tokens.mark();
  const registryMark = registry.accessLog().length;
  const report = await app.services.radar.scan({ expiryWindowDays: 14 });
  const asked = tokens.requests(tokenMark);
  return {
    report,
    methods: [...new Set([...asked.map((line) => line.method), ...registry.accessLog(registryMark).map((line) => line.method)])].sort(),
    bob: asked.filter((line) => line.username === 'bob' && line.status === 200).length,
    carol: asked.filter((line) => line.username === 'carol').map((line) => line.status),
    challenges: registry.accessLog(registryMark).filter((line) => line.status === 401 && line.path.includes('/manifests/')).length,
  };
}

describe('the fleet radar against a registry with token auth', () => {
  let first: Awaited<ReturnType<typeof scanAt>>;

  it('gives kubelet’s verdicts: pulls with the good login, manifest unknown for a missing tag, wrong password refused by the token server', async () => {
    first = await scanAt(START);
    expect(verdicts(first.report)).toEqual({
      'web/1': 'pulls radar.verdict.pulls',
      'web/2': 'pulls radar.verdict.pulls',
      'web/3': 'pulls radar.verdict.pulls',
      'web/gone': 'fails doctor.verdict.manifestUnknown',
      'stranger/1': 'fails doctor.verdict.wrongPassword',
    });
    expect(JSON.stringify(first.report)).not.toContain(PASSWORD);
  });

  it('asks the token server once for the four tags asked at the same time with one login', () => {
    expect(first.bob).toBe(1);
    expect(first.carol).toEqual([401]);
    // Only reads: the token service's GET form (no OAuth2 POST needed) and the registry's GET/HEAD.
    expect(first.methods.every((method) => method === 'GET' || method === 'HEAD')).toBe(true);
  });

  it('reuses the token in a scan within its lifetime: no new token, no 401 from the registry for that login', async () => {
    const within = await scanAt(new Date(START.getTime() + TOKEN_LIFETIME_MS / 2));
    expect(within.bob).toBe(0);
    // Only the refused login meets the challenge again: a refusal is not kept.
    expect(within.challenges).toBe(1);
    expect(within.carol).toEqual([401]);
    expect(verdicts(within.report)).toEqual(verdicts(first.report));
  });

  it('renews the token once its lifetime has passed on the app’s clock', async () => {
    const after = await scanAt(new Date(START.getTime() + TOKEN_LIFETIME_MS + 1_000));
    expect(after.bob).toBe(1);
    expect(verdicts(after.report)).toEqual(verdicts(first.report));
    const next = await scanAt(new Date(START.getTime() + TOKEN_LIFETIME_MS + 2_000));
    expect(next.bob).toBe(0);
  });
});
