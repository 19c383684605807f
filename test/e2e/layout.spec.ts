import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { translate } from '../../shared/i18n';
import type { Language } from '../../shared/schemas';
import { chooseLanguage, expect, test } from './harness';
import { expectNoStretchedButtons, expectSelectsMatchInputs } from './controls-fit';
import { shotsInEachLanguage } from './language-widths';
import { expectTablesFit } from './tables-fit';

// Every sidebar screen (renderer/data/screen-ids.ts); the test below fails when the sidebar has one this list lacks.
const SCREENS = ['registries', 'access', 'pull-doctor', 'radar', 'registry-browser', 'import-export', 'diagnostics', 'workstation-tools'] as const;
const WIDTHS = [1024, 1280, 1920] as const;

test.use({
  appOptions: {
    seed: async (services) => {
      await services.registries.create({ type: 'docker', name: 'Docker Hub', url: 'docker.io', username: 'octocat', password: 'dckr_pat_layout' });
      await services.registries.create({ type: 'other', name: 'Lab registry', url: 'registry.lab.internal.example.com:5000', connection: 'secure', username: 'robot', password: 'lab-secret' });
    },
  },
});

async function noSeriousAxeViolations(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${where}: ${violation.id} ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Every screen fits the window: no sideways scrolling, each sidebar entry on one line, selects as tall as their inputs, no stretched button. */
async function expectFits(page: Page, where: string): Promise<void> {
  // Test files compile without DOM types: the page evaluates the expression as text.
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
  expect(overflow, `${where} scrolls sideways`).toBeLessThanOrEqual(0);
  await expectTablesFit(page, where);
  await expectSelectsMatchInputs(page, where);
  await expectNoStretchedButtons(page, where);
  for (const item of await page.getByRole('navigation').getByRole('button').all()) {
    const box = await item.boundingBox();
    expect(box!.height, `${where}: "${await item.innerText()}" wraps`).toBeLessThan(40);
  }
}

async function visitEveryScreen(page: Page, language: Language, width: number, shot: (name: string) => Promise<string>) {
  await page.setViewportSize({ width, height: 820 });
  const sidebar = await page.getByRole('navigation').locator('[data-screen]').evaluateAll((items) => items.map((item) => item.getAttribute('data-screen')));
  expect([...sidebar].sort()).toEqual([...SCREENS].sort());
  for (const screen of SCREENS) {
    await page.getByRole('navigation').locator(`[data-screen="${screen}"]`).click();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('navigation').locator(`[data-screen="${screen}"]`)).toHaveAttribute('aria-current', 'page');
    await expectFits(page, `${screen} in ${language} at ${width} px`);
    await shot(`layout-${language}-${width}-${screen}`);
  }
}

for (const width of WIDTHS) {
  test(`every screen fits ${width} px in English, with no serious accessibility problem`, async ({ app }) => {
    test.setTimeout(300_000);
    await visitEveryScreen(app.page, 'en', width, app.screenshot);
    if (width !== 1280) return;
    for (const screen of SCREENS) {
      await app.page.getByRole('navigation').locator(`[data-screen="${screen}"]`).click();
      await noSeriousAxeViolations(app.page, screen);
    }
  });
}

for (const width of [1024, 1280] as const) {
  test(`every screen fits ${width} px in Chinese`, async ({ app }) => {
    test.setTimeout(300_000);
    await chooseLanguage(app.page, 'zh-CN');
    await visitEveryScreen(app.page, 'zh-CN', width, app.screenshot);
  });
}

test('a link keeps where the operator came from marked, with the way back', async ({ app }) => {
  const { page } = app;
  const navigation = page.getByRole('navigation', { name: translate('en', 'nav.label') });
  await page.getByRole('button', { name: translate('en', 'action.manageAccess', { name: 'Lab registry' }) }).click();
  await expect(navigation.locator('[data-screen="access"]')).toHaveAttribute('aria-current', 'page');
  const origin = navigation.locator('[data-screen="registries"]');
  await expect(origin).toHaveClass(/is-origin/);
  await expect(origin).toHaveAccessibleName(`${translate('en', 'nav.registries')} ${translate('en', 'nav.cameFrom')}`);
  await shotsInEachLanguage(app, 'layout-came-from', {
    check: async (_language, text) => {
      const originHere = page.getByRole('navigation', { name: text('nav.label') }).locator('[data-screen="registries"]');
      await expect(originHere).toHaveAccessibleName(`${text('nav.registries')} ${text('nav.cameFrom')}`);
      await expect(page.getByRole('button', { name: text('nav.back', { screen: text('nav.registries') }) })).toBeVisible();
    },
  });

  await page.getByRole('button', { name: translate('en', 'nav.back', { screen: translate('en', 'nav.registries') }) }).click();
  await expect(page.getByRole('heading', { level: 1, name: translate('en', 'nav.registries') })).toBeVisible();
  await expect(origin).toHaveAttribute('aria-current', 'page');
  await expect(navigation.locator('.is-origin')).toHaveCount(0);
  await expect(page.getByRole('button', { name: translate('en', 'nav.back', { screen: translate('en', 'nav.registries') }) })).toHaveCount(0);
});

test('the registry address breaks only after a dot or a colon, even in a narrow window', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 1024, height: 820 });
  const address = page.getByTestId('registry-row').filter({ hasText: 'Lab registry' }).locator('.host-text');
  await expect(address).toHaveText('registry.lab.internal.example.com:5000');
  const tops = new Map<number, string>();
  for (const piece of await address.locator('.host-piece').all()) {
    const box = await piece.boundingBox();
    const top = Math.round(box!.y);
    tops.set(top, (tops.get(top) ?? '') + (await piece.innerText()));
  }
  const lines = [...tops.values()];
  for (const line of lines.slice(0, -1)) expect(line).toMatch(/[.:/]$/);
  // A piece never breaks inside: its box is one line high.
  for (const piece of await address.locator('.host-piece').all()) expect((await piece.boundingBox())!.height).toBeLessThan(24);
});

test('the "Not saved yet" pill keeps the height of its line of text beside the taller buttons', async ({ app }) => {
  const { page } = app;
  await page.getByRole('button', { name: translate('en', 'action.manageAccess', { name: 'Lab registry' }) }).click();
  const pill = page.getByText(translate('en', 'accessForm.neverSaved'), { exact: true });
  await expect(pill).toBeVisible();
  // Its box is one line of its text plus padding and border (4 px in all): a flex row must not stretch it to the buttons' height.
  const heights = await pill.evaluate((element) => ({
    pill: element.getBoundingClientRect().height,
    line: Number.parseFloat(element.ownerDocument.defaultView!.getComputedStyle(element).lineHeight),
  }));
  const button = await page.getByRole('button', { name: translate('en', 'action.save'), exact: true }).boundingBox();
  expect(heights.line).toBeGreaterThan(0);
  expect(heights.pill).toBeLessThanOrEqual(heights.line + 5);
  expect(button!.height - heights.pill).toBeGreaterThan(6);
});
