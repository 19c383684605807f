import { app, dialog, ipcMain, type BrowserWindow } from 'electron';
import Store from 'electron-store';
import { AppFailure } from './app-errors/app-failure';
import { createServices } from './composition';
import { createEventSink } from './events/event-sink';
import { registerIpcHandlers, type IpcSenderEvent } from './ipc/register';
import { createKeytarSecretStore } from './keychain/keytar-secret-store';
import { systemClock } from './logging/clock';
import { createStderrLogger } from './logging/logger';
import { SETTINGS_STORE_OPTIONS } from './settings/settings-file';
import { createMainWindow } from './shell/window';

// The thin Electron shell: everything that does work lives in createServices and runs in plain Node.
const KEYCHAIN_SERVICE = 'Registry Desk';
const logger = createStderrLogger();
let mainWindow: BrowserWindow | null = null;

function isOwnWindow(event: IpcSenderEvent): boolean {
  const url = event.senderFrame?.url;
  if (!url || !mainWindow) return false;
  const expected = process.env.ELECTRON_RENDERER_URL;
  return expected ? url.startsWith(expected) : url.startsWith('file://') && url.endsWith('/renderer/index.html');
}

function openSettings(): Store<Record<string, unknown>> {
  try {
    return new Store<Record<string, unknown>>(SETTINGS_STORE_OPTIONS);
  } catch (error) {
    const failure = new AppFailure('settings.unreadable', {
      path: `${app.getPath('userData')}/settings.json`,
      detail: error instanceof Error ? error.name : 'unknown error',
    });
    dialog.showErrorBox('Registry Desk', failure.message);
    app.exit(1);
    throw failure;
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => mainWindow?.focus());
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(() => {
    const services = createServices({
      settings: openSettings(),
      secrets: createKeytarSecretStore(KEYCHAIN_SERVICE),
      clock: systemClock,
      logger,
      events: createEventSink((event, payload) => mainWindow?.webContents.send(event, payload)),
    });
    registerIpcHandlers(ipcMain, services, { isTrustedSender: isOwnWindow, logger });
    mainWindow = createMainWindow(process.env.ELECTRON_RENDERER_URL);
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
  });
}
