/**
 * Docker Hub's pull limits through the app's real IPC: a HEAD of Docker's probe image with the
 * saved login and another without, read from the Hub registry stand-in's RateLimit headers.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDockerHubRegistry, type RunningDockerHubRegistry } from '../registry-servers/docker-hub-registry';
import { makeCertificateAuthority, makeServerCertificate } from '../support/fixtures';
import { createIpcClient } from '../support/ipc-client';
import { createRecordingLogger, createTestServices, type TestServices } from '../support/services';

const PASSWORD = `pw-${randomBytes(6).toString('hex')}`;
const PROBE = 'ratelimitpreview/test:latest';
/** An image of the login's own, opened in the browser. */
const APP = 'octocat/app:v1';

let world: { hub: RunningDockerHubRegistry; app: TestServices; ipc: ReturnType<typeof createIpcClient>; dataDir: string; ids: { hub: string; wrong: string; other: string } };

beforeAll(async () => {
  const ca = makeCertificateAuthority();
  const tls = makeServerCertificate(ca, { hosts: ['localhost', '127.0.0.1', 'registry-1.docker.io'] });
  const hub = await startDockerHubRegistry({ users: { octocat: PASSWORD }, images: [PROBE, APP], limits: { login: 200, anonymous: 100 }, tls });
  const dataDir = await mkdtemp(join(tmpdir(), 'registry-desk-pull-limits-'));
  const app = await createTestServices({
    dataDir,
    keychainService: `registry-desk-pull-limits-${randomBytes(4).toString('hex')}`,
    connectionNetwork: { systemRoots: [ca.certificate], connectTo: (host) => (host === 'registry-1.docker.io' ? { host: '127.0.0.1', port: hub.port } : undefined) },
  });
  const ids = {
    hub: (await app.services.registries.create({ type: 'docker', name: 'Docker Hub', url: 'docker.io', username: 'octocat', password: PASSWORD })).id,
    wrong: (await app.services.registries.create({ type: 'docker', name: 'Docker Hub (old token)', url: 'docker.io', username: 'octocat', password: `${PASSWORD}-revoked` })).id,
    other: (await app.services.registries.create({ type: 'other', name: 'Team', url: `https://127.0.0.1:${hub.port}`, username: 'octocat', password: PASSWORD, connection: 'secure-with-ca', caCertificate: ca.certificate })).id,
  };
  world = { hub, app, ipc: createIpcClient(app.services, createRecordingLogger([])), dataDir, ids };
}, 120_000);

afterAll(async () => {
  world?.ipc.dispose();
  await world?.app.services.registryBrowser.close();
  await world?.app.close();
  await world?.hub.stop();
  if (world) await rm(world.dataDir, { recursive: true, force: true });
});

describe('Docker Hub pull limits', () => {
  it('reads the login’s and the anonymous allowance apart, from a HEAD that uses no pull', async () => {
    const since = world.hub.manifestRequests().length;
    const answer = await world.ipc.invoke('browse:pull-limits', { registryId: world.ids.hub });
    expect(answer).toMatchObject({
      ok: true,
      value: {
        probe: PROBE,
        login: { state: 'reported', limit: 200, remaining: 200, windowSeconds: 21_600 },
        anonymous: { state: 'reported', limit: 100, remaining: 100, windowSeconds: 21_600, source: '127.0.0.1' },
      },
    });
    const seen = world.hub.manifestRequests().slice(since);
    expect(seen.map(({ method, identity }) => `${method} ${identity}`).sort()).toEqual(['HEAD anonymous', 'HEAD octocat']);
    expect([world.hub.pulls('octocat'), world.hub.pulls('anonymous')]).toEqual([0, 0]);
  });

  // Before `silence()` below: the stand-in reports the allowance here.
  it('opens a Hub image by HEAD alone: digest and pulls left, no GET until the operator asks', async () => {
    const image = { registryId: world.ids.hub, repository: 'octocat/app', reference: 'v1' };
    const gets = () => world.hub.manifestRequests().filter(({ method }) => method === 'GET').length;
    const before = { gets: gets(), pulls: world.hub.pulls('octocat') };
    const opened = await world.ipc.invoke('browse:image', image);
    expect(opened).toMatchObject({
      ok: true,
      value: { digest: expect.stringMatching(/^sha256:[a-f0-9]{64}$/), kind: 'image', platforms: [], hubPulls: { manifests: 'unread', allowance: { state: 'reported', limit: 200, remaining: 200 - before.pulls } } },
    });
    expect({ gets: gets(), pulls: world.hub.pulls('octocat') }).toEqual(before);
    expect(world.hub.manifestRequests().at(-1)?.method).toBe('HEAD');

    const asked = await world.ipc.invoke('browse:image', { ...image, readManifests: true });
    expect(asked).toMatchObject({ ok: true, value: { hubPulls: { manifests: 'read' }, platforms: [{ platform: 'linux/amd64', created: '2026-01-02T03:04:05Z' }] } });
    expect(gets()).toBe(before.gets + 1);
    // The digest now read whole costs nothing to open again: its HEAD alone.
    const again = await world.ipc.invoke('browse:image', image);
    expect(again).toMatchObject({ ok: true, value: { hubPulls: { manifests: 'cached' }, platforms: [{ platform: 'linux/amd64' }] } });
    expect(gets()).toBe(before.gets + 1);
    // Where it runs: the image's digest by HEAD too, no pull.
    const runs = await world.ipc.invoke('browse:runs', image);
    expect(runs).toMatchObject({ ok: true, value: { digest: opened.ok ? opened.value.digest : 'none' } });
    expect(gets()).toBe(before.gets + 1);
  });

  it('reads another registry’s image with GETs as before, with no Hub pull count', async () => {
    const before = world.hub.manifestRequests().filter(({ method }) => method === 'GET').length;
    const opened = await world.ipc.invoke('browse:image', { registryId: world.ids.other, repository: 'octocat/app', reference: 'v1' });
    expect(opened).toMatchObject({ ok: true, value: { kind: 'image', platforms: [{ platform: 'linux/amd64' }] } });
    expect(opened.ok && opened.value.hubPulls).toBeUndefined();
    expect(world.hub.manifestRequests().filter(({ method }) => method === 'GET').length).toBe(before + 1);
  });

  it('shows pulls made since, and checking again still uses none', async () => {
    // Reading the image whole, as asked, GETs its manifest with the login: a pull, as docker's would be.
    await world.app.services.registryBrowser.image({ registryId: world.ids.hub, repository: 'ratelimitpreview/test', reference: 'latest', readManifests: true }, AbortSignal.timeout(60_000));
    const pulled = world.hub.pulls('octocat');
    expect(pulled).toBeGreaterThan(0);
    const first = await world.app.services.registryBrowser.pullLimits({ registryId: world.ids.hub }, AbortSignal.timeout(60_000));
    const again = await world.app.services.registryBrowser.pullLimits({ registryId: world.ids.hub }, AbortSignal.timeout(60_000));
    expect(first.login).toMatchObject({ state: 'reported', remaining: 200 - pulled });
    expect(again.login).toEqual(first.login);
    expect(again.anonymous).toMatchObject({ state: 'reported', remaining: 100 });
  });

  it('says "not reported" for a login the Hub refuses and where the headers are missing', async () => {
    const refused = await world.app.services.registryBrowser.pullLimits({ registryId: world.ids.wrong }, AbortSignal.timeout(60_000));
    expect(refused.login).toEqual({ state: 'not-reported', status: 401 });
    expect(refused.anonymous).toMatchObject({ state: 'reported', limit: 100 });
    world.hub.silence();
    const silent = await world.app.services.registryBrowser.pullLimits({ registryId: world.ids.hub }, AbortSignal.timeout(60_000));
    expect(silent).toMatchObject({ login: { state: 'not-reported', status: 200 }, anonymous: { state: 'not-reported', status: 200 } });
  });

  it('is Docker Hub’s only: another registry gets a typed error', async () => {
    expect(await world.ipc.invoke('browse:pull-limits', { registryId: world.ids.other })).toMatchObject({ ok: false, error: { code: 'browse.pullLimitsHubOnly' } });
  });
});
