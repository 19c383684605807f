import { shell, type Session, type WebContents } from 'electron';
import { isRendererPage } from './renderer-location';
import { isDocumentationLink } from './window-options';

function openDocumentation(url: string): void {
  if (isDocumentationLink(url)) void shell.openExternal(url);
}

/**
 * Applied to every web contents the app ever creates: it never navigates away from the app (a
 * reload of its own page is not away), never opens a window of its own, never hosts a <webview>.
 * Documentation links go to the system browser.
 */
export function lockDownWebContents(contents: WebContents, rendererUrl: string): void {
  contents.on('will-navigate', (event) => {
    if (isRendererPage(event.url, rendererUrl)) return;
    event.preventDefault();
    openDocumentation(event.url);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openDocumentation(url);
    return { action: 'deny' };
  });
}

/** The window needs no camera, notification, clipboard, geolocation… permission: every request and check is refused. */
export function denyAllPermissions(target: Session): void {
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
}
