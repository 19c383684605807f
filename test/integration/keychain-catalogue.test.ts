import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keychainFailure } from '../../main/keychain/keychain-failure';
import { makeCertificateAuthority, makeServiceAccountKey } from '../support/fixtures';
import { createIpcClient } from '../support/ipc-client';
import { createTestServices, type TestServices } from '../support/services';

/** libsecret's own CLI, independent of keytar: what the Secret Service holds for our service. */
function keychainLookup(service: string, account: string): string | null {
  const out = spawnSync('secret-tool', ['lookup', 'service', service, 'account', account], { encoding: 'utf8' });
  return out.status === 0 ? out.stdout : null;
}

function keychainItemCount(service: string): number {
  const out = spawnSync('secret-tool', ['search', '--all', 'service', service], { encoding: 'utf8' });
  return (out.stdout.match(/^\[\//gm) ?? []).length;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('registry secrets live in the real OS keychain and nowhere else', () => {
  const service = `registry-desk-test-${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'rd-keychain-'));
  let fixture: TestServices;
  let client: ReturnType<typeof createIpcClient>;
  const used: string[] = [];
  const secret = (label: string) => {
    const value = `${label}-${randomBytes(12).toString('hex')}`;
    used.push(value);
    return value;
  };

  beforeAll(async () => {
    if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
      throw new Error('No D-Bus session: run the tests with `npm test` (it starts gnome-keyring in a private session).');
    }
    fixture = await createTestServices({ dataDir, keychainService: service });
    client = createIpcClient(fixture.services, { info() {}, warn() {}, error() {} });
  });
  afterAll(async () => fixture?.close());

  it('reports the keychain as available', async () => {
    expect(await client.invoke('keychain:status', {})).toEqual({ ok: true, value: { available: true, backend: 'Secret Service (libsecret)' } });
  });

  it('keeps every secret of a full create / edit / delete cycle out of files, responses and logs', async () => {
    const responses: unknown[] = [];
    const call = async (channel: Parameters<typeof client.call>[0], request: unknown) => {
      const result = await client.call(channel, request);
      responses.push(result);
      expect(result.ok, JSON.stringify(result)).toBe(true);
      return result.ok ? (result.value as { id: string }) : { id: '' };
    };
    const hub = await call('registries:create', { input: { type: 'docker', name: 'Hub', url: 'docker.io', username: 'octo', password: secret('hub') } });
    const ecr = await call('registries:create', { input: { type: 'ecr', name: 'ECR', url: 'https://123456789012.dkr.ecr.eu-central-1.amazonaws.com', authType: 'user-auth', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: secret('aws') } });
    const keyJson = makeServiceAccountKey();
    used.push(JSON.parse(keyJson).private_key as string, JSON.stringify(JSON.parse(keyJson)));
    const gcr = await call('registries:create', { input: { type: 'gcr', name: 'GCR', url: 'gcr.io', username: '_json_key', serviceAccountJson: keyJson } });
    const quay = await call('registries:create', { input: { type: 'quay', name: 'Quay', url: 'quay.io', username: 'org+robot', password: secret('quay') } });
    const other = await call('registries:create', { input: { type: 'other', name: 'Harbor', url: 'harbor.corp:8443', username: 'admin', password: secret('harbor'), connection: 'secure-with-ca', caCertificate: makeCertificateAuthority().certificate } });

    const rotated = secret('hub-rotated');
    await call('registries:update', { id: hub.id, input: { type: 'docker', name: 'Docker Hub', url: 'docker.io', username: 'octo', password: rotated } });
    await call('registries:update', { id: quay.id, input: { type: 'quay', name: 'Quay robots', url: 'quay.io', username: 'org+robot' } });
    await call('registries:set-default', { id: ecr.id });
    await call('registries:delete', { id: other.id });
    responses.push(await client.call('registries:list', {}));

    expect(keychainLookup(service, `${hub.id}/password`)).toBe(rotated);
    expect(keychainLookup(service, `${ecr.id}/secretAccessKey`)).toMatch(/^aws-/);
    expect(JSON.parse(keychainLookup(service, `${gcr.id}/serviceAccountJson`) ?? '{}')).toEqual(JSON.parse(keyJson));
    expect(keychainLookup(service, `${quay.id}/password`)).toMatch(/^quay-/);
    expect(keychainLookup(service, `${other.id}/password`)).toBeNull();
    expect(keychainItemCount(service)).toBe(4);

    const files = filesUnder(dataDir);
    expect(files).toContain(fixture.settingsFile);
    const persisted = files.map((file) => readFileSync(file, 'utf8')).join('\n');
    const wire = JSON.stringify(responses);
    const logs = fixture.logLines.join('\n');
    for (const value of used) {
      expect(persisted.includes(value), 'secret found in the data folder').toBe(false);
      expect(wire.includes(value), 'secret found in an IPC response').toBe(false);
      expect(logs.includes(value), 'secret found in the log').toBe(false);
    }
  });

  it('deleting registries deletes their keychain entries', async () => {
    const list = await client.invoke('registries:list', {});
    if (!list.ok) throw new Error(list.error.message);
    const byDefault = [...list.value].sort((a, b) => Number(a.isDefault) - Number(b.isDefault));
    for (const registry of byDefault) expect((await client.invoke('registries:delete', { id: registry.id })).ok).toBe(true);
    expect(keychainItemCount(service)).toBe(0);
  });
});

/** Runs keytar in a child process with its own (or no) session bus and returns libsecret's error. */
function keytarErrorIn(command: string[], env: NodeJS.ProcessEnv): string {
  const script = `require('keytar').setPassword('registry-desk-probe', 'probe', 'x').then(() => { console.log('STORED'); }, (e) => { console.log('ERROR:' + e.message); })`;
  const result = spawnSync(command[0]!, [...command.slice(1), process.execPath, '-e', script], { env, encoding: 'utf8', timeout: 30_000 });
  return /^(STORED|ERROR:.*)$/m.exec(result.stdout)?.[0] ?? `no answer: ${result.stderr}`;
}

describe('an unavailable keychain is a clear error, never a plaintext fallback', () => {
  const home = mkdtempSync(join(tmpdir(), 'rd-nokeyring-'));
  const bare = { PATH: process.env.PATH, HOME: home, NODE_PATH: join(process.cwd(), 'node_modules') };

  it('without a session bus', () => {
    const output = keytarErrorIn(['env'], bare);
    expect(output).toMatch(/^ERROR:/);
    expect(keychainFailure(new Error(output.slice(6))).appError.code).toBe('keychain.noBus');
    expect(keychainFailure(new Error(output.slice(6))).appError.message).toMatch(/no D-Bus session/);
  });

  it('with a bus but no unlocked keyring', () => {
    execFileSync('which', ['dbus-run-session']);
    const output = keytarErrorIn(['dbus-run-session', '--'], bare);
    expect(output).toMatch(/^ERROR:/);
    expect(['keychain.locked', 'keychain.noService']).toContain(keychainFailure(new Error(output.slice(6))).appError.code);
  });

  it('the catalogue stores nothing when the keychain refuses', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rd-refused-'));
    const refusing = {
      get: async () => null,
      set: async () => { throw keychainFailure(new Error('Cannot create an item in a locked collection')); },
      delete: async () => false,
      status: async () => ({ available: false, backend: 'test', error: keychainFailure(new Error('locked collection')).appError }),
    };
    const fixture = await createTestServices({ dataDir, keychainService: 'unused', secrets: refusing });
    const client = createIpcClient(fixture.services, { info() {}, warn() {}, error() {} });
    const result = await client.call('registries:create', { input: { type: 'docker', name: 'Hub', url: 'docker.io', username: 'u', password: 'p' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'keychain.locked' } });
    expect(filesUnder(dataDir)).toEqual([]);
  });
});
