// The Electron shell (main/index.ts) started in plain Node against a fake of the Electron API it
// uses (module mocking), with everything behind it real: electron-store writing the settings file,
// keytar and the OS keychain, the services, the IPC registration.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServiceDependencies, Services } from '../../main/composition';
import { CHANNELS } from '../../shared/ipc-contract';
import { PACKAGED_RENDERER_URL } from '../../main/shell/renderer-location';
import { FakeElectron, type FakeElectronOptions } from '../shell/fake-electron';

const state = vi.hoisted(() => ({
  electron: undefined as FakeElectron | undefined,
  keytarFails: false,
  lifecycle: [] as string[],
}));



/**
 * keytar whose native library is missing (no libsecret): Node raises this dlopen error on import.
 * vitest wraps an error thrown by a mock factory in its own, so here it is raised when the module's
 * export is read, which loadKeytar's guard covers the same way.
 */
function unloadableNativeModule(): object {
  const failure = Object.assign(new Error('libsecret-1.so.0: cannot open shared object file: No such file or directory'), { code: 'ERR_DLOPEN_FAILED' });
  return Object.defineProperty({}, 'default', {
    enumerable: true,
    get() {
      throw failure;
    },
  });
}

function recordLifecycle(services: Services): Services {
  const record = <T extends object, K extends keyof T>(target: T, method: K, name: string) => {
    const real = target[method] as (...args: unknown[]) => unknown;
    target[method] = ((...args: unknown[]) => {
      state.lifecycle.push(name);
      return real.apply(target, args);
    }) as T[K];
  };
  record(services.clusters, 'watch', 'kubeconfig watch started');
  record(services.clusters, 'close', 'kubeconfig watch stopped');
  record(services.access, 'start', 'ECR refresh started');
  record(services.access, 'stop', 'ECR refresh stopped');
  return services;
}

let userData: string;

beforeEach(() => {
  userData = mkdtempSync(join(tmpdir(), 'rd-shell-'));
  state.keytarFails = false;
  state.lifecycle = [];
  delete process.env.ELECTRON_RENDERER_URL;
  process.env.KUBECONFIG = join(userData, 'kube', 'config');
  vi.resetModules();
});

afterEach(async () => {
  // Whatever a test started in the background stops, as on quit.
  state.electron?.emitApp('will-quit');
  rmSync(userData, { recursive: true, force: true });
});

/** Imports the shell's entry with a fresh fake, lets the app become ready, and waits for start-up to settle. */
async function startShell(options: Partial<FakeElectronOptions> = {}): Promise<FakeElectron> {
  const electron = new FakeElectron({ userData, ...options });
  state.electron = electron;
  // Registered per start (vi.doMock is not hoisted): each start gets its own fake and keytar outcome.
  vi.doMock('electron', () => electron.module());
  const keytarFails = state.keytarFails;
  vi.doMock('keytar', async (importOriginal) => (keytarFails ? unloadableNativeModule() : importOriginal()));
  // The real services, with the shell's calls to their background work written down.
  vi.doMock('../../main/composition', async (importOriginal) => {
    const original = await importOriginal<typeof import('../../main/composition')>();
    return { ...original, createServices: (deps: ServiceDependencies) => recordLifecycle(original.createServices(deps)) };
  });
  await import('../../main/index');
  electron.ready();
  await vi.waitFor(() => expect(electron.windows.length + electron.exits.length + electron.quits).toBeGreaterThan(0), { timeout: 15_000 });
  return electron;
}

const settingsFile = () => join(userData, 'settings.json');

describe('a normal start', () => {
  it('opens the window on the renderer, registers every IPC channel and starts the background work', async () => {
    const electron = await startShell();
    expect(electron.dialogs).toEqual([]);
    expect(electron.exits).toEqual([]);
    const [window] = electron.windows;
    expect(window!.loadedUrl).toBe(PACKAGED_RENDERER_URL);
    expect(window!.options).toMatchObject({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false } });
    expect((window!.options.webPreferences as { preload: string }).preload).toMatch(/preload[/\\]index\.cjs$/);
    expect([...electron.ipcHandlers.keys()].sort()).toEqual([...CHANNELS].sort());
    expect(state.lifecycle).toEqual(['kubeconfig watch started', 'ECR refresh started']);
    expect(window!.calls).toEqual([]);
    window!.emit('ready-to-show');
    expect(window!.calls).toEqual(['show']);
  });

  it('answers the window through the real services, and writes settings.json, not electron-store\'s config.json', async () => {
    const electron = await startShell();
    expect(await electron.invoke('registries:list', {})).toEqual({ ok: true, value: [] });
    expect(await electron.invoke('preferences:set', { language: 'zh-CN' })).toEqual({ ok: true, value: { language: 'zh-CN' } });
    expect(JSON.parse(readFileSync(settingsFile(), 'utf8'))).toMatchObject({ preferences: { language: 'zh-CN' } });
    expect(existsSync(join(userData, 'config.json'))).toBe(false);
  });

  it('refuses a caller that is not its own window', async () => {
    const electron = await startShell();
    const handler = electron.ipcHandlers.get('registries:list')!;
    const stranger = { sender: {}, senderFrame: { processId: 9, routingId: 9, url: PACKAGED_RENDERER_URL } };
    expect(await handler(stranger, {})).toMatchObject({ ok: false, error: { code: 'ipc.forbiddenSender' } });
  });

  it('serves the renderer from app:// with the Content-Security-Policy header', async () => {
    const electron = await startShell();
    const response = await electron.protocolHandlers.get('app')!(new Request(PACKAGED_RENDERER_URL));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await response.text()).toContain('<div id="root">');
  });
});

describe('copying the diagnostics report (Electron 44+: the clipboard is written asynchronously)', () => {
  it('reports success only once the clipboard has the text', async () => {
    let finishWrite!: () => void;
    const electron = await startShell({ writeClipboard: () => new Promise<void>((resolve) => (finishWrite = resolve)) });
    let answered = false;
    const copying = electron.invoke('diagnostics:copy-report', {}).then((answer) => {
      answered = true;
      return answer;
    });
    await vi.waitFor(() => expect(electron.clipboardWrites).toHaveLength(1), { timeout: 30_000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(answered).toBe(false);
    finishWrite();
    expect(await copying).toMatchObject({ ok: true, value: { report: expect.stringContaining('Registry Desk 0.1.0') } });
  });

  it('turns a failed write into an error the window shows, not an unhandled rejection', async () => {
    const electron = await startShell({ writeClipboard: () => Promise.reject(new Error('Clipboard is busy')) });
    expect(await electron.invoke('diagnostics:copy-report', {})).toMatchObject({
      ok: false,
      error: { code: 'diagnostics.clipboardFailed', params: { detail: 'Clipboard is busy' } },
    });
  });
});

describe('navigation', () => {
  it("lets the window reload its own page (dev full reloads) and refuses every other navigation", async () => {
    const electron = await startShell();
    const contents = electron.windows[0]!.webContents;
    expect(contents.navigate(PACKAGED_RENDERER_URL)).toBe(false);
    expect(contents.navigate('app://registry-desk/index.html#registries')).toBe(false);
    expect(contents.navigate('app://registry-desk/other.html')).toBe(true);
    expect(contents.navigate('https://example.com/')).toBe(true);
    expect(contents.navigate('https://docs.docker.com/')).toBe(true);
  });
});

describe('start-up failures: a dialog that names the cause, and an exit', () => {
  it('keytar cannot load (no libsecret on the system)', async () => {
    state.keytarFails = true;
    const electron = await startShell();
    expect(electron.exits).toEqual([1]);
    expect(electron.windows).toEqual([]);
    expect(electron.ipcHandlers.size).toBe(0);
    expect(electron.dialogs).toHaveLength(1);
    expect(electron.dialogs[0]!.content).toContain('libsecret-1.so.0: cannot open shared object file');
    expect(electron.dialogs[0]!.content).toContain('libsecret-1-0');
    expect(electron.dialogs[0]!.content).not.toMatch(/\n\s+at /);
  });

  it('keytar cannot load, said in Chinese on a Chinese system', async () => {
    state.keytarFails = true;
    const electron = await startShell({ locale: 'zh-CN' });
    expect(electron.dialogs[0]!.content).toContain('无法加载钥匙串库');
  });

  it('an unreadable settings file is named and left untouched', async () => {
    writeFileSync(settingsFile(), '{"schemaVersion": 1, "registries": [');
    const before = readFileSync(settingsFile());
    const electron = await startShell();
    expect(electron.exits).toEqual([1]);
    expect(electron.windows).toEqual([]);
    expect(electron.dialogs[0]!.content).toContain(settingsFile());
    expect(readFileSync(settingsFile()).equals(before)).toBe(true);
  });

  it('the window cannot load its page', async () => {
    const missing = Object.assign(new Error("ERR_FILE_NOT_FOUND (-6) loading 'app://registry-desk/index.html'"), { code: 'ERR_FILE_NOT_FOUND' });
    const electron = await startShell({ loadUrl: () => Promise.reject(missing) });
    await vi.waitFor(() => expect(electron.exits).toEqual([1]), { timeout: 30_000 });
    expect(electron.dialogs[0]!.content).toContain('ERR_FILE_NOT_FOUND');
    expect(electron.dialogs[0]!.content).toContain(PACKAGED_RENDERER_URL);
  });

  it('a load superseded by a reload is not a failure', async () => {
    const aborted = Object.assign(new Error("ERR_ABORTED (-3) loading 'app://registry-desk/index.html'"), { code: 'ERR_ABORTED' });
    const electron = await startShell({ loadUrl: () => Promise.reject(aborted) });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(electron.exits).toEqual([]);
    expect(electron.dialogs).toEqual([]);
  });
});

describe('a damaged settings file', () => {
  const registriesJson = () => JSON.parse(readFileSync(settingsFile(), 'utf8')) as Record<string, unknown>;

  it('drops a damaged window position and connection result, and every write still works', async () => {
    writeFileSync(
      settingsFile(),
      JSON.stringify({
        schemaVersion: 1,
        registries: [],
        preferences: { language: null },
        window: { width: 'wide', maximized: 'yes' },
        connectionResults: { nope: { verdict: 17 } },
      }),
    );
    const electron = await startShell();
    expect(electron.dialogs).toEqual([]);
    // The window opens at its default size, since the saved bounds were unreadable.
    expect(electron.windows[0]!.options).toMatchObject({ width: 1200, height: 800 });

    expect(await electron.invoke('preferences:set', { language: 'en' })).toMatchObject({ ok: true });
    const name = `shell-${randomBytes(3).toString('hex')}`;
    const created = (await electron.invoke('registries:create', {
      input: { type: 'docker', name, url: 'docker.io', username: 'operator', password: 'dckr_pat_shell', isDefault: true },
    })) as { ok: boolean; value: { id: string } };
    expect(created).toMatchObject({ ok: true });
    electron.windows[0]!.emit('close');

    const saved = registriesJson();
    expect(saved.connectionResults).toBeUndefined();
    expect(saved.window).toEqual({ x: 40, y: 30, width: 1200, height: 800, maximized: false });
    expect(saved.preferences).toEqual({ language: 'en' });
    expect(saved.registries).toEqual([expect.objectContaining({ name })]);
    expect(await electron.invoke('registries:delete', { id: created.value.id })).toMatchObject({ ok: true });
  });

  it('a registry list that cannot be read keeps the app up, says so, and writes nothing', async () => {
    writeFileSync(settingsFile(), JSON.stringify({ schemaVersion: 1, registries: [{ name: 3 }], preferences: { language: null } }));
    const before = readFileSync(settingsFile());
    const electron = await startShell();
    expect(electron.windows).toHaveLength(1);
    expect(await electron.invoke('registries:list', {})).toMatchObject({ ok: false, error: { code: 'settings.unreadable' } });
    electron.windows[0]!.emit('close');
    expect(readFileSync(settingsFile()).equals(before)).toBe(true);
  });
});

describe('the window', () => {
  it('restores a maximized window only once its page is ready, so it does not flash', async () => {
    mkdirSync(userData, { recursive: true });
    writeFileSync(
      settingsFile(),
      JSON.stringify({ schemaVersion: 1, registries: [], preferences: { language: null }, window: { x: 10, y: 10, width: 1000, height: 700, maximized: true } }),
    );
    const electron = await startShell();
    const [window] = electron.windows;
    expect(window!.calls).toEqual([]);
    window!.emit('ready-to-show');
    expect(window!.calls).toEqual(['maximize', 'show']);
  });
});

describe('one instance at a time', () => {
  it('a second instance quits before doing anything', async () => {
    const electron = await startShell({ singleInstanceLock: false });
    expect(electron.quits).toBe(1);
    expect(electron.windows).toEqual([]);
    expect(electron.ipcHandlers.size).toBe(0);
    expect(state.lifecycle).toEqual([]);
  });

  it('the first instance brings its window back when a second one starts', async () => {
    const electron = await startShell();
    electron.emitApp('second-instance');
    expect(electron.windows[0]!.calls).toEqual(['restore', 'focus']);
  });
});

describe('quitting', () => {
  it('stops the kubeconfig watcher and the ECR refresh', async () => {
    const electron = await startShell();
    electron.emitApp('will-quit');
    expect(state.lifecycle).toEqual(['kubeconfig watch started', 'ECR refresh started', 'ECR refresh stopped', 'kubeconfig watch stopped']);
  });
});
