import { randomBytes } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { translate } from '../../shared/i18n';
import { expectReadableInChinese, PLATFORMS } from './chinese-problems';
import { chooseLanguage, expect, test } from './harness';
import { useTeamRegistry } from './team-registry';

/**
 * The registry browser with the keyboard alone, in Chromium with real key presses, English and
 * Chinese at 1024 and 1280 px: Tab reaches each list once, arrows, Home and End move (End scrolls
 * the virtual tag list to its last row), Enter opens, Escape goes back with the focus on the row
 * it was left from, "/" goes to the filter; and the copy buttons put exactly the digest and the
 * pull references on the clipboard. Real docker-registry, images pushed with skopeo.
 */

const PASSWORD = `e2e-${randomBytes(8).toString('hex')}`;
// Far more rows than the virtual list puts in the page (about 20), so End has to scroll to exist.
const TAGS = Array.from({ length: 300 }, (_, index) => `v3.${String(index).padStart(3, '0')}`);
const team = useTeamRegistry(PASSWORD, { platforms: [{ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm64' }], tags: TAGS });

interface Labels {
  nav: string;
  registry: string;
  repositories: string;
  tags: string;
  filter: string;
  copy: (what: string) => string;
}

const EN: Labels = { nav: 'Browse', registry: 'Registry', repositories: 'Repositories', tags: 'Tags of team/app', filter: 'Filter', copy: (what) => `Copy ${what}` };
const ZH: Labels = { nav: '浏览', registry: '注册表', repositories: '仓库', tags: 'team/app 的标签', filter: '筛选', copy: (what) => translate('zh-CN', 'kit.copyLabel', { what }) };

/** The text of the element that has the focus, and whether the focus ring shows on it (`:focus-visible`, the app's 3 px outline). */
async function focusedRow(page: Page): Promise<{ text: string; ring: boolean }> {
  return page.evaluate(() => {
    const element = (globalThis as unknown as { document: { activeElement: { textContent: string; matches(selector: string): boolean } | null } }).document.activeElement;
    const style = element ? (globalThis as unknown as { getComputedStyle(node: unknown): { outlineStyle: string; outlineWidth: string } }).getComputedStyle(element) : null;
    return { text: element?.textContent ?? '', ring: Boolean(element?.matches(':focus-visible')) && style?.outlineStyle === 'solid' && style.outlineWidth === '3px' };
  });
}

async function expectFocusOn(page: Page, text: string): Promise<void> {
  await expect.poll(() => focusedRow(page)).toEqual({ text, ring: true });
}

/** Whether `row` lies wholly inside the virtual list's scrolling frame (not merely in the page). */
async function inFrame(row: Locator): Promise<boolean> {
  return row.evaluate((element) => {
    const frame = (element as unknown as { closest(selector: string): { getBoundingClientRect(): DOMRectLike } }).closest('.virtual-frame').getBoundingClientRect();
    const box = (element as unknown as { getBoundingClientRect(): DOMRectLike }).getBoundingClientRect();
    return box.top >= frame.top && box.bottom <= frame.bottom;
  });
}
interface DOMRectLike {
  top: number;
  bottom: number;
}

async function clipboardText(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
}

/** Each Copy puts exactly its value on the clipboard: the digest, `repo@digest`, `repo:tag@digest`, each platform's whole digest. */
async function expectCopies(page: Page, labels: Labels): Promise<void> {
  const { multiDigest, multiManifest } = team;
  // The index's platform manifests as skopeo reads them: shown cut in the middle, copied whole.
  const platformDigests = (JSON.parse(multiManifest) as { manifests: { digest: string }[] }).manifests.map((manifest) => manifest.digest);
  expect(platformDigests).toHaveLength(2);
  const address = team.registry.address;
  const values = [multiDigest, `${address}/team/app@${multiDigest}`, `${address}/team/app:multi@${multiDigest}`, ...platformDigests];
  for (const value of values) {
    // Something else first, so a Copy that did nothing cannot pass on the previous value.
    await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { writeText(text: string): Promise<void> } } }).navigator.clipboard.writeText('-'));
    await page.getByRole('button', { name: labels.copy(value), exact: true }).click();
    await expect.poll(() => clipboardText(page)).toBe(value);
  }
}

/** Browse → the registry chosen → Tab into the repositories: one tab stop, the first name. */
async function reachRepositories(page: Page, labels: Labels): Promise<Locator> {
  await page.getByRole('navigation').getByRole('button', { name: labels.nav, exact: true }).click();
  await page.getByLabel(labels.registry, { exact: true }).selectOption({ label: 'Team registry' });
  const repositories = page.getByRole('list', { name: labels.repositories });
  await expect(repositories.getByRole('button')).toHaveText(['infra/proxy', 'team/app', 'web/blog', 'web/shop'], { timeout: 20_000 });
  // From the registry: its filter (field and button), the repository-name field and Open, then the list, once.
  await page.getByLabel(labels.registry, { exact: true }).focus();
  for (let press = 0; press < 5; press++) await page.keyboard.press('Tab');
  await expectFocusOn(page, 'infra/proxy');
  // The list is one tab stop: the other names are reached with the arrows, not with Tab.
  expect(await repositories.getByRole('button').evaluateAll((buttons) => buttons.map((button) => (button as unknown as { tabIndex: number }).tabIndex))).toEqual([0, -1, -1, -1]);
  return repositories;
}

/** The registry, its repositories and tags as pushed: shown as written in Chinese too, with the image's platforms. */
const BROWSE_WORDS = ['Team registry', 'team/app', 'alice', ...PLATFORMS];

test('repositories → tags → image and back by keyboard; the copy buttons copy exactly their value', async ({ app }) => {
  const { page } = app;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
  await page.setViewportSize({ width: 1280, height: 820 });
  await reachRepositories(page, EN);
  await page.keyboard.press('End');
  await expectFocusOn(page, 'web/shop');
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await expectFocusOn(page, 'team/app');
  // At 1280 px the four names share one line of the grid: down has no name below and stays put.
  await page.keyboard.press('ArrowDown');
  await expectFocusOn(page, 'team/app');
  await app.screenshot('browse-keys-01-repositories-en-1280');

  await page.keyboard.press('Enter');
  const tags = page.getByRole('list', { name: EN.tags });
  // The name that had the focus went with its level: the first tag takes it.
  await expectFocusOn(page, '1');
  await page.keyboard.press('ArrowDown');
  await expectFocusOn(page, 'multi');
  await page.keyboard.press('End');
  await expectFocusOn(page, 'v3.299');
  expect(await inFrame(tags.getByRole('button', { name: 'v3.299', exact: true })), 'the last tag scrolled into its frame').toBe(true);
  await app.screenshot('browse-keys-02-tags-end-en-1280');
  await page.keyboard.press('Home');
  await expectFocusOn(page, '1');
  expect(await inFrame(tags.getByRole('button', { name: '1', exact: true }))).toBe(true);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('table').getByRole('rowheader')).toHaveText(['linux/amd64', 'linux/arm64'], { timeout: 20_000 });
  // The image's heading has the focus: the next Tab is its Back, a screen reader reads where it is.
  await expect(page.getByRole('heading', { name: 'team/app:multi', level: 2 })).toBeFocused();
  await expectCopies(page, EN);
  await page.setViewportSize({ width: 1024, height: 820 });
  await app.screenshot('browse-keys-03-image-copied-en-1024');

  // Escape from a Copy button (not a text field): back to the tags, on the row the image was opened from.
  await page.keyboard.press('Escape');
  await expectFocusOn(page, 'multi');
  await expect(page.getByRole('heading', { name: EN.tags })).toBeVisible();
  await app.screenshot('browse-keys-04-back-to-tag-en-1024');
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: EN.filter })).toBeFocused();
  // Escape in a field is the field's (Chromium clears a search box); the level stays.
  await page.keyboard.type('v3.29');
  await page.keyboard.press('Enter');
  await expect(tags.getByRole('button')).toHaveCount(10, { timeout: 20_000 });
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: EN.tags })).toBeVisible();
  await tags.getByRole('button', { name: 'v3.290', exact: true }).focus();
  await page.keyboard.press('Escape');
  await expectFocusOn(page, 'team/app');
  await expect(page.getByRole('heading', { name: EN.repositories, level: 2 })).toBeVisible();
  expect(app.logLines.join('\n')).not.toContain(PASSWORD);
});

test('in Simplified Chinese, at 1024 and 1280 px', async ({ app }) => {
  const { page } = app;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
  await chooseLanguage(page, 'zh-CN');
  await page.setViewportSize({ width: 1024, height: 820 });
  await reachRepositories(page, ZH);
  // At 1024 px the grid has three names a line: down goes to the name below, up comes back.
  await page.keyboard.press('ArrowDown');
  await expectFocusOn(page, 'web/shop');
  await page.keyboard.press('ArrowUp');
  await expectFocusOn(page, 'infra/proxy');
  await page.keyboard.press('ArrowRight');
  await expectFocusOn(page, 'team/app');
  await expect(page.getByText('按键：方向键在列表中移动，Enter 打开，Esc 返回，/ 筛选。')).toBeVisible();
  await expectReadableInChinese(page, 'browse-keys-zh-01-repositories-1024', BROWSE_WORDS);
  await app.screenshot('browse-keys-zh-01-repositories-1024');
  await page.keyboard.press('Enter');
  await expectFocusOn(page, '1');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByText('包含 2 个平台的索引')).toBeVisible({ timeout: 20_000 });
  await expectCopies(page, ZH);
  for (const width of [1024, 1280]) {
    await page.setViewportSize({ width, height: 820 });
    await expectReadableInChinese(page, `browse-keys-zh-02-image-copied-${width}`, BROWSE_WORDS);
    await app.screenshot(`browse-keys-zh-02-image-copied-${width}`);
  }
  await page.keyboard.press('Escape');
  await expectFocusOn(page, 'multi');
  await expectReadableInChinese(page, 'browse-keys-zh-03-back-to-tag-1280', BROWSE_WORDS);
  await app.screenshot('browse-keys-zh-03-back-to-tag-1280');
  await page.keyboard.press('Escape');
  await expectFocusOn(page, 'team/app');
});
