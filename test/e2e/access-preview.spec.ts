import { adminAndOperator } from '../support/operator-users';
import { ADMIN_TOKEN } from '../kube-api-server';
import { kubectl } from '../kube-api-server/kubectl';
import { translate, type MessageKey, type MessageParams } from '../../shared/i18n';
import { expectReadableInChinese } from './chinese-problems';
import type { Locator } from '@playwright/test';
import type { Language } from '../../shared/schemas';
import { expect, test, chooseLanguage, type App } from './harness';
import { expectRowBadgesAligned } from './row-badges-aligned';
import { expectTablesFit } from './tables-fit';
import { useWorkstationWithClusters } from './workstations';

/**
 * The preview shows what apply will send (Secret YAML with its data as a placeholder, the
 * ServiceAccount patch), each copyable, and a refused namespace the exact `kubectl auth can-i`
 * that checks it — run here with the real kubectl against the same API server.
 */

const PASSWORD = 'dckr_pat_preview0SECRET';
const TEAMS = ['team-a', 'team-b', 'team-c'];
/** The registry, its user, the contexts and namespaces: shown as written in Chinese too. */
const OPERATOR_WORDS = ['Docker Hub', 'docker.io', 'octocat', 'alpha-admin', 'alpha', 'default', ...TEAMS, 'docker-hub-pull-secret'];
const PLACEHOLDER = '<secret data: read from the keychain on apply, not shown>';

const cluster = useWorkstationWithClusters({
  name: 'preview',
  server: { users: adminAndOperator(TEAMS, 'team-c'), recordRequests: true },
  namespaces: TEAMS,
  contexts: [
    { name: 'alpha', token: 'operator-token' },
    { name: 'alpha-admin', token: ADMIN_TOKEN },
  ],
  currentContext: 'alpha',
  seed: async (services) => {
    await services.registries.create({ type: 'docker', name: 'Docker Hub', url: 'docker.io', username: 'octocat', password: PASSWORD });
  },
});

async function previewAlpha(app: App, labels: { clusters: string; manage: string; preview: string }): Promise<void> {
  const { page } = app;
  await page.getByRole('navigation').getByRole('button', { name: labels.clusters, exact: true }).click();
  await page.getByRole('button', { name: labels.manage }).click();
  await page.getByRole('checkbox', { name: /^alpha / }).check();
  await page.getByRole('button', { name: labels.preview, exact: true }).click();
}

/**
 * The dialog's total is the sum of the cluster counts it shows: alpha-admin reaches the same API
 * server as alpha, so its group (below the table's fold) counts the same objects again and must show
 * its count beside alpha's. Each count is read from a visible line of the dialog.
 */
async function expectTotalIsSumOfGroups(dialog: Locator, language: Language) {
  const counts = dialog.getByTestId('removal-clusters').locator('[data-context]');
  await expect(counts).toHaveCount(2);
  let sum = 0;
  for (const [index, context] of ['alpha', 'alpha-admin'].entries()) {
    await expect(counts.nth(index)).toBeInViewport();
    await expect(counts.nth(index)).toHaveAttribute('data-context', context);
    sum += Number((await counts.nth(index).locator('.change-count').innerText()).replace(/\D/g, ''));
  }
  expect(sum).toBe(12);
  await expect(dialog).toContainText(translate(language, 'cleanup.confirmSummary', { count: sum }));
}

const planRow = (app: App, namespace: string) => app.page.locator(`[data-testid="plan-context"][data-context="alpha"] [data-testid="namespace-row"][data-namespace="${namespace}"]`);

test('the preview shows what will be sent, with a placeholder for secret data, and the can-i of a refusal', async ({ app }) => {
  test.setTimeout(240_000);
  const { page } = app;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await previewAlpha(app, { clusters: 'Clusters', manage: 'Manage access Docker Hub', preview: 'Preview' });
  await expect(planRow(app, 'team-a')).toBeVisible();
  cluster.server.resetRequests();

  await planRow(app, 'team-a').getByRole('button', { name: 'What will be sent to team-a in alpha' }).click();
  const sent = page.locator('[data-testid="sent-row"][data-namespace="team-a"]');
  const secret = sent.locator('[data-testid="sent-object"][data-kind="Secret"]');
  await expect(secret).toContainText('POST /api/v1/namespaces/team-a/secrets');
  await expect(secret).toContainText(`.dockerconfigjson: "${PLACEHOLDER}"`);
  await expect(secret).toContainText('type: kubernetes.io/dockerconfigjson');
  const account = sent.locator('[data-testid="sent-object"][data-kind="ServiceAccount"]');
  await expect(account).toContainText('PATCH /api/v1/namespaces/team-a/serviceaccounts/default');
  await expect(account).toContainText('"name": "docker-hub-pull-secret"');
  // The body reads as one block: every line starts at the same left edge, with no inline-code band behind each line.
  const firstWord = (text: string) => secret.locator('.command-word', { hasText: new RegExp(`^${text}$`) });
  expect((await firstWord('apiVersion:').boundingBox())!.x, 'the first line of the body starts where the next does').toBe((await firstWord('kind:').boundingBox())!.x);
  expect(await secret.locator('pre code').evaluate((element) => element.ownerDocument.defaultView!.getComputedStyle(element).backgroundColor), 'a band behind each line').toBe('rgba(0, 0, 0, 0)');
  // Showing it asked main for the plan only: the cluster got no request (a reachability probe aside).
  expect(cluster.server.requests().filter((request) => request.url !== '/version').map((request) => `${request.method} ${request.url}`)).toEqual([]);

  await secret.getByRole('button', { name: 'Copy request body for Secret docker-hub-pull-secret' }).click();
  await expect(secret.getByRole('status')).toHaveText('Copied');
  const copied = await page.evaluate<string>('navigator.clipboard.readText()');
  expect(copied).toContain(PLACEHOLDER);
  expect(copied).toContain('name: docker-hub-pull-secret');

  // team-c: the operator may not create secrets there; the preview gives the exact check.
  const canI = planRow(app, 'team-c').getByTestId('can-i');
  const command = 'kubectl auth can-i create secrets -n team-c --context alpha';
  await expect(canI.locator('code')).toHaveText(command);
  await canI.getByRole('button', { name: 'Copy kubectl auth can-i command for team-c' }).click();
  expect(await page.evaluate<string>('navigator.clipboard.readText()')).toBe(command);
  const [, , , ...args] = command.split(' ');
  const refused = await kubectl(cluster.kubeconfig, ['auth', 'can-i', ...args]);
  expect(refused.stdout.trim()).toBe('no');
  const allowed = await kubectl(cluster.kubeconfig, ['auth', 'can-i', 'create', 'secrets', '-n', 'team-a', '--context', 'alpha']);
  expect(allowed.stdout.trim()).toBe('yes');

  for (const width of [1024, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await expectTablesFit(page, `at ${width} px`);
    await expectRowBadgesAligned(page.locator('[data-testid="plan-context"][data-context="alpha"]'), `preview at ${width} px`);
    // The narrow column wraps the command between words only: "can-i" stays on one line.
    const oneLine = (await canI.locator('.command-word', { hasText: /^kubectl$/ }).boundingBox())!.height;
    expect((await canI.locator('.command-word', { hasText: /^can-i$/ }).boundingBox())!.height, `"can-i" at ${width} px`).toBeLessThan(oneLine * 1.5);
    await app.screenshot(`access-preview-sent-${width}`);
  }
  expect(await page.content()).not.toContain(PASSWORD);
  expect(app.logLines.join('\n')).not.toContain(PASSWORD);
});

test('removals are listed grouped by cluster and namespace, with counts', async ({ app }) => {
  test.setTimeout(240_000);
  const { page } = app;
  await previewAlpha(app, { clusters: 'Clusters', manage: 'Manage access Docker Hub', preview: 'Preview' });
  const summary = page.getByTestId('plan-summary');
  await summary.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('apply-result').getByRole('heading', { name: 'Applied' })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('tab', { name: 'Settings' }).click();
  await page.getByRole('checkbox', { name: /^alpha / }).uncheck();
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await summary.getByRole('button', { name: 'Apply' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove from the clusters?' });
  const alpha = dialog.locator('[data-testid="removal-cluster"][data-context="alpha"]');
  // default, team-a and team-b: a secret and a reference each; team-c had nothing (its secret was refused).
  await expect(alpha.locator('.change-group-cluster')).toHaveText('Cluster alpha 6 changes');
  await expect(alpha.locator('[data-testid="removal-namespace"][data-namespace="team-a"]')).toHaveText('Namespace team-a 2 changes');
  await expect(alpha.getByTestId('removal-namespace')).toHaveCount(3);
  await expect(alpha.locator('[data-testid="removal-namespace"][data-namespace="team-c"]')).toHaveCount(0);
  await expect(alpha.getByTestId('removal-row')).toHaveCount(6);
  await expectTotalIsSumOfGroups(dialog, 'en');
  for (const width of [1024, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await expectTablesFit(page, `at ${width} px`);
    await app.screenshot(`access-removal-table-${width}`);
  }
  // Leave the cluster as it was, for the next test.
  await dialog.getByRole('button', { name: 'Remove and apply' }).click();
  await expect(page.getByTestId('apply-result').getByRole('heading', { name: 'Applied' })).toBeVisible({ timeout: 60_000 });
});

test('in Chinese: what will be sent, the can-i check and the grouped removal table', async ({ app }) => {
  test.setTimeout(300_000);
  const { page } = app;
  const zh = (key: MessageKey, params?: MessageParams) => translate('zh-CN', key, params);
  await chooseLanguage(page, 'zh-CN');
  await previewAlpha(app, { clusters: '集群', manage: '管理访问 Docker Hub', preview: '预览' });
  await planRow(app, 'team-a').getByRole('button', { name: '将发送的内容 发往 alpha 的 team-a' }).click();
  // The placeholder reads in Chinese too; the English one is nowhere on the screen.
  await expect(page.locator('[data-testid="sent-row"][data-namespace="team-a"] [data-kind="Secret"]')).toContainText('.dockerconfigjson: "<Secret 数据：应用时从钥匙串读取，此处不显示>"');
  await expect(page.getByText(PLACEHOLDER)).toHaveCount(0);
  await expect(planRow(app, 'team-c').getByTestId('can-i')).toContainText('检查权限');
  for (const width of [1024, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await expectTablesFit(page, `at ${width} px`);
    await expectReadableInChinese(page, `what will be sent in Chinese at ${width} px`, OPERATOR_WORDS);
    await app.screenshot(`zh-access-preview-sent-${width}`);
  }

  // Applied, then alpha deselected: the removals it brings, grouped and counted in Chinese.
  const summary = page.getByTestId('plan-summary');
  const applied = page.getByTestId('apply-result').getByRole('heading', { name: zh('result.done') });
  await summary.getByRole('button', { name: zh('plan.apply'), exact: true }).click();
  await expect(applied).toBeVisible({ timeout: 60_000 });
  await page.getByRole('tab', { name: zh('accessForm.tab.settings') }).click();
  await page.getByRole('checkbox', { name: /^alpha / }).uncheck();
  await page.getByRole('button', { name: '预览', exact: true }).click();
  await summary.getByRole('button', { name: zh('plan.apply'), exact: true }).click();
  const dialog = page.getByRole('dialog', { name: zh('cleanup.confirmTitle') });
  const alpha = dialog.locator('[data-testid="removal-cluster"][data-context="alpha"]');
  await expect(alpha.locator('.change-group-cluster')).toHaveText(`${zh('changes.cluster')} alpha ${zh('changes.count', { count: 6 })}`);
  await expect(alpha.locator('[data-testid="removal-namespace"][data-namespace="team-a"]')).toHaveText(`${zh('clusters.namespace')} team-a ${zh('changes.count', { count: 2 })}`);
  await expect(alpha.getByTestId('removal-namespace')).toHaveCount(3);
  await expect(alpha.getByTestId('removal-row')).toHaveCount(6);
  await expect(alpha.locator('[data-testid="removal-row"][data-kind="Secret"]').first()).toContainText(zh('changes.delete'));
  await expectTotalIsSumOfGroups(dialog, 'zh-CN');
  for (const width of [1024, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await expectTablesFit(page, `the removal table in Chinese at ${width} px`);
    await expectReadableInChinese(page, `the removal table in Chinese at ${width} px`, OPERATOR_WORDS);
    await app.screenshot(`zh-access-removal-table-${width}`);
  }
  // Leave the cluster as it was.
  await dialog.getByRole('button', { name: zh('cleanup.confirmApply') }).click();
  await expect(applied).toBeVisible({ timeout: 60_000 });
});
