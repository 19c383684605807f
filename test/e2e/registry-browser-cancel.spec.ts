import { randomBytes } from 'node:crypto';
import { startDockerRegistry, type RunningDockerRegistry } from '../registry-servers/docker-registry';
import { startLatencyProxy, type LatencyProxy } from '../registry-servers/latency-proxy';
import { buildOciImages, pushImage } from '../registry-servers/oci-images';
import { copyToRepositories } from '../registry-servers/registry-seeding';
import { makeCertificateAuthority, makeServerCertificate } from '../support/fixtures';
import { expect, test } from './harness';
import { shotsInEachLanguage } from './language-widths';

/**
 * A long listing's progress and its Cancel, end to end: a real docker-registry of 350 repositories
 * behind a proxy that holds the catalog's later pages (`last=`) until the test lets them go, so a
 * filtered listing stops mid-way where the test can see it — no clock decides when. The progress
 * line names the pages and names read; Cancel ends the call in main (no page after it is asked),
 * and the list then says it was cancelled, never "no repository matches", which it cannot know.
 */

const PASSWORD = `e2e-${randomBytes(8).toString('hex')}`;
const REPOSITORIES = Array.from({ length: 350 }, (_, index) => `bulk/repo-${String(index).padStart(3, '0')}`);
const ca = makeCertificateAuthority();
let registry: RunningDockerRegistry;
let proxy: LatencyProxy;

test.beforeAll(async () => {
  const tls = makeServerCertificate(ca, { hosts: ['127.0.0.1'] });
  registry = await startDockerRegistry({ tls, users: { alice: PASSWORD } });
  const images = await buildOciImages({ multi: [{ os: 'linux', architecture: 'amd64' }] });
  try {
    await pushImage(images, 'single', { reference: `${registry.address}/${REPOSITORIES[0]}:1`, username: 'alice', password: PASSWORD });
  } finally {
    await images.remove();
  }
  await copyToRepositories({ origin: `https://${registry.address}`, username: 'alice', password: PASSWORD, ca: ca.certificate }, REPOSITORIES[0]!, '1', REPOSITORIES.slice(1));
  proxy = await startLatencyProxy({ upstreamPort: registry.port, ca: ca.certificate, latencyMs: 20, tls });
});

test.afterAll(async () => {
  await proxy?.stop();
  await registry?.stop();
});

test.use({
  appOptions: {
    seed: async (services) => {
      await services.registries.create({ type: 'other', name: 'Big registry', url: `https://${proxy.address}`, username: 'alice', password: PASSWORD, connection: 'secure-with-ca', caCertificate: ca.certificate });
    },
  },
});

const laterCatalogPage = (path: string) => path.startsWith('/v2/_catalog') && path.includes('last=');

test('a filtered listing shows how far it has read, and Cancel stops it in main and says it was cancelled', async ({ app }) => {
  const { page } = app;
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Browse' }).click();
  await page.getByLabel('Registry', { exact: true }).selectOption({ label: 'Big registry' });
  await expect(page.getByText('100 repositories shown', { exact: true })).toBeVisible({ timeout: 20_000 });

  // A filter no name matches reads page after page; the second is held at the proxy.
  proxy.hold(laterCatalogPage);
  await page.getByRole('search').getByLabel('Filter').fill('no-such-name');
  await page.getByRole('search').getByRole('button', { name: 'Filter' }).click();
  const reading = page.getByRole('status').filter({ hasText: 'Reading…' });
  await expect(reading).toContainText('Reading… 1 pages and 100 names read so far.', { timeout: 20_000 });
  await expect.poll(() => proxy.held()).toBe(1);
  await shotsInEachLanguage(app, 'browse-cancel-01-progress', {
    check: async (_language, text) => {
      await expect(page.getByRole('status').filter({ hasText: text('browse.progress', { pages: 1, names: 100 }) })).toBeVisible();
      await expect(page.getByRole('button', { name: text('browse.cancel') })).toBeVisible();
    },
  });

  const atCancel = proxy.mark();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('browse-cancelled')).toHaveText('Listing cancelled: the repositories read before it are shown, and the list may not be whole. Filter again to list anew.');
  await expect(reading).toHaveCount(0);
  // A cancelled read cannot know that nothing matches.
  await expect(page.getByTestId('browse-empty')).toHaveCount(0);
  await shotsInEachLanguage(app, 'browse-cancel-02-cancelled', {
    check: async (_language, text) => {
      await expect(page.getByTestId('browse-cancelled')).toHaveText(text('browse.cancelledRepositories'));
    },
  });

  // The held page goes on to the registry now; the call it belonged to is over, so nothing follows it.
  proxy.release();
  await expect.poll(() => proxy.held()).toBe(0);
  expect(proxy.requests(atCancel)).toEqual([]);
  // Listing anew: the first page again, and no later page of the cancelled call among what was asked since.
  await page.getByRole('search').getByLabel('Filter').fill('');
  await page.getByRole('search').getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByText('100 repositories shown', { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('browse-cancelled')).toHaveCount(0);
  const since = proxy.requests(atCancel).filter((line) => line.path.startsWith('/v2/_catalog'));
  expect(since.length).toBeGreaterThan(0);
  expect(since.filter((line) => laterCatalogPage(line.path))).toEqual([]);
});
