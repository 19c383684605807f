import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { openApp } from '../e2e/harness';
import type { LatencyProxy } from '../registry-servers/latency-proxy';

const PROJECT_ROOT = resolve(import.meta.dirname, '../..');
/** The launch the e2e specs use (playwright.config.ts): the distribution's Chromium. */
const CHROMIUM = { executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'] };

/**
 * Runs in the page (test files compile without DOM types, so it is text): from the click on a
 * repository — the click event's own time, when the input reached the page — to the first frame
 * that holds a row of its tags. The row's frame is caught with requestAnimationFrame once the row
 * is in the DOM, and a message posted from there is delivered after that frame is painted.
 */
const WATCH_FIRST_TAG_ROW = `(() => {
  window.__firstTagRow = new Promise((resolve) => {
    let askedAt = null;
    document.addEventListener('click', (event) => {
      if (askedAt === null && event.target.closest('ul.browse-names button')) {
        askedAt = event.timeStamp;
        performance.mark('browse-tags-asked', { startTime: askedAt });
      }
    }, true);
    const observer = new MutationObserver(() => {
      if (askedAt === null || !document.querySelector('.browse-tag')) return;
      observer.disconnect();
      requestAnimationFrame(() => {
        const painted = new MessageChannel();
        painted.port1.onmessage = () => {
          performance.mark('browse-tags-painted');
          resolve(performance.measure('browse-first-tags', 'browse-tags-asked', 'browse-tags-painted').duration);
        };
        painted.port2.postMessage(null);
      });
    });
    observer.observe(document.body, { childList: true, subtree: true });
  });
})()`;

export interface PaintedFirstPage {
  ms: number;
  /** Requests at the proxy between the click and the paint. */
  requests: number;
  rows: number;
}

/** The registry the app shows, saved as the operator saves it. */
export interface PaintRegistry {
  name: string;
  url: string;
  username: string;
  password: string;
  caCertificate: string;
}

/**
 * The first page of a repository's tags on screen, in real Chromium with the built renderer as the
 * e2e specs run it (harness: real services and IPC): Browse → the registry → its repositories are
 * listed (the session's challenge is met there, as on a first visit) → a click on `repository`.
 * The renderer is built first, so the figure is for this tree's renderer.
 */
export async function paintFirstTagPage(proxy: LatencyProxy, registry: PaintRegistry, repository: string): Promise<PaintedFirstPage> {
  execFileSync('npx', ['electron-vite', 'build'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
  const browser = await chromium.launch(CHROMIUM);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const app = await openApp(page, {
      connectionNetwork: { systemRoots: [registry.caCertificate] },
      seed: async (services) => {
        await services.registries.create({ type: 'other', name: registry.name, url: registry.url, username: registry.username, password: registry.password, connection: 'secure-with-ca', caCertificate: registry.caCertificate });
      },
    });
    try {
      await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Browse' }).click();
      await page.getByLabel('Registry').selectOption({ label: registry.name });
      // A filter reads the catalog up to the repository: it is past the first page of names.
      const search = page.getByRole('search');
      await search.getByLabel('Filter').fill(repository);
      await search.getByRole('button', { name: 'Filter' }).click();
      const button = page.getByRole('list', { name: 'Repositories' }).getByRole('button', { name: repository, exact: true });
      await button.waitFor({ timeout: 60_000 });
      await page.evaluate(WATCH_FIRST_TAG_ROW);
      const since = proxy.mark();
      await button.click();
      const ms = await page.evaluate<number>('window.__firstTagRow');
      const requests = proxy.requests(since).length;
      const rows = await page.locator('.browse-tag').count();
      if (app.pageErrors.length > 0) throw new Error(`the renderer failed: ${app.pageErrors.map(String).join('; ')}`);
      return { ms, requests, rows };
    } finally {
      await app.close();
    }
  } finally {
    await browser.close();
  }
}
