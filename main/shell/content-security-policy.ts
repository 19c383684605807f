/**
 * The window's Content-Security-Policy: only the app's own scripts, styles, images and fonts;
 * no inline code, no eval, no plugins, no frames, no form posts, nothing fetched from anywhere.
 * Plain data (no electron import) so test/unit/window-security.test.ts can pin it.
 */
const DIRECTIVES: readonly (readonly [string, string])[] = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

// Browsers ignore frame-ancestors in a <meta> tag and warn about it; only the header carries it.
const HEADER_ONLY = new Set(['frame-ancestors']);

const render = (directives: readonly (readonly [string, string])[]) => directives.map(([name, value]) => `${name} ${value}`).join('; ');

/** Sent as a response header with every document and resource of the renderer. */
export const CONTENT_SECURITY_POLICY = render(DIRECTIVES);

/**
 * `npm run dev` only: Vite's React refresh needs its inline preamble, its dev server injects every
 * stylesheet as an inline <style> element, and hot reload needs a websocket back to the dev server.
 * Never used when packaged or when the built renderer is served.
 */
const DEVELOPMENT_DIRECTIVES = DIRECTIVES.map(([name, value]) => {
  if (name === 'script-src' || name === 'style-src') return [name, `${value} 'unsafe-inline'`] as const;
  if (name === 'connect-src') return [name, `${value} ws://localhost:*`] as const;
  return [name, value] as const;
});
export const DEVELOPMENT_CONTENT_SECURITY_POLICY = render(DEVELOPMENT_DIRECTIVES);

const withoutHeaderOnly = (directives: readonly (readonly [string, string])[]) => directives.filter(([name]) => !HEADER_ONLY.has(name));

/** The same policy in renderer/index.html, for the dev server and as a second line of defence. */
export const META_CONTENT_SECURITY_POLICY = render(withoutHeaderOnly(DIRECTIVES));

/** The development policy as the dev server's page carries it in its <meta> tag. */
export const DEVELOPMENT_META_CONTENT_SECURITY_POLICY = render(withoutHeaderOnly(DEVELOPMENT_DIRECTIVES));
