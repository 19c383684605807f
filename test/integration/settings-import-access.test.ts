import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultAccessSettings, type AccessSettings } from '../../shared/access-settings';
import { SETTINGS_EXPORT_FORMAT, SETTINGS_EXPORT_VERSION, type SettingsChoice, type SettingsPreview } from '../../shared/import-export-contract';
import type { RegistryInput } from '../../shared/schemas';
import type { CredentialSource } from '../../main/access';
import { startKubeApiServer, type KubeApiServer } from '../kube-api-server';
import { apply, kubeconfigFor, preview, valueOf, writesIn } from '../support/access-flow';
import { createAccessFixture, type AccessFixture } from '../support/access-services';
import { createTestWorkstation, type TestWorkstation } from '../support/import-workstation';

// Access settings decide what reaches clusters, and the ECR refresh acts on them on its own while
// the app runs. Those of a settings file are taken only when the operator ticks them in the preview,
// which shows them old → new: an import followed by the refresh tick writes nothing for settings
// nobody confirmed. The clusters are the in-process Kubernetes API server, counted per request.

const ECR_URL = 'https://123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const SECRET = 'ecr-pull-secret';

/** A stand-in for AWS: each call mints a new 12-hour token. */
const ecrTokens: CredentialSource = {
  async forRegistry(registryId) {
    return { registryId, type: 'ecr', server: ECR_URL, username: 'AWS', password: `ecr-token-${randomBytes(8).toString('hex')}`, expiresAt: new Date(Date.now() + 12 * 3_600_000).toISOString() };
  },
};

const ecr = (name: string): RegistryInput => ({ type: 'ecr', name, url: ECR_URL, authType: 'iam-role' });
const accessTo = (context: string, namespaces: string[]): AccessSettings => ({
  ...defaultAccessSettings('ECR', 'reg_0123456789abcdef'),
  contexts: [context],
  scope: { namespaces: { kind: 'list', names: namespaces }, serviceAccounts: { kind: 'none' } },
  credential: { type: 'registry-credentials', secretName: SECRET },
});
const settingsFile = (registry: RegistryInput, access: AccessSettings) =>
  JSON.stringify({ format: SETTINGS_EXPORT_FORMAT, version: SETTINGS_EXPORT_VERSION, exportedAt: new Date().toISOString(), registries: [{ registry, access }] });

let local: KubeApiServer;
let elsewhere: KubeApiServer;
let fixture: AccessFixture;
let station: TestWorkstation;

beforeAll(async () => {
  [local, elsewhere] = await Promise.all([startKubeApiServer(), startKubeApiServer()]);
  for (const server of [local, elsewhere]) for (const name of ['apps', 'web']) server.seed.namespace(name);
  station = await createTestWorkstation();
  fixture = createAccessFixture({
    keychainService: `registry-desk-import-access-${randomBytes(4).toString('hex')}`,
    kubeconfigPaths: [kubeconfigFor([{ name: 'eks', server: local }, { name: 'eks-elsewhere', server: elsewhere }])],
    credentials: ecrTokens,
    workstation: station.workstation,
    pluginPath: station.pluginPath,
  });
});

beforeEach(() => {
  for (const server of [local, elsewhere]) server.resetCounters();
});

afterAll(async () => {
  await fixture?.close();
  await Promise.all([local?.stop(), elsewhere?.stop()]);
  await station?.close();
});

async function importFile(text: string, choice: Omit<SettingsChoice, 'index' | 'useWorkstationLogin'>): Promise<SettingsPreview> {
  const shown = valueOf(await fixture.ipc.invoke('settings-import:preview', { text }));
  const applied = valueOf(await fixture.ipc.invoke('settings-import:apply', { previewId: shown.previewId, choices: [{ index: 0, useWorkstationLogin: false, ...choice }] }));
  expect(applied.results[0]?.error).toBeUndefined();
  return shown;
}

/** The refresh tick, as its timer runs it. */
const refreshTick = (registryId: string) => fixture.services.access.refreshNow(registryId);

describe("a settings file's access settings", () => {
  it('a new ECR registry from a file gets none until they are taken: the refresh tick then writes to no cluster', async () => {
    const shown = await importFile(settingsFile(ecr('ECR imported'), accessTo('eks', ['apps', 'web'])), { action: 'create' });
    expect(shown.entries[0]?.accessChanges).toContainEqual({ path: 'contexts', before: '', after: 'eks' });
    const record = fixture.services.settings.read().registries.find((entry) => entry.name === 'ECR imported')!;
    const tick = await refreshTick(record.id);
    expect(writesIn(local) + writesIn(elsewhere)).toBe(0);
    expect(local.read('secrets', 'apps', SECRET)).toBeUndefined();
    expect(tick).toMatchObject({ state: 'idle' });
    expect(record.access).toBeUndefined();
    await fixture.services.registries.remove(record.id);
  });

  it('an Update shows the access diff and keeps the local settings unless the operator takes the file’s', async () => {
    const id = (await fixture.services.registries.create(ecr('ECR'))).id;
    await apply(fixture, await preview(fixture, id, accessTo('eks', ['apps'])));
    const localAccess = fixture.services.settings.read().registries.find((entry) => entry.id === id)!.access;
    const file = settingsFile(ecr('ECR'), accessTo('eks-elsewhere', ['apps', 'web']));
    for (const server of [local, elsewhere]) server.resetCounters();

    const shown = await importFile(file, { action: 'update' });
    expect(shown.entries[0]).toMatchObject({ conflict: { id, by: 'name' }, changes: [] });
    expect(shown.entries[0]?.accessChanges).toEqual([
      { path: 'contexts', before: 'eks', after: 'eks-elsewhere' },
      { path: 'scope.namespaces.names', before: 'apps', after: 'apps, web' },
    ]);
    await refreshTick(id);
    expect(writesIn(elsewhere)).toBe(0);
    expect(elsewhere.read('secrets', 'apps', SECRET)).toBeUndefined();
    expect(fixture.services.settings.read().registries.find((entry) => entry.id === id)!.access).toEqual(localAccess);
    // The tick ran, on the local settings: it read the local cluster (whose tokens are still fresh).
    expect(local.counters().total).toBeGreaterThan(0);

    // Taken on purpose, the file's settings are the registry's, and the next tick acts on them.
    await importFile(file, { action: 'update', useFileAccess: true });
    expect(fixture.services.settings.read().registries.find((entry) => entry.id === id)!.access?.contexts).toEqual(['eks-elsewhere']);
    await refreshTick(id);
    expect(elsewhere.read('secrets', 'web', SECRET)).toBeDefined();
  });
});
