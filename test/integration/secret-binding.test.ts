import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SETTINGS_EXPORT_FORMAT, SETTINGS_EXPORT_VERSION } from '../../shared/import-export-contract';
import type { RegistryInput } from '../../shared/schemas';
import { listen, type ListeningServer } from '../registry-servers/http-server';
import { makeCertificateAuthority } from '../support/fixtures';
import { createIpcClient } from '../support/ipc-client';
import { createTestWorkstation, type TestWorkstation } from '../support/import-workstation';
import { createTestServices, type TestServices } from '../support/services';

// A stored secret belongs to the host, type, user, connection and CA it was saved for. Re-pointing a
// registry (by a settings import or by the edit form) drops it unless the operator types a new one or
// confirms sending the saved one to the new host. A stand-in registry on another host logs every
// Authorization header it is sent: it must never see the saved password.

/** Answers like a registry with Basic auth: 401 and a challenge without credentials, 200 with any. */
async function startLoggingRegistry(): Promise<ListeningServer & { authorizations: string[] }> {
  const authorizations: string[] = [];
  const server = await listen((request, response) => {
    const authorization = request.headers.authorization;
    if (authorization) authorizations.push(authorization);
    response.setHeader('Docker-Distribution-Api-Version', 'registry/2.0');
    if (!authorization) {
      response.writeHead(401, { 'WWW-Authenticate': 'Basic realm="stand-in"', 'Content-Type': 'application/json' });
      response.end('{"errors":[{"code":"UNAUTHORIZED"}]}');
      return;
    }
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end('{}');
  });
  return Object.assign(server, { authorizations });
}

/** libsecret's own CLI, independent of keytar. */
function keychainLookup(service: string, account: string): string | null {
  const out = spawnSync('secret-tool', ['lookup', 'service', service, 'account', account], { encoding: 'utf8' });
  return out.status === 0 ? out.stdout : null;
}

const everyHeader = (server: { authorizations: string[] }) => server.authorizations.join('\n');
const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

let fixture: TestServices;
let client: ReturnType<typeof createIpcClient>;
let station: TestWorkstation;
let dataDir: string;
let elsewhere: Awaited<ReturnType<typeof startLoggingRegistry>>;
const saved = `quay-${randomBytes(12).toString('hex')}`;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'registry-desk-binding-'));
  station = await createTestWorkstation();
  fixture = await createTestServices({ dataDir, keychainService: `registry-desk-binding-${randomBytes(4).toString('hex')}`, workstation: station.workstation, pluginPath: station.pluginPath });
  client = createIpcClient(fixture.services, { info() {}, warn() {}, error() {} });
  elsewhere = await startLoggingRegistry();
});

afterEach(async () => {
  for (const record of fixture.services.settings.read().registries) await fixture.services.registries.remove(record.id).catch(() => undefined);
  elsewhere.authorizations.length = 0;
});

afterAll(async () => {
  await elsewhere?.stop();
  await fixture?.close();
  await station?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function savedQuay(): Promise<string> {
  const view = await fixture.services.registries.create({ type: 'quay', name: 'quay.io', url: 'quay.io', username: 'acme+deployer', password: saved });
  expect(keychainLookup(fixture.keychainService, `${view.id}/password`)).toBe(saved);
  return view.id;
}

const repointed = (): RegistryInput => ({ type: 'other', name: 'quay.io', url: elsewhere.origin, username: 'acme+deployer', connection: 'insecure' });

async function value<T>(promise: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>): Promise<T> {
  const result = await promise;
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

describe('settings import: Update to another host', () => {
  it('drops the saved password when the secret is left blank: the next connection test sends nothing to the new host', async () => {
    const id = await savedQuay();
    const file = { format: SETTINGS_EXPORT_FORMAT, version: SETTINGS_EXPORT_VERSION, exportedAt: new Date().toISOString(), registries: [{ registry: repointed() }] };
    const preview = await value(client.invoke('settings-import:preview', { text: JSON.stringify(file) }));
    expect(preview.entries[0]).toMatchObject({
      conflict: { id, by: 'name' },
      changes: [
        { field: 'url', before: 'quay.io', after: elsewhere.origin },
        { field: 'type', before: 'quay', after: 'other' },
        { field: 'connection', before: '', after: 'insecure' },
      ],
      secretTarget: { changed: ['host', 'type', 'connection'], host: elsewhere.origin },
    });
    const applied = await value(client.invoke('settings-import:apply', { previewId: preview.previewId, choices: [{ index: 0, action: 'update', useWorkstationLogin: false }] }));
    expect(applied.results[0]).toMatchObject({ outcome: 'updated' });

    const tested = await value(client.invoke('connection:test-registry', { id, testId: 'binding-import' }));
    expect(everyHeader(elsewhere)).not.toContain(basic('acme+deployer', saved));
    expect(elsewhere.authorizations).toEqual([]);
    expect(tested).toMatchObject({ ok: false, error: { code: 'credentials.missingPassword' } });
    expect(keychainLookup(fixture.keychainService, `${id}/password`)).toBeNull();
    expect(fixture.services.settings.read().registries[0]).toMatchObject({ url: elsewhere.origin, type: 'other', secrets: [] });
  });
});

describe('settings import: Update to another host, confirmed', () => {
  it('sends the saved password there only when the choice says so', async () => {
    const id = await savedQuay();
    const file = { format: SETTINGS_EXPORT_FORMAT, version: SETTINGS_EXPORT_VERSION, exportedAt: new Date().toISOString(), registries: [{ registry: repointed() }] };
    const preview = await value(client.invoke('settings-import:preview', { text: JSON.stringify(file) }));
    await value(client.invoke('settings-import:apply', { previewId: preview.previewId, choices: [{ index: 0, action: 'update', useWorkstationLogin: false, keepSecretForNewTarget: true }] }));
    expect(keychainLookup(fixture.keychainService, `${id}/password`)).toBe(saved);
    await value(client.invoke('connection:test-registry', { id, testId: 'binding-import-confirmed' }));
    expect(elsewhere.authorizations).toEqual([basic('acme+deployer', saved)]);
  });

  it('a file cannot give the confirmation itself: it is no field of a registry or an entry', async () => {
    const document = (entry: object) => JSON.stringify({ format: SETTINGS_EXPORT_FORMAT, version: SETTINGS_EXPORT_VERSION, exportedAt: new Date().toISOString(), registries: [entry] });
    for (const entry of [{ registry: { ...repointed(), keepSecretForNewTarget: true } }, { registry: repointed(), keepSecretForNewTarget: true }]) {
      expect(await client.invoke('settings-import:preview', { text: document(entry) })).toMatchObject({ ok: false, error: { code: 'settingsImport.invalid' } });
    }
  });

  it('a file naming the same target shows no secret warning, and an Update keeps the secret', async () => {
    const id = await savedQuay();
    const file = { format: SETTINGS_EXPORT_FORMAT, version: SETTINGS_EXPORT_VERSION, exportedAt: new Date().toISOString(), registries: [{ registry: { type: 'quay', name: 'quay.io', url: 'https://quay.io/', username: 'acme+deployer' } }] };
    const preview = await value(client.invoke('settings-import:preview', { text: JSON.stringify(file) }));
    expect(preview.entries[0]).toMatchObject({ changes: [{ field: 'url', before: 'quay.io', after: 'https://quay.io' }] });
    expect(preview.entries[0]?.secretTarget).toBeUndefined();
    await value(client.invoke('settings-import:apply', { previewId: preview.previewId, choices: [{ index: 0, action: 'update', useWorkstationLogin: false }] }));
    expect(keychainLookup(fixture.keychainService, `${id}/password`)).toBe(saved);
  });
});

describe('the edit form (registries:update) re-pointing a saved registry', () => {
  it('with the secret left blank: the saved password is deleted from the keychain and never reaches the new host', async () => {
    const id = await savedQuay();
    const updated = await value(client.invoke('registries:update', { id, input: repointed() }));
    expect(updated.storedSecrets.password).toBe(false);
    expect(keychainLookup(fixture.keychainService, `${id}/password`)).toBeNull();
    expect(await value(client.invoke('connection:test-registry', { id, testId: 'binding-form' }))).toMatchObject({ ok: false, error: { code: 'credentials.missingPassword' } });
    expect(elsewhere.authorizations).toEqual([]);
  });

  it('each bound field alone drops it: host, type, username, connection and CA', async () => {
    const harbor = (change: Partial<Extract<RegistryInput, { type: 'other' }>>): RegistryInput => ({ type: 'other', name: 'Harbor', url: 'harbor.corp:8443', username: 'robot', connection: 'secure', ...change });
    const changes: [string, RegistryInput][] = [
      ['host', harbor({ url: 'harbor.corp:9443' })],
      ['plain http', harbor({ url: 'http://harbor.corp:8443', connection: 'insecure' })],
      ['type', { type: 'docker', name: 'Harbor', url: 'harbor.corp:8443', username: 'robot' }],
      ['username', harbor({ username: 'robot2' })],
      ['connection', harbor({ connection: 'insecure' })],
    ];
    const [firstCa, secondCa] = [makeCertificateAuthority().certificate, makeCertificateAuthority({ commonName: 'Another CA' }).certificate];
    const withCa = (caCertificate: string) => harbor({ connection: 'secure-with-ca', caCertificate });
    const cases: [string, RegistryInput, RegistryInput][] = [...changes.map(([label, input]): [string, RegistryInput, RegistryInput] => [label, harbor({}), input]), ['CA', withCa(firstCa), withCa(secondCa)]];
    for (const [label, before, input] of cases) {
      const view = await fixture.services.registries.create({ ...before, password: saved } as RegistryInput);
      const updated = await fixture.services.registries.update(view.id, input);
      expect(updated.storedSecrets.password, label).toBe(false);
      expect(keychainLookup(fixture.keychainService, `${view.id}/password`), label).toBeNull();
      await fixture.services.registries.remove(view.id);
    }
    // The same CA again, as the file or the form sends it back, is the same target.
    const view = await fixture.services.registries.create({ ...withCa(firstCa), password: saved } as RegistryInput);
    for (const caCertificate of [firstCa, view.caCertificate!]) {
      expect((await fixture.services.registries.update(view.id, { ...withCa(caCertificate), name: 'Harbor CI' })).storedSecrets.password).toBe(true);
    }
    expect(keychainLookup(fixture.keychainService, `${view.id}/password`)).toBe(saved);
  });

  it('keeps it for the same target (a new name or path), when a new one is typed, or when the operator confirms the new host', async () => {
    const id = await savedQuay();
    await fixture.services.registries.update(id, { type: 'quay', name: 'Quay robots', url: 'https://quay.io/acme', username: 'acme+deployer' });
    expect(keychainLookup(fixture.keychainService, `${id}/password`)).toBe(saved);

    const typed = `typed-${randomBytes(8).toString('hex')}`;
    await value(client.invoke('registries:update', { id, input: { ...repointed(), password: typed } as RegistryInput }));
    expect(keychainLookup(fixture.keychainService, `${id}/password`)).toBe(typed);
    await value(client.invoke('connection:test-registry', { id, testId: 'binding-typed' }));
    expect(elsewhere.authorizations).toEqual([basic('acme+deployer', typed)]);

    await fixture.services.registries.remove(id);
    const other = await savedQuay();
    elsewhere.authorizations.length = 0;
    await value(client.invoke('registries:update', { id: other, input: repointed(), keepSecretForNewTarget: true }));
    expect(keychainLookup(fixture.keychainService, `${other}/password`)).toBe(saved);
    await value(client.invoke('connection:test-registry', { id: other, testId: 'binding-confirmed' }));
    expect(elsewhere.authorizations).toEqual([basic('acme+deployer', saved)]);
  });

  it("the form's own connection test follows the same rule before anything is saved", async () => {
    const id = await savedQuay();
    const blank = await value(client.invoke('connection:test-draft', { id, input: repointed(), testId: 'binding-draft' }));
    expect(blank).toMatchObject({ ok: false, error: { code: 'credentials.missingPassword' } });
    expect(elsewhere.authorizations).toEqual([]);
    await value(client.invoke('connection:test-draft', { id, input: repointed(), testId: 'binding-draft-confirmed', keepSecretForNewTarget: true }));
    expect(elsewhere.authorizations).toEqual([basic('acme+deployer', saved)]);
    expect(keychainLookup(fixture.keychainService, `${id}/password`)).toBe(saved);
  });
});
