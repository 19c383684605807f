import { randomBytes } from 'node:crypto';
import { expectReadableInChinese, PLATFORMS } from './chinese-problems';
import { expectNoSeriousAxeViolations } from './axe';
import { chooseLanguage, expect, test } from './harness';
import { translate } from '../../shared/i18n';
import { chooseRowAction } from './registry-row-menu';
import { inspectConfig } from '../registry-servers/oci-images';
import { expectTablesFit } from './tables-fit';
import { useTeamRegistry } from './team-registry';

/**
 * The registry browser end to end, in English and Chinese with screenshots: a registry →
 * its repositories → 1,000+ tags in a virtual list → a 3-platform index with digests and sizes as
 * skopeo reads them. Real docker-registry, images pushed with skopeo.
 */

const PASSWORD = `e2e-${randomBytes(8).toString('hex')}`;
const TAGS = Array.from({ length: 1200 }, (_, index) => `v2.${index}`);
/**
 * How each copyable value of the image's facts lies: the lines its 64-hex digest takes (1: never
 * broken mid-hex) and whether its Copy button sits on the value's line rather than below it.
 * Test files compile without DOM types: the page evaluates the expression as text.
 */
const COPY_VALUES = `(() => [...document.querySelectorAll('.browse-facts dd')].filter((dd) => dd.querySelector('button')).map((dd) => {
  const button = dd.querySelector('button').getBoundingClientRect();
  const value = dd.querySelector('code').getBoundingClientRect();
  const middle = button.top + button.height / 2;
  let lines = 0;
  const walker = document.createTreeWalker(dd.querySelector('code'), NodeFilter.SHOW_TEXT);
  const text = dd.querySelector('code').textContent;
  const hexAt = text.search(/[0-9a-f]{64}/);
  let offset = 0;
  const tops = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const from = Math.max(hexAt - offset, 0);
    const to = Math.min(hexAt + 64 - offset, node.data.length);
    if (from < to) {
      const range = document.createRange();
      range.setStart(node, from);
      range.setEnd(node, to);
      for (const rect of range.getClientRects()) tops.add(Math.round(rect.top));
    }
    offset += node.data.length;
  }
  lines = tops.size;
  return { text: text.slice(0, 30), hexLines: lines, copyOnItsLine: middle > value.top && middle < value.bottom };
}))()`;

async function expectCopyValuesInline(page: import('@playwright/test').Page, where: string) {
  const values = await page.evaluate<{ text: string; hexLines: number; copyOnItsLine: boolean }[]>(COPY_VALUES);
  expect(values.length, where).toBeGreaterThanOrEqual(2);
  for (const value of values) expect(value, `${where}: ${value.text}`).toMatchObject({ hexLines: 1, copyOnItsLine: true });
}

const team = useTeamRegistry(PASSWORD, { platforms: [{ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm64' }, { os: 'linux', architecture: 'ppc64le' }], tags: TAGS });

/** The registry, its repositories and tags as pushed: shown as written in Chinese too, with the image's platforms. */
const BROWSE_WORDS = ['Team registry', 'team/app', 'web/shop', 'web/blog', 'infra/proxy', 'alice', ...PLATFORMS];

test('a registry → repositories → 1,200 tags → a 3-platform index', async ({ app }) => {
  const { page } = app;
  // From the registry's own row: "Browse images" opens the browser with that registry chosen.
  await chooseRowAction(page, 'Team registry', 'registryList.menu.browse');
  await expect(page.getByRole('heading', { name: 'Browse registries', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Registry').locator('option:checked')).toHaveText('Team registry');
  const repositories = page.getByRole('list', { name: 'Repositories' });
  await expect(repositories.getByRole('button')).toHaveText(['infra/proxy', 'team/app', 'web/blog', 'web/shop'], { timeout: 20_000 });
  await expect(page.getByText('4 repositories shown', { exact: true })).toBeVisible();
  await app.screenshot('browse-01-repositories-en');
  await expectNoSeriousAxeViolations(page, 'the repositories');

  await repositories.getByRole('button', { name: 'team/app' }).click();
  await expect(page.getByText('1202 tags shown')).toBeVisible({ timeout: 20_000 });
  // Virtual: a screenful of rows is in the page, not 1,202.
  expect(await page.getByRole('listitem').count()).toBeLessThan(60);
  // distribution's tags/list has no times: newest first is offered disabled, with the reason beside it.
  await expect(page.getByLabel('Order', { exact: true })).toHaveValue('name');
  await expect(page.getByRole('option', { name: 'Newest first' })).toBeDisabled();
  await expect(page.getByText('Newest first is unavailable: this registry’s tag list (the registry API’s tags/list) reports no push times.')).toBeVisible();
  await app.screenshot('browse-02-tags-en');

  await page.getByRole('search').getByLabel('Filter').fill('multi');
  await page.getByRole('search').getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByText('1 tags shown')).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'multi', exact: true }).click();

  const platforms = page.getByRole('table');
  await expect(platforms.getByRole('rowheader')).toHaveText(['linux/amd64', 'linux/arm64', 'linux/ppc64le'], { timeout: 20_000 });
  await expect(page.getByText(`${team.registry.address}/team/app@${team.multiDigest}`, { exact: true })).toBeVisible();
  await expect(page.getByText(`${team.registry.address}/team/app:multi@${team.multiDigest}`, { exact: true })).toBeVisible();
  await expect(page.getByText('Index of 3 platforms')).toBeVisible();
  // Created reads relative, the exact time on hover; its dateTime is the `created` skopeo reads from the same image.
  const { created } = await inspectConfig({ reference: `${team.registry.address}/team/app:multi`, architecture: 'amd64', username: 'alice', password: PASSWORD });
  const amd64Created = platforms.getByRole('row', { name: /linux\/amd64/ }).locator('time');
  await expect(amd64Created).toHaveAttribute('datetime', created!);
  await expect(amd64Created).toHaveText(/^(yesterday|last \w+|\d+ \w+ ago)$/);
  await expect(amd64Created).toHaveAttribute('title', /\d{4}/);
  await expect(page.getByText('none found (which does not mean unsigned)').first()).toBeVisible();
  await app.screenshot('browse-03-image-en');
  await page.setViewportSize({ width: 1024, height: 820 });
  await expectTablesFit(page, 'the platforms at 1024 px');
  await expectCopyValuesInline(page, 'the digest and pull references at 1024 px');
  await app.screenshot('browse-03-image-en-1024');
  expect(app.logLines.join('\n')).not.toContain(PASSWORD);
});

test('in Simplified Chinese, and a repository typed by name', async ({ app }) => {
  const { page } = app;
  await chooseLanguage(page, 'zh-CN');
  await page.getByRole('navigation').locator('[data-screen="registries"]').click();
  await page.getByRole('button', { name: translate('zh-CN', 'registryList.more', { name: 'Team registry' }), exact: true }).click();
  await page.getByRole('menu').getByRole('menuitem', { name: '浏览镜像', exact: true }).click();
  await expect(page.getByRole('heading', { name: '浏览注册表', level: 1 })).toBeVisible();
  await expect(page.getByLabel('注册表', { exact: true }).locator('option:checked')).toHaveText('Team registry');
  await expect(page.getByRole('list', { name: '仓库' }).getByRole('button')).toHaveCount(4, { timeout: 20_000 });
  await expect(page.getByText('已显示 4 个仓库', { exact: true })).toBeVisible();
  await expectReadableInChinese(page, 'browse-zh-01-repositories', BROWSE_WORDS);
  await app.screenshot('browse-zh-01-repositories');
  await page.getByLabel('仓库名称').fill('team/app');
  await page.getByRole('button', { name: '打开' }).click();
  await expect(page.getByText('已显示 1202 个标签')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByLabel('排序', { exact: true })).toHaveValue('name');
  await expect(page.getByRole('option', { name: '最新优先' })).toBeDisabled();
  await expect(page.getByText('无法按最新优先排序：此注册表的标签列表（注册表 API 的 tags/list）不报告推送时间。')).toBeVisible();
  // The catalogue's rule: a Kubernetes Secret stays "Secret" in Chinese, never 密钥.
  expect(await page.locator('main').innerText()).not.toContain('密钥');
  await expectReadableInChinese(page, 'browse-zh-02-tags', BROWSE_WORDS);
  await app.screenshot('browse-zh-02-tags');
  await page.setViewportSize({ width: 1024, height: 820 });
  await expectReadableInChinese(page, 'browse-zh-02-tags-1024', BROWSE_WORDS);
  await app.screenshot('browse-zh-02-tags-1024');
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.getByRole('search').getByLabel('筛选').fill('v2.77');
  await page.getByRole('search').getByRole('button', { name: '筛选' }).click();
  await expect(page.getByText('已显示 11 个标签')).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'v2.77', exact: true }).click();
  await expect(page.getByText('单一镜像')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('table').getByRole('rowheader')).toHaveText(['linux/amd64']);
  await expectReadableInChinese(page, 'browse-zh-03-image', BROWSE_WORDS);
  await app.screenshot('browse-zh-03-image');
  await page.setViewportSize({ width: 1024, height: 820 });
  await expectTablesFit(page, 'the platforms in Chinese at 1024 px');
  await expectCopyValuesInline(page, 'the digest and pull references in Chinese at 1024 px');
  // The kind has its label, like every other fact.
  await expect(page.locator('.browse-facts dt', { hasText: '种类' })).toBeVisible();
  // Back shows its outline: a quiet button's padding is invisible, so its label looked indented from the facts.
  const backBorder = await page.getByRole('button', { name: '返回', exact: true }).evaluate((button) => (globalThis as unknown as { getComputedStyle(n: object): { borderTopColor: string } }).getComputedStyle(button).borderTopColor);
  expect(backBorder).not.toBe('rgba(0, 0, 0, 0)');
  await expectReadableInChinese(page, 'browse-zh-03-image-1024', BROWSE_WORDS);
  await app.screenshot('browse-zh-03-image-1024');
});
