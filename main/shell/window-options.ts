import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { WINDOW_MINIMUM, type WindowBounds } from './window-bounds';

/**
 * Everything the window's web contents may do, and nothing more. A plain module (the electron
 * import is types only) so test/unit/window-security.test.ts can pin every setting.
 */
export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  // Middle-click would open links in new windows, bypassing the window-open handler's intent.
  disableBlinkFeatures: 'Auxclick',
} as const satisfies WebPreferences;

export function mainWindowOptions(options: { preload: string; bounds: WindowBounds; packaged: boolean }): BrowserWindowConstructorOptions {
  return {
    ...options.bounds,
    minWidth: WINDOW_MINIMUM.width,
    minHeight: WINDOW_MINIMUM.height,
    title: 'Registry Desk',
    show: false,
    webPreferences: { ...WEB_PREFERENCES, preload: options.preload, devTools: !options.packaged },
  };
}

/** The only places a link in the window may lead: vendor documentation, opened in the system browser. */
export const DOCUMENTATION_ORIGINS: readonly string[] = [
  'https://docs.docker.com',
  'https://docs.aws.amazon.com',
  'https://cloud.google.com',
  'https://learn.microsoft.com',
  'https://docs.quay.io',
  'https://kubernetes.io',
];

export function isDocumentationLink(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && DOCUMENTATION_ORIGINS.includes(parsed.origin);
  } catch {
    return false;
  }
}
