import type { Page } from '@playwright/test';
import { translate } from '../../shared/i18n';
import type { Language } from '../../shared/schemas';
import { ADMIN_TOKEN } from '../kube-api-server';
import { seriousAxeViolations } from './axe';
import { chineseProblems } from './chinese-problems';
import { chooseLanguage, expect, test } from './harness';
import { expectTablesFit } from './tables-fit';
import { useWorkstationWithClusters } from './workstations';

/**
 * Every screen of the sidebar, the registry form and every tab of Manage access (Keep in sync
 * included), walked twice: in English through axe, in Chinese for what an operator reading
 * Chinese would trip over — an untranslated catalogue key, a Latin-only label, an all-caps
 * header, and Chinese and Latin set in two fonts of two weights.
 */

const CONTEXT = 'lab';
/** What the operator named and typed: shown as written in every language. */
const OPERATOR_WORDS = ['Docker Hub', 'Lab registry', 'docker.io', 'registry.lab.internal:5000', 'octocat', 'robot', CONTEXT, 'team-a', 'team-b', 'default'];

useWorkstationWithClusters({
  name: 'every-screen',
  namespaces: ['team-a', 'team-b'],
  namespaceLabels: { tier: 'web' },
  contexts: [{ name: CONTEXT, token: ADMIN_TOKEN }],
  seed: async (services) => {
    const hub = await services.registries.create({ type: 'docker', name: 'Docker Hub', url: 'docker.io', username: 'octocat', password: 'dckr_pat_every', isDefault: true });
    await services.registries.create({ type: 'other', name: 'Lab registry', url: 'registry.lab.internal:5000', connection: 'secure', username: 'robot', password: 'lab-secret' });
    await services.access.save(hub.id, {
      mode: 'inject-selected',
      allClusters: false,
      contexts: [CONTEXT],
      scope: { namespaces: { kind: 'list', names: ['team-a', 'team-b'] }, serviceAccounts: { kind: 'default' } },
      contextScopes: {},
      credential: { type: 'registry-credentials', secretName: 'docker-hub-pull-secret' },
    });
  },
});

interface View {
  name: string;
  open(page: Page, language: Language): Promise<void>;
}

const t = translate;

/** The sidebar's screens as the sidebar lists them, so a screen added later is walked too. */
async function sidebarViews(page: Page): Promise<View[]> {
  const screens = await page.getByRole('navigation').locator('[data-screen]').evaluateAll((items) => items.map((item) => item.getAttribute('data-screen')!));
  expect(screens.length).toBeGreaterThanOrEqual(6);
  return screens.map((screen) => ({
    name: `screen ${screen}`,
    async open(current) {
      await current.getByRole('navigation').locator(`[data-screen="${screen}"]`).click();
      await expect(current.getByRole('heading', { level: 1 })).toBeVisible();
    },
  }));
}

async function openManageAccess(page: Page, language: Language): Promise<void> {
  await page.getByRole('navigation').locator('[data-screen="access"]').click();
  // The Clusters screen comes back where it was left: Manage access stays open from one tab to the next.
  const manage = page.getByRole('button', { name: t(language, 'action.manageAccess', { name: 'Docker Hub' }) });
  const tabs = page.getByRole('tablist');
  await expect(manage.or(tabs)).toBeVisible();
  if (await manage.isVisible()) await manage.click();
  await expect(tabs).toBeVisible();
}

function accessTab(tab: 'settings' | 'plan' | 'status' | 'cluster-sync', ready?: (page: Page, language: Language) => Promise<void>): View {
  return {
    name: `Manage access, tab ${tab}`,
    async open(page, language) {
      await openManageAccess(page, language);
      await page.getByRole('tab', { name: t(language, `accessForm.tab.${tab}`) }).click();
      await ready?.(page, language);
    },
  };
}

const DETAIL_VIEWS: View[] = [
  accessTab('settings'),
  accessTab('plan', async (page, language) => {
    await page.getByRole('button', { name: t(language, 'plan.previewSaved'), exact: true }).click();
    await expect(page.locator(`[data-context="${CONTEXT}"]`).first()).toBeVisible();
  }),
  accessTab('status', async (page) => {
    await expect(page.locator(`[data-context="${CONTEXT}"]`).first()).toBeVisible();
  }),
  accessTab('cluster-sync', async (page) => {
    await expect(page.locator(`[data-testid="sync-context"][data-context="${CONTEXT}"]`)).toBeVisible();
  }),
  // Last: the form is a dialog that keeps the rest of the window inert while it is open.
  {
    name: 'the registry form',
    async open(page, language) {
      await page.getByRole('navigation').locator('[data-screen="registries"]').click();
      await page.getByRole('button', { name: t(language, 'action.add') }).first().click();
      await expect(page.getByLabel(t(language, 'field.name'), { exact: true })).toBeVisible();
    },
  },
];

async function everyView(page: Page): Promise<View[]> {
  return [...(await sidebarViews(page)), ...DETAIL_VIEWS];
}

test('every screen, the registry form and every tab of Manage access: no serious accessibility problem', async ({ app }) => {
  test.setTimeout(420_000);
  const { page } = app;
  await page.setViewportSize({ width: 1280, height: 820 });
  const problems: string[] = [];
  for (const view of await everyView(page)) {
    await view.open(page, 'en');
    problems.push(...(await seriousAxeViolations(page, view.name)));
    await page.setViewportSize({ width: 1024, height: 820 });
    await expectTablesFit(page, `${view.name} at 1024 px`);
    await page.setViewportSize({ width: 1280, height: 820 });
  }
  expect(problems).toEqual([]);
});

/** The fonts Chromium really used for an element's glyphs (DevTools' "Rendered fonts"). */
async function renderedFonts(page: Page, selector: string): Promise<string[]> {
  const session = await page.context().newCDPSession(page);
  await session.send('DOM.enable');
  await session.send('CSS.enable');
  const { root } = await session.send('DOM.getDocument');
  const { nodeId } = await session.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  const { fonts } = await session.send('CSS.getPlatformFontsForNode', { nodeId });
  await session.detach();
  return fonts.map((font) => font.familyName);
}

test('every screen in Chinese: no untranslated key, no Latin-only label, no all-caps header, one font for both scripts', async ({ app }) => {
  test.setTimeout(420_000);
  const { page } = app;
  await page.setViewportSize({ width: 1280, height: 820 });
  await chooseLanguage(page, 'zh-CN');
  const problems: string[] = [];
  for (const view of await everyView(page)) {
    await view.open(page, 'zh-CN');
    problems.push(...(await chineseProblems(page, view.name, OPERATOR_WORDS)));
    await app.screenshot(`every-screen-zh-${view.name}`);
    await page.setViewportSize({ width: 1024, height: 820 });
    await expectTablesFit(page, `${view.name} in Chinese at 1024 px`);
    await app.screenshot(`every-screen-zh-1024-${view.name}`);
    await page.setViewportSize({ width: 1280, height: 820 });
  }
  expect(problems).toEqual([]);
  await page.keyboard.press('Escape');

  // A bold heading with Chinese and a Latin name: one face renders both, so both have its bold.
  await openManageAccess(page, 'zh-CN');
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toContainText('Docker Hub');
  await heading.evaluate((element) => element.setAttribute('data-font-probe', ''));
  expect(await renderedFonts(page, '[data-font-probe]')).toEqual(['Noto Sans CJK SC']);
});
