// docker-credential-registry-desk as a packaged app runs it: the launcher the "Use in docker, podman,
// helm" screen writes runs the app's own executable with --credential-helper, and that executable
// runs the main process electron-vite built (main/index.ts, helper mode). The real Electron binary
// cannot be downloaded here, so Node plays the executable with a stand-in for the `electron` module
// that records every call the app makes of it (test/support/helper-mode-electron.ts). Everything
// else is real and out of process: the built bundle, the session keychain, the settings file in
// Electron's userData folder, and the docker CLI against a docker-registry with htpasswd.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helperCommandFor } from '../../main/credential-helper';
import { installLauncher } from '../../main/credential-helper/helper-launcher';
import { NOT_FOUND } from '../../main/credential-helper/helper-protocol';
import { startDockerRegistry, type RunningDockerRegistry } from '../registry-servers/docker-registry';
import { buildOciImages, pushImage, type BuiltImages } from '../registry-servers/oci-images';
import { callHelper, giveAccessSettings, type HelperCall } from '../support/credential-helper-build';
import type { ElectronCall } from '../support/helper-mode-electron';
import { createTestWorkstation, type TestWorkstation } from '../support/import-workstation';
import { buildPackagedApp, type PackagedApp } from '../support/packaged-helper-mode';
import { createTestServices, type TestServices } from '../support/services';

// An ampersand, which Go's JSON (and so docker's helpers) writes as \u0026.
const PASSWORD = `pw&${randomBytes(6).toString('hex')}`;
const LOGIN_PASSWORD = `lena-${randomBytes(8).toString('hex')}`;
const secretsSeen: string[] = [PASSWORD, LOGIN_PASSWORD];

let app: PackagedApp;
let station: TestWorkstation;
let test: TestServices;
let launcher: string;
let dataDir: string;
let env: NodeJS.ProcessEnv;
let registry: RunningDockerRegistry;
let images: BuiltImages;
/** Processes of the executable already checked. */
const checkedRuns = new Set<number>();

beforeAll(async () => {
  [app, station] = await Promise.all([buildPackagedApp(), createTestWorkstation()]);
  // Where Electron puts the packaged app's userData on Linux with no XDG_CONFIG_HOME: ~/.config/<productName>.
  dataDir = join(station.home, '.config', 'Registry Desk');
  test = await createTestServices({ dataDir, keychainService: `registry-desk-packaged-${randomBytes(4).toString('hex')}` });
  await test.services.registries.create({ type: 'other', name: 'Team', url: 'r.example:5000', username: 'u', password: PASSWORD, connection: 'secure' });
  const localBin = join(station.home, '.local', 'bin');
  const { launcher: installed, replaced } = await installLauncher({
    home: station.home,
    platform: 'linux',
    shellPath: async () => [localBin, process.env.PATH].join(delimiter),
    command: helperCommandFor({ packaged: true, execPath: app.executable, appImage: undefined, appPath: app.appFolder }),
  });
  expect(installed).toMatchObject({ state: 'current', path: join(localBin, 'docker-credential-registry-desk'), onShellPath: true });
  expect(replaced).toBeNull();
  launcher = installed.path;
  env = {
    ...station.workstation.env,
    PATH: [localBin, station.workstation.env.PATH].join(delimiter),
    DOCKER_CONFIG: join(station.home, '.docker'),
    // The test keyring's own service: the session keyring is shared with the other test files.
    REGISTRY_DESK_KEYCHAIN_SERVICE: test.keychainService,
  };
  registry = await startDockerRegistry({ users: { lena: LOGIN_PASSWORD } });
  images = await buildOciImages({});
  await pushImage(images, 'single', { reference: `${registry.address}/team/app:1`, username: 'lena', password: LOGIN_PASSWORD });
  await mkdir(env.DOCKER_CONFIG!, { recursive: true });
  await writeFile(join(env.DOCKER_CONFIG!, 'config.json'), JSON.stringify({ credHelpers: { [registry.address]: 'registry-desk' } }, null, 2));
}, 300_000);

afterAll(async () => {
  await registry?.stop();
  await images?.remove();
  await test?.close();
  await app?.remove();
  await station?.close();
});

const helper = (action: string, stdin: string, extra: NodeJS.ProcessEnv = {}) => callHelper(launcher, action, stdin, { ...env, ...extra });

/** The data folder as files and their bytes and modification times: what "nothing written" is checked against. */
async function dataFolder(): Promise<Record<string, { bytes: string; mtimeMs: number }>> {
  const files: Record<string, { bytes: string; mtimeMs: number }> = {};
  for (const name of (await readdir(dataDir)).sort()) {
    files[name] = { bytes: (await readFile(join(dataDir, name))).toString('base64'), mtimeMs: (await stat(join(dataDir, name))).mtimeMs };
  }
  return files;
}

const settingsFile = async () => JSON.parse(await readFile(test.settingsFile, 'utf8')) as { registries: { id: string; url: string }[] } & Record<string, unknown>;
const registryAt = async (url: string) => (await test.services.registries.list()).find((record) => record.url === url);

/**
 * The packages helper mode's own code may load from node_modules: keytar and, for store and erase,
 * conf (zod is bundled into the main process). The window's (electron-store, the composition
 * root's cloud SDKs, yaml…) are not among them: a tool's call must not pay for loading the window app.
 */
const HELPER_MODE_PACKAGES = ['keytar', 'conf'];
const packagesLoaded = (calls: ElectronCall[]) => [...new Set(calls.filter(({ call }) => call === 'import').flatMap(({ args }) => args))];
const electronOnly = (calls: ElectronCall[]) => calls.filter(({ call }) => call !== 'import').map(({ call, args }) => ({ call, args }));

/**
 * Each run of the executable since the last check was helper mode only: it asked Electron for the
 * data folder and the version and exited with `codes` in order, and nothing else (no window, no
 * single-instance lock, no renderer scheme, no IPC, no dialog, no session), and loaded none of the
 * window's packages.
 */
async function expectHelperModeOnly(codes: number[]): Promise<void> {
  const runs = [...(await app.electronCalls())].filter(([pid]) => !checkedRuns.has(pid));
  const helperMode = (code: number): Omit<ElectronCall, 'pid'>[] => [
    { call: 'app.getPath', args: ['userData'] },
    { call: 'app.getVersion', args: [] },
    { call: 'app.exit', args: [code] },
  ];
  expect(runs.map(([, calls]) => electronOnly(calls))).toEqual(codes.map(helperMode));
  expect(runs.flatMap(([, calls]) => packagesLoaded(calls)).filter((name) => !HELPER_MODE_PACKAGES.includes(String(name)))).toEqual([]);
  for (const [pid] of runs) checkedRuns.add(pid);
}

/** Nothing on stderr from any run so far: no warning, no stack trace, no secret. */
async function expectQuietStderr(): Promise<void> {
  const stderr = await app.stderr();
  for (const secret of secretsSeen) expect(stderr).not.toContain(secret);
  expect(stderr).toBe('');
}

/** One line on stdout, exit 1, no stack trace, no secret. */
function expectOneLineFailure(call: HelperCall): void {
  expect(call.code).toBe(1);
  expect(call.stdout.split('\n').filter(Boolean)).toHaveLength(1);
  expect(`${call.stdout}${call.stderr}`).not.toMatch(/\n\s+at |Error:|node:internal/);
  for (const secret of secretsSeen) expect(`${call.stdout}${call.stderr}`).not.toContain(secret);
}

describe('the launcher the screen writes, for a packaged app', () => {
  it('runs the app executable with --credential-helper and every argument', async () => {
    expect(await readFile(launcher, 'utf8')).toContain(`exec '${app.executable}' '--credential-helper' "$@"`);
  });
});

describe('get, list and version: answered from the keychain, nothing written', () => {
  it('get: a stored login as docker\'s exact JSON, exit 0', async () => {
    const before = await dataFolder();
    const call = await helper('get', 'r.example:5000');
    expect(call).toEqual({ code: 0, stderr: '', stdout: `{"ServerURL":"r.example:5000","Username":"u","Secret":"${PASSWORD.replace('&', '\\u0026')}"}\n` });
    expect(await dataFolder()).toEqual(before);
    await expectHelperModeOnly([0]);
    await expectQuietStderr();
  });

  it('get: an unknown host is docker\'s "not found" line and exit 1', async () => {
    const before = await dataFolder();
    expect(await helper('get', 'nothere.example:1')).toEqual({ code: 1, stderr: '', stdout: `${NOT_FOUND}\n` });
    expect(await dataFolder()).toEqual(before);
    await expectHelperModeOnly([1]);
  });

  it('list: only the logins Registry Desk holds, without secrets', async () => {
    const before = await dataFolder();
    const call = await helper('list', '');
    expect(call.code).toBe(0);
    expect(JSON.parse(call.stdout)).toEqual({ 'r.example:5000': 'u' });
    expect(call.stdout).not.toContain(PASSWORD);
    expect(await dataFolder()).toEqual(before);
    await expectHelperModeOnly([0]);
  });

  it('version: the packaged app\'s own version', async () => {
    const before = await dataFolder();
    expect(await helper('version', '')).toEqual({ code: 0, stderr: '', stdout: `docker-credential-registry-desk (Registry Desk) ${app.version}\n` });
    expect(await dataFolder()).toEqual(before);
    await expectHelperModeOnly([0]);
    await expectQuietStderr();
  });
});

describe('bad input: one line, exit 1, no stack, no secret, nothing written', () => {
  it.each([
    ['get', ''],
    ['get', 'r.example:5000/team/app'],
    ['erase', ''],
    ['erase', 'https://r.example:5000/team'],
    ['store', ''],
    ['store', 'garbage'],
    ['store', `{"ServerURL":"r.example:5000","Username":"u","Secret":"${PASSWORD}"`],
    ['store', JSON.stringify({ ServerURL: 'x.example', Username: '', Secret: PASSWORD })],
    ['store', JSON.stringify({ ServerURL: 'bad host!', Username: 'u', Secret: PASSWORD })],
    ['bogus', ''],
  ])('%s %j', async (action, stdin) => {
    const before = await dataFolder();
    expectOneLineFailure(await helper(action, stdin));
    expect(await dataFolder()).toEqual(before);
    await expectHelperModeOnly([1]);
    await expectQuietStderr();
  });

  it('a keychain that cannot be reached (no Secret Service on the bus): one line that says so', async () => {
    const before = await dataFolder();
    const call = await helper('get', 'r.example:5000', { DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(station.home, 'no-bus')}` });
    expectOneLineFailure(call);
    expect(call.stdout).toMatch(/keychain|Secret Service|D-Bus/i);
    expect(await dataFolder()).toEqual(before);
    await expectHelperModeOnly([1]);
    await expectQuietStderr();
  });
});

describe('store and erase, as docker login and docker logout call them', () => {
  const stored: { url: string; id: string }[] = [];
  let beforeStores: Awaited<ReturnType<typeof dataFolder>>;

  it.each([
    ['https://quay.io', 'team+ci', 'quay', 'quay.io'],
    ['https://teamdesk.azurecr.io', '00000000-0000-0000-0000-000000000001', 'azure', 'teamdesk.azurecr.io'],
    ['https://index.docker.io/v1/', 'hubrobot', 'docker', 'docker.io'],
  ])('store %s creates a registry as import does: type from the host, the secret in the keychain only', async (serverUrl, username, type, url) => {
    beforeStores ??= await dataFolder();
    const before = await settingsFile();
    const secret = `s-${randomBytes(8).toString('hex')}`;
    secretsSeen.push(secret);
    expect(await helper('store', JSON.stringify({ ServerURL: serverUrl, Username: username, Secret: secret }))).toEqual({ code: 0, stderr: '', stdout: '' });
    const created = await registryAt(url);
    expect(created).toMatchObject({ type, username, addedBy: 'docker-login' });
    stored.push({ url, id: created!.id });
    expect(await test.secrets.get(`${created!.id}/password`)).toBe(secret);
    const after = await settingsFile();
    // The one record added, everything else in the file as it was.
    expect(after).toEqual({ ...before, registries: [...before.registries, after.registries.find((record) => record.id === created!.id)] });
    expect(await readFile(test.settingsFile, 'utf8')).not.toContain(secret);
    expect(Object.keys(await dataFolder())).toEqual(Object.keys(beforeStores));
    await expectHelperModeOnly([0]);
    await expectQuietStderr();
  });

  it('erase refuses a registry the operator added in Registry Desk, and writes nothing', async () => {
    const before = await dataFolder();
    const call = await helper('erase', 'r.example:5000');
    expectOneLineFailure(call);
    expect(call.stdout).toContain('not by docker login');
    expect(await registryAt('r.example:5000')).toBeDefined();
    expect(await dataFolder()).toEqual(before);
    await expectHelperModeOnly([1]);
  });

  it('erase refuses a registry store created once it has access settings in clusters, and writes nothing', async () => {
    const secret = `kept-${randomBytes(8).toString('hex')}`;
    secretsSeen.push(secret);
    expect((await helper('store', JSON.stringify({ ServerURL: 'https://kept.example', Username: 'ci', Secret: secret }))).code).toBe(0);
    const created = await registryAt('kept.example');
    expect(created).toMatchObject({ addedBy: 'docker-login' });
    giveAccessSettings(test.services.settings, created!.id, 'kept');
    const before = await dataFolder();
    const call = await helper('erase', 'kept.example');
    expectOneLineFailure(call);
    expect(call.stdout).toContain('access settings');
    expect(await registryAt('kept.example')).toMatchObject({ id: created!.id });
    expect(await test.secrets.get(`${created!.id}/password`)).toBe(secret);
    expect(await dataFolder()).toEqual(before);
    await expectHelperModeOnly([0, 1]);
    // Out of the way of the next case, which compares the whole file with how it was before any store.
    await test.services.registries.remove(created!.id);
  });

  it('erase removes what store created, with its keychain entries, and only that', async () => {
    for (const { url, id } of stored) {
      expect(await helper('erase', url === 'docker.io' ? 'https://index.docker.io/v1/' : url)).toEqual({ code: 0, stderr: '', stdout: '' });
      expect(await registryAt(url)).toBeUndefined();
      expect(await test.secrets.get(`${id}/password`)).toBeNull();
    }
    expect(await registryAt('r.example:5000')).toBeDefined();
    const after = await dataFolder();
    expect(Object.keys(after)).toEqual(Object.keys(beforeStores));
    expect(JSON.parse(Buffer.from(after['settings.json']!.bytes, 'base64').toString('utf8'))).toEqual(
      JSON.parse(Buffer.from(beforeStores['settings.json']!.bytes, 'base64').toString('utf8')),
    );
    await expectHelperModeOnly(stored.map(() => 0));
    await expectQuietStderr();
  });

  it('erase of a host Registry Desk does not hold succeeds quietly, as docker\'s own helpers do', async () => {
    const before = await dataFolder();
    expect(await helper('erase', 'gone.example')).toEqual({ code: 0, stderr: '', stdout: '' });
    expect(await dataFolder()).toEqual(before);
    await expectHelperModeOnly([0]);
  });
});

describe('the docker CLI, with config.json naming only the helper', () => {
  const docker = (args: string[], input?: string) =>
    new Promise<{ ok: boolean; output: string }>((resolve) => {
      const child = execFile('docker', args, { env, timeout: 120_000 }, (error, stdout, stderr) => resolve({ ok: !error, output: `${stdout}${stderr}` }));
      if (input !== undefined) child.stdin?.end(input);
    });

  it('docker login reaches store, docker manifest inspect reaches get, docker logout reaches erase', async () => {
    const before = await dataFolder();
    const login = await docker(['login', '--username', 'lena', '--password-stdin', registry.address], LOGIN_PASSWORD);
    expect(login.output).toContain('Login Succeeded');
    expect(login.output).not.toContain(LOGIN_PASSWORD);
    // docker reached it over plain HTTP: saved as Import saves an http:// login.
    const created = await registryAt(`http://${registry.address}`);
    expect(created).toMatchObject({ type: 'other', connection: 'insecure', username: 'lena', addedBy: 'docker-login' });
    expect(await test.secrets.get(`${created!.id}/password`)).toBe(LOGIN_PASSWORD);
    const config = await readFile(join(env.DOCKER_CONFIG!, 'config.json'), 'utf8');
    expect(config).not.toContain(LOGIN_PASSWORD);
    expect(config).not.toContain(Buffer.from(`lena:${LOGIN_PASSWORD}`).toString('base64'));

    const inspected = await docker(['manifest', 'inspect', '--insecure', `${registry.address}/team/app:1`]);
    expect(inspected.output).toContain('schemaVersion');
    expect(inspected.ok).toBe(true);

    const logout = await docker(['logout', registry.address]);
    expect(logout.output).not.toMatch(/WARNING|error/i);
    expect(await registryAt(`http://${registry.address}`)).toBeUndefined();
    expect(await test.secrets.get(`${created!.id}/password`)).toBeNull();

    const after = await dataFolder();
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(JSON.parse(Buffer.from(after['settings.json']!.bytes, 'base64').toString('utf8'))).toEqual(
      JSON.parse(Buffer.from(before['settings.json']!.bytes, 'base64').toString('utf8')),
    );
    // Every call docker made was the packaged executable in helper mode, each exiting 0.
    const runs = [...(await app.electronCalls())].filter(([pid]) => !checkedRuns.has(pid));
    expect(runs.length).toBeGreaterThanOrEqual(3);
    await expectHelperModeOnly(runs.map(() => 0));
    await expectQuietStderr();
  });
});


describe('helper mode that cannot start', () => {
  it('prints one line on stderr, no stack and no message detail, and exits 1', async () => {
    const before = await app.stderr();
    const call = await helper('get', 'r.example:5000', { REGISTRY_DESK_STAND_IN_FAIL: 'getPath' });
    expect(call).toMatchObject({ code: 1, stdout: '' });
    const printed = (await app.stderr()).slice(before.length);
    expect(printed).toBe('docker-credential-registry-desk: could not start (Error)\n');
    const runs = [...(await app.electronCalls())].filter(([pid]) => !checkedRuns.has(pid));
    expect(runs.map(([, calls]) => electronOnly(calls))).toEqual([[{ call: 'app.getPath', args: ['userData'] }, { call: 'app.exit', args: [1] }]]);
    for (const [pid] of runs) checkedRuns.add(pid);
  });
});

describe('without --credential-helper: the window app', () => {
  it('registers its scheme and takes the single-instance lock before ready, then loads its services and opens the window with the built preload', async () => {
    // A data folder of its own: the window's start writes its settings and log there, not into the helper's.
    const windowEnv = { ...env, XDG_CONFIG_HOME: join(station.home, 'window-run') };
    const started = await new Promise<{ code: number | null; output: string }>((resolve) => {
      execFile(app.executable, [], { env: windowEnv, timeout: 120_000 }, (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, output: `${stdout}${stderr}` }));
    });
    expect(started).toEqual({ code: 0, output: '' });
    const runs = [...(await app.electronCalls())].filter(([pid]) => !checkedRuns.has(pid));
    expect(runs).toHaveLength(1);
    const [pid, calls] = runs[0]!;
    checkedRuns.add(pid);
    const names = electronOnly(calls).map(({ call }) => call);
    const preload = join(app.appFolder, 'out', 'preload', 'index.cjs');
    expect(names.slice(0, 2)).toEqual(['protocol.registerSchemesAsPrivileged', 'app.requestSingleInstanceLock']);
    expect(names.indexOf('app.whenReady')).toBeGreaterThan(names.indexOf('app.requestSingleInstanceLock'));
    expect(names).not.toContain('dialog.showErrorBox');
    expect(names).toContain('ipcMain.handle');
    expect(electronOnly(calls).at(-1)).toEqual({ call: 'new BrowserWindow', args: [preload] });
    expect((await stat(preload)).isFile()).toBe(true);
    expect(packagesLoaded(calls)).toEqual(expect.arrayContaining(['electron-store', 'keytar']));
  });
});
