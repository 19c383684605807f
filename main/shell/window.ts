import { BrowserWindow, screen } from 'electron';
import { restoreBounds } from './window-bounds';
import { mainWindowOptions } from './window-options';
import type { createWindowState } from './window-state';

export interface MainWindowOptions {
  rendererUrl: string;
  preload: string;
  packaged: boolean;
  windowState: ReturnType<typeof createWindowState>;
}

/** The one window, where the operator left it, with the settings test/unit/window-security.test.ts pins. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const { bounds, maximized } = restoreBounds(options.windowState.saved(), workAreas);
  // The options are built in window-options.ts, out of this scanner's sight; the unit test pins them instead.
  const window = new BrowserWindow(mainWindowOptions({ preload: options.preload, bounds, packaged: options.packaged })); /* eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK */
  if (maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
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
  void window.loadURL(options.rendererUrl);
  return window;
}
