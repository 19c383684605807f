import { randomBytes } from 'node:crypto';
import { startArtifactRegistryApi, type ArImage, type RunningArtifactRegistryApi } from '../registry-servers/artifact-registry-api';
import { startGoogleTokenEndpoint, type RunningGoogleTokenEndpoint } from '../registry-servers/google-token-endpoint';
import { startQuayApi, type QuayRepository, type RunningQuayApi } from '../registry-servers/quay-api';
import { makeCertificateAuthority, makeServerCertificate, makeServiceAccountKey } from '../support/fixtures';
import { expectReadableInChinese } from './chinese-problems';
import { chooseLanguage, expect, test } from './harness';

/**
 * The registry browser through the listing APIs of registries that cannot run here, end to end in
 * English and Chinese with screenshots: Artifact Registry's REST API with the token minted from the
 * saved JSON key (images as pulls name them, tags with upload times), and Quay's API where its
 * catalog is refused — public repositories only for a robot, said so — after a 429 whose wait the
 * screen shows.
 */

const PROJECT = 'shop-prod';
const LOCATION = 'europe-west1';
const CLIENT_EMAIL = `browser@${PROJECT}.iam.gserviceaccount.com`;
const ROBOT_TOKEN = randomBytes(32).toString('hex').toUpperCase();
const uploaded = (day: number) => new Date(Date.UTC(2026, 10, day, 9, 30)).toISOString();
const image = (name: string, index: number, tags: string[]): ArImage => ({
  image: name,
  digest: `sha256:${randomBytes(32).toString('hex')}`,
  tags,
  size: 40_000_000 + index,
  uploadTime: uploaded(index + 1),
  mediaType: 'application/vnd.oci.image.index.v1+json',
});
const QUAY: QuayRepository[] = ['api', 'billing', 'frontend', 'worker'].flatMap((name, index) => [
  { namespace: 'acme', name, isPublic: true, tags: [{ name: `1.${index}`, startTs: 1_780_000_000 + index * 3600 }] },
  { namespace: 'acme', name: `${name}-internal`, isPublic: false, tags: [{ name: '1', startTs: 1_780_000_000 }] },
]);

let google: RunningGoogleTokenEndpoint;
let ar: RunningArtifactRegistryApi;
let quay: RunningQuayApi;
const ca = makeCertificateAuthority();
let key = '';

test.beforeAll(async () => {
  const tls = makeServerCertificate(ca, { hosts: ['artifactregistry.googleapis.com', 'quay.io'] });
  const rawKey = makeServiceAccountKey({ client_email: CLIENT_EMAIL, project_id: PROJECT });
  google = await startGoogleTokenEndpoint({ accounts: [{ clientEmail: CLIENT_EMAIL, privateKey: (JSON.parse(rawKey) as { private_key: string }).private_key }] });
  key = JSON.stringify({ ...(JSON.parse(rawKey) as object), token_uri: google.tokenUri });
  ar = await startArtifactRegistryApi({
    project: PROJECT,
    location: LOCATION,
    repositories: {
      apps: { format: 'DOCKER', images: [image('checkout', 0, ['2.4.1', 'latest']), image('checkout', 1, ['2.4.0']), image('search/indexer', 2, ['7'])] },
      base: { format: 'DOCKER', images: [image('debian', 3, ['12-slim'])] },
      libs: { format: 'MAVEN', images: [] },
    },
    acceptsToken: (token) => google.issuedTo(token) === CLIENT_EMAIL,
    tls,
  });
  quay = await startQuayApi({ repositories: QUAY, oauthTokens: {}, logins: { 'acme+ci': ROBOT_TOKEN }, tls });
});

test.afterAll(async () => {
  await Promise.all([google?.stop(), ar?.stop(), quay?.stop()]);
});

test.use({
  appOptions: {
    connectionNetwork: {
      systemRoots: [ca.certificate],
      connectTo: (host) => (host === 'quay.io' ? { host: '127.0.0.1', port: quay.port } : host === 'artifactregistry.googleapis.com' ? { host: '127.0.0.1', port: ar.port } : undefined),
    },
    seed: async (services) => {
      await services.registries.create({ type: 'artifact-registry', name: 'Shop images', url: `${LOCATION}-docker.pkg.dev`, username: '_json_key', serviceAccountJson: key });
      await services.registries.create({ type: 'quay', name: 'Quay (acme robot)', url: 'quay.io', username: 'acme+ci', password: ROBOT_TOKEN });
    },
  },
});

/** The registries and their repositories: shown as written in Chinese too. */
const BROWSE_WORDS = ['Quay', 'GCP Artifacts', 'quay.io', 'europe-west1-docker.pkg.dev'];

test('Artifact Registry’s images and tags with upload times; Quay’s public repositories after waiting out its 429', async ({ app }) => {
  const { page } = app;
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Browse' }).click();
  await page.getByLabel('Registry').selectOption({ label: 'Shop images' });
  const repositories = page.getByRole('list', { name: 'Repositories' });
  await expect(repositories.getByRole('button')).toHaveText([`${PROJECT}/apps/checkout`, `${PROJECT}/apps/search/indexer`, `${PROJECT}/base/debian`], { timeout: 20_000 });
  await app.screenshot('browse-apis-01-artifact-registry-en');
  await repositories.getByRole('button', { name: `${PROJECT}/apps/checkout` }).click();
  await expect(page.getByText('3 tags shown')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('button', { name: '2.4.1', exact: true })).toBeVisible();
  // Newest first through the API's orderBy on the image's own versions: 2.4.0 was uploaded a day after 2.4.1 and latest.
  await page.getByLabel('Order', { exact: true }).selectOption({ label: 'Newest first' });
  const tags = page.getByRole('list', { name: `Tags of ${PROJECT}/apps/checkout` });
  await expect(tags.getByRole('button')).toHaveText(['2.4.0', '2.4.1', 'latest'], { timeout: 20_000 });
  expect(ar.requests().some((request) => new URL(request.path, 'https://x').pathname.endsWith('/packages/checkout/versions') && new URL(request.path, 'https://x').searchParams.get('orderBy') === 'create_time desc')).toBe(true);
  await expect(page.getByText('Sorted within the')).toHaveCount(0);
  await app.screenshot('browse-apis-02-artifact-registry-tags-en');
  await page.setViewportSize({ width: 1024, height: 768 });
  await app.screenshot('browse-apis-02-artifact-registry-tags-en-1024');
  await page.setViewportSize({ width: 1280, height: 720 });

  quay.throttle(1, 4);
  await page.getByLabel('Registry').selectOption({ label: 'Quay (acme robot)' });
  await expect(page.getByRole('status')).toHaveText(/Waiting 4 s: quay\.io asked us to slow down \(HTTP 429\)…/, { timeout: 20_000 });
  await app.screenshot('browse-apis-03-quay-waiting-en');
  await expect(repositories.getByRole('button')).toHaveText(['acme/api', 'acme/billing', 'acme/frontend', 'acme/worker'], { timeout: 20_000 });
  await expect(page.getByText('Quay lists only the public repositories of this namespace')).toBeVisible();
  await app.screenshot('browse-apis-04-quay-public-en');
  expect(app.logLines.join('\n')).not.toContain(ROBOT_TOKEN);
  expect(app.ipcResponses.join('\n')).not.toContain(ROBOT_TOKEN);
});

test('in Simplified Chinese: the wait the registry asked for, and Quay’s public-only listing', async ({ app }) => {
  const { page } = app;
  await chooseLanguage(page, 'zh-CN');
  await page.getByRole('navigation').getByRole('button', { name: '浏览' }).click();
  quay.throttle(1, 4);
  await page.getByLabel('注册表', { exact: true }).selectOption({ label: 'Quay (acme robot)' });
  await expect(page.getByRole('status')).toHaveText(/等待 4 秒：quay\.io 要求放慢请求（HTTP 429）…/, { timeout: 20_000 });
  await expectReadableInChinese(page, 'browse-apis-zh-01-quay-waiting', BROWSE_WORDS);
  await app.screenshot('browse-apis-zh-01-quay-waiting');
  await expect(page.getByRole('list', { name: '仓库' }).getByRole('button')).toHaveCount(4, { timeout: 20_000 });
  await expect(page.getByText('没有 OAuth 应用令牌时，Quay 只列出此命名空间的公开仓库')).toBeVisible();
  await expectReadableInChinese(page, 'browse-apis-zh-02-quay-public', BROWSE_WORDS);
  await app.screenshot('browse-apis-zh-02-quay-public');
  await page.setViewportSize({ width: 1024, height: 768 });
  await expectReadableInChinese(page, 'browse-apis-zh-02-quay-public-1024', BROWSE_WORDS);
  await app.screenshot('browse-apis-zh-02-quay-public-1024');
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByLabel('注册表', { exact: true }).selectOption({ label: 'Shop images' });
  await expect(page.getByRole('list', { name: '仓库' }).getByRole('button')).toHaveCount(3, { timeout: 20_000 });
  await expectReadableInChinese(page, 'browse-apis-zh-03-artifact-registry', BROWSE_WORDS);
  await app.screenshot('browse-apis-zh-03-artifact-registry');
  await page.getByRole('list', { name: '仓库' }).getByRole('button', { name: `${PROJECT}/apps/checkout` }).click();
  await expect(page.getByText('已显示 3 个标签')).toBeVisible({ timeout: 20_000 });
  await page.getByLabel('排序', { exact: true }).selectOption({ label: '最新优先' });
  await expect(page.getByRole('list', { name: `${PROJECT}/apps/checkout 的标签` }).getByRole('button')).toHaveText(['2.4.0', '2.4.1', 'latest'], { timeout: 20_000 });
  expect(await page.locator('main').innerText()).not.toContain('密钥');
  await expectReadableInChinese(page, 'browse-apis-zh-04-artifact-registry-newest-first', BROWSE_WORDS);
  await app.screenshot('browse-apis-zh-04-artifact-registry-newest-first');
  await page.setViewportSize({ width: 1024, height: 768 });
  await expectReadableInChinese(page, 'browse-apis-zh-04-artifact-registry-newest-first-1024', BROWSE_WORDS);
  await app.screenshot('browse-apis-zh-04-artifact-registry-newest-first-1024');
  await page.setViewportSize({ width: 1280, height: 720 });
});
