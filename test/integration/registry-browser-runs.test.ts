// "Where it runs" against real parts: Debian's docker-registry (TLS, htpasswd) holding images pushed
// with skopeo from hand-made OCI layouts, and pods on the Kubernetes API test server whose
// `status.containerStatuses[].imageID` carry the digests they run — one started from a tag that
// moved afterwards, one started from another tag of the same digest, one pinned by digest, one on an
// index's platform manifest, one not started yet. Every digest is cross-checked with skopeo.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningPod, RunsReport } from '../../shared/registry-browser-contract';
import type { AppFailure } from '../../main/app-errors/app-failure';
import { ADMIN_TOKEN, startKubeApiServer, type KubeApiServer } from '../kube-api-server';
import { startDockerRegistry, type RunningDockerRegistry } from '../registry-servers/docker-registry';
import { buildOciImages, inspectRaw, pushImage, type BuiltImages } from '../registry-servers/oci-images';
import { kubeconfigFor } from '../support/access-flow';
import { createAccessFixture, type AccessFixture } from '../support/access-services';
import { makeCertificateAuthority, makeServerCertificate } from '../support/fixtures';

const PASSWORD = `pw-${randomBytes(10).toString('hex')}`;

interface World {
  registry: RunningDockerRegistry;
  images: BuiltImages;
  /** Other bytes: the index `moving` moves to. */
  later: BuiltImages;
  prod: KubeApiServer;
  staging: KubeApiServer;
  app: AccessFixture;
  registryId: string;
  /** The arm64 manifest inside the `multi` index. */
  armDigest: string;
}
let world: World;
const signal = () => new AbortController().signal;
const creds = () => ({ username: 'alice', password: PASSWORD });

/** A pod as kubelet reports it: `imageID` null means the runtime has not reported one yet. */
function seedPod(kube: KubeApiServer, name: string, image: string, imageID: string | null): void {
  kube.seed.pod('shop', { metadata: { name }, spec: { containers: [{ name: 'main', image }] } }, {
    phase: imageID ? 'Running' : 'Pending',
    containerStatuses: [
      imageID
        ? { name: 'main', image, imageID, ready: true, restartCount: 0, started: true, state: { running: { startedAt: new Date().toISOString() } } }
        : { name: 'main', image, imageID: '', ready: false, restartCount: 0, started: false, state: { waiting: { reason: 'ContainerCreating' } } },
    ],
  });
}

beforeAll(async () => {
  const ca = makeCertificateAuthority();
  const tls = makeServerCertificate(ca, { hosts: ['localhost', '127.0.0.1'], days: 30 });
  const registry = await startDockerRegistry({ tls, users: { alice: PASSWORD } });
  const images = await buildOciImages({});
  const later = await buildOciImages({ multi: [{ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm64' }] }, 'later');
  const at = (reference: string) => ({ reference: `${registry.address}/${reference}`, ...creds() });
  await Promise.all([pushImage(images, 'single', at('team/app:1')), pushImage(images, 'single', at('team/app:2')), pushImage(images, 'single', at('team/app:moving')), pushImage(images, 'single', at('team/other:1'))]);
  await pushImage(later, 'multi', at('team/app:multi'));
  const multi = JSON.parse((await inspectRaw(at('team/app:multi'))).manifest!) as { manifests: { digest: string; platform: { architecture: string } }[] };
  const armDigest = multi.manifests.find((entry) => entry.platform.architecture === 'arm64')!.digest;

  const R = registry.address;
  const single = images.digests.single!;
  const prod = await startKubeApiServer({ users: { [ADMIN_TOKEN]: { name: 'admin', rules: [{ verbs: ['*'], resources: ['*'], apiGroups: ['*'] }] } } });
  prod.seed.namespace('shop');
  seedPod(prod, 'web-a', `${R}/team/app:1`, `${R}/team/app@${single}`);
  seedPod(prod, 'web-b', `${R}/team/app:2`, `docker-pullable://${R}/team/app@${single}`);
  seedPod(prod, 'pinned', `${R}/team/app@${single}`, `${R}/team/app@${single}`);
  seedPod(prod, 'old', `${R}/team/app:moving`, `${R}/team/app@${single}`);
  seedPod(prod, 'arm', `${R}/team/app:moving`, `${R}/team/app@${armDigest}`);
  seedPod(prod, 'pending', `${R}/team/app:1`, null);
  seedPod(prod, 'image-id-only', `${R}/team/app:moving`, `sha256:${'e'.repeat(64)}`);
  seedPod(prod, 'elsewhere', `${R}/team/other:1`, `${R}/team/other@${single}`);
  const staging = await startKubeApiServer({});
  staging.seed.namespace('shop');
  seedPod(staging, 'web-a', `${R}/team/app:1`, `${R}/team/app@${single}`);
  const closed = await startKubeApiServer({});
  const kubeconfig = kubeconfigFor([{ name: 'prod', server: prod }, { name: 'staging', server: staging }, { name: 'gone', server: closed }]);
  await closed.stop();
  // After the pods started: `moving` moves to the index.
  await pushImage(later, 'multi', at('team/app:moving'));

  const app = createAccessFixture({ keychainService: `registry-desk-runs-${randomBytes(4).toString('hex')}`, kubeconfigPaths: [kubeconfig], connectionNetwork: { systemRoots: [ca.certificate] } });
  const registryId = (await app.services.registries.create({ type: 'other', name: 'Team', url: `https://${R}`, ...creds(), connection: 'secure-with-ca', caCertificate: ca.certificate })).id;
  world = { registry, images, later, prod, staging, app, registryId, armDigest };
}, 180_000);

afterAll(async () => {
  await world?.app.close();
  await world?.registry.stop();
  await world?.prod.stop();
  await world?.staging.stop();
  await world?.images.remove();
  await world?.later.remove();
});

const runs = (repository: string, reference?: string): Promise<RunsReport> =>
  world.app.services.registryBrowser.runs({ registryId: world.registryId, repository, ...(reference ? { reference } : {}) }, signal());
const rows = (report: RunsReport) => report.pods.map((pod: RunningPod) => `${pod.context}/${pod.pod}:${pod.state}`).sort();

describe('where an image runs, matched by the digest each pod runs', () => {
  it('finds the pods running what a tag names now, whichever tag or digest their spec wrote, and those not started yet', async () => {
    const report = await runs('team/app', '1');
    expect(report.digest).toBe((await inspectRaw({ reference: `${world.registry.address}/team/app:1`, ...creds() })).digest);
    // `old` was started from `moving`, which named these same bytes then: it runs what `1` names.
    expect(rows(report)).toEqual(['prod/old:runs-it', 'prod/pending:not-started', 'prod/pinned:runs-it', 'prod/web-a:runs-it', 'prod/web-b:runs-it', 'staging/web-a:runs-it']);
    expect(report.pods.find((pod) => pod.pod === 'web-b')).toMatchObject({ image: `${world.registry.address}/team/app:2`, runningDigest: world.images.digests.single, namespace: 'shop', container: 'main' });
  });

  it('says when a tag now points elsewhere than what runs, and counts an index’s platform manifest as the tag', async () => {
    const report = await runs('team/app', 'moving');
    const skopeoSays = await inspectRaw({ reference: `${world.registry.address}/team/app:moving`, ...creds() });
    expect(report.digest).toBe(skopeoSays.digest);
    expect(report.digest).toBe(world.later.digests.multi);
    expect(rows(report)).toEqual(['prod/arm:runs-it', 'prod/image-id-only:not-started', 'prod/old:tag-moved']);
    expect(report.pods.find((pod) => pod.pod === 'old')?.runningDigest).toBe(world.images.digests.single);
    expect(report.pods.find((pod) => pod.pod === 'arm')?.runningDigest).toBe(world.armDigest);
  });

  it('lists every container of a repository, and none of another repository with the same digest', async () => {
    const report = await runs('team/app');
    expect(report.digest).toBeNull();
    expect(report.requests).toBe(0);
    expect(rows(report)).toEqual(
      ['arm', 'image-id-only', 'old', 'pending', 'pinned', 'web-a', 'web-b'].map((pod) => `prod/${pod}:in-repository`).concat('staging/web-a:in-repository'),
    );
  });

  it('keeps every context, with the reason one could not be read, and reads each with one pod list', async () => {
    world.prod.resetCounters();
    const report = await runs('team/app', '1');
    expect(report.contexts.map((row) => [row.context, row.error?.code ?? null])).toEqual([
      ['gone', 'cluster.unreachable'],
      ['prod', null],
      ['staging', null],
    ]);
    expect(world.prod.counters().byVerb.list).toBe(1);
  });

  it('answers through browse:runs with its request checked, and stops when cancelled', async () => {
    const answer = await world.app.ipc.invoke('browse:runs', { registryId: world.registryId, repository: 'team/app', reference: 'moving' });
    expect(answer).toMatchObject({ ok: true, value: { digest: world.later.digests.multi } });
    expect(await world.app.ipc.invoke('browse:runs', { registryId: world.registryId, repository: 'Team/App' })).toMatchObject({ ok: false, error: { code: 'ipc.invalidRequest' } });
    const controller = new AbortController();
    controller.abort();
    const failure = await world.app.services.registryBrowser.runs({ registryId: world.registryId, repository: 'team/app', reference: '1' }, controller.signal).catch((error: AppFailure) => error.appError);
    expect(failure).toMatchObject({ code: 'browse.cancelled' });
  });
});
