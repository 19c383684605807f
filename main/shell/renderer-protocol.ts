import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { protocol, type Session } from 'electron';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';
import { RENDERER_SCHEME, rendererFileFor } from './renderer-location';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
};

/** Must run before the app is ready: Chromium fixes scheme privileges at start-up. */
export function registerRendererScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: RENDERER_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves the built renderer read-only from rootDir (inside the asar when packaged), each response with the CSP. */
export function serveRenderer(rootDir: string): void {
  protocol.handle(RENDERER_SCHEME, async (request) => {
    const file = rendererFileFor(request.url, rootDir);
    if (!file || request.method !== 'GET') return new Response(null, { status: 404, headers: SECURITY_HEADERS });
    try {
      const body = await readFile(file);
      const contentType = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
      return new Response(new Uint8Array(body), { headers: { ...SECURITY_HEADERS, 'Content-Type': contentType } });
    } catch {
      return new Response(null, { status: 404, headers: SECURITY_HEADERS });
    }
  });
}

/** The CSP as a header on every response the session sees (the dev server's included), on top of the meta tag. */
export function enforceContentSecurityPolicy(target: Session, policy: string = CONTENT_SECURITY_POLICY): void {
  target.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
}
