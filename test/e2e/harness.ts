import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import type { Services } from '../../main/composition';
import type { SecretStore } from '../../main/keychain/secret-store';
import { registerIpcHandlers, type IpcHandlerRegistry, type IpcSenderEvent } from '../../main/ipc/register';
import type { Result } from '../../shared/errors';
import type { Channel, RequestOf, ResponseOf } from '../../shared/ipc-contract';
import type { PluginPath } from '../../main/plugin-path/plugin-path';
import type { ConnectionNetwork } from '../../main/registry-http/connection-network';
import type { Workstation } from '../../main/registry-import/workstation';
import { createSaveDialogStandIn, type SaveDialogStandIn } from '../support/save-dialog-stand-in';
import { createRecordingLogger, createTestServices } from '../support/services';
import { startStaticServer } from './static-server';

const PROJECT_ROOT = resolve(import.meta.dirname, '../..');
const RENDERER_DIR = join(PROJECT_ROOT, 'out/renderer');
const SCREENS_DIR = join(PROJECT_ROOT, 'test-results/screens');
const BINDING = '__registryDeskInvoke';
const EMIT = '__registryDeskEmit';

type IpcListener = Parameters<IpcHandlerRegistry['handle']>[1];

const UNKNOWN_CHANNEL: Result<never> = {
  ok: false,
  error: { code: 'ipc.unknownChannel', message: 'Unknown request.' },
};

export interface OpenAppOptions {
  /** Runs before the first page load, so the app starts with this data already stored. */
  seed?: (services: Services) => Promise<void>;
  /** Replaces the session keychain, e.g. with one that fails the way an absent Secret Service does. */
  secrets?: SecretStore;
  /** The kubeconfig files main reads instead of $KUBECONFIG or ~/.kube/config. */
  kubeconfigPaths?: string[];
  /** AWS's ECR API endpoint main calls instead of the real one. */
  ecrEndpoint?: string;
  /** How main reaches registries: a test CA, `connectTo` for stand-ins of public hosts (quay.io, googleapis.com), the OS store's anchors; absent means this machine's. */
  connectionNetwork?: ConnectionNetwork;
  /** The docker/podman logins main imports from (a test's own home) and where their helpers are found. */
  workstation?: Workstation;
  pluginPath?: PluginPath;
}

export interface App {
  page: Page;
  /** The static server's origin; the only sender the IPC handlers trust. */
  origin: string;
  dataDir: string;
  settingsFile: string;
  keychainService: string;
  services: Services;
  /** Every line main logged (services and IPC), for asserting that no secret reaches the logs. */
  logLines: string[];
  /** Every IPC answer the page received, as JSON, for asserting that no secret crossed to the renderer. */
  ipcResponses: string[];
  /** Stands in for the OS save dialog (only the Electron shell has one): files land in `savedFiles`. */
  saveDialog: SaveDialogStandIn;
  savedFiles: string;
  /** Uncaught exceptions in the page; the `app` fixture fails the test when there are any. */
  pageErrors: Error[];
  /**
   * Calls `window.api.invoke` inside the page, the renderer's own path, typed by the contract
   * (test files compile without DOM types, so `window` is not available to them).
   */
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<Result<ResponseOf<C>>>;
  /**
   * Saves test-results/screens/<name>.png, the window as the operator sees it, and returns its path:
   * the whole page, or the window itself while a dialog, drawer or menu is open (see `windowShot`).
   */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Serves the built renderer to Chromium and gives it the same `window.api` the preload gives
 * the Electron window, backed by the real IPC registration (sender check and validation
 * included), the real services, a temporary data folder and the session keychain.
 */
export async function openApp(page: Page, options: OpenAppOptions = {}): Promise<App> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`${RENDERER_DIR}/index.html is missing: run \`npm run build\` first`);
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'registry-desk-e2e-'));
  // A service name of its own per app keeps tests from seeing each other's keychain entries.
  const keychainService = `registry-desk-e2e-${process.pid}-${randomBytes(6).toString('hex')}`;
  const cleanups: Array<() => Promise<void>> = [() => rm(dataDir, { recursive: true, force: true })];
  const close = async (): Promise<void> => {
    // Stop the page first so no request reaches services that are shutting down.
    if (!page.isClosed()) await page.goto('about:blank');
    const errors: unknown[] = [];
    for (const cleanup of cleanups.splice(0)) {
      try {
        await cleanup();
      } catch (error) {
        errors.push(error);
      }
    }
    if (errors.length > 0) throw new AggregateError(errors, 'Closing the test app failed');
  };

  // Beside the data folder, not in it: tests assert what the app itself writes there.
  const savedFiles = await mkdtemp(join(tmpdir(), 'registry-desk-e2e-saved-'));
  cleanups.push(() => rm(savedFiles, { recursive: true, force: true }));
  const saveDialog = createSaveDialogStandIn(savedFiles);
  const ipcResponses: string[] = [];
  try {
    const testServices = await createTestServices({
      dataDir,
      saveDialog,
      workstation: options.workstation,
      pluginPath: options.pluginPath,
      keychainService,
      secrets: options.secrets,
      kubeconfigPaths: options.kubeconfigPaths,
      ecrEndpoint: options.ecrEndpoint,
      connectionNetwork: options.connectionNetwork,
      // Like webContents.send: fire and forget into the page, which hands it to `api.on` listeners.
      onEvent: (event, payload) => {
        if (page.isClosed()) return;
        page
          .evaluate(([emit, name, body]) => (globalThis as unknown as Record<string, (n: unknown, b: unknown) => void>)[emit]?.(name, body), [EMIT, event, payload] as const)
          .catch(() => undefined);
      },
    });
    cleanups.unshift(() => testServices.close());
    const server = await startStaticServer(RENDERER_DIR);
    cleanups.unshift(() => server.close());

    const handlers = new Map<string, IpcListener>();
    const registry: IpcHandlerRegistry = {
      handle(channel, listener) {
        // ipcMain.handle throws on a second handler for a channel; keep that behaviour.
        if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
        handlers.set(channel, listener);
      },
    };
    registerIpcHandlers(
      registry,
      testServices.services,
      {
        isTrustedSender: (event: IpcSenderEvent) => originOf(event.senderFrame?.url) === server.origin,
        logger: createRecordingLogger(testServices.logLines),
      },
    );

    await page.exposeBinding(BINDING, async (source, channel: unknown, request: unknown, callId: unknown) => {
      const handler = typeof channel === 'string' ? handlers.get(channel) : undefined;
      if (!handler) return UNKNOWN_CHANNEL;
      const response = await handler({ senderFrame: { url: source.frame.url() } }, request, callId);
      ipcResponses.push(JSON.stringify(response));
      return response;
    });
    // The same shape as preload/index.ts exposes: one frozen object with `invoke`.
    await page.addInitScript(([binding, emit]) => {
      const scope = globalThis as unknown as Record<string, unknown>;
      const invoke = scope[binding] as (channel: unknown, request: unknown, callId: unknown) => Promise<unknown>;
      const listeners = new Map<string, Set<(payload: unknown) => void>>();
      scope[emit] = (event: string, payload: unknown) => listeners.get(event)?.forEach((listener) => listener(payload));
      Object.defineProperty(globalThis, 'api', {
        value: Object.freeze({
          invoke: (channel: unknown, request: unknown, callId?: unknown) => invoke(channel, request, callId),
          on(event: string, listener: (payload: unknown) => void) {
            if (!event.startsWith('event:')) throw new Error(`Not an event: ${event}`);
            const set = listeners.get(event) ?? new Set();
            listeners.set(event, set.add(listener));
            return () => set.delete(listener);
          },
        }),
        enumerable: true,
      });
    }, [BINDING, EMIT] as const);

    const pageErrors: Error[] = [];
    page.on('pageerror', (error) => pageErrors.push(error));

    await options.seed?.(testServices.services);
    await page.goto(`${server.origin}/index.html`);

    return {
      page,
      origin: server.origin,
      dataDir,
      settingsFile: testServices.settingsFile,
      keychainService,
      services: testServices.services,
      logLines: testServices.logLines,
      ipcResponses,
      saveDialog,
      savedFiles,
      pageErrors,
      invoke: <C extends Channel>(channel: C, request: RequestOf<C>) =>
        page.evaluate(
          ([pageChannel, pageRequest]) =>
            (globalThis as unknown as { api: { invoke(channel: unknown, request: unknown): Promise<unknown> } }).api.invoke(
              pageChannel,
              pageRequest,
            ),
          [channel, request] as const,
        ) as Promise<Result<ResponseOf<C>>>,
      async screenshot(name: string) {
        await mkdir(SCREENS_DIR, { recursive: true });
        const path = join(SCREENS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
        await windowShot(page, path);
        return path;
      },
      close,
    };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}

/**
 * A full-page capture draws the page taller than the window without resizing it, so what is pinned
 * to the window lands wrong: the sticky sidebar at the bottom of the picture, an overlay's backdrop
 * over the last window-height only. Without an overlay the picture is the whole page taken from its
 * top, where the sidebar stands as the window shows it; with one open it is the window itself, which
 * is what the operator sees (an overlay scrolls inside itself).
 */
/** The page's window as far as scrolling goes (test files compile without DOM types). */
interface WindowScroll {
  scrollY: number;
  scrollTo(x: number, y: number): void;
}

async function windowShot(page: Page, path: string): Promise<void> {
  const overlay = await page.locator('.dialog-backdrop, .drawer-backdrop, .action-menu').count();
  if (overlay > 0) await page.screenshot({ path });
  else {
    // Sticky at scroll 0 is where it belongs; the scroll position is put back for the test's next step.
    const scrolled = await page.evaluate(() => {
      const view = globalThis as unknown as WindowScroll;
      const y = view.scrollY;
      view.scrollTo(0, 0);
      return y;
    });
    await page.screenshot({ path, fullPage: true });
    await page.evaluate((y) => (globalThis as unknown as WindowScroll).scrollTo(0, y), scrolled);
  }
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * Playwright's `test` with an `app` fixture: the app is open on its first screen when the test
 * starts, and closed and cleaned up (keychain entries included) when it ends.
 * Seed data with `test.use({ appOptions: { seed: async (services) => … } })`.
 */
export const test = base.extend<{ appOptions: OpenAppOptions; app: App }>({
  appOptions: [{}, { option: true }],
  app: async ({ page, appOptions }, use) => {
    const app = await openApp(page, appOptions);
    try {
      await use(app);
    } finally {
      await app.close();
    }
    expect(app.pageErrors.map(String), 'uncaught errors in the renderer').toEqual([]);
  },
});

/**
 * Chooses the app's language where the app keeps that choice (Settings and about, reached from
 * the sidebar), then goes back to the screen the test was on, as it was left.
 */
export async function chooseLanguage(page: Page, language: 'en' | 'zh-CN'): Promise<void> {
  const navigation = page.getByRole('navigation');
  const current = await navigation.locator('[aria-current="page"]').getAttribute('data-screen');
  await navigation.locator('[data-screen="diagnostics"]').click();
  await page.locator('#language').selectOption(language);
  await expect(page.locator('html')).toHaveAttribute('lang', language);
  if (current && current !== 'diagnostics') await navigation.locator(`[data-screen="${current}"]`).click();
}

export { expect };
