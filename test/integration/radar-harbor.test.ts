// Harbor robot accounts' expiry in the radar, against a stand-in of Harbor's v2.0 API shaped as its
// swagger and robot handler answer (test/registry-servers/harbor-api.ts): a system robot and a
// project robot that may list robots are dated from `expires_at`, a robot refused the list stays
// "unknown", one that has ended stays "unknown" too (Harbor refuses an expired robot's login, as
// its robot security middleware does), one that never expires has no row; each distinct login is asked once, however many
// secrets hold it. A second Harbor whose admin set `robot_name_prefix` to `harbor@`: its robots are
// found by that prefix (read from the configuration by a robot allowed to), and a `robot$` name
// there is no robot. The clock is the test's.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExpiryRow, RadarReport } from '../../shared/radar-contract';
import { ADMIN_TOKEN, startKubeApiServer, type KubeApiServer } from '../kube-api-server';
import { startHarborApi, type RunningHarborApi } from '../registry-servers/harbor-api';
import { kubeconfigFor } from '../support/access-flow';
import { createAccessFixture, type AccessFixture } from '../support/access-services';

const NOW = new Date('2026-12-01T12:00:00.000Z');
const DAY_S = 86_400;
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
const SECRETS = { old: randomBytes(12).toString('hex'), ci: randomBytes(12).toString('hex'), shop: randomBytes(12).toString('hex'), nolist: randomBytes(12).toString('hex'), forever: randomBytes(12).toString('hex'), ops: randomBytes(12).toString('hex'), desk: randomBytes(12).toString('hex'), puller: randomBytes(12).toString('hex') };
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

let harbor: RunningHarborApi;
let custom: RunningHarborApi;
let kube: KubeApiServer;
let app: AccessFixture;
let report: RadarReport;

const pullSecret = (name: string, username: string, password: string, host = harbor.address) => ({
  metadata: { name },
  type: 'kubernetes.io/dockerconfigjson',
  data: { '.dockerconfigjson': b64(JSON.stringify({ auths: { [host]: { username, password, auth: b64(`${username}:${password}`) } } })) },
});

beforeAll(async () => {
  harbor = await startHarborApi({ shop: 7 }, [
    { id: 1, stored: 'ci', secret: SECRETS.ci, expiresAt: seconds(NOW) + 3 * DAY_S, mayList: true },
    { id: 2, stored: 'shop+puller', secret: SECRETS.shop, expiresAt: seconds(NOW) + 20 * DAY_S, mayList: true },
    { id: 3, stored: 'nolist', secret: SECRETS.nolist, expiresAt: seconds(NOW) + DAY_S, mayList: false },
    { id: 4, stored: 'forever', secret: SECRETS.forever, expiresAt: -1, mayList: true },
    { id: 5, stored: 'old', secret: SECRETS.old, expiresAt: seconds(NOW) - 3_600, mayList: true },
    { id: 6, stored: 'desk', secret: SECRETS.desk, expiresAt: seconds(NOW) + 5 * DAY_S, mayList: true },
  ], { now: () => seconds(NOW) });
  custom = await startHarborApi(
    { shop: 9 },
    [
      { id: 1, stored: 'ops', secret: SECRETS.ops, expiresAt: seconds(NOW) + 2 * DAY_S, mayList: true, mayReadConfiguration: true },
      { id: 2, stored: 'shop+puller', secret: SECRETS.puller, expiresAt: seconds(NOW) + 40 * DAY_S, mayList: true },
    ],
    { prefix: 'harbor@', now: () => seconds(NOW) },
  );
  kube = await startKubeApiServer({ users: { [ADMIN_TOKEN]: { name: 'admin', rules: [{ verbs: ['*'], resources: ['*'], apiGroups: ['*'] }] } } });
  for (const namespace of ['ci', 'web']) kube.seed.namespace(namespace);
  kube.seed.secret('ci', pullSecret('harbor-ci', 'robot$ci', SECRETS.ci));
  kube.seed.secret('web', pullSecret('harbor-ci', 'robot$ci', SECRETS.ci));
  kube.seed.secret('web', pullSecret('harbor-shop', 'robot$shop+puller', SECRETS.shop));
  kube.seed.secret('web', pullSecret('harbor-nolist', 'robot$nolist', SECRETS.nolist));
  kube.seed.secret('web', pullSecret('harbor-forever', 'robot$forever', SECRETS.forever));
  kube.seed.secret('web', pullSecret('harbor-old', 'robot$old', SECRETS.old));
  kube.seed.secret('web', pullSecret('custom-ops', 'harbor@ops', SECRETS.ops, custom.address));
  kube.seed.secret('web', pullSecret('custom-shop', 'harbor@shop+puller', SECRETS.puller, custom.address));
  kube.seed.secret('web', pullSecret('custom-stray', 'robot$ops', SECRETS.ops, custom.address));
  app = createAccessFixture({ keychainService: `registry-desk-radar-harbor-${randomBytes(4).toString('hex')}`, kubeconfigPaths: [kubeconfigFor([{ name: 'lab', server: kube }])], clock: { now: () => NOW } });
  // The Harbor saved in Registry Desk: how the radar reaches it (plain HTTP here).
  await app.services.registries.create({ type: 'other', name: 'Harbor', url: `http://${harbor.address}`, username: 'robot$ci', password: SECRETS.ci, connection: 'insecure' });
  // A robot saved only in Registry Desk: no cluster secret holds it.
  await app.services.registries.create({ type: 'other', name: 'Harbor desk robot', url: `http://${harbor.address}`, username: 'robot$desk', password: SECRETS.desk, connection: 'insecure' });
  await app.services.registries.create({ type: 'other', name: 'Harbor with its own robot prefix', url: `http://${custom.address}`, username: 'harbor@ops', password: SECRETS.ops, connection: 'insecure' });
  report = await app.services.radar.scan({ expiryWindowDays: 14 });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await kube?.stop();
  await harbor?.stop();
  await custom?.stop();
});

const robotRows = (username: string): ExpiryRow[] => report.expiries.filter((row) => row.what === 'harbor-robot' && row.username === username);
const clusterRows = (username: string): ExpiryRow[] => robotRows(username).filter((row) => row.context !== null);

describe('Harbor robot accounts in the expiry radar', () => {
  it('dates a system robot from expires_at, in every namespace holding its login and where Registry Desk saved it', () => {
    const rows = clusterRows('robot$ci');
    expect(rows.map((row) => `${row.namespace}/${row.secret}`).sort()).toEqual(['ci/harbor-ci', 'web/harbor-ci']);
    expect(robotRows('robot$ci').filter((row) => row.context === null)).toMatchObject([{ savedAs: 'Harbor', namespace: null, secret: null, state: 'soon', source: 'harbor-api' }]);
    expect(rows[0]).toMatchObject({ registry: harbor.address, expiresAt: new Date(NOW.getTime() + 3 * 86_400_000).toISOString(), state: 'soon', source: 'harbor-api' });
  });

  it('dates a robot saved only in Registry Desk, which no cluster secret holds', () => {
    expect(robotRows('robot$desk')).toEqual([
      { what: 'harbor-robot', registry: harbor.address, username: 'robot$desk', context: null, namespace: null, secret: null, savedAs: 'Harbor desk robot', expiresAt: new Date(NOW.getTime() + 5 * 86_400_000).toISOString(), state: 'soon', source: 'harbor-api' },
    ]);
  });

  it('finds a project robot through its project', () => {
    expect(robotRows('robot$shop+puller')).toMatchObject([{ secret: 'harbor-shop', state: 'valid', source: 'harbor-api', expiresAt: new Date(NOW.getTime() + 20 * 86_400_000).toISOString() }]);
  });

  it('says unknown for a robot that has ended: Harbor refuses its login, so it cannot read its own end', () => {
    expect(robotRows('robot$old')).toMatchObject([{ secret: 'harbor-old', state: 'unknown', source: 'harbor-unreadable', expiresAt: null }]);
  });

  it('says unknown where Harbor refuses the robot the list, and nothing for a robot that never expires', () => {
    expect(robotRows('robot$nolist')).toMatchObject([{ state: 'unknown', expiresAt: null, source: 'harbor-unreadable' }]);
    expect(robotRows('robot$forever')).toEqual([]);
  });

  it('asks once per distinct login, and never puts a secret in the report', () => {
    const asked = harbor.requests();
    // Five robots in clusters and one saved only here; robot$ci, saved and in two secrets, is asked once.
    expect(asked.filter((path) => path === '/api/v2.0/robots')).toHaveLength(6);
    expect(asked.filter((path) => path === '/api/v2.0/projects/shop')).toHaveLength(1);
    const text = JSON.stringify(report);
    for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
  });

  it("finds robots by their Harbor's own prefix, read from its configuration, and takes a robot$ name there for no robot", () => {
    expect(clusterRows('harbor@ops')).toMatchObject([{ registry: custom.address, secret: 'custom-ops', state: 'soon', source: 'harbor-api', expiresAt: new Date(NOW.getTime() + 2 * 86_400_000).toISOString() }]);
    expect(robotRows('harbor@shop+puller')).toMatchObject([{ registry: custom.address, secret: 'custom-shop', state: 'valid', source: 'harbor-api' }]);
    expect(report.expiries.filter((row) => row.registry === custom.address && row.username === 'robot$ops')).toEqual([]);
    expect(custom.requests()).toContain('/api/v2.0/configurations');
  });
});
