import type { Page } from '@playwright/test';
import { translate } from '../../shared/i18n';
import type { Language } from '../../shared/schemas';
import { expectNoSeriousAxeViolations } from './axe';
import { chooseLanguage, expect, test } from './harness';
import { expectNoStretchedButtons, expectSelectsMatchInputs } from './controls-fit';
import { shotsInEachLanguage, WIDTHS as WIDTHS_PICTURED } from './language-widths';
import { expectTablesFit } from './tables-fit';

// Every sidebar screen (renderer/data/screen-ids.ts); the test below fails when the sidebar has one this list lacks.
const SCREENS = ['registries', 'access', 'pull-doctor', 'radar', 'registry-browser', 'import-export', 'diagnostics', 'workstation-tools'] as const;
const WIDTHS = [1024, 1280, 1920] as const;
// The sidebar's solid highlight (.app-nav-item.is-active in renderer/styles.css, #2f4470).
const ACTIVE_BACKGROUND = 'rgb(47, 68, 112)';

test.use({
  appOptions: {
    seed: async (services) => {
      await services.registries.create({ type: 'docker', name: 'Docker Hub', url: 'docker.io', username: 'octocat', password: 'dckr_pat_layout' });
      await services.registries.create({ type: 'other', name: 'Lab registry', url: 'registry.lab.internal.example.com:5000', connection: 'secure', username: 'robot', password: 'lab-secret' });
    },
  },
});

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
      await expectNoSeriousAxeViolations(app.page, screen);
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
  const shown = navigation.locator('[data-screen="access"]');
  await expect(shown).toHaveAttribute('aria-current', 'page');
  const origin = navigation.locator('[data-screen="registries"]');
  await expect(origin).toHaveClass(/is-origin/);
  // The origin carries the sidebar's solid highlight; Clusters, the screen shown, only its edge rule.
  await expect(navigation.locator('.is-active')).toHaveCount(1);
  await expect(origin).toHaveClass(/is-active/);
  await expect(shown).not.toHaveClass(/is-active/);
  await expect(origin).toHaveCSS('background-color', ACTIVE_BACKGROUND);
  await expect(shown).not.toHaveCSS('background-color', ACTIVE_BACKGROUND);
  await expect(origin).toHaveAccessibleName(`${translate('en', 'nav.registries')} ${translate('en', 'nav.cameFrom')}`);
  await shotsInEachLanguage(app, 'layout-came-from', {
    check: async (_language, text) => {
      const originHere = page.getByRole('navigation', { name: text('nav.label') }).locator('[data-screen="registries"]');
      await expect(originHere).toHaveAccessibleName(`${text('nav.registries')} ${text('nav.cameFrom')}`);
      // Bold and with its ↩ mark, the origin's name still holds one line, as every sidebar item does.
      expect((await originHere.boundingBox())!.height, 'the origin wraps').toBeLessThan(40);
      await expect(page.getByRole('button', { name: text('nav.back', { screen: text('nav.registries') }) })).toBeVisible();
    },
  });

  await page.getByRole('button', { name: translate('en', 'nav.back', { screen: translate('en', 'nav.registries') }) }).click();
  await expect(page.getByRole('heading', { level: 1, name: translate('en', 'nav.registries') })).toBeVisible();
  await expect(origin).toHaveAttribute('aria-current', 'page');
  await expect(origin).toHaveCSS('background-color', ACTIVE_BACKGROUND);
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
  await shotsInEachLanguage(app, 'layout-not-saved-yet', {
    operatorWords: ['Lab registry', 'Docker Hub'],
    check: async (_language, text) => {
      const pill = page.getByText(text('accessForm.neverSaved'), { exact: true });
      await expect(pill).toBeVisible();
      // Its box is one line of its text plus padding and border (4 px in all): a flex row must not stretch it to the buttons' height.
      const heights = await pill.evaluate((element) => ({
        pill: element.getBoundingClientRect().height,
        line: Number.parseFloat(element.ownerDocument.defaultView!.getComputedStyle(element).lineHeight),
      }));
      const button = await page.getByRole('button', { name: text('action.save'), exact: true }).boundingBox();
      expect(heights.line).toBeGreaterThan(0);
      expect(heights.pill).toBeLessThanOrEqual(heights.line + 5);
      expect(button!.height - heights.pill).toBeGreaterThan(6);
    },
  });
});

/** Every back control on screen: the app's back path and any screen's own, by the words they start with ("Back to …", "返回…"). */
function backControls(page: Page, language: Language) {
  const prefix = translate(language, 'nav.back', { screen: '\u0000' }).split('\u0000')[0]!;
  return page.getByRole('main').getByRole('button', { name: new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });
}

test('Manage access offers one way back, to wherever it was opened from', async ({ app }) => {
  const { page } = app;
  const navigation = page.getByRole('navigation', { name: translate('en', 'nav.label') });
  const manageHeading = page.getByRole('heading', { level: 1, name: translate('en', 'accessForm.title', { name: 'Lab registry' }) });
  const labRow = page.locator('[data-testid="registry-row"][data-registry="Lab registry"]');
  const toRegistries = translate('en', 'nav.back', { screen: translate('en', 'nav.registries') });
  const paths = [
    { entry: 'the row', origin: 'registries', back: toRegistries, open: () => labRow.getByRole('button', { name: translate('en', 'action.manageAccess', { name: 'Lab registry' }) }).click() },
    { entry: 'the In clusters cell', origin: 'registries', back: toRegistries, open: () => labRow.getByTestId('cluster-health').click() },
    {
      entry: 'the details drawer',
      origin: 'registries',
      back: toRegistries,
      open: async () => {
        await page.getByRole('button', { name: 'Lab registry', exact: true }).click();
        await page.getByRole('dialog', { name: 'Lab registry' }).getByRole('button', { name: translate('en', 'action.manageAccess', { name: 'Lab registry' }) }).click();
      },
    },
    {
      entry: 'the Clusters page',
      origin: 'access',
      back: translate('en', 'accessForm.back'),
      open: async () => {
        // The sidebar shows the Clusters screen as it was left, Manage access still open: its one way back leads to the Clusters page.
        await navigation.locator('[data-screen="access"]').click();
        if (await page.getByRole('heading', { level: 1, name: translate('en', 'clusters.title') }).isHidden()) {
          await expect(backControls(page, 'en')).toHaveCount(1);
          await backControls(page, 'en').click();
        }
        await page.getByRole('button', { name: translate('en', 'action.manageAccess', { name: 'Lab registry' }) }).click();
      },
    },
  ] as const;
  for (const path of paths) {
    await navigation.locator('[data-screen="registries"]').click();
    await path.open();
    await expect(manageHeading, `opened from ${path.entry}`).toBeVisible();
    await expect(backControls(page, 'en'), `back controls when opened from ${path.entry}`).toHaveCount(1);
    await expect(backControls(page, 'en')).toHaveAccessibleName(path.back);
    // Where the operator came from stays marked in the sidebar (the Clusters page is the screen itself).
    await expect(navigation.locator('.is-origin')).toHaveCount(path.origin === 'access' ? 0 : 1);
    if (path.origin !== 'access') await expect(navigation.locator(`[data-screen="${path.origin}"]`)).toHaveClass(/is-origin/);
    await backControls(page, 'en').click();
    const originTitle = path.origin === 'access' ? translate('en', 'clusters.title') : translate('en', 'nav.registries');
    await expect(page.getByRole('heading', { level: 1, name: originTitle }), `back from Manage access opened from ${path.entry}`).toBeVisible();
    await expect(backControls(page, 'en')).toHaveCount(0);
    await page.keyboard.press('Escape');
  }
  // The one back control, pictured in each language, opened from the registry list and from the Clusters page.
  await navigation.locator('[data-screen="registries"]').click();
  await paths[0].open();
  await shotsInEachLanguage(app, 'layout-access-back-from-list', {
    check: async (language, text) => {
      await expect(backControls(page, language)).toHaveCount(1);
      await expect(backControls(page, language)).toHaveAccessibleName(text('nav.back', { screen: text('nav.registries') }));
    },
  });
  await paths[3].open();
  await shotsInEachLanguage(app, 'layout-access-back-from-clusters', {
    check: async (language, text) => {
      await expect(backControls(page, language)).toHaveCount(1);
      await expect(backControls(page, language)).toHaveAccessibleName(text('accessForm.back'));
    },
  });
});

test('the radio cards of Manage access are as wide as its inputs', async ({ app }) => {
  const { page } = app;
  await page.getByRole('button', { name: translate('en', 'action.manageAccess', { name: 'Lab registry' }) }).click();
  const form = page.locator('.access-form');
  const input = page.locator('#access-secret-name');
  const edges = async (locator: ReturnType<typeof page.locator>) => {
    const box = (await locator.boundingBox())!;
    return { left: box.x, right: box.x + box.width };
  };
  const measure = async (where: string) => {
    const field = await edges(input);
    // A list of cards one under another: each card spans the input's width.
    const cards = form.locator('.choice-list:not(.choice-row) > .choice-card');
    expect(await cards.count(), where).toBeGreaterThanOrEqual(4);
    for (const card of await cards.all()) {
      const box = await edges(card);
      expect(Math.abs(box.left - field.left), `${where}: "${await card.innerText()}" starts where the input does`).toBeLessThanOrEqual(1);
      expect(Math.abs(box.right - field.right), `${where}: "${await card.innerText()}" ends where the input does`).toBeLessThanOrEqual(1);
    }
    // A row of cards side by side (outside a cluster's own inset choice): the row spans the input's width.
    const rows = form.locator('.choice-row:not(.own-scope .choice-row)');
    expect(await rows.count(), where).toBeGreaterThanOrEqual(2);
    for (const row of await rows.all()) {
      const first = await edges(row.locator('.choice-card').first());
      const last = await edges(row.locator('.choice-card').last());
      expect(Math.abs(first.left - field.left), `${where}: a row of cards starts where the input does`).toBeLessThanOrEqual(1);
      expect(Math.abs(last.right - field.right), `${where}: a row of cards ends where the input does`).toBeLessThanOrEqual(1);
    }
  };
  await shotsInEachLanguage(app, 'layout-access-cards', {
    check: async (language) => {
      for (const width of WIDTHS_PICTURED) {
        await page.setViewportSize({ width, height: 820 });
        await measure(`${language} at ${width} px`);
      }
    },
    height: 1400,
  });
});
