import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportCandidate, ImportPreview } from '../../shared/import-export-contract';
import { basicCredentials, listen, type ListeningServer } from '../registry-servers/http-server';
import { createAccessFixture, type AccessFixture } from '../support/access-services';
import { base64, createTestWorkstation, type TestWorkstation } from '../support/import-workstation';

// The real docker CLI 28 decides which login it sends: each registry here is a server that logs the
// Basic credentials it receives and answers 401. `docker manifest inspect --insecure` needs no engine.
// Import reads the same config.json and helpers and must call used exactly the login docker sent.

const run = promisify(execFile);
const pw = (label: string) => `${label}-${randomBytes(8).toString('hex')}`;

interface Registry {
  server: ListeningServer;
  host: string;
  /** Every Basic login docker sent, as `user:password`. */
  received: string[];
}

let station: TestWorkstation;
let fixture: AccessFixture;
const registries: Record<'helperBeatsStore' | 'storeBeatsAuths' | 'storeHasNone' | 'helperFails', Registry> = {} as never;
const passwords = { fresh: pw('fresh'), store: pw('store'), inline: pw('inline') };
let preview: ImportPreview;

async function startRegistry(): Promise<Registry> {
  const received: string[] = [];
  const server = await listen((request, response) => {
    const login = basicCredentials(request.headers.authorization);
    if (login) received.push(`${login.username}:${login.password}`);
    response.writeHead(401, { 'www-authenticate': 'Basic realm="test"', 'docker-distribution-api-version': 'registry/2.0' });
    response.end();
  });
  return { server, host: `localhost:${server.port}`, received };
}

/** A helper holding one fixed login per host, for the hosts given; "not found" for any other. */
function helperScript(user: string, password: string, hosts: string[]): string {
  const cases = hosts.map((host) => `    ${host}) printf '{"ServerURL":"%s","Username":"${user}","Secret":"${password}"}' "$server" ;;`).join('\n');
  const list = JSON.stringify(Object.fromEntries(hosts.map((host) => [host, user])));
  return `case "$1" in
  list) printf '%s' '${list}' ;;
  get) read -r server || true
    case "$server" in
${cases}
    *) printf 'credentials not found in native keychain\\n'; exit 1 ;;
    esac ;;
  *) exit 2 ;;
esac`;
}

async function dockerSends(registry: Registry): Promise<string | null> {
  registry.received.length = 0;
  const env = { ...process.env, DOCKER_CONFIG: dirname(station.dockerConfig), HOME: station.home, PATH: `${station.bin}:${process.env.PATH}` };
  // 401 makes docker fail; what matters is what it sent before.
  await run('docker', ['manifest', 'inspect', '--insecure', `${registry.host}/app:1`], { env, timeout: 60_000 }).catch(() => undefined);
  const distinct = [...new Set(registry.received)];
  expect(distinct.length, `docker sent one login at most to ${registry.host}`).toBeLessThanOrEqual(1);
  return distinct[0] ?? null;
}

const rowsFor = (registry: Registry): ImportCandidate[] => preview.candidates.filter((candidate) => candidate.url === registry.host);

beforeAll(async () => {
  for (const name of ['helperBeatsStore', 'storeBeatsAuths', 'storeHasNone', 'helperFails'] as const) registries[name] = await startRegistry();
  const { helperBeatsStore, storeBeatsAuths, storeHasNone, helperFails } = registries;
  station = await createTestWorkstation();
  await station.writeHelper('fresh', helperScript('fresh-user', passwords.fresh, [helperBeatsStore.host]));
  await station.writeHelper('store', helperScript('store-user', passwords.store, [helperBeatsStore.host, storeBeatsAuths.host]));
  const inline = { auth: base64(`inline-user:${passwords.inline}`) };
  await station.writeDockerConfig({
    auths: { [helperBeatsStore.host]: inline, [storeBeatsAuths.host]: inline, [storeHasNone.host]: inline, [helperFails.host]: inline },
    credsStore: 'store',
    credHelpers: { [helperBeatsStore.host]: 'fresh', [helperFails.host]: 'not-installed' },
  });
  fixture = createAccessFixture({ keychainService: `registry-desk-docker-choice-${randomBytes(4).toString('hex')}`, workstation: station.workstation, pluginPath: station.pluginPath });
  const scanned = await fixture.ipc.invoke('import:scan-workstation', {});
  if (!scanned.ok) throw new Error(JSON.stringify(scanned.error));
  preview = scanned.value;
}, 60_000);

afterAll(async () => {
  await fixture?.close();
  await station?.close();
  for (const registry of Object.values(registries)) await registry.server.stop();
});

describe('import calls used exactly the login the docker CLI sends', () => {
  it.each([
    ['helperBeatsStore', 'fresh-user', passwords.fresh, ['inline-user', 'store-user']],
    ['storeBeatsAuths', 'store-user', passwords.store, ['inline-user']],
    ['storeHasNone', null, null, ['inline-user']],
    ['helperFails', 'inline-user', passwords.inline, []],
  ] as const)('%s', async (name, user, password, unused) => {
    const registry = registries[name];
    expect(await dockerSends(registry)).toBe(user === null ? null : `${user}:${password}`);
    const rows = rowsFor(registry);
    expect(rows.filter((row) => !row.unusedByDocker && row.action !== 'skip').map((row) => row.username)).toEqual(user === null ? [] : [user]);
    // Every other login for this host is still listed, with docker's reason.
    expect(rows.filter((row) => row.unusedByDocker).map((row) => row.username).sort()).toEqual(unused);
  }, 120_000);

  it('names the reason: the helper docker uses, or the store with no login', () => {
    const row = (name: keyof typeof registries, user: string) => rowsFor(registries[name]).find((candidate) => candidate.username === user);
    expect(row('helperBeatsStore', 'store-user')?.unusedByDocker).toEqual({ reason: 'dockerUsesHelper', helper: 'fresh' });
    expect(row('helperBeatsStore', 'inline-user')?.unusedByDocker).toEqual({ reason: 'dockerUsesHelper', helper: 'fresh' });
    expect(row('storeBeatsAuths', 'inline-user')?.unusedByDocker).toEqual({ reason: 'dockerUsesHelper', helper: 'store' });
    expect(row('storeHasNone', 'inline-user')?.unusedByDocker).toEqual({ reason: 'storeHasNoLogin', helper: 'store' });
  });

  it('imports the login docker uses, and one it does not only with the explicit choice', async () => {
    const used = rowsFor(registries.helperBeatsStore).find((candidate) => !candidate.unusedByDocker)!;
    const unused = rowsFor(registries.storeHasNone).find((candidate) => candidate.username === 'inline-user')!;
    const first = await fixture.ipc.invoke('import:apply', { scanId: preview.scanId, picks: [{ candidateId: used.candidateId, test: false }, { candidateId: unused.candidateId, test: false }] });
    expect(first.ok && first.value.results.map((result) => result.outcome)).toEqual(['created', 'failed']);
    expect(first.ok && first.value.results[1]?.error?.code).toBe('import.unusedByDocker');
    const second = await fixture.ipc.invoke('import:apply', { scanId: preview.scanId, picks: [{ candidateId: unused.candidateId, test: false, importUnused: true }] });
    expect(second.ok && second.value.results[0]?.outcome).toBe('created');
    const records = fixture.services.settings.read().registries;
    const logins = await Promise.all(records.map((record) => fixture.services.registryLogins.forRegistry(record.id)));
    expect(logins.map((login) => login && `${login.server} ${login.username}:${login.password}`).sort()).toEqual(
      [`${registries.helperBeatsStore.host} fresh-user:${passwords.fresh}`, `${registries.storeHasNone.host} inline-user:${passwords.inline}`].sort(),
    );
  });

  it('refuses an importUnused flag that is not an explicit true', async () => {
    const unused = rowsFor(registries.storeBeatsAuths).find((candidate) => candidate.unusedByDocker)!;
    const result = await fixture.ipc.invoke('import:apply', { scanId: preview.scanId, picks: [{ candidateId: unused.candidateId, test: false, importUnused: 'yes' }] } as never);
    expect(result.ok).toBe(false);
  });
});

describe('settings import looks a secret up only in a login docker uses', () => {
  it('offers the helper login docker sends, never the stale one it does not', async () => {
    const registry = (name: string, host: string, username: string) => ({ registry: { type: 'other', name, url: host, username, connection: 'secure' } });
    const text = JSON.stringify({
      format: 'registry-desk-settings',
      version: 1,
      exportedAt: '2025-01-01T00:00:00Z',
      registries: [
        registry('sent', registries.helperBeatsStore.host, 'fresh-user'),
        registry('stale in the store', registries.helperBeatsStore.host, 'store-user'),
        registry('inline, store has none', registries.storeHasNone.host, 'inline-user'),
      ],
    });
    const result = await fixture.ipc.invoke('settings-import:preview', { text });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value.entries.map((entry) => entry.workstationLogin?.location ?? null)).toEqual(['docker-credential-fresh', null, null]);
  });
});
