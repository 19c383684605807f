import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAccessSettings, type AccessSettings } from '../../shared/access-settings';
import type { SettingsPreview } from '../../shared/import-export-contract';
import { registryWithoutSecrets } from '../../main/registry-export/settings-document';
import { createAccessFixture, type AccessFixture } from '../support/access-services';
import { makeCertificateAuthority, makeServiceAccountKey } from '../support/fixtures';
import { base64, createTestWorkstation, type TestWorkstation } from '../support/import-workstation';
import { createSaveDialogStandIn } from '../support/save-dialog-stand-in';

// Export the settings on one workstation, import them into a fresh data directory on another:
// the same registries and access settings, the secrets asked for (or found in a docker login),
// and nothing overwritten without the operator saying so.

const secrets = { hub: `dckr_pat_${randomBytes(10).toString('hex')}`, quay: `quay-${randomBytes(10).toString('hex')}`, aws: `wJalrXUtnFEMI/${randomBytes(8).toString('hex')}+EXAMPLEKEY`, harbor: `harbor-${randomBytes(8).toString('hex')}` };
const googleKey = makeServiceAccountKey();
const ca = makeCertificateAuthority().certificate;

let folder: string;
let source: AccessFixture;
let target: AccessFixture;
let station: TestWorkstation;
let exported: string;

const access = (contexts: string[], secretName: string): AccessSettings => ({
  ...defaultAccessSettings('x', 'reg_0123456789abcdef'),
  contexts,
  scope: { namespaces: { kind: 'list', names: ['apps', 'web'] }, serviceAccounts: { kind: 'list', names: ['builder'] } },
  contextScopes: { staging: { namespaces: { kind: 'selector', labelSelector: 'team in (a,b)' }, serviceAccounts: { kind: 'none' } } },
  credential: { type: 'registry-credentials', secretName },
});

const snapshot = (fixture: AccessFixture) =>
  fixture.services.settings
    .read()
    .registries.map((record) => ({ input: registryWithoutSecrets(record), access: record.access, secrets: record.secrets, email: record.serviceAccountEmail }));

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'registry-desk-settings-'));
  source = createAccessFixture({ keychainService: `registry-desk-settings-a-${randomBytes(4).toString('hex')}`, saveDialog: createSaveDialogStandIn(folder) });
  const { registries, access: manageAccess } = source.services;
  const quay = await registries.create({ type: 'quay', name: 'Quay', url: 'quay.io', username: 'acme+deployer', password: secrets.quay });
  const hub = await registries.create({ type: 'docker', name: 'Docker Hub', url: 'docker.io', username: 'octocat', password: secrets.hub, isDefault: true });
  await registries.create({ type: 'ecr', name: 'ECR prod', url: 'https://123456789012.dkr.ecr.eu-west-1.amazonaws.com', authType: 'user-auth', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: secrets.aws });
  await registries.create({ type: 'ecr', name: 'ECR role', url: '210987654321.dkr.ecr.us-east-1.amazonaws.com', authType: 'iam-role' });
  await registries.create({ type: 'gcr', name: 'GCR', url: 'gcr.io', username: '_json_key', serviceAccountJson: googleKey });
  await registries.create({ type: 'other', name: 'Harbor', url: 'harbor.corp:8443/team', username: 'robot$ci', password: secrets.harbor, connection: 'secure-with-ca', caCertificate: ca });
  await manageAccess.save(hub.id, access(['prod', 'staging'], 'hub-pull-secret'));
  await manageAccess.save(quay.id, { ...access([], 'quay-pull'), mode: 'skip-selected', allClusters: true, credential: { type: 'image-pull-secret', secretNames: ['regcred'], createMissing: true } });

  station = await createTestWorkstation();
  // The other workstation already has a docker login for Docker Hub and Harbor (same host and user).
  await station.writeDockerConfig({ auths: { 'https://index.docker.io/v1/': { auth: base64(`octocat:${secrets.hub}`) }, 'harbor.corp:8443/team': { auth: base64(`robot$ci:${secrets.harbor}`) } } });
  target = createAccessFixture({ keychainService: `registry-desk-settings-b-${randomBytes(4).toString('hex')}`, workstation: station.workstation, pluginPath: station.pluginPath });
});

afterAll(async () => {
  await source?.close();
  await target?.close();
  await station?.close();
  await rm(folder, { recursive: true, force: true });
});

describe('settings export', () => {
  it('writes every registry and its access settings, without a secret or an id of this workstation', async () => {
    const result = await source.ipc.invoke('export:settings', {});
    expect(result).toEqual({ ok: true, value: { saved: true, path: join(folder, 'registry-desk-settings.json'), registries: 6 } });
    exported = await readFile(join(folder, 'registry-desk-settings.json'), 'utf8');
    const document = JSON.parse(exported) as { format: string; version: number; registries: unknown[] };
    expect(document).toMatchObject({ format: 'registry-desk-settings', version: 1 });
    for (const value of [...Object.values(secrets), googleKey, JSON.stringify(JSON.parse(googleKey))]) expect(exported).not.toContain(value);
    expect(exported).not.toMatch(/reg_[a-z0-9]{16}/);
  });
});

describe('settings import into a fresh data directory', () => {
  let preview: SettingsPreview;

  it('previews each registry with the secret it needs, and finds the docker logins this workstation has', async () => {
    const result = await target.ipc.invoke('settings-import:preview', { text: exported });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    preview = result.value;
    expect(preview.entries.map(({ name, needsSecret, workstationLogin, conflict, problems }) => ({ name, needsSecret, login: workstationLogin?.kind, conflict, problems }))).toEqual([
      { name: 'Quay', needsSecret: 'password', login: undefined, conflict: undefined, problems: [] },
      { name: 'Docker Hub', needsSecret: 'password', login: 'docker-config', conflict: undefined, problems: [] },
      { name: 'ECR prod', needsSecret: 'secretAccessKey', login: undefined, conflict: undefined, problems: [] },
      { name: 'ECR role', needsSecret: null, login: undefined, conflict: undefined, problems: [] },
      { name: 'GCR', needsSecret: 'serviceAccountJson', login: undefined, conflict: undefined, problems: [] },
      { name: 'Harbor', needsSecret: 'password', login: 'docker-config', conflict: undefined, problems: [] },
    ]);
    expect(JSON.stringify(preview)).not.toContain(secrets.hub);
  });

  it('a registry whose secret is missing fails alone; the others are created with the same settings', async () => {
    const result = await target.ipc.invoke('settings-import:apply', {
      previewId: preview.previewId,
      choices: [
        { index: 0, action: 'create', useWorkstationLogin: false, password: secrets.quay, useFileAccess: true },
        { index: 1, action: 'create', useWorkstationLogin: true, useFileAccess: true },
        { index: 2, action: 'create', useWorkstationLogin: false, secretAccessKey: secrets.aws },
        { index: 3, action: 'create', useWorkstationLogin: false },
        { index: 4, action: 'create', useWorkstationLogin: false },
        { index: 5, action: 'create', useWorkstationLogin: true },
      ],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value.results.map((entry) => [entry.outcome, entry.error?.code ?? null, entry.error?.fieldErrors?.[0]?.code ?? null])).toEqual([
      ['created', null, null],
      ['created', null, null],
      ['created', null, null],
      ['created', null, null],
      ['failed', 'registry.validation', 'serviceAccountJson.required'],
      ['created', null, null],
    ]);
    const retry = await target.ipc.invoke('settings-import:apply', { previewId: preview.previewId, choices: [{ index: 4, action: 'create', useWorkstationLogin: false, serviceAccountJson: googleKey }] });
    expect(retry.ok && retry.value.results[0]?.outcome).toBe('created');

    const byName = (entries: ReturnType<typeof snapshot>) => [...entries].sort((a, b) => a.input.name.localeCompare(b.input.name));
    expect(byName(snapshot(target))).toEqual(byName(snapshot(source)));
    const hub = target.services.settings.read().registries.find((record) => record.name === 'Docker Hub')!;
    expect(hub.isDefault).toBe(true);
    expect((await target.services.registryLogins.forRegistry(hub.id)).password).toBe(secrets.hub);
    expect(JSON.stringify(result) + JSON.stringify(retry)).not.toContain(secrets.hub);
  });

  it('never overwrites: the same file again clashes by name until the operator picks update or a new name', async () => {
    const again = await target.ipc.invoke('settings-import:preview', { text: exported });
    if (!again.ok) throw new Error(JSON.stringify(again.error));
    expect(again.value.entries.map((entry) => entry.conflict?.by)).toEqual(['name', 'name', 'name', 'name', 'name', 'name']);
    const before = snapshot(target);
    const quay = target.services.settings.read().registries.find((record) => record.name === 'Quay')!;
    const result = await target.ipc.invoke('settings-import:apply', {
      previewId: again.value.previewId,
      choices: [
        { index: 0, action: 'create', useWorkstationLogin: false, password: 'other-password' },
        { index: 3, action: 'create', name: 'ECR role copy', useWorkstationLogin: false },
        { index: 1, action: 'skip', useWorkstationLogin: false },
        { index: 0, action: 'update', useWorkstationLogin: false },
      ],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    // A new name does not make the same host and user a second registry either.
    expect(result.value.results.map((entry) => [entry.outcome, entry.error?.code ?? null])).toEqual([
      ['failed', 'settingsImport.conflict'],
      ['failed', 'settingsImport.conflict'],
      ['skipped', null],
      ['updated', null],
    ]);
    expect(snapshot(target)).toEqual(before);
    expect((await target.services.registryLogins.forRegistry(quay.id)).password).toBe(secrets.quay);

    // Only the name clashes (another robot): a new name creates it beside the existing one.
    const document = JSON.parse(exported) as { registries: { registry: Record<string, unknown> }[] };
    document.registries[0]!.registry.username = 'acme+other';
    const renamed = await target.ipc.invoke('settings-import:preview', { text: JSON.stringify(document) });
    if (!renamed.ok) throw new Error(JSON.stringify(renamed.error));
    expect(renamed.value.entries[0]?.conflict).toMatchObject({ by: 'name', name: 'Quay' });
    const created = await target.ipc.invoke('settings-import:apply', { previewId: renamed.value.previewId, choices: [{ index: 0, action: 'create', name: 'Quay other', useWorkstationLogin: false, password: 'other-robot-token' }] });
    expect(created.ok && created.value.results[0]).toMatchObject({ outcome: 'created', registry: { name: 'Quay other' } });
  });

  it('refuses a damaged, newer or secret-carrying file with its own error', async () => {
    const preview = (text: string) => target.ipc.invoke('settings-import:preview', { text });
    expect(await preview('{"format": "registry-desk-settings", ')).toMatchObject({ ok: false, error: { code: 'settingsImport.malformedJson' } });
    expect(await preview(JSON.stringify({ format: 'registry-desk-settings', version: 2, registries: [] }))).toMatchObject({ ok: false, error: { code: 'settingsImport.newerVersion', params: { version: 2 } } });
    const document = JSON.parse(exported) as { registries: { registry: Record<string, unknown> }[] };
    const broken = structuredClone(document);
    broken.registries[1]!.registry.type = 'dockerhub';
    expect(await preview(JSON.stringify(broken))).toMatchObject({ ok: false, error: { code: 'settingsImport.invalid', params: { field: 'registries.1.registry.type' } } });
    const leaky = structuredClone(document);
    leaky.registries[0]!.registry.password = 'hunter2hunter2';
    const refused = await preview(JSON.stringify(leaky));
    expect(refused).toMatchObject({ ok: false, error: { code: 'settingsImport.containsSecret', params: { index: 1, name: 'Quay' } } });
    expect(JSON.stringify(refused)).not.toContain('hunter2hunter2');
  });
});
