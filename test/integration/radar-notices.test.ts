// The radar's desktop notices through the app's own services and IPC registration (zod validation
// included), on the Kubernetes API test server: each scan notifies only what is new since the one
// before, in counts (never a cluster, namespace, registry or secret name), and nothing while the
// preference is off; the language picker, which sends only the language, keeps the preference.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RadarNotice } from '../../main/radar/notices';
import { translate, type MessageKey } from '../../shared/i18n';
import type { Preferences } from '../../shared/schemas';
import { startKubeApiServer, type KubeApiServer } from '../kube-api-server';
import { kubeconfigFor } from '../support/access-flow';
import { createAccessFixture, type AccessFixture } from '../support/access-services';

/** Never asked: the problems here are logins that ended, known from the secrets alone. */
const REGISTRY = 'robots.registry.example';
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const endedToken = () => `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url({ sub: 'robot', exp: Math.floor(Date.now() / 1000) - 86_400 })}.${randomBytes(32).toString('base64url')}`;

let kube: KubeApiServer;
let app: AccessFixture;
const shown: RadarNotice[] = [];

/** A pull secret in `namespace` holding a robot token for REGISTRY that ended yesterday. */
function seedEndedLogin(namespace: string, name: string): void {
  kube.seed.namespace(namespace);
  const token = endedToken();
  const auths = { [REGISTRY]: { username: 'robot', password: token, auth: b64(`robot:${token}`) } };
  kube.seed.secret(namespace, { metadata: { name }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64(JSON.stringify({ auths })) } });
}

async function scan(): Promise<void> {
  const answer = await app.ipc.invoke('radar:scan', { expiryWindowDays: 14 });
  expect(answer.ok).toBe(true);
}

async function setPreferences(request: unknown): Promise<Preferences> {
  const answer = await app.ipc.call('preferences:set', request);
  if (!answer.ok) throw new Error(`preferences:set refused: ${answer.error.code}`);
  return answer.value as Preferences;
}

beforeAll(async () => {
  kube = await startKubeApiServer();
  seedEndedLogin('shop', 'shop-robot');
  app = createAccessFixture({ keychainService: `registry-desk-radar-notices-${randomBytes(4).toString('hex')}`, kubeconfigPaths: [kubeconfigFor([{ name: 'lab', server: kube }])], notify: (notice) => shown.push(notice) });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await kube?.stop();
});

describe('desktop notices of a radar scan, through the services', () => {
  it('stay silent while the preference is off (the default)', async () => {
    expect((await app.ipc.invoke('preferences:get', {})).ok).toBe(true);
    await scan();
    expect(shown).toEqual([]);
  });

  it('notify, once turned on, only what the scan before did not find, in counts alone', async () => {
    expect(await setPreferences({ language: 'en', radarNotifications: true })).toEqual({ language: 'en', radarNotifications: true });
    // shop's ended login was found by the scan before, while notices were off: not new.
    await scan();
    expect(shown).toEqual([]);
    seedEndedLogin('billing', 'billing-robot');
    await scan();
    expect(shown).toEqual([{ title: 'Fleet radar: new problems', body: 'Cells newly failing or at risk: 1. Logins newly expired or ending within 14 days: 1.' }]);
    // Nothing new since: no second notice for the same problems.
    await scan();
    expect(shown).toHaveLength(1);
    expect(JSON.stringify(shown)).not.toMatch(/lab|shop|billing|robots\.registry|robot\b|-robot/);
  });

  it('keep the preference when the language picker sends only the language, and speak that language', async () => {
    expect(await setPreferences({ language: 'zh-CN' })).toEqual({ language: 'zh-CN', radarNotifications: true });
    // The window's request is checked before it reaches the preferences: a wrong type changes nothing.
    const refused = await app.ipc.call('preferences:set', { language: 'en', radarNotifications: 'yes' });
    expect(refused.ok).toBe(false);
    expect(await app.ipc.invoke('preferences:get', {})).toEqual({ ok: true, value: { language: 'zh-CN', radarNotifications: true } });
    seedEndedLogin('ledger', 'ledger-robot');
    await scan();
    // In the catalogue's words, which another change may polish: the language is what is checked here.
    const zh = (key: string, params: Record<string, number>) => translate('zh-CN', key as MessageKey, params);
    expect(shown.slice(1)).toEqual([{ title: zh('radar.notice.title', {}), body: `${zh('radar.notice.cells', { count: 1 })} ${zh('radar.notice.expiries', { count: 1, days: 14 })}` }]);
    expect(shown[1]!.title).toMatch(/[\u4e00-\u9fff]/);
  });

  it('stay silent again once turned off, however much is new', async () => {
    expect(await setPreferences({ language: 'zh-CN', radarNotifications: false })).toEqual({ language: 'zh-CN', radarNotifications: false });
    seedEndedLogin('orders', 'orders-robot');
    seedEndedLogin('refunds', 'refunds-robot');
    await scan();
    expect(shown).toHaveLength(2);
  });
});
