import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { startDockerRegistry, type RunningDockerRegistry } from '../registry-servers/docker-registry';
import { startMisbehavingRegistry, type RunningMisbehavingRegistry } from '../registry-servers/misbehaving-registry';
import { makeCertificateAuthority, makeServerCertificate } from '../support/fixtures';
import type { Language } from '../../shared/schemas';
import { expectNoSeriousAxeViolations } from './axe';
import { expectReadableInChinese } from './chinese-problems';
import { chooseLanguage, expect, test } from './harness';

/**
 * The registry browser's states without a listing, end to end in English and Chinese at 1024 and
 * 1280 px: a real docker-registry with no repository yet (what the empty list means and what to
 * do), and a registry whose catalog refuses the login with 401 or 403 as Docker Hub and Harbor (for
 * non-administrators) do — said plainly, with the repository typed by name opening its tags.
 */

const PASSWORD = `e2e-${randomBytes(8).toString('hex')}`;
const ca = makeCertificateAuthority();
let empty: RunningDockerRegistry;
let refuses401: RunningMisbehavingRegistry;
let refuses403: RunningMisbehavingRegistry;

test.beforeAll(async () => {
  const tls = makeServerCertificate(ca, { hosts: ['127.0.0.1'] });
  const misbehaving = { username: 'carol', password: PASSWORD, awayOrigin: 'https://127.0.0.1:9', busyTimes: 0, tls };
  [empty, refuses401, refuses403] = await Promise.all([
    startDockerRegistry({ users: { alice: PASSWORD } }),
    startMisbehavingRegistry({ ...misbehaving, refuseCatalog: 401 }),
    startMisbehavingRegistry({ ...misbehaving, refuseCatalog: 403 }),
  ]);
});

test.afterAll(async () => {
  await Promise.all([empty?.stop(), refuses401?.stop(), refuses403?.stop()]);
});

test.use({
  appOptions: {
    seed: async (services) => {
      await services.registries.create({ type: 'other', name: 'Empty registry', url: `http://${empty.address}`, username: 'alice', password: PASSWORD, connection: 'insecure' });
      for (const [name, registry] of [['No catalog (401)', refuses401], ['Catalog for admins (403)', refuses403]] as const) {
        await services.registries.create({ type: 'other', name, url: `https://${registry.address}`, username: 'carol', password: PASSWORD, connection: 'secure-with-ca', caCertificate: ca.certificate });
      }
    },
  },
});

/** The registries the tests add: shown as written in Chinese too. */
const BROWSE_WORDS = ['Empty registry', 'No catalog (401)', 'Catalog for admins (403)', 'alice', 'carol'];

async function shotsAt(page: Page, screenshot: (name: string) => Promise<string>, name: string, language: Language): Promise<void> {
  for (const width of [1024, 1280]) {
    await page.setViewportSize({ width, height: 720 });
    if (language === 'zh-CN') await expectReadableInChinese(page, `${name} at ${width} px`, BROWSE_WORDS);
    await screenshot(`${name}-${width}`);
  }
}

test('an empty registry says what its empty list means; a refused catalog says so and opens a typed repository', async ({ app }) => {
  const { page } = app;
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Browse' }).click();
  const registry = page.getByLabel('Registry', { exact: true });
  // Before a registry is chosen the screen says what to do, not a bare select on an empty page.
  await expect(page.getByTestId('browse-choose')).toHaveText('Choose a registry: its repositories, tags and images are listed here, read with its saved login.');
  await registry.selectOption({ label: 'Empty registry' });
  await expect(page.getByTestId('browse-choose')).toHaveCount(0);
  await expect(page.getByTestId('browse-empty')).toHaveText('This registry lists no repositories for this login. Push an image to it, or type a repository name above to open one.', { timeout: 20_000 });
  await expect(page.getByRole('list', { name: 'Repositories' }).getByRole('listitem')).toHaveCount(0);
  // The catalog was really asked, and answered: an empty list is the registry's answer, not a failure.
  expect(empty.accessLog().filter((line) => line.path.startsWith('/v2/_catalog') && line.status === 200).length).toBeGreaterThan(0);
  await expectNoSeriousAxeViolations(page, 'the empty registry');
  await shotsAt(page, app.screenshot, 'browse-states-01-empty-en', 'en');
  // A filter that matches nothing says that, not that the registry is empty.
  await page.getByRole('search').getByLabel('Filter').fill('shop');
  await page.getByRole('search').getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByTestId('browse-empty')).toHaveText('No repository name contains “shop”.', { timeout: 20_000 });

  await registry.selectOption({ label: 'No catalog (401)' });
  // Why, then what to do, each a line of its own.
  await expect(page.getByRole('alert').getByRole('paragraph')).toHaveText(
    ['This registry does not allow listing its repositories with this login (HTTP 401). Docker Hub never does, Harbor only for administrators.', 'Type a repository name to open it.'],
    { timeout: 20_000 },
  );
  // No filter for a list that cannot come, and no "empty" either: the refusal is the whole answer.
  await expect(page.getByRole('search')).toHaveCount(0);
  await expect(page.getByTestId('browse-empty')).toHaveCount(0);
  await expectNoSeriousAxeViolations(page, 'the refused catalog');
  await shotsAt(page, app.screenshot, 'browse-states-02-refused-401-en', 'en');
  // "/" goes to the repository name where there is no filter.
  await page.getByRole('heading', { name: 'Browse registries', level: 1 }).click();
  await page.keyboard.press('/');
  await expect(page.getByLabel('Repository name')).toBeFocused();
  await page.keyboard.type('open/app');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Tags of open/app' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Tags of open/app' }).getByRole('button')).toHaveText(['1'], { timeout: 20_000 });
  expect(refuses401.requests().filter((line) => line.path.startsWith('/v2/_catalog') && line.authorized).length).toBeGreaterThan(0);

  await registry.selectOption({ label: 'Catalog for admins (403)' });
  await expect(page.getByRole('alert').getByRole('paragraph').first()).toHaveText(/^This registry does not allow listing its repositories with this login \(HTTP 403\)\./, { timeout: 20_000 });
  expect(app.logLines.join('\n')).not.toContain(PASSWORD);
});

test('in Simplified Chinese', async ({ app }) => {
  const { page } = app;
  await chooseLanguage(page, 'zh-CN');
  await page.getByRole('navigation').getByRole('button', { name: '浏览' }).click();
  const registry = page.getByLabel('注册表', { exact: true });
  await registry.selectOption({ label: 'Empty registry' });
  await expect(page.getByTestId('browse-empty')).toHaveText('此注册表没有列出该登录信息可见的仓库。请向它推送镜像，或在上方输入仓库名称来打开。', { timeout: 20_000 });
  await shotsAt(page, app.screenshot, 'browse-states-zh-01-empty', 'zh-CN');

  await registry.selectOption({ label: 'Catalog for admins (403)' });
  await expect(page.getByRole('alert').getByRole('paragraph')).toHaveText(['此注册表不允许用该登录信息列出仓库（HTTP 403）。Docker Hub 从不允许，Harbor 仅允许管理员。', '输入仓库名称即可打开。'], { timeout: 20_000 });
  await expectNoSeriousAxeViolations(page, 'the refused catalog in Chinese');
  await shotsAt(page, app.screenshot, 'browse-states-zh-02-refused-403', 'zh-CN');
  await page.getByLabel('仓库名称').fill('open/app');
  await page.getByRole('button', { name: '打开' }).click();
  await expect(page.getByRole('list', { name: 'open/app 的标签' }).getByRole('button')).toHaveText(['1'], { timeout: 20_000 });
  // The catalogue's rule: a Kubernetes Secret stays "Secret" in Chinese, never 密钥.
  expect(await page.locator('main').innerText()).not.toContain('密钥');
});
