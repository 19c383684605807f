import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionResult } from '../../shared/connection-contract';
import type { RegistryInput, RegistryView } from '../../shared/schemas';
import { startConnectProxy, type RunningConnectProxy } from '../registry-servers/connect-proxy';
import { createConnectionServices, type ConnectionServices } from '../registry-servers/connection-services';
import { startDockerRegistry, type RunningDockerRegistry } from '../registry-servers/docker-registry';
import { listen, type ListeningServer } from '../registry-servers/http-server';
import { makeCertificateAuthority, makeServerCertificate } from '../support/fixtures';
import { createIpcClient } from '../support/ipc-client';
import { createRecordingLogger, createTestServices } from '../support/services';

// The window's path: every call goes through the real IPC registration (validation included).
const PASSWORD = `ipc-pw-${randomBytes(12).toString('hex')}`;

let ca: string;
let registry: RunningDockerRegistry;
let webPage: ListeningServer;
let silent: { server: Server; port: number; sockets: Set<Socket> };
let app: ConnectionServices;
let ipc: ReturnType<typeof createIpcClient>;
const responses: unknown[] = [];

async function startSilentServer() {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, sockets };
}

beforeAll(async () => {
  const authority = makeCertificateAuthority();
  ca = authority.certificate;
  registry = await startDockerRegistry({ tls: makeServerCertificate(authority, { hosts: ['127.0.0.1'] }), users: { alice: PASSWORD } });
  webPage = await listen((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end('<html><body>Welcome to our web site</body></html>');
  });
  silent = await startSilentServer();
  app = await createConnectionServices();
  ipc = createIpcClient(app.services, createRecordingLogger(app.logLines));
});

afterAll(async () => {
  for (const socket of silent?.sockets ?? []) socket.destroy();
  await new Promise((resolve) => silent?.server.close(resolve));
  await Promise.all([registry?.stop(), webPage?.stop()]);
  await app?.close();
});

async function call<T>(channel: string, request: unknown, callId?: string): Promise<{ ok: true; value: T } | { ok: false; error: { code: string; fieldErrors?: { field: string; code: string }[] } }> {
  const response = await ipc.call(channel, request, undefined, callId);
  responses.push(response);
  return response as never;
}

const withCa = (overrides: Partial<Extract<RegistryInput, { type: 'other' }>> = {}): RegistryInput => ({
  type: 'other',
  name: 'private',
  url: registry.address,
  username: 'alice',
  password: PASSWORD,
  connection: 'secure-with-ca',
  caCertificate: ca,
  ...overrides,
});

async function save(input: RegistryInput): Promise<RegistryView> {
  const created = await call<RegistryView>('registries:create', { input });
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  return created.value;
}

describe('testing a form before it is saved', () => {
  it('uses the values typed, secret included, and sends no secret back', async () => {
    const answer = await call<ConnectionResult>('connection:test-draft', { input: withCa(), testId: 'draft-1' });
    expect(answer).toMatchObject({ ok: true, value: { ok: true, auth: 'basic', roundTrips: 2 } });
    expect(answer.ok && answer.value.registryId).toBeUndefined();
  });

  it('can be tested before the registry has a name', async () => {
    const answer = await call<ConnectionResult>('connection:test-draft', { input: withCa({ name: '' }), testId: 'draft-2' });
    expect(answer).toMatchObject({ ok: true, value: { ok: true } });
  });

  it('refuses values a save would refuse, naming the fields', async () => {
    const answer = await call('connection:test-draft', { input: withCa({ url: 'ftp://registry', password: '' }), testId: 'draft-3' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'registry.validation' } });
    const fields = !answer.ok ? answer.error.fieldErrors?.map((error) => `${error.field}:${error.code}`) : [];
    expect(fields).toEqual(['url:url.scheme', 'password:password.required']);
  });

  it('refuses a malformed request before any service runs', async () => {
    const answer = await call('connection:test-draft', { input: withCa(), testId: 'not an id!' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'ipc.invalidRequest' } });
  });

  it('on an edit, a blank secret means the stored one and a typed one replaces it', async () => {
    const saved = await save(withCa({ name: 'edit me' }));
    const kept = await call<ConnectionResult>('connection:test-draft', { input: withCa({ name: 'edit me', password: '' }), id: saved.id, testId: 'edit-1' });
    expect(kept).toMatchObject({ ok: true, value: { ok: true } });
    const typed = await call<ConnectionResult>('connection:test-draft', {
      input: withCa({ name: 'edit me', password: 'typed-but-wrong' }),
      id: saved.id,
      testId: 'edit-2',
    });
    expect(typed).toMatchObject({ ok: true, value: { ok: false, step: 'credentials' } });
  });
});

describe('testing saved registries', () => {
  let good: RegistryView;
  let page: RegistryView;
  let nowhere: RegistryView;

  beforeAll(async () => {
    good = await save(withCa({ name: 'good' }));
    page = await save({ type: 'other', name: 'a web page', url: `http://127.0.0.1:${webPage.port}`, username: 'u', password: PASSWORD, connection: 'insecure' });
    nowhere = await save({ type: 'quay', name: 'nowhere', url: 'quay.registry-desk.invalid', username: 'org+robot', password: PASSWORD });
  });

  it('tests one registry with its stored credentials and remembers the result', async () => {
    const answer = await call<ConnectionResult>('connection:test-registry', { id: good.id, testId: 'one' });
    expect(answer).toMatchObject({ ok: true, value: { registryId: good.id, ok: true } });
    const last = await call<ConnectionResult[]>('connection:last-results', {});
    expect(last.ok && last.value.find((result) => result.registryId === good.id)).toEqual(answer.ok && answer.value);
    const restarted = await createTestServices({ dataDir: dirname(app.settingsFile), keychainService: 'unused-after-restart' });
    const afterRestart = await restarted.services.connection.lastResults();
    expect(afterRestart.find((result) => result.registryId === good.id)).toEqual(answer.ok && answer.value);
  });

  it('says a web server is not a registry', async () => {
    const answer = await call<ConnectionResult>('connection:test-registry', { id: page.id, testId: 'page' });
    expect(answer).toMatchObject({ ok: true, value: { ok: false, step: 'registry', error: { code: 'connection.notRegistry' }, hint: 'notRegistry' } });
  });

  it('tests all registries at once, reporting progress as each finishes', async () => {
    const before = app.events.length;
    const answer = await call<ConnectionResult[]>('connection:test-all', { testId: 'all' });
    if (!answer.ok) throw new Error(answer.error.code);
    const all = (await app.services.registries.list()).map((view) => view.id);
    expect(answer.value.map((result) => result.registryId).sort()).toEqual([...all].sort());
    const progress = app.events.slice(before).filter((event) => event.event === 'event:connection-progress');
    expect(progress.map((event) => (event.payload as { done: number }).done)).toEqual(all.map((_id, index) => index + 1));
    expect(progress.every((event) => (event.payload as { total: number; testId: string }).total === all.length)).toBe(true);
    const byId = new Map(answer.value.map((result) => [result.registryId, result]));
    expect(byId.get(good.id)).toMatchObject({ ok: true });
    expect(byId.get(nowhere.id)).toMatchObject({ ok: false, step: 'dns', error: { code: 'connection.dnsNotFound' } });
    expect(byId.get(page.id)).toMatchObject({ ok: false, step: 'registry' });
  });

  it('forgets the results of a deleted registry', async () => {
    await call('registries:delete', { id: nowhere.id });
    const last = await call<ConnectionResult[]>('connection:last-results', {});
    expect(last.ok && last.value.map((result) => result.registryId)).not.toContain(nowhere.id);
  });
});

describe('timeouts, cancellation and proxies', () => {
  let slow: ConnectionServices;
  let proxy: RunningConnectProxy;
  const silentRegistry = (): RegistryInput => ({
    type: 'other',
    name: 'silent',
    url: `127.0.0.1:${silent.port}`,
    username: 'u',
    password: PASSWORD,
    connection: 'insecure',
  });

  beforeAll(async () => {
    slow = await createConnectionServices({ network: { timeoutMs: 600 } });
    proxy = await startConnectProxy();
  });
  afterAll(async () => {
    await slow?.close();
    await proxy?.stop();
  });

  it('gives up on a registry that never answers, at the connection step', async () => {
    const result = await slow.services.connection.testDraft(silentRegistry(), undefined, 'slow');
    expect(result).toMatchObject({ ok: false, step: 'connect', error: { code: 'connection.timedOut', params: { seconds: 0.6 } }, hint: 'timeout' });
    expect(result.durationMs).toBeGreaterThanOrEqual(550);
  });

  it('stops a running test when the window cancels it', async () => {
    // Cancel once the test is connected and waiting, not after a fixed pause a loaded machine may outlast.
    const callId = randomUUID();
    const connected = new Promise((resolve) => silent.server.once('connection', resolve));
    const running = call<ConnectionResult>('connection:test-draft', { input: silentRegistry(), testId: 'to-cancel' }, callId);
    await connected;
    expect(await call('ipc:cancel', { callId })).toEqual({ ok: true, value: { cancelled: true } });
    expect(await running).toMatchObject({ ok: true, value: { ok: false, error: { code: 'connection.cancelled' } } });
    expect(await call('ipc:cancel', { callId })).toEqual({ ok: true, value: { cancelled: false } });
  });

  it('aborts the tests in flight when the IPC registration is disposed, as on quit', async () => {
    const connected = new Promise((resolve) => silent.server.once('connection', resolve));
    const running = call<ConnectionResult>('connection:test-draft', { input: silentRegistry(), testId: 'at-quit' });
    await connected;
    ipc.dispose();
    expect(await running).toMatchObject({ ok: true, value: { ok: false, error: { code: 'connection.cancelled' } } });
  });

  it('refuses a second call with the id of one still running, which stays cancellable', async () => {
    const callId = randomUUID();
    const connected = new Promise((resolve) => silent.server.once('connection', resolve));
    const running = call<ConnectionResult>('connection:test-draft', { input: silentRegistry(), testId: 'first-of-two' }, callId);
    await connected;
    const second = await call('connection:test-draft', { input: silentRegistry(), testId: 'second-of-two' }, callId);
    expect(second).toMatchObject({ ok: false, error: { code: 'ipc.invalidRequest', fieldErrors: [{ field: 'callId', code: 'field.invalidType' }] } });
    expect(await call('ipc:cancel', { callId })).toEqual({ ok: true, value: { cancelled: true } });
    expect(await running).toMatchObject({ ok: true, value: { ok: false, error: { code: 'connection.cancelled' } } });
  });

  it('goes through the proxy HTTPS_PROXY names, unless NO_PROXY exempts the host', async () => {
    const proxied = await createConnectionServices({ network: { proxyEnv: { HTTPS_PROXY: proxy.url } } });
    const exempt = await createConnectionServices({ network: { proxyEnv: { HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1' } } });
    try {
      expect(await proxied.services.connection.testDraft(withCa(), undefined, 'proxied')).toMatchObject({ ok: true });
      const tunnels = proxy.destinations();
      expect(tunnels.length).toBeGreaterThan(0);
      expect(new Set(tunnels)).toEqual(new Set([registry.address]));
      expect(await exempt.services.connection.testDraft(withCa(), undefined, 'direct')).toMatchObject({ ok: true });
      expect(proxy.destinations()).toEqual(tunnels);
    } finally {
      await proxied.close();
      await exempt.close();
    }
  });
});

describe('the password of these runs', () => {
  it('appears in no IPC response, event, log line or settings file', async () => {
    const settings = await readFile(app.settingsFile, 'utf8');
    expect(settings).toContain('"registries"');
    const texts = [settings, JSON.stringify(responses), JSON.stringify(app.events), ...app.logLines];
    for (const text of texts) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(Buffer.from(`alice:${PASSWORD}`).toString('base64'));
    }
    expect(responses.length).toBeGreaterThan(10);
  });
});
