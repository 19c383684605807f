import { join } from 'node:path';
import { app, clipboard, dialog, ipcMain, Notification, session, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import Store from 'electron-store';
import { AppFailure } from './app-errors/app-failure';
import { createServices } from './composition';
import { helperCommandFor, runCredentialHelper } from './credential-helper';
import { createEventSink } from './events/event-sink';
import { registerIpcHandlers } from './ipc/register';
import { createKeytarSecretStore, KEYCHAIN_SERVICE, loadKeytar } from './keychain/keytar-secret-store';
import { systemClock } from './logging/clock';
import { createFileLogger } from './logging/file-logger';
import { createStderrLogger, type Logger } from './logging/logger';
import { createRedactor, type Redactor } from './logging/redaction';
import { openRotatingLogFile, type LogFile } from './logging/rotating-log-file';
import { SETTINGS_FILE_NAME, SETTINGS_STORE_OPTIONS } from './settings/settings-file';
import { PACKAGED_RENDERER_URL } from './shell/renderer-location';
import { DEVELOPMENT_CONTENT_SECURITY_POLICY } from './shell/content-security-policy';
import { enforceContentSecurityPolicy, registerRendererScheme, serveRenderer } from './shell/renderer-protocol';
import { startupFailureText } from './shell/startup-failure';
import { isTrustedSender } from './shell/trusted-sender';
import { denyAllPermissions, lockDownWebContents } from './shell/web-contents-lockdown';
import { createMainWindow } from './shell/window';
import { electronSaveDialog } from './shell/save-dialog';
import { createWindowState } from './shell/window-state';

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

function openLog(redactor: Redactor): { logger: Logger; file: LogFile | null } {
  try {
    const file = openRotatingLogFile({ folder: join(app.getPath('userData'), 'logs') });
    const mirror = app.isPackaged ? undefined : (line: string) => process.stderr.write(`${line}\n`);
    return { logger: createFileLogger({ file, redactor, clock: systemClock, mirror }), file };
  } catch (error) {
    process.stderr.write(`registry-desk: no log file: ${(error as NodeJS.ErrnoException).code ?? 'error'}\n`);
    return { logger: createStderrLogger(redactor), file: null };
  }
}

function openSettings(): Store<Record<string, unknown>> {
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
  const redactor = createRedactor();
  const log = openLog(redactor);
  logger = log.logger;
  log.logger.info('registry desk starting', { version: app.getVersion(), packaged: app.isPackaged });
  denyAllPermissions(session.defaultSession);
  enforceContentSecurityPolicy(session.defaultSession, rendererUrl === PACKAGED_RENDERER_URL ? undefined : DEVELOPMENT_CONTENT_SECURITY_POLICY);
  serveRenderer(join(import.meta.dirname, '../renderer'));
  const services = createServices({
    settings: openSettings(),
    secrets: createKeytarSecretStore(KEYCHAIN_SERVICE, await loadKeytar()),
    clock: systemClock,
    logger: log.logger,
    redactor,
    events: createEventSink((event, payload) => mainWindow?.webContents.send(event, payload)),
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
function runHelperMode(at: number): void {
  const args = process.argv.slice(at + 1);
  const options = { args, env: process.env, dataDir: app.getPath('userData'), version: app.getVersion(), stdin: process.stdin, stdout: process.stdout };
  runCredentialHelper(options).then(
    (code) => app.exit(code),
    () => app.exit(1),
  );
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
else runHelperMode(helperFlag);
