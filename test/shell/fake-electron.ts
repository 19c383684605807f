// A stand-in for the part of Electron's API the shell (main/index.ts, main/shell/) and electron-store
// use, for tests that start the shell in plain Node with module mocking. It records what the shell
// asks of Electron; everything behind the shell (services, keychain, settings file) stays real.
import { EventEmitter } from 'node:events';
import { join } from 'node:path';

export interface FakeElectronOptions {
  userData: string;
  /** false plays a second instance: the lock is held by another process. */
  singleInstanceLock?: boolean;
  locale?: string;
  /** What BrowserWindow#loadURL answers; resolves by default. */
  loadUrl?: (url: string) => Promise<void>;
  /** What clipboard.writeText answers (a Promise since Electron 44); resolves by default. */
  writeClipboard?: (text: string) => Promise<void>;
}

const TOP_FRAME = { processId: 7, routingId: 1 };

export class FakeWebContents extends EventEmitter {
  readonly sent: [string, unknown][] = [];
  readonly mainFrame: { processId: number; routingId: number; url: string };
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;

  constructor(url: string) {
    super();
    this.mainFrame = { ...TOP_FRAME, url };
  }

  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }

  isDestroyed(): boolean {
    return false;
  }

  /** Emits will-navigate as Electron 45 does (details object first) and tells whether it was prevented. */
  navigate(url: string): boolean {
    let prevented = false;
    const details = { url, isMainFrame: true, isSameDocument: false, preventDefault: () => (prevented = true) };
    this.emit('will-navigate', details, url, false, true, TOP_FRAME.processId, TOP_FRAME.routingId);
    return prevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly calls: string[] = [];
  readonly webContents: FakeWebContents;
  loadedUrl: string | undefined;
  private maximized = false;

  constructor(
    readonly options: Record<string, unknown>,
    private readonly electron: FakeElectron,
  ) {
    super();
    this.webContents = new FakeWebContents('');
    electron.windows.push(this);
    electron.emitApp('web-contents-created', {}, this.webContents);
  }

  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
    return this.electron.options.loadUrl?.(url) ?? Promise.resolve();
  }

  show(): void {
    this.calls.push('show');
  }
  maximize(): void {
    this.calls.push('maximize');
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isMinimized(): boolean {
    return true;
  }
  restore(): void {
    this.calls.push('restore');
  }
  focus(): void {
    this.calls.push('focus');
  }
  isDestroyed(): boolean {
    return false;
  }
  getNormalBounds() {
    return { x: 40, y: 30, width: (this.options.width as number) ?? 1200, height: (this.options.height as number) ?? 800 };
  }
}

export class FakeElectron {
  readonly windows: FakeBrowserWindow[] = [];
  readonly dialogs: { title: string; content: string }[] = [];
  readonly exits: number[] = [];
  readonly ipcHandlers = new Map<string, (event: unknown, request: unknown) => Promise<unknown>>();
  readonly clipboardWrites: string[] = [];
  readonly protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  readonly headerPolicies: ((details: { responseHeaders: Record<string, string[]> }, callback: (result: unknown) => void) => void)[] = [];
  /** The schemes the shell registered as privileged (the renderer's app://), in order. */
  readonly privilegedSchemes: string[] = [];
  quits = 0;
  /** How often the shell asked for the single-instance lock. */
  lockRequests = 0;
  private readonly appEvents = new EventEmitter();
  private markReady!: () => void;
  private readonly readyPromise = new Promise<void>((resolve) => (this.markReady = resolve));

  constructor(readonly options: FakeElectronOptions) {}

  ready(): void {
    this.markReady();
  }

  emitApp(event: string, ...args: unknown[]): void {
    this.appEvents.emit(event, ...args);
  }

  /** An IPC call as the window's own top frame makes it. */
  invoke(channel: string, request: unknown): Promise<unknown> {
    const handler = this.ipcHandlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    const window = this.windows[0];
    if (!window) throw new Error('no window');
    return handler({ sender: window.webContents, senderFrame: window.webContents.mainFrame }, request);
  }

  /** The module object `import … from 'electron'` gets. */
  module(): Record<string, unknown> {
    const app = {
      isPackaged: false,
      getPath: (name: string) => {
        if (name !== 'userData') throw new Error(`fake electron: no path ${name}`);
        return this.options.userData;
      },
      getVersion: () => '0.1.0',
      // Electron's app path in a development start: the checkout, where package.json is.
      getAppPath: () => join(import.meta.dirname, '../..'),
      getName: () => 'Registry Desk',
      getLocale: () => this.options.locale ?? 'en-US',
      requestSingleInstanceLock: () => {
        this.lockRequests += 1;
        return this.options.singleInstanceLock ?? true;
      },
      whenReady: () => this.readyPromise,
      quit: () => {
        this.quits += 1;
      },
      exit: (code: number) => {
        this.exits.push(code);
      },
      on: (event: string, listener: (...args: unknown[]) => void) => this.appEvents.on(event, listener),
      once: (event: string, listener: (...args: unknown[]) => void) => this.appEvents.once(event, listener),
    };
    const session = {
      defaultSession: {
        setPermissionRequestHandler: () => undefined,
        setPermissionCheckHandler: () => undefined,
        webRequest: { onHeadersReceived: (listener: FakeElectron['headerPolicies'][number]) => this.headerPolicies.push(listener) },
      },
    };
    const module = {
      app,
      session,
      BrowserWindow: windowClassFor(this),
      screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
      ipcMain: {
        handle: (channel: string, handler: (event: unknown, request: unknown) => Promise<unknown>) => this.ipcHandlers.set(channel, handler),
        on: () => undefined,
      },
      protocol: {
        registerSchemesAsPrivileged: (schemes: { scheme: string }[]) => this.privilegedSchemes.push(...schemes.map((entry) => entry.scheme)),
        handle: (scheme: string, handler: (request: Request) => Promise<Response>) => this.protocolHandlers.set(scheme, handler),
      },
      dialog: {
        showErrorBox: (title: string, content: string) => this.dialogs.push({ title, content }),
      },
      clipboard: {
        writeText: (text: string) => {
          this.clipboardWrites.push(text);
          return this.options.writeClipboard?.(text) ?? Promise.resolve();
        },
      },
      shell: { openExternal: async () => undefined, openPath: async () => '' },
    };
    return { ...module, default: module };
  }
}

/** `new BrowserWindow(options)` as the shell calls it, tied to the fake that records it. */
function windowClassFor(electron: FakeElectron) {
  return class extends FakeBrowserWindow {
    constructor(options: Record<string, unknown>) {
      super(options, electron);
    }
  };
}
