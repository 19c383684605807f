import { resolve, sep } from 'node:path';

/**
 * The renderer is served from its own privileged scheme rather than file://: a real origin that
 * the IPC sender check can compare exactly, and responses that can carry a CSP header
 * (webRequest never sees file:// responses).
 */
export const RENDERER_SCHEME = 'app';
export const RENDERER_HOST = 'registry-desk';
export const PACKAGED_RENDERER_URL = `${RENDERER_SCHEME}://${RENDERER_HOST}/index.html`;

function parse(url: string | undefined): URL | null {
  if (!url) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Same scheme, host and port. URL.origin cannot be used: it is "null" for non-special schemes like app:. */
export function isSameOrigin(url: string | undefined, rendererUrl: string): boolean {
  const candidate = parse(url);
  const expected = parse(rendererUrl);
  return candidate !== null && expected !== null && candidate.protocol === expected.protocol && candidate.host === expected.host;
}

/**
 * The renderer's own page, as a reload or the dev server's full reload navigates to it: same origin
 * and path (`/` and `/index.html` alike); query and fragment do not matter.
 */
export function isRendererPage(url: string | undefined, rendererUrl: string): boolean {
  const candidate = parse(url);
  const expected = parse(rendererUrl);
  const page = (target: URL) => (target.pathname === '/' || target.pathname === '' ? '/index.html' : target.pathname);
  return candidate !== null && expected !== null && isSameOrigin(url, rendererUrl) && page(candidate) === page(expected);
}

/** The file under rootDir that an app:// request names, or null for any other host or an escape attempt. */
export function rendererFileFor(requestUrl: string, rootDir: string): string | null {
  const url = parse(requestUrl);
  if (!url || url.protocol !== `${RENDERER_SCHEME}:` || url.host !== RENDERER_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const root = resolve(rootDir);
  const file = resolve(root, `.${pathname === '/' ? '/index.html' : pathname}`);
  return file.startsWith(root + sep) ? file : null;
}
