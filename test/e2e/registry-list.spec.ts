import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { defaultAccessSettings } from '../../shared/access-settings';
import { translate, type MessageKey } from '../../shared/i18n';
import { ADMIN_TOKEN, startKubeApiServer, writeKubeconfig, type KubeApiServer } from '../kube-api-server';
import { startEcrEndpoint, type RunningEcrEndpoint } from '../registry-servers/ecr-endpoint';
import type { Language } from '../../shared/schemas';
import { expectNoSeriousAxeViolations } from './axe';
import { expectReadableInChinese } from './chinese-problems';
import { expect, test, chooseLanguage } from './harness';
import { followOsLanguage, LANGUAGES, shotsInEachLanguage, WIDTHS } from './language-widths';
import { expectTablesFit } from './tables-fit';

/** The registries' names, hosts and users, and the cluster's context: shown as written in Chinese too. */
const OPERATOR_WORDS = ['Prod ECR', 'Docker Hub', 'Lab', 'Quay robots', 'docker.io', 'registry.lab.internal:5000', 'quay.io', 'octocat', 'org+robot', 'robot', 'prod'];

/**
 * The registry list answers "where is this registry, and is it healthy?": the In clusters column
 * from the last status check (never green over a problem), search, sort, the details drawer, the
 * row menu by keyboard, and the empty state's three starts; screenshots in en and zh at 1024 and 1280 px.
 */

const folder = mkdtempSync(join(tmpdir(), 'rd-e2e-list-'));
const kubeconfig = join(folder, 'config.yaml');
const PASSWORD = 'dckr_pat_list0SECRET';
let server: KubeApiServer;

test.beforeAll(async () => {
  server = await startKubeApiServer({});
  for (const team of ['team-a', 'team-b']) server.seed.namespace(team);
  // A secret with the app's name that the app did not make: team-b is a conflict, team-a is missing.
  server.seed.secret('team-b', { metadata: { name: 'docker-hub-pull-secret' }, type: 'Opaque', stringData: { token: 'not-ours' } });
  writeKubeconfig(kubeconfig, [{ name: 'prod', server: server.url, caPem: server.caPem, token: ADMIN_TOKEN }], 'prod');
});

test.afterAll(async () => {
  await server?.stop();
});

const rows = (page: Page) => page.getByTestId('registry-row');
const names = (page: Page) => rows(page).evaluateAll((found) => found.map((row) => row.getAttribute('data-registry')));
const healthOf = (page: Page, name: string) => page.locator(`[data-testid="registry-row"][data-registry="${name}"] [data-testid="cluster-health"]`);

/**
 * The list's phrases broken over two lines (names, "Not tested yet", each state of the health
 * badge), and how many phrases were looked at. The expression is text: tests compile without DOM types.
 */
const BROKEN_PHRASES = `(() => {
  const rows = '[data-testid="registry-row"] ';
  // A health badge is one phrase per state when it lists them, else one phrase as a whole.
  const badges = [...document.querySelectorAll(rows + '[data-testid="cluster-health"] .badge')];
  const phrases = [
    ...document.querySelectorAll(rows + ':is(.registry-name-button, .connection-cell > *)'),
    ...badges.flatMap((badge) => (badge.querySelector('.health-part') ? [...badge.querySelectorAll('.health-part')] : [badge])),
  ];
  const lines = (element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
  };
  return { seen: phrases.length, broken: phrases.filter((phrase) => lines(phrase) > 1).map((phrase) => phrase.innerText.trim()) };
})()`;

/** How many lines a registry's health badge takes. */
const badgeLines = (page: Page, name: string) =>
  healthOf(page, name)
    .locator('.badge')
    .evaluate((badge) => {
      const range = badge.ownerDocument.createRange();
      range.selectNodeContents(badge);
      return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
    });

/**
 * The heads read as the cells below them do: a head naming two things stacks them, each on its own
 * line at the same left edge, never run together ("Name ↕ Registry type ↕").
 */
async function expectStackedHeads(page: Page, where: string) {
  const head = page.locator('.registry-table thead th');
  await expect(head).toHaveCount(4);
  const sortButtons = head.first().getByRole('button');
  await expect(sortButtons).toHaveCount(2);
  const nameBox = (await sortButtons.nth(0).boundingBox())!;
  const typeBox = (await sortButtons.nth(1).boundingBox())!;
  expect(typeBox.y, `${where}: the type's sort button under the name's`).toBeGreaterThanOrEqual(nameBox.y + nameBox.height);
  expect(typeBox.x, `${where}: name and type heads start at one edge`).toBe(nameBox.x);
}

/**
 * The addresses in the URL column that take more than one line. A break after `.`, `/` or `:` is
 * allowed where the column lacks room (1024 px); at 1280 px it has room for the lab's host and port.
 */
const BROKEN_HOSTS = `(() => [...document.querySelectorAll('[data-testid="registry-row"] td.registry-url > .host-text')]
  .filter((host) => {
    const range = document.createRange();
    range.selectNodeContents(host);
    return new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top))).size > 1;
  })
  .map((host) => host.textContent.trim()))()`;

async function expectPhrasesOnOneLine(page: Page, where: string) {
  const { seen, broken } = await page.evaluate<{ seen: number; broken: string[] }>(BROKEN_PHRASES);
  expect(seen).toBeGreaterThanOrEqual(9);
  expect(broken, `${where}: phrases broken over two lines`).toEqual([]);
}

/** At 1024 and 1280 px: the table fits without scrolling, no phrase breaks, Chinese reads as Chinese, and a screenshot. */
async function shots(app: { page: Page; screenshot: (name: string) => Promise<string> }, name: string, language: Language) {
  for (const width of [1024, 1280]) {
    await app.page.setViewportSize({ width, height: 820 });
    if (await rows(app.page).count()) {
      await expectTablesFit(app.page, `${name} at ${width} px`);
      await expectPhrasesOnOneLine(app.page, `${name} at ${width} px`);
      if (width === 1280) expect(await app.page.evaluate<string[]>(BROKEN_HOSTS), `${name} at ${width} px: addresses broken over two lines`).toEqual([]);
    }
    if (language === 'zh-CN') await expectReadableInChinese(app.page, `${name} at ${width} px`, OPERATOR_WORDS);
    await app.screenshot(`${name}-${width}`);
  }
}

test.describe('with registries', () => {
  test.use({
    appOptions: {
      kubeconfigPaths: [kubeconfig],
      seed: async (services) => {
        const hub = await services.registries.create({ type: 'docker', name: 'Docker Hub', url: 'docker.io', username: 'octocat', password: PASSWORD });
        const settings = defaultAccessSettings(hub.name, hub.id);
        await services.access.save(hub.id, { ...settings, contexts: ['prod'], scope: { ...settings.scope, namespaces: { kind: 'list', names: ['team-a', 'team-b'] } } });
        await services.registries.create({ type: 'other', name: 'Lab', url: 'https://registry.lab.internal:5000', username: 'robot', password: 'lab-list0SECRET', connection: 'secure' });
        await services.registries.create({ type: 'quay', name: 'Quay robots', url: 'quay.io', username: 'org+robot', password: 'quay-list0SECRET' });
      },
    },
  });

  test('In clusters, search, sort, details and the row menu', async ({ app }) => {
    test.setTimeout(240_000);
    const { page } = app;
    await expect(rows(page)).toHaveCount(3);
    // Truthful before any check: nothing is read from a cluster for the list.
    await expect(healthOf(page, 'Docker Hub')).toHaveText('1 cluster · not checked yet');
    await expect(healthOf(page, 'Docker Hub')).toHaveAttribute('data-tone', 'neutral');
    await expect(healthOf(page, 'Lab')).toHaveText('No clusters');
    await shots(app, 'list-unchecked-en', 'en');
    // A row shows two buttons, and none of them is a red Delete.
    const hubRow = rows(page).filter({ hasText: 'Docker Hub' });
    await expect(hubRow.locator('td.row-actions button')).toHaveCount(2);
    await expect(hubRow.locator('.button-danger, .button-danger-solid')).toHaveCount(0);

    // The column opens the status, filtered to problems.
    await healthOf(page, 'Docker Hub').click();
    const prod = page.locator('[data-testid="status-context"][data-context="prod"]');
    await expect(prod.locator('[data-namespace="team-b"]')).toHaveAttribute('data-state', 'conflict', { timeout: 60_000 });
    await expect(prod.getByLabel('Show')).toHaveValue('problems');
    await page.getByRole('button', { name: translate('en', 'nav.back', { screen: translate('en', 'nav.registries') }) }).click();

    // The worst state colours the cell: a conflict is never green.
    await expect(healthOf(page, 'Docker Hub')).toHaveText('1 cluster · 1 conflict · 1 missing');
    await expect(healthOf(page, 'Docker Hub')).toHaveAttribute('data-tone', 'error');
    await expect(healthOf(page, 'Docker Hub').locator('.badge')).toHaveClass(/state-error/);
    // The column has room at 1280 px: the badge reads on one line, not three stacked in a narrow pill.
    await page.setViewportSize({ width: 1280, height: 820 });
    expect(await badgeLines(page, 'Docker Hub'), 'the In clusters badge at 1280 px').toBe(1);
    await expectStackedHeads(page, 'en at 1280 px');
    await shots(app, 'list-en', 'en');

    const search = page.getByRole('searchbox', { name: 'Search registries' });
    await search.fill('lab.internal');
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page)).toHaveAttribute('data-registry', 'Lab');
    // The host found by part of its name, pictured with the search it answers.
    await shotsInEachLanguage(app, 'list-search', {
      operatorWords: OPERATOR_WORDS,
      check: async (language, text) => {
        await expect(page.getByRole('searchbox', { name: text('registryList.search') })).toHaveValue('lab.internal');
        expect(await names(page)).toEqual(['Lab']);
      },
    });
    for (const language of LANGUAGES) {
      await followOsLanguage(page, language);
      expect(await page.evaluate<string[]>(BROKEN_HOSTS), `list-search in ${language} at 1280 px: addresses broken over two lines`).toEqual([]);
    }
    await followOsLanguage(page, 'en');
    await search.fill('quay');
    await expect(rows(page)).toHaveAttribute('data-registry', 'Quay robots');
    await search.fill('nothing-like-it');
    await expect(page.getByText('No registry matches “nothing-like-it”.')).toBeVisible();
    await search.fill('');
    await expect(rows(page)).toHaveCount(3);

    const heading = (name: string) => page.getByRole('columnheader', { name: new RegExp(`^${name}`) });
    await heading('In clusters').getByRole('button').click();
    await expect(heading('In clusters')).toHaveAttribute('aria-sort', 'ascending');
    expect(await names(page)).toEqual(['Docker Hub', 'Lab', 'Quay robots']);
    await heading('Name').getByRole('button', { name: 'Name', exact: true }).click();
    await heading('Name').getByRole('button', { name: 'Name', exact: true }).click();
    await expect(heading('Name')).toHaveAttribute('aria-sort', 'descending');
    expect(await names(page)).toEqual(['Quay robots', 'Lab', 'Docker Hub']);
    await shotsInEachLanguage(app, 'list-sorted', {
      operatorWords: OPERATOR_WORDS,
      check: async () => {
        await expect(page.locator('.registry-table thead th').first()).toHaveAttribute('aria-sort', 'descending');
        expect(await names(page)).toEqual(['Quay robots', 'Lab', 'Docker Hub']);
      },
    });
    await heading('Name').getByRole('button', { name: 'Registry type' }).click();
    await expect(heading('Name')).toHaveAttribute('aria-sort', 'ascending');
    expect(await names(page)).toEqual(['Docker Hub', 'Lab', 'Quay robots']);

    // Details: where it is and how it logs in, never the secret.
    await page.getByRole('button', { name: 'Docker Hub', exact: true }).click();
    const drawer = page.getByRole('dialog', { name: 'Docker Hub' });
    await expect(drawer.locator('[data-detail="host"]')).toContainText('docker.io');
    await expect(drawer.locator('[data-detail="username"]')).toContainText('octocat');
    await expect(drawer.locator('[data-detail="secret"]')).toContainText('In the OS keychain; never shown');
    await expect(drawer.locator('[data-detail="added"] time')).toHaveAttribute('datetime', /^\d{4}-/);
    await expect(drawer.locator('[data-detail="clusters"]')).toContainText('1 conflict');
    await expect(drawer.locator('[data-detail="default"]')).toContainText('Yes');
    expect(await page.content()).not.toContain(PASSWORD);
    await expectNoSeriousAxeViolations(page, 'the details drawer');
    await shots(app, 'list-drawer-en', 'en');
    // The host copies whole; the button shows a check mark for a moment ("Copied" to screen readers), then offers to copy again.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
    const copyHost = drawer.getByRole('button', { name: 'Copy docker.io' });
    await copyHost.click();
    await expect(copyHost).toHaveText('✓', { useInnerText: true });
    expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe('docker.io');
    await expect(drawer.locator('[data-detail="host"]').getByRole('status')).toHaveText('Copied');
    await app.screenshot('list-drawer-copied-en-1280');
    await expect(copyHost).toHaveText('Copy', { useInnerText: true });
    await expect(drawer.locator('[data-detail="host"]').getByRole('status')).toHaveText('');
    await page.keyboard.press('Escape');
    await expect(drawer).toBeHidden();

    // The row menu by keyboard: Enter opens on the first item, arrows move, Escape returns to the button.
    const more = page.getByRole('button', { name: 'More actions for Lab', exact: true });
    await more.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu');
    await expect(menu.getByRole('menuitem', { name: 'Test connection' })).toBeFocused();
    await expectNoSeriousAxeViolations(page, 'the open row menu');
    await page.keyboard.press('ArrowUp');
    await expect(menu.getByRole('menuitem', { name: 'Delete…' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(menu).toBeHidden();
    await expect(more).toBeFocused();
    // The open menu in each language and width: a resize closes it, so it is opened again after each.
    for (const language of LANGUAGES) {
      await followOsLanguage(page, language);
      const text = (key: MessageKey) => translate(language, key);
      const moreInLanguage = page.getByRole('button', { name: translate(language, 'registryList.more', { name: 'Lab' }), exact: true });
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 820 });
        await moreInLanguage.click();
        for (const item of ['registryList.menu.test', 'registryList.menu.edit', 'registryList.menu.delete'] as const) {
          await expect(menu.getByRole('menuitem', { name: text(item), exact: true })).toBeVisible();
        }
        await expectTablesFit(page, `list-menu in ${language} at ${width} px`);
        if (language === 'zh-CN') await expectReadableInChinese(page, `list-menu at ${width} px`, OPERATOR_WORDS);
        await app.screenshot(`list-menu-${language}-${width}`);
        await page.keyboard.press('Escape');
        await expect(menu).toBeHidden();
      }
    }
    await followOsLanguage(page, 'en');
    await page.setViewportSize({ width: 1280, height: 820 });

    await chooseLanguage(page, 'zh-CN');
    await expect(healthOf(page, 'Docker Hub')).toHaveText('1 个集群 · 1 个冲突 · 1 个缺失');
    await expect(page.getByRole('columnheader', { name: /^所在集群/ })).toBeVisible();
    await page.setViewportSize({ width: 1280, height: 820 });
    expect(await badgeLines(page, 'Docker Hub'), 'the In clusters badge in Chinese at 1280 px').toBe(1);
    await expectStackedHeads(page, 'zh at 1280 px');
    await shots(app, 'list-zh', 'zh-CN');
    await page.getByRole('button', { name: 'Docker Hub', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'Docker Hub' }).locator('[data-detail="secret"]')).toContainText('保存在操作系统钥匙串中');
    await shots(app, 'list-drawer-zh', 'zh-CN');
  });
});

/** A catalogue text as a whole-text pattern, the numbers standing for a countdown's free: it moves while the test runs. */
function withCountdown(text: string, ...countdown: string[]): RegExp {
  let pattern = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const number of countdown) pattern = pattern.replace(number, '\\d+');
  return new RegExp(`^${pattern}$`);
}

test.describe('an injected ECR registry', () => {
  const ECR_KEYS = { accessKeyId: 'AKIAE2ELIST000000001', secretAccessKey: 'ecr-e2e-list0SECRET/key' };
  const issuedPasswords: string[] = [];
  let ecrApi: RunningEcrEndpoint;
  test.beforeAll(async () => {
    const identities = [{ ...ECR_KEYS, arn: 'arn:aws:iam::123456789012:user/puller', allowed: true }];
    ecrApi = await startEcrEndpoint({ region: 'eu-west-1', accountId: '123456789012', identities, onIssue: async (password) => void issuedPasswords.push(password) });
  });
  test.afterAll(async () => {
    await ecrApi?.stop();
  });
  // The stand-in's address is known only once beforeAll has started it. The access is applied
  // before the window opens: the secrets in prod carry the token's expiry, which schedules the renewal.
  test.use({
    appOptions: async ({ page: _page }, use) => {
      await use({
        kubeconfigPaths: [kubeconfig],
        ecrEndpoint: ecrApi.endpoint,
        seed: async (services) => {
          const ecr = await services.registries.create({ type: 'ecr', name: 'Prod ECR', url: 'https://123456789012.dkr.ecr.eu-west-1.amazonaws.com', authType: 'user-auth', ...ECR_KEYS });
          const settings = defaultAccessSettings(ecr.name, ecr.id);
          const plan = await services.access.preview({ registryId: ecr.id, settings: { ...settings, contexts: ['prod'], scope: { ...settings.scope, namespaces: { kind: 'list', names: ['team-a', 'team-b'] } } } });
          await services.access.apply({ operationId: randomUUID(), planId: plan.planId, confirmRemovals: false });
        },
      });
    },
  });

  test('In clusters says when the ECR token renews, in English and Chinese', async ({ app }) => {
    const { page } = app;
    await expect(rows(page)).toHaveCount(1);
    // The list's own check: the column opens the status, which reads both copies in sync.
    await healthOf(page, 'Prod ECR').click();
    const prod = page.locator('[data-testid="status-context"][data-context="prod"]');
    await expect(prod.locator('.context-card-heading .badge')).toHaveText('Checked', { timeout: 60_000 });
    await page.getByRole('button', { name: translate('en', 'nav.back', { screen: translate('en', 'nav.registries') }) }).click();
    await shotsInEachLanguage(app, 'list-ecr', {
      operatorWords: OPERATOR_WORDS,
      check: async (language, text) => {
        // "1 cluster · all in sync · ECR token renews in 5 h 59 min": half the token's 12 hours before it expires.
        const renews = text('registryList.ecrRenews', { time: text('duration.hoursMinutes', { hours: 111, minutes: 222 }) });
        const whole = [text('registryList.clusters.one', { count: 1 }), text('registryList.clusters.allInSync'), renews].join(' · ');
        await expect(healthOf(page, 'Prod ECR')).toHaveText(withCountdown(whole, '111', '222'));
        await expect(healthOf(page, 'Prod ECR')).toHaveAttribute('data-tone', 'ok');
        const hours = Number(/(\d+)/.exec((await healthOf(page, 'Prod ECR').innerText()).split('·').at(-1)!)![1]);
        expect(hours).toBe(5);
        // Like every time in the app, the duration is a <time> with the exact moment on hover.
        const renewsAt = healthOf(page, 'Prod ECR').locator('time');
        await expect(renewsAt).toHaveText(/\d/);
        const at = (await renewsAt.getAttribute('datetime'))!;
        expect(Date.parse(at) - Date.now()).toBeGreaterThan(5 * 3_600_000);
        expect(Date.parse(at) - Date.now()).toBeLessThan(6 * 3_600_000);
        const exact = await page.evaluate(
          ([iso, locale]) => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso)),
          [at, language] as const,
        );
        await expect(renewsAt).toHaveAttribute('title', exact);
      },
    });
    expect(issuedPasswords.length).toBeGreaterThan(0);
    for (const secret of [ECR_KEYS.secretAccessKey, ...issuedPasswords]) expect(await page.content()).not.toContain(secret);
  });
});

/** Each start's button stays inside its card's padding (a long label ran over the card's edge at 1024 px). */
async function expectStartButtonsInside(page: Page, where: string) {
  for (const width of [1024, 1280]) {
    await page.setViewportSize({ width, height: 820 });
    for (const start of await page.locator('[data-start]').all()) {
      const card = (await start.boundingBox())!;
      const button = (await start.getByRole('button').boundingBox())!;
      expect(button.x + button.width, `${where} at ${width} px: the ${await start.getAttribute('data-start')} button inside its card`).toBeLessThanOrEqual(card.x + card.width - 12);
    }
  }
}

test('the empty list offers all three starts', async ({ app }) => {
  const { page } = app;
  const empty = page.getByTestId('registries-empty');
  await expect(empty.getByRole('heading', { name: 'No container registries yet' })).toBeVisible();
  await expect(empty.locator('[data-start]')).toHaveCount(3);
  await expectStartButtonsInside(page, 'the empty list');
  await shots(app, 'list-empty-en', 'en');
  await empty.getByRole('button', { name: 'Import logins' }).click();
  await expect(page.getByRole('heading', { name: translate('en', 'importUi.screenTitle'), level: 1 })).toBeVisible();
  await page.getByRole('button', { name: translate('en', 'nav.back', { screen: translate('en', 'nav.registries') }) }).click();
  await empty.getByRole('button', { name: 'Open the pull doctor' }).click();
  await expect(page.getByRole('heading', { name: translate('en', 'doctor.title'), level: 1 })).toBeVisible();
  await page.getByRole('button', { name: translate('en', 'nav.back', { screen: translate('en', 'nav.registries') }) }).click();
  await empty.getByRole('button', { name: 'Add container registry' }).click();
  await expect(page.getByRole('radio', { name: 'Docker' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await chooseLanguage(page, 'zh-CN');
  await expect(empty.getByRole('button', { name: '打开拉取诊断' })).toBeVisible();
  await expectStartButtonsInside(page, 'the empty list in Chinese');
  await shots(app, 'list-empty-zh', 'zh-CN');
});
