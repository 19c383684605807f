import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The wrapper must be able to fail: the scanner itself exits 0 whatever it finds.
const WRAPPER = resolve(import.meta.dirname, 'electronegativity.mjs');
const scan = (...inputs: string[]) => spawnSync(process.execPath, [WRAPPER, ...inputs], { encoding: 'utf8', timeout: 60_000 });

describe('the electronegativity check', () => {
  it('passes the app’s own main process, preload and page', () => {
    const run = scan();
    expect(run.stdout).toMatch(/electronegativity: 0 failing/);
    expect(run.status, run.stdout + run.stderr).toBe(0);
  });

  it('fails an app that weakens the window, and names each check', () => {
    const app = mkdtempSync(join(tmpdir(), 'rd-insecure-app-'));
    mkdirSync(join(app, 'main'));
    writeFileSync(
      join(app, 'main/index.ts'),
      [
        "import { app, BrowserWindow } from 'electron';",
        'app.whenReady().then(() => {',
        '  const window = new BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: false, webSecurity: false } });',
        "  window.loadURL('http://example.com/');",
        // The scanner skips nodeIntegration in a window whose sandbox it already reported: a second window.
        '  new BrowserWindow({ webPreferences: { nodeIntegration: true } });',
        '});',
      ].join('\n'),
    );
    const run = scan(join(app, 'main'));
    expect(run.status).toBe(1);
    for (const check of ['CONTEXT_ISOLATION_JS_CHECK', 'NODE_INTEGRATION_JS_CHECK', 'SANDBOX_JS_CHECK', 'WEB_SECURITY_JS_CHECK', 'HTTP_RESOURCES_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK', 'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK', 'CSP_GLOBAL_CHECK']) {
      expect(run.stdout).toMatch(new RegExp(`FAIL\\s+${check}`));
    }
  });
});
