import { join } from 'node:path';
import { app, clipboard, dialog, ipcMain, Notification, session, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type Store from 'electron-store';
import { AppFailure } from './app-errors/app-failure';
import { helperStartFailureLine } from './app-errors/helper-start-failure';
import { systemClock } from './logging/clock';
import type { Logger } from './logging/logger';
import type { Redactor } from './logging/redaction';
import type { LogFile } from './logging/rotating-log-file';
import { PACKAGED_RENDERER_URL } from './shell/renderer-location';
import { DEVELOPMENT_CONTENT_SECURITY_POLICY } from './shell/content-security-policy';
import { enforceContentSecurityPolicy, registerRendererScheme, serveRenderer } from './shell/renderer-protocol';
import { startupFailureText } from './shell/startup-failure';
import { isTrustedSender } from './shell/trusted-sender';
import { denyAllPermissions, lockDownWebContents } from './shell/web-contents-lockdown';
import { createMainWindow } from './shell/window';
import { electronSaveDialog } from './shell/save-dialog';
import { createWindowState } from './shell/window-state';

// Only what both modes need, and the Electron shell's own small modules, are imported up front. The
// window's services (the composition root, electron-store, the keychain, the cloud SDKs behind
// them) and helper mode's code are imported once the mode is known: a tool's `get` starts the
// app's executable each time, and loading the whole window app first cost it ten times its own work.
// Paths to the preload and renderer stay computed here, from this entry file's folder, whatever
// chunk the dynamic imports land in.

// The thin Electron shell: everything that does work lives in createServices and runs in plain Node.
// A development URL from the environment is honoured only in development: a packaged app must
// never be pointed at another page that would then be trusted with IPC.
const rendererUrl = !app.isPackaged && process.env.ELECTRON_RENDERER_URL ? process.env.ELECTRON_RENDERER_URL : PACKAGED_RENDERER_URL;
let mainWindow: BrowserWindow | null = null;
let logger: Logger | undefined;

function isOwnFrame(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  const topFrame = mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents.mainFrame : null;
  return isTrustedSender(
    {
      fromOwnWindow: topFrame !== null && event.sender === mainWindow?.webContents,
      fromMainFrame: frame !== null && topFrame !== null && frame.processId === topFrame.processId && frame.routingId === topFrame.routingId,
      url: frame?.url,
    },
    rendererUrl,
  );
}

async function openLog(redactor: Redactor): Promise<{ logger: Logger; file: LogFile | null }> {
  const [{ openRotatingLogFile }, { createFileLogger }, { createStderrLogger }] = await Promise.all([
    import('./logging/rotating-log-file'),
    import('./logging/file-logger'),
    import('./logging/logger'),
  ]);
  try {
    const file = openRotatingLogFile({ folder: join(app.getPath('userData'), 'logs') });
    const mirror = app.isPackaged ? undefined : (line: string) => process.stderr.write(`${line}\n`);
    return { logger: createFileLogger({ file, redactor, clock: systemClock, mirror }), file };
  } catch (error) {
    process.stderr.write(`registry-desk: no log file: ${(error as NodeJS.ErrnoException).code ?? 'error'}\n`);
    return { logger: createStderrLogger(redactor), file: null };
  }
}

async function openSettings(): Promise<Store<Record<string, unknown>>> {
  const [{ default: Store }, { SETTINGS_FILE_NAME, SETTINGS_STORE_OPTIONS }] = await Promise.all([import('electron-store'), import('./settings/settings-file')]);
  try {
    return new Store<Record<string, unknown>>(SETTINGS_STORE_OPTIONS);
  } catch (error) {
    throw new AppFailure('settings.unreadable', {
      path: join(app.getPath('userData'), `${SETTINGS_FILE_NAME}.json`),
      detail: error instanceof Error ? error.name : 'unknown error',
    });
  }
}

/**
 * Anything that stops the start-up (keytar that cannot load, a settings file that cannot be read,
 * a page that does not load) is said in a dialog, and the app exits: a process left running without
 * a window would hold the single-instance lock and make every relaunch quit silently.
 */
function failStartup(error: unknown): void {
  const text = startupFailureText(error, app.getLocale());
  logger?.error('start-up failed', { error: error instanceof AppFailure ? error.appError.code : error instanceof Error ? error.name : typeof error });
  process.stderr.write(`registry-desk: ${text}\n`);
  dialog.showErrorBox('Registry Desk', text);
  app.exit(1);
}

async function start(): Promise<void> {
  const [{ createServices }, { createEventSink }, { registerIpcHandlers }, { createKeytarSecretStore, KEYCHAIN_SERVICE, loadKeytar }, { createRedactor }, { helperCommandFor }] =
    await Promise.all([
      import('./composition'),
      import('./events/event-sink'),
      import('./ipc/register'),
      import('./keychain/keytar-secret-store'),
      import('./logging/redaction'),
      import('./credential-helper'),
    ]);
  const redactor = createRedactor();
  const log = await openLog(redactor);
  logger = log.logger;
  log.logger.info('registry desk starting', { version: app.getVersion(), packaged: app.isPackaged });
  denyAllPermissions(session.defaultSession);
  enforceContentSecurityPolicy(session.defaultSession, rendererUrl === PACKAGED_RENDERER_URL ? undefined : DEVELOPMENT_CONTENT_SECURITY_POLICY);
  serveRenderer(join(import.meta.dirname, '../renderer'));
  const services = createServices({
    settings: await openSettings(),
    secrets: createKeytarSecretStore(KEYCHAIN_SERVICE, await loadKeytar()),
    clock: systemClock,
    logger: log.logger,
    redactor,
    events: createEventSink((event, payload) => mainWindow?.webContents.send(event, payload), log.logger),
    shell: {
      app: { name: app.getName(), version: app.getVersion(), packaged: app.isPackaged },
      log: log.file ? { folder: log.file.folder, file: log.file.path } : null,
      writeClipboard: (text) => clipboard.writeText(text),
    },
    saveDialog: electronSaveDialog(() => mainWindow),
    // The radar's notices (off unless turned on); a system without a notification centre shows none.
    notify: (notice) => {
      if (Notification.isSupported()) new Notification({ title: notice.title, body: notice.body }).show();
    },
    locale: app.getLocale(),
    // The launcher tools run: this binary (or its AppImage) in helper mode, or in a checkout the bin script that runs the Node bundle.
    helperCommand: helperCommandFor({ packaged: app.isPackaged, execPath: process.execPath, appImage: process.env.APPIMAGE, appPath: app.getAppPath() }),
  });
  // Background work lives only while the app runs: the UI says ECR refresh stops when it is closed.
  services.start();
  // Held last, so quitting aborts the calls in flight before the work they use stops.
  services.hold(registerIpcHandlers<IpcMainInvokeEvent>(ipcMain, services, { isTrustedSender: isOwnFrame, logger: log.logger }));
  app.once('will-quit', () => services.dispose());
  mainWindow = createMainWindow({
    rendererUrl,
    preload: join(import.meta.dirname, '../preload/index.cjs'),
    packaged: app.isPackaged,
    windowState: createWindowState(services.settings, log.logger),
    onLoadFailed: (error) => failStartup(new AppFailure('startup.pageFailed', { url: rendererUrl, detail: error.message.split('\n')[0]!.slice(0, 200) })),
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

/**
 * Helper mode: `<app> --credential-helper <action>` is docker-credential-registry-desk in a packaged
 * app (the RunAsNode fuse stays off). Decided before anything else: no window, no renderer scheme,
 * no single-instance lock (tools call it while the window is open), no settings written but by
 * store and erase.
 */
async function runHelperMode(at: number): Promise<void> {
  const args = process.argv.slice(at + 1);
  try {
    const { runCredentialHelper } = await import('./credential-helper');
    const options = { args, env: process.env, dataDir: app.getPath('userData'), version: app.getVersion(), stdin: process.stdin, stdout: process.stdout };
    app.exit(await runCredentialHelper(options));
  } catch (error) {
    // A tool shows this line as the helper's answer; without it docker says only "exit status 1".
    process.stderr.write(helperStartFailureLine(error), () => app.exit(1));
  }
}

/** The window app: one instance, the window, the services. */
function runApp(): void {
  registerRendererScheme();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents, rendererUrl));
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start).catch(failStartup);
}

const helperFlag = process.argv.indexOf('--credential-helper');
if (helperFlag === -1) runApp();
else void runHelperMode(helperFlag);
