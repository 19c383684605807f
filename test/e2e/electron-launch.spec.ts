import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { CONTENT_SECURITY_POLICY } from '../../main/shell/content-security-policy';
import { PACKAGED_RENDERER_URL } from '../../main/shell/renderer-location';
import { translate } from '../../shared/i18n';

const PROJECT_ROOT = resolve(import.meta.dirname, '../..');

const electronDir = join(PROJECT_ROOT, 'node_modules/electron');
const electronVersion = (JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')) as { version: string }).version;

// Electron 45 downloads its binary on first use; `require('electron')` throws "Electron failed to
// install correctly" when that never happened, so look for the binary the way it does.
function installedBinary(): string | undefined {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

/** Electron itself prints its version; the tests' stand-in binary (from a local mirror) does not. */
function isElectron(binary: string): boolean {
  // As Node (ELECTRON_RUN_AS_NODE), Electron would print Node's version instead.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'ELECTRON_RUN_AS_NODE'));
  const answer = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 20_000, env });
  return answer.stdout?.trim() === `v${electronVersion}`;
}

function skipReasonFor(binary: string | undefined): string | undefined {
  if (!binary) return 'Electron binary not installed (its download is not possible on this machine); run where `npx electron --version` works';
  if (!isElectron(binary)) return `node_modules/electron/dist holds a stand-in, not Electron ${electronVersion} (it does not answer --version); remove node_modules/electron/dist and path.txt, then run \`node node_modules/electron/install.js\` where the download works`;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'No display for the Electron window; run under `xvfb-run -a`';
  return undefined;
}

const skipReason = skipReasonFor(installedBinary());
test.skip(skipReason !== undefined, skipReason);

test('the packaged main process opens the window on the registry list', async () => {
  const app = await electron.launch({
    cwd: PROJECT_ROOT,
    // Chromium refuses to start its sandbox as root, which is how CI runs; --lang pins the
    // catalogue the assertions read from.
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '--lang=en-US', '.'],
  });
  try {
    const window = await app.firstWindow();
    await expect(window).toHaveTitle(/Registry Desk/);
    await expect(window.getByRole('heading', { level: 1, name: translate('en', 'registries.title') })).toBeVisible();
    await expect(
      window.getByRole('heading', { name: translate('en', 'registries.emptyTitle') }).or(window.getByRole('table')),
    ).toBeVisible();
    await mkdir(join(PROJECT_ROOT, 'test-results/screens'), { recursive: true });
    await window.screenshot({ path: join(PROJECT_ROOT, 'test-results/screens/electron-window.png') });
  } finally {
    await app.close();
  }
});

test('the window runs locked down: web preferences, CSP header, no Node, no navigation, no new windows', async () => {
  const app = await electron.launch({
    cwd: PROJECT_ROOT,
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '--lang=en-US', '.'],
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('heading', { level: 1, name: translate('en', 'registries.title') })).toBeVisible();
    expect(window.url()).toBe(PACKAGED_RENDERER_URL);

    // The web preferences (pinned by test/unit/window-security.test.ts) as the page lives them: the
    // CSP header on its own document, no Node, nothing exposed but the one typed object.
    const header = await window.evaluate(async () => (await fetch('./index.html')).headers.get('content-security-policy'));
    expect(header).toBe(CONTENT_SECURITY_POLICY);
    expect(await window.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await window.evaluate(() => Object.keys((globalThis as unknown as { api: object }).api).sort())).toEqual(['invoke', 'on']);

    type Page = { open(url: string): unknown; location: { href: string } };
    expect(await window.evaluate(() => (globalThis as unknown as Page).open('https://example.com/') === null)).toBe(true);
    await window.evaluate(() => {
      (globalThis as unknown as Page).location.href = 'https://example.com/';
    });
    await window.waitForTimeout(500);
    expect(window.url()).toBe(PACKAGED_RENDERER_URL);
    expect(app.windows()).toHaveLength(1);
  } finally {
    await app.close();
  }
});
