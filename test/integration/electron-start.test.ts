// `npm start` and `npm run dev` on a fresh copy of the project, with Electron's binary fetched by
// Electron's own installer from a local mirror (the internet is out of reach here). The zip holds a
// stand-in executable that records how it was launched, so what is proven is everything up to the
// window: the download, the checksum, the extraction, the build, and the launch of the built app.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVELOPMENT_CONTENT_SECURITY_POLICY, DEVELOPMENT_META_CONTENT_SECURITY_POLICY } from '../../main/shell/content-security-policy';
import { ELECTRON_VERSION, ELECTRON_ZIP, startElectronMirror, type ElectronMirror } from '../electron-mirror/electron-mirror';
import { freshProjectCopy } from '../electron-mirror/project-copy';
import { startConnectProxy } from '../registry-servers/connect-proxy';
import { closedPort } from '../support/closed-port';

interface Run {
  code: number | null;
  output: string;
}

let mirror: ElectronMirror;
const scratch = mkdtempSync(join(tmpdir(), 'registry-desk-electron-start-'));
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  mirror = await startElectronMirror();
});

// A project copy per case, tens of thousands of hard links each: removing them takes minutes on a loaded machine.
afterAll(async () => {
  await mirror.stop();
  for (const cleanup of cleanups) await cleanup();
  await rm(scratch, { recursive: true, force: true });
}, 300_000);

/** Variables of this test process that would change what npm, the installer or Electron do. */
const INHERITED_NOISE = /^(npm_|NPM_|ELECTRON_|electron_|HTTPS?_PROXY$|https?_proxy$|NO_PROXY$|no_proxy$|NODE_OPTIONS$|VITEST|TEST$|force_no_cache$)/;

function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !INHERITED_NOISE.test(name)));
  return { ...env, ...extra };
}

function freshCopy(): string {
  const copy = freshProjectCopy();
  cleanups.push(copy.remove);
  return copy.root;
}

function npm(root: string, script: string, env: Record<string, string>, timeoutMs = 240_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', script], { cwd: root, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`npm run ${script} did not finish in ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

function mirrorEnv(cache: string, record: string, mirrorUrl = mirror.url): Record<string, string> {
  return {
    ELECTRON_MIRROR: mirrorUrl,
    electron_use_remote_checksums: '1',
    electron_config_cache: cache,
    REGISTRY_DESK_STAND_IN_RECORD: record,
    // The progress bar would only appear after 30 s; keep the output readable either way.
    ELECTRON_GET_NO_PROGRESS: '1',
  };
}

function recorded(record: string) {
  const read = (name: string) => readFileSync(join(record, name), 'utf8');
  const env = Object.fromEntries(
    read('env')
      .split('\n')
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return { cwd: read('cwd').trim(), args: read('args').trim().split('\n'), env };
}

const newFolder = (name: string) => mkdtempSync(join(scratch, `${name}-`));

/** The failure message shape: cause, the four remedies, and no stack trace in front of the user. */
function expectClearFailure(run: Run, cause: RegExp) {
  expect(run.code, run.output).not.toBe(0);
  expect(run.output).toContain(`Registry Desk cannot start: Electron ${ELECTRON_VERSION} could not be installed.`);
  expect(run.output).toMatch(cause);
  for (const remedy of ['HTTPS_PROXY', 'ELECTRON_MIRROR=', `put ${ELECTRON_ZIP} at`, 'node node_modules/electron/install.js']) {
    expect(run.output).toContain(remedy);
  }
  expect(run.output).not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);
  expect(run.output).not.toContain('Electron uninstall');
}

// Each case builds the app and runs Electron's installer in child processes: minutes on a loaded machine.
const SLOW = { timeout: 300_000 };

describe('npm start on a fresh copy of the project', SLOW, () => {
  it('downloads Electron through its installer from the mirror, checks it, extracts it and launches the built app', async () => {
    const root = freshCopy();
    const record = join(newFolder('record'), 'start');
    const cache = newFolder('cache');
    expect(existsSync(join(root, 'node_modules/electron/path.txt'))).toBe(false);

    const run = await npm(root, 'start', mirrorEnv(cache, record));

    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain(`installing Electron ${ELECTRON_VERSION}`);
    expect(mirror.requests()).toEqual(expect.arrayContaining([`/v${ELECTRON_VERSION}/SHASUMS256.txt`, `/v${ELECTRON_VERSION}/${ELECTRON_ZIP}`]));
    expect(readFileSync(join(root, 'node_modules/electron/path.txt'), 'utf8')).toBe('electron');
    expect(existsSync(join(root, 'out/main/index.js'))).toBe(true);
    expect(existsSync(join(root, 'out/preload/index.cjs'))).toBe(true);
    expect(existsSync(join(root, 'out/renderer/index.html'))).toBe(true);
    const launch = recorded(record);
    expect(launch.cwd).toBe(root);
    expect(launch.args).toEqual(['.']);
    // The stand-in was the one electron-vite found through path.txt, in this copy's node_modules.
    expect(launch.env.ELECTRON_EXEC_PATH).toBe(join(root, 'node_modules/electron/dist/electron'));
    // The zip is now in the installer's cache, under the folder the failure message names.
    expect(existsSync(join(cache))).toBe(true);

    // The second start finds the binary installed and never asks the mirror again.
    const asked = mirror.requests().length;
    const again = await npm(root, 'start', mirrorEnv(cache, `${record}-again`));
    expect(again.code, again.output).toBe(0);
    expect(again.output).not.toContain('installing Electron');
    expect(mirror.requests()).toHaveLength(asked);
  });

  it('installs from an already cached zip when the mirror no longer serves it (the checksum is still checked)', async () => {
    const cache = newFolder('cache');
    const first = await npm(freshCopy(), 'start', mirrorEnv(cache, join(newFolder('record'), 'seed')));
    expect(first.code, first.output).toBe(0);

    mirror.setMode('checksums-only');
    try {
      const root = freshCopy();
      const record = join(newFolder('record'), 'cached');
      const asked = mirror.requests().length;
      const run = await npm(root, 'start', mirrorEnv(cache, record));
      expect(run.code, run.output).toBe(0);
      expect(recorded(record).cwd).toBe(root);
      expect(mirror.requests().slice(asked)).toEqual([`/v${ELECTRON_VERSION}/SHASUMS256.txt`]);
    } finally {
      mirror.setMode('serve');
    }
  });

  it('goes through the proxy named by HTTPS_PROXY/HTTP_PROXY', async () => {
    const proxy = await startConnectProxy();
    try {
      const root = freshCopy();
      const record = join(newFolder('record'), 'proxied');
      const run = await npm(root, 'start', { ...mirrorEnv(newFolder('cache'), record), HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url });
      expect(run.code, run.output).toBe(0);
      expect(proxy.destinations()).toContain(`127.0.0.1:${mirror.port}`);
      expect(recorded(record).args).toEqual(['.']);
    } finally {
      await proxy.stop();
    }
  });
});

describe('npm start when Electron cannot be downloaded', SLOW, () => {
  it('a mirror that answers 404: the cause, the remedies, a non-zero exit, nothing launched', async () => {
    mirror.setMode('not-found');
    try {
      const root = freshCopy();
      const record = join(newFolder('record'), 'never');
      const cache = newFolder('cache');
      const run = await npm(root, 'start', mirrorEnv(cache, record));
      expectClearFailure(run, /Cause: the download address answered 404 Not Found: http:\/\/127\.0\.0\.1:\d+\/v[\d.]+\/electron-v/);
      expect(run.output).toContain(cache);
      expect(existsSync(record)).toBe(false);
      expect(existsSync(join(root, 'node_modules/electron/path.txt'))).toBe(false);
      expect(readFileSync(join(root, 'node_modules/.cache/registry-desk/electron-install.log'), 'utf8')).toContain('HTTPError');
    } finally {
      mirror.setMode('serve');
    }
  });

  it('a zip that does not match its checksum', async () => {
    mirror.setMode('wrong-checksum');
    try {
      const run = await npm(freshCopy(), 'start', mirrorEnv(newFolder('cache'), join(newFolder('record'), 'never')));
      expectClearFailure(run, /Cause: the downloaded electron-v.+\.zip does not match its SHA-256 checksum/);
    } finally {
      mirror.setMode('serve');
    }
  });

  it('offline: the download host does not answer', async () => {
    const closed = `http://127.0.0.1:${await closedPort()}/`;
    const run = await npm(freshCopy(), 'start', mirrorEnv(newFolder('cache'), join(newFolder('record'), 'never'), closed));
    expectClearFailure(run, /Cause: 127\.0\.0\.1:\d+ refused the connection/);
  });

  it('a proxy that refuses connections', async () => {
    const deadProxy = `http://127.0.0.1:${await closedPort()}`;
    const run = await npm(freshCopy(), 'start', {
      ...mirrorEnv(newFolder('cache'), join(newFolder('record'), 'never')),
      HTTP_PROXY: deadProxy,
      HTTPS_PROXY: deadProxy,
    });
    expectClearFailure(run, /Cause: the proxy 127\.0\.0\.1:\d+ \(from the proxy variables\) cannot be reached: ECONNREFUSED/);
  });
});

describe('npm run dev on a fresh copy of the project', SLOW, () => {
  it('installs Electron, starts the dev server and launches Electron pointed at it', async () => {
    const root = freshCopy();
    const record = join(newFolder('record'), 'dev');
    const release = join(scratch, 'release-dev');
    const running = npm(root, 'dev', { ...mirrorEnv(newFolder('cache'), record), REGISTRY_DESK_STAND_IN_HOLD: release });
    try {
      await expect.poll(() => existsSync(join(record, 'env')), { timeout: 180_000, interval: 250 }).toBe(true);
      const launch = recorded(record);
      expect(launch.args).toEqual(['.']);
      const rendererUrl = launch.env.ELECTRON_RENDERER_URL;
      expect(rendererUrl).toMatch(/^http:\/\/localhost:\d+\/?$/);
      const html = await (await fetch(rendererUrl!)).text();
      expect(html).toContain(`content="${DEVELOPMENT_META_CONTENT_SECURITY_POLICY}"`);
      expect(await devPageStyling(rendererUrl!)).toEqual({ violations: [], viteStyles: true, background: 'rgb(243, 245, 248)' });
    } finally {
      writeFileSync(release, '');
    }
    const run = await running;
    expect(run.code, run.output).toBe(0);
  });
});

/**
 * Opens the dev server's page in Chromium with the development policy as the header too, as the
 * shell's session sends it: Vite injects the stylesheet as inline <style>, which must apply.
 */
async function devPageStyling(url: string) {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    try {
      return await styledPage(page, url);
    } finally {
      // A route handler may still be fetching (the icon, a late module): closing under it rejects
      // route.fetch() after the test, an unhandled rejection that fails the run. Let them finish first.
      await page.unrouteAll({ behavior: 'wait' });
    }
  } finally {
    await browser.close();
  }
}

/** Loads the page with the policy header added to every response; Vite's first compile takes a minute under load. */
async function styledPage(page: Page, url: string) {
  page.setDefaultTimeout(120_000);
  await page.route('**/*', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': DEVELOPMENT_CONTENT_SECURITY_POLICY } });
  });
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(url);
  // Page code as strings: this file compiles against Node's types, not the DOM's.
  await page.waitForFunction("document.querySelectorAll('style[data-vite-dev-id]').length > 0");
  return {
    violations,
    viteStyles: true,
    background: await page.evaluate<string>('getComputedStyle(document.body).backgroundColor'),
  };
}
