// The radar's re-scan while the app is open, through the app's own services, IPC (zod included) and
// start/quit, on the Kubernetes API test server and a real docker-registry: a pull secret whose JWT
// password (saved in Registry Desk too) ends in 10 days is quiet while it lies outside the chosen 7-day window, is told once when
// a re-scan finds it inside, and not again at the next re-scan; nothing leaves but counts; quitting
// leaves no re-scan waiting. The clock and the timers are a fake the test moves; the servers are real.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RadarNotice } from '../../main/radar/notices';
import type { Preferences } from '../../shared/schemas';
import { startKubeApiServer, type KubeApiServer } from '../kube-api-server';
import { startDockerRegistry, type RunningDockerRegistry } from '../registry-servers/docker-registry';
import { buildOciImages, pushImage } from '../registry-servers/oci-images';
import { kubeconfigFor } from '../support/access-flow';
import { createAccessFixture, type AccessFixture } from '../support/access-services';
import { fakeTime } from '../support/fake-time';
import { createSaveDialogStandIn } from '../support/save-dialog-stand-in';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const START = Math.floor(Date.now() / 1000) * 1000;
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const SIGNATURE = randomBytes(32).toString('base64url');
/** docker-registry checks the htpasswd password only: a JWT-shaped one dates the login for the radar. */
const PASSWORD = `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url({ sub: 'ci', exp: Math.floor((START + 10 * DAY) / 1000) })}.${SIGNATURE}`;

let kube: KubeApiServer;
let registry: RunningDockerRegistry;
let app: AccessFixture;
const time = fakeTime(START);
const shown: RadarNotice[] = [];
const saveDialog = createSaveDialogStandIn(mkdtempSync(join(tmpdir(), 'rd-radar-watch-')));

beforeAll(async () => {
  registry = await startDockerRegistry({ users: { ci: PASSWORD } });
  const images = await buildOciImages({});
  await pushImage(images, 'single', { reference: `${registry.address}/team/app:1`, username: 'ci', password: PASSWORD });
  await images.remove();
  kube = await startKubeApiServer();
  kube.seed.namespace('shop');
  const auths = { [registry.address]: { username: 'ci', password: PASSWORD, auth: b64(`ci:${PASSWORD}`) } };
  kube.seed.secret('shop', { metadata: { name: 'ci-pull' }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64(JSON.stringify({ auths })) } });
  kube.seed.resource('apps/v1', 'deployments', 'shop', {
    metadata: { name: 'web' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { imagePullSecrets: [{ name: 'ci-pull' }], containers: [{ name: 'web', image: `${registry.address}/team/app:1` }] } } },
  });
  app = createAccessFixture({
    keychainService: `registry-desk-radar-watch-${randomBytes(4).toString('hex')}`,
    kubeconfigPaths: [kubeconfigFor([{ name: 'lab', server: kube }])],
    clock: time.clock,
    timers: time.timers,
    notify: (notice) => shown.push(notice),
    saveDialog,
    connectionNetwork: { timeoutMs: 10_000 },
  });
  // The image is pulled over plain HTTP: the registry, saved as insecure, tells the radar so.
  await app.services.registries.create({ type: 'other', name: 'CI registry', url: `http://${registry.address}`, username: 'ci', password: PASSWORD, connection: 'insecure' });
  app.services.start();
}, 180_000);

afterAll(async () => {
  app?.services.dispose();
  await app?.close();
  await kube?.stop();
  await registry?.stop();
});

async function setPreferences(request: unknown): Promise<Preferences> {
  const answer = await app.ipc.call('preferences:set', request);
  if (!answer.ok) throw new Error(`preferences:set refused: ${answer.error.code}`);
  return answer.value as Preferences;
}

/** Moves the fake clock to the next re-scan and waits for that scan to end. */
async function nextRescan(after: number): Promise<void> {
  const requestsBefore = kube.counters().total;
  time.advance(after);
  await app.services.radarWatch.settled();
  // A re-scan really read the cluster.
  expect(kube.counters().total).toBeGreaterThan(requestsBefore);
}

describe('the radar re-scan while the app is open', () => {
  it('waits for nothing while off (the default), and refuses an interval it does not offer', async () => {
    expect(app.services.radarWatch.waiting()).toBe(false);
    expect((await app.ipc.call('preferences:set', { language: 'en', radarNotifications: true, radarRescan: { everyMinutes: 1, windowDays: 7 } })).ok).toBe(false);
    // Re-scans without notices would tell nobody: none waits.
    await setPreferences({ language: 'en', radarRescan: { everyMinutes: 240, windowDays: 7 } });
    expect(app.services.radarWatch.waiting()).toBe(false);
  });

  it('tells, once, of a login that a re-scan finds ending inside the window, in counts alone', async () => {
    expect(await setPreferences({ language: 'en', radarNotifications: true })).toEqual({ language: 'en', radarNotifications: true, radarRescan: { everyMinutes: 240, windowDays: 7 } });
    expect(app.services.radarWatch.waiting()).toBe(true);
    // Four hours in: the login ends in 9 days and more, outside the 7-day window; the image pulls.
    await nextRescan(4 * HOUR);
    expect(shown).toEqual([]);
    const first = await app.ipc.invoke('radar:scan', { expiryWindowDays: 7 });
    expect(first).toMatchObject({ ok: true, value: { cells: [{ context: 'lab', namespace: 'shop', worst: 'pass' }] } });
    // The cluster's copy and Registry Desk's own saved login, both dated by the JWT's exp.
    expect(first.ok && first.value.expiries.map((row) => [row.secret ?? row.savedAs, row.source, row.state])).toEqual([
      ['ci-pull', 'jwt-exp', 'valid'],
      ['CI registry', 'saved-password', 'valid'],
    ]);
    // Three days on: 6 days and some hours left, inside the window.
    await nextRescan(3 * DAY);
    expect(shown).toEqual([{ title: 'Fleet radar: new problems', body: 'Cells newly failing or at risk: 1. Logins newly expired or ending within 7 days: 2.' }]);
    await nextRescan(4 * HOUR);
    expect(shown).toHaveLength(1);
    // The re-scans only notify: the report saved is still the operator's scan, the one the window shows.
    const saved = await app.ipc.invoke('radar:save-report', { format: 'json' });
    expect(saved).toMatchObject({ ok: true, value: { saved: true } });
    const file = JSON.parse(readFileSync(saved.ok && saved.value.saved ? saved.value.path! : '', 'utf8')) as { generatedAt: string };
    expect(first.ok && file.generatedAt).toBe(first.ok && first.value.generatedAt);
    const text = JSON.stringify(shown);
    expect(text).not.toMatch(/lab|shop|ci-pull|team\/app|127\.0\.0\.1|localhost/);
    expect(text).not.toContain(SIGNATURE);
    expect(app.logLines.join('\n')).not.toContain(SIGNATURE);
  });

  it('leaves no re-scan waiting once the app quits', async () => {
    expect(app.services.radarWatch.waiting()).toBe(true);
    app.services.dispose();
    expect(app.services.radarWatch.waiting()).toBe(false);
    const before = kube.counters().total;
    time.advance(2 * DAY);
    await app.services.radarWatch.settled();
    expect(kube.counters().total).toBe(before);
    expect(shown).toHaveLength(1);
  });
});
