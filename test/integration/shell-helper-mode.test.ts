// The packaged app's helper mode (`<app> --credential-helper <action>`): main/index.ts started in
// plain Node against the Electron fake (module mocking), as shell-startup.test.ts does, with the
// helper behind it real (keytar and the session keychain, the settings file). No Electron binary
// runs here: what this proves is the shell's branch, that it hands the real helper the right
// arguments, data folder and streams, and exits with its code without starting the window app.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HelperProcessOptions } from '../../main/credential-helper';
import { NOT_FOUND } from '../../main/credential-helper/helper-protocol';
import { FakeElectron } from '../shell/fake-electron';
import { createTestServices, type TestServices } from '../support/services';

const HOST = 'r.example:5000';
// An ampersand, which Go's JSON (and so docker's helpers) writes as \u0026.
const PASSWORD = `pw&${randomBytes(6).toString('hex')}`;

let userData: string;
let test: TestServices;
const argv = process.argv;
const settingsFile = () => join(userData, 'settings.json');

beforeAll(async () => {
  userData = mkdtempSync(join(tmpdir(), 'rd-helper-mode-'));
  test = await createTestServices({ dataDir: userData, keychainService: `registry-desk-helper-mode-${randomBytes(4).toString('hex')}` });
  await test.services.registries.create({ type: 'other', name: 'Team', url: HOST, username: 'u', password: PASSWORD, connection: 'secure' });
  expect(test.settingsFile).toBe(settingsFile());
}, 60_000);

afterAll(async () => {
  await test?.close();
  rmSync(userData, { recursive: true, force: true });
});

beforeEach(() => {
  process.env.REGISTRY_DESK_KEYCHAIN_SERVICE = test.keychainService;
  vi.resetModules();
});

afterEach(() => {
  process.argv = argv;
  delete process.env.REGISTRY_DESK_KEYCHAIN_SERVICE;
});

interface HelperRun {
  electron: FakeElectron;
  /** What runHelperMode handed the helper, before the test swapped in its own stdin and stdout. */
  handed: HelperProcessOptions;
  stdout: string;
}

/** Starts the shell as `<app> --credential-helper <action>` with `input` on stdin, and waits for app.exit. */
async function runShell(action: string, input: string): Promise<HelperRun> {
  const electron = new FakeElectron({ userData });
  vi.doMock('electron', () => electron.module());
  let handed: HelperProcessOptions | undefined;
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const written: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => written.push(chunk));
  // The real helper, with the test's streams in place of the process's (which vitest itself uses).
  vi.doMock('../../main/credential-helper', async (importOriginal) => {
    const original = await importOriginal<typeof import('../../main/credential-helper')>();
    return {
      ...original,
      runCredentialHelper: (options: HelperProcessOptions) => {
        handed = options;
        return original.runCredentialHelper({ ...options, stdin, stdout });
      },
    };
  });
  stdin.end(input);
  process.argv = [process.execPath, '/opt/Registry Desk/registry-desk', '--credential-helper', action];
  await import('../../main/index');
  await vi.waitFor(() => expect(electron.exits.length + electron.windows.length + electron.lockRequests).toBeGreaterThan(0), { timeout: 30_000 });
  return { electron, handed: handed!, stdout: Buffer.concat(written).toString('utf8') };
}

/** Nothing of the window app: no window, no lock, no renderer scheme, no dialog, no IPC, no log file. */
function expectNoWindowApp(electron: FakeElectron): void {
  expect(electron.windows).toEqual([]);
  expect(electron.lockRequests).toBe(0);
  expect(electron.privilegedSchemes).toEqual([]);
  expect(electron.protocolHandlers.size).toBe(0);
  expect(electron.ipcHandlers.size).toBe(0);
  expect(electron.dialogs).toEqual([]);
  expect(electron.quits).toBe(0);
  expect(existsSync(join(userData, 'logs'))).toBe(false);
}

describe('<app> --credential-helper', () => {
  it('get: answers a stored login with docker\'s exact JSON from the real keychain, exits 0, and writes nothing', async () => {
    const before = readFileSync(settingsFile());
    const { electron, handed, stdout } = await runShell('get', HOST);
    expect(electron.exits).toEqual([0]);
    expect(stdout).toBe(`{"ServerURL":"${HOST}","Username":"u","Secret":"${PASSWORD.replace('&', '\\u0026')}"}\n`);
    expectNoWindowApp(electron);
    expect(handed.args).toEqual(['get']);
    expect(handed.dataDir).toBe(userData);
    expect(handed.stdin).toBe(process.stdin);
    expect(handed.stdout).toBe(process.stdout);
    expect(readFileSync(settingsFile()).equals(before)).toBe(true);
  });

  it('get: an unknown host is docker\'s "not found" line and exit 1', async () => {
    const { electron, stdout } = await runShell('get', 'nothere.example:1');
    expect(electron.exits).toEqual([1]);
    expect(stdout).toBe(`${NOT_FOUND}\n`);
    expectNoWindowApp(electron);
  });

  it('list: the logins Registry Desk holds, without secrets, and the settings file untouched', async () => {
    const before = readFileSync(settingsFile());
    const { electron, stdout } = await runShell('list', '');
    expect(electron.exits).toEqual([0]);
    expect(JSON.parse(stdout)).toEqual({ [HOST]: 'u' });
    expect(stdout).not.toContain(PASSWORD);
    expectNoWindowApp(electron);
    expect(readFileSync(settingsFile()).equals(before)).toBe(true);
  });
});
