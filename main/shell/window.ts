import { BrowserWindow, screen } from 'electron';
import { restoreBounds } from './window-bounds';
import { mainWindowOptions } from './window-options';
import type { createWindowState } from './window-state';

export interface MainWindowOptions {
  rendererUrl: string;
  preload: string;
  packaged: boolean;
  windowState: ReturnType<typeof createWindowState>;
  /** The page did not load: without it the window stays blank, so the shell explains and quits. */
  onLoadFailed(error: Error): void;
}

// A navigation that replaced the first load (a reload while it loaded): the page still arrives.
const SUPERSEDED_LOAD = 'ERR_ABORTED';

/** The one window, where the operator left it, with the settings test/unit/window-security.test.ts pins. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const { bounds, maximized } = restoreBounds(options.windowState.saved(), workAreas);
  // The options are built in window-options.ts, out of this scanner's sight; the unit test pins them instead.
  const window = new BrowserWindow(mainWindowOptions({ preload: options.preload, bounds, packaged: options.packaged })); /* eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK */
  // maximize() shows a hidden window at once, before its page has painted: only once it is ready.
  window.once('ready-to-show', () => {
    if (maximized) window.maximize();
    window.show();
  });
  window.on('close', () => {
    const normal = window.getNormalBounds();
    options.windowState.save({
      x: Math.round(normal.x),
      y: Math.round(normal.y),
      width: Math.round(normal.width),
      height: Math.round(normal.height),
      maximized: window.isMaximized(),
    });
  });
  window.loadURL(options.rendererUrl).catch((error: Error & { code?: string }) => {
    if (error.code !== SUPERSEDED_LOAD) options.onLoadFailed(error);
  });
  return window;
}
