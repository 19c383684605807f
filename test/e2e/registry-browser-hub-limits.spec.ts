import { randomBytes } from 'node:crypto';
import { startDockerHubApi, type RunningDockerHubApi } from '../registry-servers/docker-hub-api';
import { startDockerHubRegistry, type RunningDockerHubRegistry } from '../registry-servers/docker-hub-registry';
import { makeCertificateAuthority, makeServerCertificate } from '../support/fixtures';
import { expectReadableInChinese, PLATFORMS } from './chinese-problems';
import { chooseLanguage, expect, test } from './harness';

/**
 * Docker Hub's pulls left in the registry browser, in English and Chinese with screenshots: the
 * Hub registry stand-in reports the login's and the anonymous allowance on a manifest HEAD, and
 * the check spends no pull.
 */
const PASSWORD = `pw-${randomBytes(6).toString('hex')}`;
const ca = makeCertificateAuthority();
let registry: RunningDockerHubRegistry;
let api: RunningDockerHubApi;

test.beforeAll(async () => {
  // 127.0.0.1: the registry stand-in's token realm is on its own address.
  const tls = makeServerCertificate(ca, { hosts: ['registry-1.docker.io', 'hub.docker.com', '127.0.0.1'] });
  registry = await startDockerHubRegistry({ users: { octocat: PASSWORD }, images: ['ratelimitpreview/test:latest', 'octocat/svc-001:v1'], limits: { login: 200, anonymous: 100 }, tls });
  api = await startDockerHubApi({ users: { octocat: PASSWORD }, repositories: { octocat: ['svc-001', 'svc-002'] }, tls });
});

test.afterAll(async () => {
  await Promise.all([registry?.stop(), api?.stop()]);
});

test.use({
  appOptions: {
    connectionNetwork: {
      systemRoots: [ca.certificate],
      connectTo: (host) => (host === 'registry-1.docker.io' ? { host: '127.0.0.1', port: registry.port } : host === 'hub.docker.com' ? { host: '127.0.0.1', port: api.port } : undefined),
    },
    seed: async (services) => {
      await services.registries.create({ type: 'docker', name: 'Docker Hub', url: 'docker.io', username: 'octocat', password: PASSWORD });
    },
  },
});

/** The registry and its repositories: shown as written in Chinese too, with the image's platforms. */
const BROWSE_WORDS = ['Docker Hub', 'docker.io', 'library/nginx', ...PLATFORMS];

test('pulls left for the login and anonymously, checked with a HEAD that spends none', async ({ app }) => {
  const { page } = app;
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Browse' }).click();
  await page.getByLabel('Registry').selectOption({ label: 'Docker Hub' });
  const card = page.getByTestId('browse-pull-limits');
  await card.getByRole('button', { name: 'Check pulls left' }).click();
  await expect(card.getByTestId('pull-limit')).toHaveText(['200 of 200 per 6 h (this login)', '100 of 100 per 6 h (anonymous)'], { timeout: 20_000 });
  await expect(card).toContainText('which does not count as a pull');
  expect([registry.pulls('octocat'), registry.pulls('anonymous')]).toEqual([0, 0]);
  await app.screenshot('browse-hub-limits-en');
  await page.setViewportSize({ width: 1024, height: 768 });
  await app.screenshot('browse-hub-limits-en-1024');
  expect(app.ipcResponses.join('\n')).not.toContain(PASSWORD);
});

test('in Simplified Chinese', async ({ app }) => {
  const { page } = app;
  await chooseLanguage(page, 'zh-CN');
  await page.getByRole('navigation').getByRole('button', { name: '浏览' }).click();
  await page.getByLabel('注册表', { exact: true }).selectOption({ label: 'Docker Hub' });
  const card = page.getByTestId('browse-pull-limits');
  await card.getByRole('button', { name: '检查剩余拉取次数' }).click();
  await expect(card.getByTestId('pull-limit')).toHaveText(['此登录：每 6 小时 200 次，剩 200 次', '匿名：每 6 小时 100 次，剩 100 次'], { timeout: 20_000 });
  await expectReadableInChinese(page, 'browse-hub-limits-zh', BROWSE_WORDS);
  await app.screenshot('browse-hub-limits-zh');
  await page.setViewportSize({ width: 1024, height: 768 });
  await expectReadableInChinese(page, 'browse-hub-limits-zh-1024', BROWSE_WORDS);
  await app.screenshot('browse-hub-limits-zh-1024');
});

test('a Hub image opens by HEAD: its digest at once, its platforms read when asked, naming the pulls left before and after', async ({ app }) => {
  const { page } = app;
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Browse' }).click();
  await page.getByLabel('Registry').selectOption({ label: 'Docker Hub' });
  await page.getByRole('button', { name: 'octocat/svc-001' }).click();
  await page.getByRole('button', { name: 'v1', exact: true }).click();
  const read = page.getByRole('button', { name: 'Read platforms and sizes (uses Docker Hub pulls, 200 left)' });
  await expect(read).toBeVisible({ timeout: 20_000 });
  expect(registry.manifestRequests().filter(({ method }) => method === 'GET')).toEqual([]);
  await app.screenshot('browse-hub-image-unread-en');
  await page.setViewportSize({ width: 1024, height: 768 });
  await app.screenshot('browse-hub-image-unread-en-1024');
  await chooseLanguage(page, 'zh-CN');
  await expect(page.getByRole('button', { name: '读取平台和大小（消耗 Docker Hub 拉取次数，剩 200 次）' })).toBeVisible();
  await expectReadableInChinese(page, 'browse-hub-image-unread-zh-1024', BROWSE_WORDS);
  await app.screenshot('browse-hub-image-unread-zh-1024');
  const card = page.getByTestId('browse-pull-limits');
  await card.getByRole('button', { name: '检查剩余拉取次数' }).click();
  await expect(card.getByTestId('pull-limit').first()).toHaveText('此登录：每 6 小时 200 次，剩 200 次', { timeout: 20_000 });
  await page.getByRole('button', { name: '读取平台和大小（消耗 Docker Hub 拉取次数，剩 200 次）' }).click();
  await expect(page.getByTestId('browse-platforms')).toContainText('linux/amd64', { timeout: 20_000 });
  expect(registry.pulls('octocat')).toBe(1);
  // The read's GET used a pull: the count shown is the one its answer reported, not the check's from before.
  await expect(page.getByTestId('browse-hub-pulls')).toHaveText('已用清单 GET 读取：Docker Hub 报告此登录之后剩 199 次拉取。');
  await expect(card.getByTestId('pull-limit')).toHaveText(['此登录：每 6 小时 200 次，剩 199 次', '匿名：每 6 小时 100 次，剩 100 次']);
  await expect(card).toContainText('此登录的次数为最近一次读取镜像后 Docker Hub 报告的次数。');
  await expectReadableInChinese(page, 'browse-hub-image-read-zh-1024', BROWSE_WORDS);
  await app.screenshot('browse-hub-image-read-zh-1024');
});
