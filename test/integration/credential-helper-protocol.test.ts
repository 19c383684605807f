import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCredentialHelper, callHelper, giveAccessSettings, installHelper, type BuiltHelper, type HelperCall } from '../support/credential-helper-build';
import { createTestServices, type TestServices } from '../support/services';

// docker-credential-registry-desk as a tool runs it (a launcher on PATH, the request on stdin), in
// the test keyring, side by side with Debian's docker-credential-secretservice: the same requests
// must get the same answers where the protocol fixes them.

const SECRETSERVICE = 'docker-credential-secretservice';
const NOT_FOUND = 'credentials not found in native keychain\n';
const hostPassword = `s3:cr&t<>-${randomBytes(6).toString('hex')}`;
const hubPassword = `hub-${randomBytes(8).toString('hex')}`;
const acrPassword = `acr~${randomBytes(8).toString('hex')}`;
const quayToken = `QUAY${randomBytes(16).toString('hex').toUpperCase()}`;

let built: BuiltHelper;
let folder: string;
let test: TestServices;
let helper: string;
let hostId: string;

const ours = (action: string, stdin: string, env?: NodeJS.ProcessEnv) => callHelper(helper, action, stdin, env);
const theirs = (action: string, stdin: string) => callHelper(SECRETSERVICE, action, stdin);

/** One line, no stack trace, and none of the stored secrets. */
function expectOneLineFailure(call: HelperCall): void {
  expect(call.code).toBe(1);
  expect(call.stdout.split('\n').filter(Boolean)).toHaveLength(1);
  expect(`${call.stdout}${call.stderr}`).not.toMatch(/\n\s+at |Error:|node:internal/);
  for (const secret of [hostPassword, hubPassword, acrPassword, quayToken]) expect(`${call.stdout}${call.stderr}`).not.toContain(secret);
}

beforeAll(async () => {
  built = await buildCredentialHelper();
  folder = await mkdtemp(join(tmpdir(), 'registry-desk-helper-'));
  test = await createTestServices({ dataDir: join(folder, 'data'), keychainService: `registry-desk-helper-${randomBytes(4).toString('hex')}` });
  helper = await installHelper(folder, built, { dataDir: join(folder, 'data'), keychainService: test.keychainService });
  const registries = test.services.registries;
  hostId = (await registries.create({ type: 'other', name: 'Team', url: 'r.example:5000', username: 'u', password: hostPassword, connection: 'secure' })).id;
  await registries.create({ type: 'docker', name: 'Hub', url: 'docker.io', username: 'hubuser', password: hubPassword });
  await registries.create({ type: 'azure', name: 'ACR', url: 'teamdesk.azurecr.io', username: '00000000-0000-0000-0000-00000000a11c', password: acrPassword });
  await registries.create({ type: 'quay', name: 'Quay', url: 'quay.io', username: 'team+ci', password: quayToken });
  const stored = await theirs('store', JSON.stringify({ ServerURL: 'r.example:5000', Username: 'u', Secret: hostPassword }));
  expect(stored.code).toBe(0);
}, 180_000);

afterAll(async () => {
  await theirs('erase', 'r.example:5000');
  await test?.close();
  await built?.remove();
  await rm(folder, { recursive: true, force: true });
});

describe('the protocol, beside docker-credential-secretservice', () => {
  it('answers a found login with the same bytes (Go JSON escapes, newline, exit 0)', async () => {
    const [mine, reference] = await Promise.all([ours('get', 'r.example:5000'), theirs('get', 'r.example:5000')]);
    expect(reference.stdout).toContain('\\u0026');
    expect(mine).toEqual(reference);
  });

  it('answers an unknown host with the exact "not found" line and exit 1', async () => {
    const [mine, reference] = await Promise.all([ours('get', 'nothere.example:1'), theirs('get', 'nothere.example:1')]);
    expect(reference).toMatchObject({ stdout: NOT_FOUND, code: 1 });
    expect(mine).toEqual(reference);
  });

  it('answers empty stdin as the reference does', async () => {
    const [mine, reference] = await Promise.all([ours('get', ''), theirs('get', '')]);
    expect(mine).toEqual(reference);
    expect(mine.code).toBe(1);
  });

  it('lists in the same shape: server URL → username, only the logins Registry Desk holds', async () => {
    const [mine, reference] = await Promise.all([ours('list', ''), theirs('list', '')]);
    expect(mine.code).toBe(reference.code);
    expect(JSON.parse(reference.stdout)).toEqual({ 'r.example:5000': 'u' });
    expect(JSON.parse(mine.stdout)).toEqual({
      'r.example:5000': 'u',
      'https://index.docker.io/v1/': 'hubuser',
      'teamdesk.azurecr.io': '00000000-0000-0000-0000-00000000a11c',
      'quay.io': 'team+ci',
    });
    expect(mine.stdout).not.toContain(hostPassword);
  });

  it('prints a version and an unknown action as one line', async () => {
    expect(await ours('version', '')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^docker-credential-registry-desk \(Registry Desk\) \d+\.\d+\.\d+\n$/) });
    const bogus = await ours('bogus', '');
    expectOneLineFailure(bogus);
    expect(bogus.stdout).toBe((await theirs('bogus', '')).stdout.replace(SECRETSERVICE, 'docker-credential-registry-desk'));
  });
});

describe('host matching, as docker matches', () => {
  it.each(['https://index.docker.io/v1/', 'index.docker.io', 'docker.io', 'https://docker.io/v2/', 'registry-1.docker.io', 'INDEX.DOCKER.IO'])(
    'Docker Hub as %s',
    async (serverUrl) => {
      const call = await ours('get', serverUrl);
      expect(call.code).toBe(0);
      expect(JSON.parse(call.stdout)).toEqual({ ServerURL: serverUrl, Username: 'hubuser', Secret: hubPassword });
    },
  );

  it.each(['https://r.example:5000', 'http://r.example:5000/v2/', 'R.Example:5000', 'r.example:5000/v1/'])('a host with scheme or API path ignored: %s', async (serverUrl) => {
    const call = await ours('get', serverUrl);
    expect(call.code).toBe(0);
    expect(JSON.parse(call.stdout)).toMatchObject({ Username: 'u', Secret: hostPassword });
  });

  it.each([
    ['ACR: the service principal', 'teamdesk.azurecr.io', 'https://teamdesk.azurecr.io/v2/', '00000000-0000-0000-0000-00000000a11c', () => acrPassword],
    ['Quay: the robot account', 'quay.io', 'https://quay.io', 'team+ci', () => quayToken],
  ])('%s, as stored', async (_kind, host, spelled, username, secret) => {
    for (const serverUrl of [host, spelled]) {
      const call = await ours('get', serverUrl);
      expect(call, call.stdout).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(call.stdout)).toEqual({ ServerURL: serverUrl, Username: username, Secret: secret() });
    }
    // Another tenant of the same cloud is another registry.
    expect(await ours('get', host === 'quay.io' ? 'quay.example.com' : 'otherteam.azurecr.io')).toMatchObject({ stdout: NOT_FOUND, code: 1 });
  });

  it('another port is another registry', async () => {
    expect(await ours('get', 'r.example:5001')).toMatchObject({ stdout: NOT_FOUND, code: 1 });
  });
});

describe('bad input: one line, exit 1, no stack, no secret', () => {
  it.each([
    ['get', 'r.example:5000/team/app'],
    ['get', 'not a host'],
    ['erase', 'https://r.example:5000/team'],
    ['store', 'garbage'],
    ['store', `{"ServerURL":"r.example:5000","Username":"u","Secret":"${hostPassword}"`],
    ['store', JSON.stringify({ ServerURL: '', Username: 'u', Secret: hostPassword })],
    ['store', JSON.stringify({ ServerURL: 'x.example', Username: '', Secret: hostPassword })],
    ['store', JSON.stringify({ ServerURL: 'bad host!', Username: 'u', Secret: hostPassword })],
  ])('%s %s', async (action, stdin) => {
    expectOneLineFailure(await ours(action, stdin));
  });

  it('refuses more than 256 KiB on stdin', async () => {
    const call = await ours('get', 'a'.repeat(300 * 1024));
    expectOneLineFailure(call);
    expect(call.stdout).toContain('larger than');
  });

  it('gives up on a stdin that stays open, in one line', async () => {
    const child = spawn(helper, ['get'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stdin.destroy();
    expectOneLineFailure({ stdout, stderr: '', code });
    expect(stdout).toContain('No request arrived on stdin within 10 s');
  }, 60_000);

  it('says the keychain is unreachable when there is no Secret Service', async () => {
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(folder, 'no-bus')}` };
    const call = await ours('get', 'r.example:5000', env);
    expectOneLineFailure(call);
    expect(call.stdout).toMatch(/keychain|Secret Service|D-Bus/i);
  });
});

describe('store and erase, as docker login and docker logout call them', () => {
  const login = (secret: string, server = 'new.example:5001') => JSON.stringify({ ServerURL: server, Username: 'ci', Secret: secret });
  const registryAt = async (url: string) => (await test.services.registries.list()).find((registry) => registry.url === url);

  it('store creates a registry as import does, secret in the keychain; a second store updates it', async () => {
    const first = `first-${randomBytes(6).toString('hex')}`;
    expect(await ours('store', login(first))).toEqual({ stdout: '', stderr: '', code: 0 });
    const created = await registryAt('new.example:5001');
    expect(created).toMatchObject({ type: 'other', username: 'ci', addedBy: 'docker-login', connection: 'secure' });
    expect(JSON.stringify(await import('node:fs/promises').then((fs) => fs.readFile(test.settingsFile, 'utf8')))).not.toContain(first);
    expect(await test.secrets.get(`${created!.id}/password`)).toBe(first);
    const second = `second-${randomBytes(6).toString('hex')}`;
    expect((await ours('store', login(second))).code).toBe(0);
    expect((await registryAt('new.example:5001'))?.id).toBe(created!.id);
    expect(JSON.parse((await ours('get', 'new.example:5001')).stdout)).toMatchObject({ Username: 'ci', Secret: second });
  });

  it('store of an ECR token is refused: Registry Desk mints its own', async () => {
    const refused = await ours('store', login('token', '123456789012.dkr.ecr.eu-west-1.amazonaws.com'));
    expectOneLineFailure(refused);
    expect(refused.stdout).toContain('short-lived token');
    expect(await registryAt('123456789012.dkr.ecr.eu-west-1.amazonaws.com')).toBeUndefined();
  });

  it('erase removes what store created, with its keychain entries', async () => {
    const created = await registryAt('new.example:5001');
    expect(await ours('erase', 'https://new.example:5001')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(await registryAt('new.example:5001')).toBeUndefined();
    expect(await test.secrets.get(`${created!.id}/password`)).toBeNull();
    expect(await ours('get', 'new.example:5001')).toMatchObject({ stdout: NOT_FOUND, code: 1 });
  });

  it('erase of an unknown host succeeds quietly, as the reference does', async () => {
    const [mine, reference] = await Promise.all([ours('erase', 'gone.example'), theirs('erase', 'gone.example')]);
    expect(mine).toEqual(reference);
  });

  it('erase refuses a registry the operator added in Registry Desk', async () => {
    const call = await ours('erase', 'r.example:5000');
    expectOneLineFailure(call);
    expect(call.stdout).toContain('not by docker login');
    expect(await registryAt('r.example:5000')).toMatchObject({ id: hostId });
  });

  it('erase refuses a registry store created once it has access settings', async () => {
    expect((await ours('store', login('with-access', 'kept.example'))).code).toBe(0);
    const created = await registryAt('kept.example');
    giveAccessSettings(test.services.settings, created!.id, 'kept');
    const call = await ours('erase', 'kept.example');
    expectOneLineFailure(call);
    expect(call.stdout).toContain('access settings');
    expect(await registryAt('kept.example')).toBeDefined();
  });
});

describe('store detects the registry type from the host, as import does', () => {
  // A registry of its own, so Docker Hub's store is not matched to the "Hub" registry above.
  let typed: TestServices;
  let typedHelper: string;
  let proxy: Server;
  /** What the plain-HTTP probe asked the stand-in proxy: store must never reach quay.io or Azure. */
  const proxied: string[] = [];

  beforeAll(async () => {
    // Node's own proxy support sends the probe to a local socket that answers nothing: the probe
    // fails at once, as for a host docker reached over TLS, and the test needs no network or DNS.
    proxy = createServer((socket) => {
      socket.once('data', (chunk) => {
        proxied.push(chunk.toString('latin1').split('\r\n')[0]!);
        socket.destroy();
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const address = proxy.address();
    const proxyUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const dataDir = join(folder, 'typed-data');
    typed = await createTestServices({ dataDir, keychainService: `registry-desk-typed-${randomBytes(4).toString('hex')}` });
    const bin = join(folder, 'typed-bin');
    await mkdir(bin);
    typedHelper = await installHelper(bin, built, {
      dataDir,
      keychainService: typed.keychainService,
      env: { NODE_USE_ENV_PROXY: '1', HTTPS_PROXY: proxyUrl, HTTP_PROXY: proxyUrl, NO_PROXY: '' },
    });
  });

  afterAll(async () => {
    await typed?.close();
    await new Promise((resolve) => proxy?.close(resolve));
  });

  const store = (server: string, username = 'robot') =>
    callHelper(typedHelper, 'store', JSON.stringify({ ServerURL: server, Username: username, Secret: `s-${randomBytes(6).toString('hex')}` }));
  const saved = async (url: string) => (await typed.services.registries.list()).filter((registry) => registry.url === url);

  it('quay.io becomes a Quay registry', async () => {
    expect(await store('quay.io')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(await saved('quay.io')).toEqual([expect.objectContaining({ type: 'quay', username: 'robot', addedBy: 'docker-login' })]);
    expect(proxied).toContain('CONNECT quay.io:443 HTTP/1.1');
  });

  it('<name>.azurecr.io becomes an Azure Container Registry', async () => {
    expect(await store('teamdesk.azurecr.io', '00000000-0000-0000-0000-000000000001')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(await saved('teamdesk.azurecr.io')).toEqual([expect.objectContaining({ type: 'azure', addedBy: 'docker-login' })]);
    expect(proxied).toContain('CONNECT teamdesk.azurecr.io:443 HTTP/1.1');
  });

  it('Docker Hub, in each spelling docker uses, becomes one Docker Hub registry', async () => {
    expect(await store('https://index.docker.io/v1/', 'hubrobot')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(await saved('docker.io')).toEqual([expect.objectContaining({ type: 'docker', username: 'hubrobot', addedBy: 'docker-login' })]);
    const [hub] = await saved('docker.io');
    expect(await store('docker.io', 'hubrobot')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(await store('index.docker.io', 'hubrobot')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(await saved('docker.io')).toEqual([expect.objectContaining({ id: hub!.id, type: 'docker' })]);
    // docker skips the plain-HTTP question for Docker Hub, and so does store.
    expect(proxied.filter((line) => line.includes('docker.io'))).toEqual([]);
  });
});
