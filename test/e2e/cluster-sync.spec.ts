import type { Locator, Page } from '@playwright/test';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installEngine, installReflector } from '../engine-crds';
import { externalSecretsPass, reflectorPass } from '../engine-controllers';
import { ADMIN_TOKEN, startKubeApiServer, writeKubeconfig, type KubeApiServer } from '../kube-api-server';
import { expectNoStretchedButtons, expectSelectsMatchInputs, expectSelectsShowTheirChoice } from './controls-fit';
import type { Language } from '../../shared/schemas';
import { expectNoSeriousAxeViolations } from './axe';
import { expectReadableInChinese } from './chinese-problems';
import { expect, test, chooseLanguage } from './harness';
import { shotsInEachLanguage, WIDTHS, type LanguageShotOptions } from './language-widths';
import { expectTablesFit } from './tables-fit';

/**
 * "Keep in sync in the cluster" end to end in Chromium: one cluster with Reflector, one with
 * External Secrets (as the Kubernetes API test server presents them), English and Chinese.
 */

const folder = mkdtempSync(join(tmpdir(), 'rd-e2e-sync-'));
const kubeconfig = join(folder, 'config.yaml');
const PASSWORD = 'dckr_pat_sync0SECRET:with&<chars>';
const SECRET_NAME = 'docker-hub-pull-secret';
const ADMIN = { name: 'admin', rules: [{ verbs: ['*'], resources: ['*'], apiGroups: ['*'] }] };

let reflector: KubeApiServer;
let eso: KubeApiServer;

test.beforeAll(async () => {
  reflector = await startKubeApiServer({ users: { [ADMIN_TOKEN]: ADMIN } });
  eso = await startKubeApiServer({ users: { [ADMIN_TOKEN]: ADMIN } });
  for (const server of [reflector, eso]) for (const team of ['team-a', 'team-b']) server.seed.namespace(team, { tier: 'web' });
  installReflector(reflector);
  installEngine(eso, 'external-secrets');
  writeKubeconfig(kubeconfig, [
    { name: 'with-reflector', server: reflector.url, caPem: reflector.caPem, token: ADMIN_TOKEN },
    { name: 'with-eso', server: eso.url, caPem: eso.caPem, token: ADMIN_TOKEN },
  ]);
});

test.afterAll(async () => {
  await reflector?.stop();
  await eso?.stop();
});

test.use({
  appOptions: {
    kubeconfigPaths: [kubeconfig],
    seed: async (services) => {
      const registry = await services.registries.create({ type: 'docker', name: 'Docker Hub', url: 'docker.io', username: 'octocat', password: PASSWORD, isDefault: true });
      await services.access.save(registry.id, {
        mode: 'inject-selected',
        allClusters: false,
        contexts: ['with-reflector', 'with-eso'],
        scope: { namespaces: { kind: 'selector', labelSelector: 'tier=web' }, serviceAccounts: { kind: 'default' } },
        contextScopes: {},
        credential: { type: 'registry-credentials', secretName: SECRET_NAME },
      });
    },
  },
});

/** axe on the Keep in sync panel only: the rest of the screen is Manage access's, checked in access.spec. */
const noSeriousAxeViolations = (page: Page, where: string) => expectNoSeriousAxeViolations(page, where, '[data-testid="cluster-sync"]');

/** Every text input and select is the kit's (a framed field), never the browser's bare control. */
async function expectKitControls(panel: Locator): Promise<void> {
  const controls = panel.locator('input:not([type="checkbox"]), select');
  expect(await controls.count()).toBeGreaterThan(0);
  for (const control of await controls.all()) {
    // Test files compile without DOM types: the element is read through a narrow shape.
    const look = await control.evaluate((element) => {
      const node = element as unknown as { closest(selector: string): unknown; ownerDocument: { defaultView: { getComputedStyle(node: unknown): { borderTopLeftRadius: string } } } };
      return { inField: node.closest('.field') !== null, radius: node.ownerDocument.defaultView.getComputedStyle(node).borderTopLeftRadius };
    });
    expect(look).toEqual({ inField: true, radius: '6px' });
  }
}

/**
 * The page at 1024 px, status included, stays under 2,000 px (2.4 windows of 820 px): one row per
 * cluster, not a card of prose per cluster with every install command open (3,380 px that way).
 */
async function expectPageUnderTwoThousand(page: Page, where: string): Promise<void> {
  await page.setViewportSize({ width: 1024, height: 820 });
  const height = await page.evaluate<number>('document.documentElement.scrollHeight');
  expect(height, `${where}: page height at 1024 px`).toBeLessThanOrEqual(2.4 * 820);
}

/** Screenshots at the two widths the window is tested at. */
async function shotsAt(page: Page, screenshot: (name: string) => Promise<string>, name: string, language: Language): Promise<void> {
  for (const width of [1024, 1280]) {
    await page.setViewportSize({ width, height: 820 });
    await expectTablesFit(page, `${name} at ${width} px`);
    await expectSelectsMatchInputs(page, `${name} at ${width} px`);
    await expectSelectsShowTheirChoice(page, `${name} at ${width} px`);
    await expectNoStretchedButtons(page, `${name} at ${width} px`);
    if (language === 'zh-CN') await expectReadableInChinese(page, `${name} at ${width} px`, OPERATOR_WORDS);
    await screenshot(`${name}-${width}`);
  }
}

/**
 * "Remove from clusters" → Apply opens the dialog that confirms the deletions: its controls are
 * checked at both widths like every panel's, then it is cancelled, so nothing is deleted.
 */
async function checkCleanupDialog(page: Page, screenshot: (name: string) => Promise<string>, labels: { cleanup: string; apply: string; title: string; cancel: string }, name: string, language: Language): Promise<void> {
  await page.getByRole('button', { name: labels.cleanup, exact: true }).click();
  await page.getByTestId('sync-plan').getByRole('button', { name: labels.apply, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: labels.title });
  // The deletions as a table grouped cluster → namespace (or cluster-wide) → object, kind in its own column; no bullet prose.
  const clusterOf = (context: string) => dialog.locator(`[data-testid="removal-cluster"][data-context="${context}"]`);
  const groupOf = (context: string, namespace: string) => clusterOf(context).locator(`[data-testid="removal-namespace"][data-namespace="${namespace}"]`);
  await expect(groupOf('with-reflector', 'registry-desk')).toBeVisible();
  await expect(groupOf('with-eso', 'registry-desk')).toBeVisible();
  await expect(groupOf('with-eso', '')).toBeVisible();
  await expect(clusterOf('with-reflector').locator('[data-testid="removal-row"][data-kind="Secret"] td').nth(1)).toHaveText(SECRET_NAME);
  await expect(clusterOf('with-eso').locator('[data-testid="removal-row"][data-kind="ClusterExternalSecret"] td').first()).toHaveText('ClusterExternalSecret');
  await expect(dialog.locator('li')).toHaveCount(0);
  await shotsAt(page, screenshot, name, language);
  await dialog.getByRole('button', { name: labels.cancel, exact: true }).click();
  await expect(dialog).toBeHidden();
}

/**
 * The files a GitOps save would overwrite, as the kit's table: the file, what it will hold instead
 * (the kinds in the new manifest, and its context), and that no copy of the old file is kept. No bullets.
 */
async function expectReplaceTable(dialog: Locator, fileNames: string[], text: { file: string; change: string; backup: string; overwritten: string; context: string; noBackup: string }): Promise<void> {
  const table = dialog.getByTestId('replace-files');
  await expect(table.locator('thead th')).toHaveText([text.file, text.change, text.backup]);
  await expect(table.locator('tbody tr')).toHaveCount(fileNames.length);
  const eso = table.locator(`tr[data-file="${fileNames[0]}"] td`);
  await expect(eso.nth(0)).toHaveText(fileNames[0]!);
  await expect(eso.nth(1).getByTestId('replace-objects')).toHaveText(`${text.overwritten}Namespace, ServiceAccount, Role, RoleBinding, ClusterSecretStore, ClusterExternalSecret`);
  await expect(eso.nth(1)).toContainText(text.context);
  await expect(eso.nth(2)).toHaveText(text.noBackup);
  await expect(table.locator(`tr[data-file="${fileNames[1]}"] td`).nth(1)).toContainText(text.overwritten);
  await expect(dialog.locator('li')).toHaveCount(0);
}

/** The report panels an action leaves under the buttons: a preview, an apply's result, the status, the export. */
const REPORTS = ['sync-plan', 'sync-result', 'sync-status', 'sync-export'].map((id) => `[data-testid="${id}"]`).join(', ');

/**
 * The panel's height beside its one report: the same after every action when each report replaces
 * the one before, larger by a whole report when they stack (the page grew to 3,366 px that way).
 */
async function heightBesideReport(page: Page): Promise<number> {
  const reports = page.locator(REPORTS);
  await expect(reports).toHaveCount(1);
  const panel = (await page.getByTestId('cluster-sync').boundingBox())!;
  const report = (await reports.boundingBox())!;
  return panel.height - report.height;
}

/** Every engine object's Ready condition shows with its time, relative, the exact time on hover. */
async function expectReadyTimes(status: Locator): Promise<void> {
  const rows = status.locator('tr[data-kind][data-ready="true"], tr[data-kind][data-ready="false"]');
  expect(await rows.count()).toBeGreaterThan(1);
  for (const row of await rows.all()) {
    await expect(row.getByTestId('ready-time').locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
    await expect(row.getByTestId('ready-time').locator('time')).toHaveAttribute('title', /\d/);
  }
}

/** The registry, its user, the contexts, namespaces and names the operator chose: shown as written in Chinese too. */
const OPERATOR_WORDS = ['Docker Hub', 'docker.io', 'octocat', 'with-reflector', 'with-eso', 'team-a', 'team-b', 'registry-desk', SECRET_NAME, 'tier=web'];

const REFLECTOR_INSTALL = 'helm repo add emberstack https://emberstack.github.io/helm-charts && helm install reflector emberstack/reflector --version 10.0.63 --namespace reflector --create-namespace';

test('choose an engine per context, preview the manifests, apply, watch the status, export — in English and Chinese', async ({ app }) => {
  test.setTimeout(300_000);
  const { page } = app;
  const pages: string[] = [];
  /** A state reached in Chinese only: pictured at both widths, each checked for what would read as untranslated. */
  const shotZh = async (name: string) => {
    await shotsAt(page, app.screenshot, name, 'zh-CN');
    pages.push(await page.content());
  };
  /** A state pictured in English and Chinese at both widths, left in English; each select still shows its choice. */
  const shot = async (name: string, check?: LanguageShotOptions['check']) => {
    await shotsInEachLanguage(app, name, {
      operatorWords: OPERATOR_WORDS,
      check: async (language, text) => {
        for (const width of WIDTHS) {
          await page.setViewportSize({ width, height: 820 });
          await expectSelectsShowTheirChoice(page, `${name} in ${language} at ${width} px`);
        }
        await check?.(language, text);
      },
    });
    pages.push(await page.content());
  };
  await page.setViewportSize({ width: 1280, height: 820 });
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Clusters' }).click();
  await page.getByRole('button', { name: 'Manage access Docker Hub' }).click();
  await page.getByRole('tab', { name: 'Keep in sync in the cluster' }).click();
  const panel = page.getByTestId('cluster-sync');
  const contextCard = (context: string) => page.locator(`[data-testid="sync-context"][data-context="${context}"]`);
  await expect(contextCard('with-reflector').locator('[data-engine="reflector"]')).toHaveAttribute('data-state', 'present');
  await expect(contextCard('with-reflector').locator('[data-engine="reflector"] .badge')).toHaveText('Installed');
  await expect(contextCard('with-eso').locator('[data-engine="external-secrets"]')).toHaveAttribute('data-state', 'present');
  // An engine that is missing says so in a badge and offers its install as one copyable, pinned command.
  const missing = contextCard('with-eso').locator('[data-engine="reflector"]');
  await expect(missing.locator('.badge')).toHaveText('Not installed');
  await expect(missing.getByTestId('install-command').locator('code')).toHaveText(REFLECTOR_INSTALL);
  // The command opens on demand, in the engine's own cell.
  await expect(missing.getByRole('button', { name: 'Copy the Reflector install command' })).toBeHidden();
  await missing.getByText('Install Reflector', { exact: true }).click();
  await expect(missing.getByRole('button', { name: 'Copy the Reflector install command' })).toBeVisible();
  await shot('cluster-sync-01b-install-open', async (_language, text) => {
    const what = text('clusterSync.installWhat', { engine: 'Reflector' });
    await expect(missing.getByRole('button', { name: text('kit.copyLabel', { what }) })).toBeVisible();
    await expect(missing.getByTestId('install-command').locator('code')).toHaveText(REFLECTOR_INSTALL);
  });
  await missing.getByText('Install Reflector', { exact: true }).click();
  await expect(missing.getByRole('button', { name: 'Copy the Reflector install command' })).toBeHidden();
  // The Status tab is the status; no button here repeats it.
  await expect(panel.getByRole('button', { name: 'Status', exact: true })).toHaveCount(0);

  await page.getByLabel('Who writes the secrets in with-reflector').selectOption('reflector');
  await page.getByLabel('Who writes the secrets in with-eso').selectOption('external-secrets');
  await expectKitControls(panel);
  await expectPageUnderTwoThousand(page, 'keep in sync: choose');
  await noSeriousAxeViolations(page, 'keep in sync: choose');
  await shot('cluster-sync-01-choose');

  await page.getByRole('button', { name: 'Preview manifests' }).click();
  const planOf = (context: string) => page.locator(`[data-testid="sync-plan-context"][data-context="${context}"]`);
  await expect(planOf('with-reflector')).toHaveAttribute('data-state', 'ready');
  await expect(planOf('with-reflector').locator('.context-card-heading .badge')).toHaveText('Ready');
  await expect(planOf('with-reflector').getByTestId('sync-yaml')).toContainText('reflection-auto-namespaces-selector: tier=web,kubernetes.io/metadata.name!=registry-desk');
  await expect(planOf('with-eso').locator('[data-kind="ClusterExternalSecret"]')).toHaveAttribute('data-action', 'create');
  await expect(planOf('with-eso').locator('[data-kind="ClusterExternalSecret"] .badge')).toHaveText('Create');
  // Each manifest preview copies whole, as Manage access's preview of what it sends does.
  for (const context of ['with-reflector', 'with-eso']) {
    await expect(planOf(context).getByTestId('sync-yaml').getByRole('button', { name: `Copy manifests for ${context}` })).toBeVisible();
  }
  const previews = page.getByTestId('sync-yaml');
  await expect(previews.getByRole('button', { name: /^Copy manifests for / })).toHaveCount(await previews.count());
  await noSeriousAxeViolations(page, 'keep in sync: preview');
  await shot('cluster-sync-02-preview');
  const besidePreview = await heightBesideReport(page);

  // Apply replaces the preview; the status follows by itself and takes the result's place, the
  // result's counts as its headline: one report on the page, which grows by nothing else.
  await page.getByTestId('sync-plan').getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('sync-status').getByTestId('sync-applied')).toHaveText(/^Applied: [1-9]\d* done, 0 unchanged, 0 skipped, 0 failed\.$/);
  await expect(page.getByTestId('sync-plan')).toHaveCount(0);
  await expect(page.getByTestId('sync-result')).toHaveCount(0);
  expect(Math.abs((await heightBesideReport(page)) - besidePreview)).toBeLessThanOrEqual(2);
  expect(reflector.read('secrets', 'registry-desk', SECRET_NAME)).toBeDefined();
  expect(eso.read('clusterexternalsecrets.external-secrets.io', null, `registry-desk-${SECRET_NAME}`)).toBeDefined();
  const status = page.getByTestId('sync-status');
  const statusOf = (context: string) => status.locator(`[data-context="${context}"]`);
  await expect(statusOf('with-eso').locator('[data-namespace="team-a"]')).toHaveAttribute('data-state', 'missing');
  // A checked cluster whose copies are missing is not green: its badge counts the problems.
  await expect(statusOf('with-eso').locator('.context-card-heading .badge')).toHaveText('2 problems');
  // The count of objects written, read once in English: the same headline in each language.
  const done = Number(/\d+/.exec(await page.getByTestId('sync-applied').innerText())![0]);
  await shot('cluster-sync-03-applied', async (_language, text) => {
    await expect(page.getByTestId('sync-status').getByTestId('sync-applied')).toHaveText(text('clusterSync.result', { done, unchanged: 0, skipped: 0, failed: 0 }));
    await expect(statusOf('with-eso').locator('.context-card-heading .badge')).toHaveText(text('clusterSync.problems', { count: 2 }));
  });

  // The engines reconcile; "Check again" reads each engine's own Ready condition and since when.
  await reflectorPass(reflector);
  await externalSecretsPass(eso);
  await status.getByRole('button', { name: 'Check again' }).click();
  await expect(statusOf('with-reflector').locator('[data-namespace="team-a"]')).toHaveAttribute('data-state', 'in-sync');
  await expect(statusOf('with-eso').locator('[data-namespace="team-a"]')).toHaveAttribute('data-state', 'in-sync');
  await expect(statusOf('with-eso').locator('.context-card-heading .badge')).toHaveText('Checked');
  const storeReady = statusOf('with-eso').locator('tr[data-kind="ClusterSecretStore"]');
  await expect(storeReady).toHaveAttribute('data-ready', 'true');
  await expect(storeReady.locator('.badge')).toHaveText('Ready');
  await expect(storeReady.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
  await expect(storeReady.locator('time')).toHaveText(/ago|now/);
  await expect(storeReady).toContainText('store validated');
  // External Secrets keeps no time on a ClusterExternalSecret's Ready: it shows when the check saw it so.
  const copierReady = statusOf('with-eso').locator('tr[data-kind="ClusterExternalSecret"]');
  await expect(copierReady).toHaveAttribute('data-ready', 'true');
  await expect(copierReady.locator('.badge')).toHaveText('Ready');
  await expect(copierReady.getByTestId('ready-time')).toHaveText(/^seen (now|\d+ (seconds?|minutes?) ago)$/);
  await expectReadyTimes(status);
  // Checking again replaced the status and let the apply's headline go; the page is no taller.
  await expect(page.getByTestId('sync-applied')).toHaveCount(0);
  expect(Math.abs((await heightBesideReport(page)) - besidePreview)).toBeLessThanOrEqual(2);
  await noSeriousAxeViolations(page, 'keep in sync: status');
  await expectPageUnderTwoThousand(page, 'keep in sync: status');
  await shot('cluster-sync-04-status');

  // Export replaces the result and the status: one report panel at a time.
  await page.getByRole('button', { name: 'Export for GitOps' }).click();
  await expect(page.getByTestId('sync-export')).toContainText(`registry-desk-${SECRET_NAME}-with-eso.yaml`);
  await expect(page.getByTestId('sync-status')).toHaveCount(0);
  await expect(page.getByTestId('sync-result')).toHaveCount(0);
  expect(Math.abs((await heightBesideReport(page)) - besidePreview)).toBeLessThanOrEqual(2);
  await shot('cluster-sync-05-export', async () => {
    await expect(page.getByTestId('sync-export')).toContainText(`registry-desk-${SECRET_NAME}-with-reflector.yaml`);
  });
  // Saving into a folder that already holds the files writes nothing until the operator confirms.
  const export_ = page.getByTestId('sync-export');
  const fileNames = [`registry-desk-${SECRET_NAME}-with-eso.yaml`, `registry-desk-${SECRET_NAME}-with-reflector.yaml`];
  await export_.getByRole('button', { name: 'Save files to a folder…' }).click();
  await expect(export_.getByRole('status')).toHaveText(`Saved 2 files to ${app.savedFiles}`);
  expect(readdirSync(app.savedFiles).sort()).toEqual(fileNames);
  const saved = readFileSync(join(app.savedFiles, fileNames[0]!), 'utf8');
  writeFileSync(join(app.savedFiles, fileNames[0]!), '# edited by hand\n');
  await export_.getByRole('button', { name: 'Save files to a folder…' }).click();
  const replace = page.getByRole('dialog', { name: `Replace 2 files in ${app.savedFiles}?` });
  await expectReplaceTable(replace, fileNames, { file: 'File', change: 'What changes', backup: 'Backup', overwritten: 'Overwritten with: ', context: 'for context with-eso', noBackup: 'None' });
  await shotsAt(page, app.screenshot, 'cluster-sync-05b-replace', 'en');
  await replace.getByRole('button', { name: 'Cancel' }).click();
  await expect(replace).toBeHidden();
  expect(readFileSync(join(app.savedFiles, fileNames[0]!), 'utf8')).toBe('# edited by hand\n');
  await export_.getByRole('button', { name: 'Save files to a folder…' }).click();
  await replace.getByRole('button', { name: 'Replace the files' }).click();
  await expect(export_.getByRole('status')).toHaveText(`Saved 2 files to ${app.savedFiles}`);
  expect(readFileSync(join(app.savedFiles, fileNames[0]!), 'utf8')).toBe(saved);
  await checkCleanupDialog(page, app.screenshot, { cleanup: 'Remove from clusters', apply: 'Apply', title: 'Remove what Registry Desk created for in-cluster sync?', cancel: 'Cancel' }, 'cluster-sync-05c-cleanup', 'en');
  expect(reflector.read('secrets', 'registry-desk', SECRET_NAME)).toBeDefined();

  await chooseLanguage(page, 'zh-CN');
  await page.setViewportSize({ width: 1280, height: 820 });
  await expect(page.getByRole('tab', { name: '在集群内保持同步' })).toBeVisible();
  await expect(missing.locator('.badge')).toHaveText('未安装');
  await expect(missing.getByTestId('install-command').locator('code')).toHaveText(REFLECTOR_INSTALL);
  await expectPageUnderTwoThousand(page, 'keep in sync: choose in Chinese');
  await shotZh('cluster-sync-06-choose-zh');
  await page.getByRole('button', { name: '预览清单' }).click();
  await expect(planOf('with-reflector').locator('.context-card-heading .badge')).toHaveText('就绪');
  await shotZh('cluster-sync-07-preview-zh');
  // Opened again, the tab shows the status at once: no button to press for it.
  await page.getByRole('button', { name: '返回集群列表' }).click();
  await page.getByRole('button', { name: '管理访问 Docker Hub' }).click();
  await page.getByRole('tab', { name: '在集群内保持同步' }).click();
  await expect(statusOf('with-eso').locator('tr[data-kind="ClusterSecretStore"] .badge')).toHaveText('就绪');
  await expect(statusOf('with-eso').locator('.context-card-heading .badge')).toHaveText('已检查');
  await expect(statusOf('with-eso').locator('tr[data-kind="ClusterExternalSecret"]').getByTestId('ready-time')).toHaveText(/^检查于/);
  await expectReadyTimes(status);
  await expect(page.getByTestId('sync-plan')).toHaveCount(0);
  await noSeriousAxeViolations(page, 'keep in sync: zh');
  await expectPageUnderTwoThousand(page, 'keep in sync: status in Chinese');
  await shotZh('cluster-sync-08-status-zh');
  await checkCleanupDialog(page, app.screenshot, { cleanup: '从集群中移除', apply: '应用', title: '移除 Registry Desk 为集群内同步创建的对象？', cancel: '取消' }, 'cluster-sync-09-cleanup-zh', 'zh-CN');
  await page.getByRole('button', { name: '导出到 GitOps' }).click();
  await page.getByTestId('sync-export').getByRole('button', { name: '保存文件到文件夹…' }).click();
  const replaceZh = page.getByRole('dialog', { name: `替换 ${app.savedFiles} 中的 2 个文件？` });
  await expectReplaceTable(replaceZh, fileNames, { file: '文件', change: '变更内容', backup: '备份', overwritten: '覆盖为：', context: '用于上下文 with-eso', noBackup: '无' });
  await shotZh('cluster-sync-10-replace-zh');
  await replaceZh.getByRole('button', { name: '取消' }).click();
  await expect(replaceZh).toBeHidden();

  for (const content of pages) {
    expect(content).not.toContain(PASSWORD);
    expect(content).not.toContain(Buffer.from(`octocat:${PASSWORD}`).toString('base64'));
  }
});
