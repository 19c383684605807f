import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '../../main/shell/content-security-policy';
import { PACKAGED_RENDERER_URL, isSameOrigin, rendererFileFor } from '../../main/shell/renderer-location';
import { isTrustedSender } from '../../main/shell/trusted-sender';
import { DOCUMENTATION_ORIGINS, WEB_PREFERENCES, isDocumentationLink, mainWindowOptions } from '../../main/shell/window-options';

const ROOT = resolve(import.meta.dirname, '../..');

function directives(policy: string): Map<string, string> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')] as const;
    }),
  );
}

describe('the window web preferences', () => {
  it('are exactly the locked-down set', () => {
    expect(WEB_PREFERENCES).toEqual({
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
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('reach the window unchanged, with the preload and DevTools only outside packaged builds', () => {
    const bounds = { width: 1000, height: 700 };
    const packaged = mainWindowOptions({ preload: '/app/out/preload/index.cjs', bounds, packaged: true });
    expect(packaged.webPreferences).toEqual({ ...WEB_PREFERENCES, preload: '/app/out/preload/index.cjs', devTools: false });
    expect(packaged).toMatchObject({ width: 1000, height: 700, show: false, minWidth: 900, minHeight: 600 });
    expect(mainWindowOptions({ preload: 'p', bounds, packaged: false }).webPreferences?.devTools).toBe(true);
  });
});

describe('the Content-Security-Policy', () => {
  const header = directives(CONTENT_SECURITY_POLICY);

  it('allows only the app’s own scripts and styles and nothing else by default', () => {
    expect(header.get('default-src')).toBe("'none'");
    expect(header.get('script-src')).toBe("'self'");
    expect(header.get('style-src')).toBe("'self'");
    expect(header.get('object-src')).toBe("'none'");
    expect(header.get('base-uri')).toBe("'none'");
    expect(header.get('form-action')).toBe("'none'");
    expect(header.get('frame-ancestors')).toBe("'none'");
  });

  it('has no unsafe source, wildcard or remote origin anywhere', () => {
    for (const [name, value] of header) {
      expect(value, name).not.toMatch(/unsafe-|\*|https?:|blob:|ws:/);
    }
  });

  it('is the same policy in renderer/index.html, less the header-only frame-ancestors', () => {
    const html = readFileSync(join(ROOT, 'renderer/index.html'), 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(META_CONTENT_SECURITY_POLICY);
    const fromMeta = directives(META_CONTENT_SECURITY_POLICY);
    expect(fromMeta.has('frame-ancestors')).toBe(false);
    expect(new Map([...header].filter(([name]) => name !== 'frame-ancestors'))).toEqual(fromMeta);
  });
});

describe('links out of the window', () => {
  it('open only https documentation of the allowlisted vendors', () => {
    for (const origin of DOCUMENTATION_ORIGINS) expect(isDocumentationLink(`${origin}/some/page`), origin).toBe(true);
    for (const url of [
      'http://docs.docker.com/engine/',
      'https://docs.docker.com.evil.example/',
      'https://user:pw@docs.docker.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'app://registry-desk/index.html',
      'not a url',
    ]) {
      expect(isDocumentationLink(url), url).toBe(false);
    }
  });
});

describe('the IPC sender check', () => {
  const trusted = { fromOwnWindow: true, fromMainFrame: true, url: 'app://registry-desk/index.html' };

  it('trusts our document in our window’s top frame', () => {
    expect(isTrustedSender(trusted, PACKAGED_RENDERER_URL)).toBe(true);
    expect(isTrustedSender({ ...trusted, url: 'app://registry-desk/index.html#/diagnostics' }, PACKAGED_RENDERER_URL)).toBe(true);
    expect(isTrustedSender({ ...trusted, url: 'http://localhost:5173/' }, 'http://localhost:5173/')).toBe(true);
  });

  it('refuses another window, an iframe, a vanished frame and every other origin', () => {
    expect(isTrustedSender({ ...trusted, fromOwnWindow: false }, PACKAGED_RENDERER_URL)).toBe(false);
    expect(isTrustedSender({ ...trusted, fromMainFrame: false }, PACKAGED_RENDERER_URL)).toBe(false);
    expect(isTrustedSender({ ...trusted, url: undefined }, PACKAGED_RENDERER_URL)).toBe(false);
    for (const url of [
      'app://registry-desk.evil/index.html',
      'app://evil/index.html',
      'file:///opt/Registry%20Desk/resources/app.asar/out/renderer/index.html',
      'https://registry-desk/index.html',
      'http://localhost:5174/',
      'about:blank',
      '',
    ]) {
      expect(isTrustedSender({ ...trusted, url }, PACKAGED_RENDERER_URL), url).toBe(false);
    }
    expect(isSameOrigin('http://localhost:5173/', PACKAGED_RENDERER_URL)).toBe(false);
  });
});

describe('the app:// file server', () => {
  const root = '/opt/app/out/renderer';

  it('maps the renderer’s own URLs to files under its folder', () => {
    expect(rendererFileFor('app://registry-desk/index.html', root)).toBe(`${root}/index.html`);
    expect(rendererFileFor('app://registry-desk/', root)).toBe(`${root}/index.html`);
    expect(rendererFileFor('app://registry-desk/assets/index-abc.js?v=1', root)).toBe(`${root}/assets/index-abc.js`);
  });

  it('never resolves outside its folder, however the path is spelled', () => {
    for (const url of [
      'app://registry-desk/../../../etc/passwd',
      'app://registry-desk/%2e%2e/%2e%2e/etc/passwd',
      'app://registry-desk/assets/..%2f..%2f..%2fsecret',
      'app://registry-desk/assets/%2e%2e%5c%2e%2e%5csecret',
    ]) {
      const file = rendererFileFor(url, root);
      expect(file === null || file.startsWith(`${root}/`), `${url} -> ${file}`).toBe(true);
    }
  });

  it('serves nothing to another host, a null byte or a broken escape', () => {
    for (const url of [
      'app://registry-desk/%00index.html',
      'app://registry-desk/%E0%A4%A',
      'app://other-host/index.html',
      'file:///opt/app/out/renderer/index.html',
    ]) {
      expect(rendererFileFor(url, root), url).toBeNull();
    }
  });
});
