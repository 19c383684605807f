import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessStatus, StatusRow } from '../../shared/access-contract';
import { defaultAccessSettings, type AccessSettings } from '../../shared/access-settings';
import { startKubeApiServer, type KubeApiServer } from '../kube-api-server';
import { apply, kubeconfigFor, preview, valueOf, writesIn } from '../support/access-flow';
import { createAccessFixture, type AccessFixture } from '../support/access-services';

// Manage access's status, row by row: when each namespace was last seen in sync, and a repair or
// adoption of one row that goes through preview and touches that namespace alone.

const SECRET = 'hub-pull-secret';
const password = `dckr_pat_${randomBytes(16).toString('hex')}`;
const NAMESPACES = ['alpha', 'beta', 'gamma', 'taken'];

interface Secret {
  metadata: { resourceVersion: string; labels?: Record<string, string> };
}

describe('status rows: last seen in sync, and a fix per row', () => {
  let server: KubeApiServer;
  let fixture: AccessFixture;
  let registryId: string;
  let now = Date.parse('2026-12-01T08:00:00.000Z');

  const status = async (): Promise<AccessStatus> => valueOf(await fixture.ipc.invoke('access:status', { registryId }));
  const rowOf = (report: AccessStatus, namespace: string): StatusRow | undefined => report.contexts[0]?.rows.find((row) => row.namespace === namespace);

  beforeAll(async () => {
    server = await startKubeApiServer();
    for (const name of NAMESPACES) server.seed.namespace(name);
    server.seed.secret('taken', { metadata: { name: SECRET }, type: 'Opaque', data: { token: Buffer.from('theirs').toString('base64') } });
    fixture = createAccessFixture({
      keychainService: `registry-desk-test-${randomBytes(4).toString('hex')}`,
      kubeconfigPaths: [kubeconfigFor([{ name: 'lab', server }])],
      clock: { now: () => new Date(now) },
    });
    registryId = (await fixture.services.registries.create({ type: 'docker', name: 'Hub', url: 'docker.io', username: 'octo', password })).id;
    const settings: AccessSettings = {
      ...defaultAccessSettings('Hub', registryId),
      contexts: ['lab'],
      credential: { type: 'registry-credentials', secretName: SECRET },
      scope: { namespaces: { kind: 'list', names: NAMESPACES }, serviceAccounts: { kind: 'default' } },
    };
    await apply(fixture, await preview(fixture, registryId, settings));
  });

  afterAll(async () => {
    await fixture?.close();
    await server?.stop();
  });

  it('records the time of each check that found a row in sync, keeps it while the row drifts, and says nothing for a row never in sync', async () => {
    const first = await status();
    expect(rowOf(first, 'alpha')).toMatchObject({ state: 'in-sync', lastInSyncAt: '2026-12-01T08:00:00.000Z' });
    expect(rowOf(first, 'alpha')?.fix).toBeUndefined();
    expect(rowOf(first, 'taken')).toMatchObject({ state: 'conflict', fix: 'adopt' });
    expect(rowOf(first, 'taken')?.lastInSyncAt).toBeUndefined();

    const api = await fixture.services.clusters.api('lab');
    await api.remove(`/api/v1/namespaces/beta/secrets/${SECRET}`, {});
    now += 3_600_000;
    const second = await status();
    expect(second.checkedAt).toBe('2026-12-01T09:00:00.000Z');
    expect(rowOf(second, 'beta')).toMatchObject({ state: 'missing', fix: 'repair', lastInSyncAt: '2026-12-01T08:00:00.000Z' });
    expect(rowOf(second, 'alpha')?.lastInSyncAt).toBe('2026-12-01T09:00:00.000Z');
    // The settings file holds it, so the next start still knows.
    expect(fixture.services.settings.read().accessInSyncAt?.[registryId]?.lab?.beta).toBe('2026-12-01T08:00:00.000Z');
  });

  it('repairs one row through a preview of that namespace alone', async () => {
    const alphaBefore = server.read('secrets', 'alpha', SECRET) as Secret;
    const plan = await preview(fixture, registryId, undefined, undefined, { context: 'lab', namespace: 'beta' });
    expect(plan.contexts.map((context) => context.context)).toEqual(['lab']);
    expect(plan.contexts[0]?.namespaces).toEqual([
      { namespace: 'beta', secrets: [{ name: SECRET, action: 'create' }], serviceAccounts: [{ name: 'default', action: 'unchanged', references: [SECRET] }] },
    ]);
    expect(plan.writes).toBe(1);
    server.resetCounters();
    await apply(fixture, plan);
    expect(writesIn(server)).toBe(1);
    expect((server.read('secrets', 'beta', SECRET) as Secret).metadata.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'registry-desk' });
    expect(server.read('secrets', 'alpha', SECRET)).toEqual(alphaBefore);
    // The foreign secret elsewhere stays a conflict: the row's repair did not adopt it.
    expect(rowOf(await status(), 'taken')).toMatchObject({ state: 'conflict' });
  });

  it('adopts one row’s foreign secret through a preview of that namespace alone', async () => {
    const plan = await preview(fixture, registryId, undefined, [{ context: 'lab', namespace: 'taken', secretName: SECRET }], { context: 'lab', namespace: 'taken' });
    expect(plan.contexts[0]?.namespaces.map((namespace) => namespace.namespace)).toEqual(['taken']);
    expect(plan.contexts[0]?.namespaces[0]?.secrets).toEqual([{ name: SECRET, action: 'update', reason: 'adopt' }]);
    await apply(fixture, plan);
    now += 60_000;
    expect(rowOf(await status(), 'taken')).toMatchObject({ state: 'in-sync', lastInSyncAt: '2026-12-01T09:01:00.000Z' });
  });
});
