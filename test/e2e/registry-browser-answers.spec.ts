import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { errorText } from '../../shared/i18n';
import type { Language } from '../../shared/schemas';
import { startDockerRegistry, type RunningDockerRegistry } from '../registry-servers/docker-registry';
import { startMisbehavingRegistry, type RunningMisbehavingRegistry } from '../registry-servers/misbehaving-registry';
import { buildOciImages, inspectRaw, pushImage } from '../registry-servers/oci-images';
import { addTags } from '../registry-servers/registry-seeding';
import { makeCertificateAuthority, makeServerCertificate } from '../support/fixtures';
import { expect, test } from './harness';
import { shotsInEachLanguage } from './language-widths';

/**
 * What the browser says of the answers registries give, each state in English and Chinese at 1024
 * and 1280 px: an index signed the cosign way (a `sha256-<digest>.sig` tag) with its
 * `org.opencontainers.image.*` annotations, on a real docker-registry; and on a stand-in answering
 * as real registries misbehave, a catalog refused (401) with the repository typed by name instead,
 * a manifest of a media type no client knows (whose signature and attestation the referrers API
 * lists), and a 429 whose `Retry-After` asks for an hour.
 */

const PASSWORD = `e2e-${randomBytes(8).toString('hex')}`;
const ANNOTATIONS = { 'org.opencontainers.image.source': 'https://git.example.com/team/app', 'org.opencontainers.image.version': '2.4.1' };
const ODD_MEDIA_TYPE = 'application/vnd.example.thing.v1+json';
const ca = makeCertificateAuthority();
let team: RunningDockerRegistry;
let odd: RunningMisbehavingRegistry;
let signatureTag = '';

test.beforeAll(async () => {
  const tls = makeServerCertificate(ca, { hosts: ['127.0.0.1'] });
  [team, odd] = await Promise.all([
    startDockerRegistry({ users: { alice: PASSWORD } }),
    startMisbehavingRegistry({ username: 'carol', password: PASSWORD, refuseCatalog: 401, awayOrigin: 'https://127.0.0.1:9', busyTimes: 0, tls }),
  ]);
  const images = await buildOciImages({ multi: [{ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm64' }] }, 'app', ANNOTATIONS);
  const alice = { username: 'alice', password: PASSWORD };
  try {
    await pushImage(images, 'multi', { reference: `${team.address}/team/app:multi`, ...alice });
  } finally {
    await images.remove();
  }
  const { digest } = await inspectRaw({ reference: `${team.address}/team/app:multi`, ...alice });
  // cosign's tag for a signature of the index: its digest with `:` as `-`, then `.sig`.
  signatureTag = `${digest!.replace(':', '-')}.sig`;
  await addTags({ origin: `http://${team.address}`, ...alice }, 'team/app', 'multi', [signatureTag]);
});

test.afterAll(async () => {
  await Promise.all([team?.stop(), odd?.stop()]);
});

test.use({
  appOptions: {
    seed: async (services) => {
      await services.registries.create({ type: 'other', name: 'Team registry', url: `http://${team.address}`, username: 'alice', password: PASSWORD, connection: 'insecure' });
      await services.registries.create({ type: 'other', name: 'Odd registry', url: `https://${odd.address}`, username: 'carol', password: PASSWORD, connection: 'secure-with-ca', caCertificate: ca.certificate });
    },
  },
});

/** The value beside a term of the image's facts. */
const fact = (page: Page, term: string) => page.locator('.browse-facts dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');

async function openImage(page: Page, repository: string, reference: string): Promise<void> {
  await page.getByRole('list', { name: `Tags of ${repository}` }).getByRole('button', { name: reference, exact: true }).click();
  await expect(page.getByRole('heading', { name: `${repository}:${reference}` })).toBeVisible();
}

test('a signed index with its annotations; a refused catalog, an unknown media type and an hour’s Retry-After, each said plainly', async ({ app }) => {
  const { page } = app;
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Browse' }).click();
  const registry = page.getByLabel('Registry', { exact: true });
  await registry.selectOption({ label: 'Team registry' });
  await page.getByRole('list', { name: 'Repositories' }).getByRole('button', { name: 'team/app' }).click({ timeout: 20_000 });
  await expect(page.getByRole('list', { name: 'Tags of team/app' }).getByRole('button')).toHaveText([signatureTag, 'multi'].sort(), { timeout: 20_000 });
  await openImage(page, 'team/app', 'multi');
  await expect(fact(page, 'cosign signature')).toHaveText('found', { timeout: 20_000 });
  await shotsInEachLanguage(app, 'browse-answers-01-signed-annotated', {
    // Platforms as the registry names them (os/architecture): shown as written in every language.
    operatorWords: ['linux/amd64', 'linux/arm64'],
    check: async (_language, text) => {
      await expect(fact(page, text('browse.signature'))).toHaveText(text('browse.attachment.found'));
      await expect(fact(page, text('browse.attestation'))).toHaveText(text('browse.attachment.none-found'));
      await expect(page.locator('.browse-facts dt', { hasText: text('browse.annotations') })).toBeVisible();
      // Each annotation as key=value, as the index carries it.
      for (const [key, value] of Object.entries(ANNOTATIONS)) await expect(page.locator('.browse-facts dd', { hasText: `${key}=${value}` })).toHaveCount(1);
    },
  });

  await registry.selectOption({ label: 'Odd registry' });
  const refused = (language: Language) => [errorText(language, 'browse.listingRefused', { status: 401 })];
  await expect(page.getByRole('alert').getByRole('paragraph').first()).toHaveText(refused('en'), { timeout: 20_000 });
  await shotsInEachLanguage(app, 'browse-answers-02-catalog-refused', {
    check: async (language, text) => {
      await expect(page.getByRole('alert').getByRole('paragraph')).toHaveText([...refused(language), text('browse.unavailableHint')]);
      await expect(page.getByLabel(text('browse.typeRepository'))).toBeVisible();
    },
  });

  await page.getByLabel('Repository name').fill('odd/app');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Tags of odd/app' }).getByRole('button')).toHaveText(['1'], { timeout: 20_000 });
  await openImage(page, 'odd/app', '1');
  await expect(fact(page, 'Media type')).toHaveText(ODD_MEDIA_TYPE, { timeout: 20_000 });
  await shotsInEachLanguage(app, 'browse-answers-03-unknown-media-type', {
    check: async (_language, text) => {
      await expect(fact(page, text('browse.kind'))).toHaveText(text('browse.kind.other'));
      await expect(fact(page, text('browse.mediaType'))).toHaveText(ODD_MEDIA_TYPE);
      // Found through the referrers API, which lists a signature and an attestation for this digest.
      await expect(fact(page, text('browse.signature'))).toHaveText(text('browse.attachment.found'));
      await expect(fact(page, text('browse.attestation'))).toHaveText(text('browse.attachment.found'));
    },
  });

  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await page.getByRole('button', { name: 'Back', exact: true }).click();
  await page.getByLabel('Repository name').fill('slow/app');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  const asked = (language: Language) => errorText(language, 'browse.rateLimited', { host: odd.address, seconds: 3600 });
  await expect(page.getByText(asked('en'))).toBeVisible({ timeout: 20_000 });
  await shotsInEachLanguage(app, 'browse-answers-04-retry-after', {
    check: async (language) => {
      await expect(page.getByText(asked(language))).toBeVisible();
    },
  });
  // Asked once: an hour's wait is reported, not waited out or asked again.
  expect(odd.requests().filter((line) => line.path.startsWith('/v2/slow/app/tags/list') && line.authorized)).toHaveLength(1);
});
