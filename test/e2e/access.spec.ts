import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminAndOperator } from '../support/operator-users';
import { ADMIN_TOKEN, startKubeApiServer, writeKubeconfig, type KubeApiServer } from '../kube-api-server';
import { kubectl } from '../kube-api-server/kubectl';
import { startEcrEndpoint, type RunningEcrEndpoint } from '../registry-servers/ecr-endpoint';
import { errorText, type MessageKey, type MessageParams } from '../../shared/i18n';
import type { Language } from '../../shared/schemas';
import { expectNoSeriousAxeViolations } from './axe';
import { expectReadableInChinese } from './chinese-problems';
import { expect, test, type App, chooseLanguage } from './harness';
import { followOsLanguage, LANGUAGES, shotsInEachLanguage, WIDTHS } from './language-widths';
import { chooseRowAction } from './registry-row-menu';
import { expectTablesShareColumns } from './tables-fit';

/** The contexts' and registries' names, shown as written in Chinese too. */
const OPERATOR_WORDS = ['alpha', 'beta', 'gamma', 'Docker Hub', 'Prod ECR'];

/**
 * "Manage access" end to end: the renderer in Chromium, main's real services, and two Kubernetes
 * API test servers behind a two-file KUBECONFIG that also names a cluster nobody answers for.
 */

const folder = mkdtempSync(join(tmpdir(), 'rd-e2e-access-'));
const firstFile = join(folder, 'first.yaml');
const secondFile = join(folder, 'second.yaml');
const adminFile = join(folder, 'admin.yaml');

const DOCKER_PASSWORD = 'dckr_pat_access0SECRET:with&<chars>';
const SECRET_NAME = 'docker-hub-pull-secret';
const TEAMS = Array.from({ length: 12 }, (_, index) => `team-${String(index + 1).padStart(2, '0')}`);
const MANY = 5000;
const manyName = (index: number) => `ns-${String(index).padStart(4, '0')}`;

let alpha: KubeApiServer;
let beta: KubeApiServer;
let ecrApi: RunningEcrEndpoint;

const ECR_KEYS = { accessKeyId: 'AKIAE2EACCESS0000001', secretAccessKey: 'ecr-e2e-access0SECRET/key' };
const ECR_URL = 'https://123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const issuedPasswords: string[] = [];

test.beforeAll(async () => {
  alpha = await startKubeApiServer({
    users: adminAndOperator(TEAMS, 'team-03'),
  });
  beta = await startKubeApiServer({ gitVersion: 'v1.30.6' });
  for (const team of TEAMS) alpha.seed.namespace(team, { tier: team <= 'team-06' ? 'front' : 'back' });
  // A secret with the app's name that the app did not create: a conflict until adopted.
  const dockerHubEntry = { auths: { 'https://index.docker.io/v1/': { username: 'octocat', password: 'elsewhere', auth: Buffer.from('octocat:elsewhere').toString('base64') } } };
  alpha.seed.secret('team-08', { metadata: { name: 'regcred' }, type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': JSON.stringify(dockerHubEntry) } });
  alpha.seed.secret('team-09', { metadata: { name: 'regcred' }, type: 'Opaque', stringData: { password: 'not-a-pull-secret' } });
  for (const team of ['team-05', 'team-07']) alpha.seed.secret(team, { metadata: { name: SECRET_NAME }, type: 'Opaque', stringData: { token: 'not-ours' } });
  // The operator's own entries on ServiceAccounts must survive every patch.
  alpha.seed.serviceAccount('team-01', 'builder', { imagePullSecrets: [{ name: 'legacy-regcred' }] });
  for (let index = 0; index < MANY; index++) beta.seed.namespace(manyName(index));

  writeKubeconfig(firstFile, [
    { name: 'alpha', server: alpha.url, caPem: alpha.caPem, token: 'operator-token', namespace: 'team-01' },
    // Nothing listens on port 9: refused at once, like a cluster whose VPN is down.
    { name: 'gamma', server: 'https://127.0.0.1:9', token: 'nobody' },
  ]);
  writeKubeconfig(secondFile, [{ name: 'beta', server: beta.url, caPem: beta.caPem, token: ADMIN_TOKEN }], 'beta');
  writeKubeconfig(adminFile, [{ name: 'alpha-admin', server: alpha.url, caPem: alpha.caPem, token: ADMIN_TOKEN }]);
  const patched = await kubectl(adminFile, ['patch', 'serviceaccount', 'default', '-n', 'team-02', '-p', '{"imagePullSecrets":[{"name":"legacy-regcred"}]}']);
  expect(patched.stderr).toBe('');
  ecrApi = await startEcrEndpoint({
    region: 'eu-west-1',
    accountId: '123456789012',
    identities: [{ ...ECR_KEYS, arn: 'arn:aws:iam::123456789012:user/puller', allowed: true }],
    onIssue: async (password) => {
      issuedPasswords.push(password);
    },
  });
});

test.afterAll(async () => {
  await alpha?.stop();
  await beta?.stop();
  await ecrApi?.stop();
});

const KUBECONFIG_PATHS = [firstFile, join(folder, 'missing.yaml'), secondFile];

test.use({
  appOptions: {
    kubeconfigPaths: KUBECONFIG_PATHS,
    seed: async (services) => {
      await services.registries.create({ type: 'docker', name: 'Docker Hub', url: 'docker.io', username: 'octocat', password: DOCKER_PASSWORD, isDefault: true });
    },
  },
});

interface StoredSecret {
  type: string;
  data?: Record<string, string>;
  metadata: { labels?: Record<string, string>; annotations?: Record<string, string> };
}

const secretIn = (server: KubeApiServer, namespace: string) => server.read('secrets', namespace, SECRET_NAME) as StoredSecret | undefined;

/** The app's pull secret in a namespace, its `.dockerconfigjson` parsed. */
function dockerConfig(server: KubeApiServer, namespace: string) {
  const secret = secretIn(server, namespace);
  const encoded = secret?.data?.['.dockerconfigjson'];
  return secret && encoded ? { labels: secret.metadata.labels, config: JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as unknown } : undefined;
}

function pullSecretsOf(server: KubeApiServer, namespace: string, account = 'default'): string[] {
  const serviceAccount = server.read('serviceaccounts', namespace, account) as { imagePullSecrets?: { name: string }[] };
  return (serviceAccount.imagePullSecrets ?? []).map((entry) => entry.name);
}

async function openClusters(app: App): Promise<void> {
  await app.page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Clusters' }).click();
  await expect(app.page.getByRole('heading', { name: 'Clusters', level: 1 })).toBeVisible();
}

test('pick contexts and namespaces, preview, apply, status, repair, cleanup', async ({ app }) => {
  // The whole journey in one test, against slow clusters for the cancel: about 40 s on a quiet
  // machine, several minutes on a loaded one.
  test.setTimeout(480_000);
  const { page } = app;
  // Every screen's text, to show no credential ever reached the window.
  const screens: string[] = [];
  const shot = async (name: string) => {
    await app.screenshot(name);
    screens.push(await page.content());
  };
  type Text = (key: MessageKey, params?: MessageParams) => string;
  /** A state pictured in English and Chinese at 1024 and 1280 px, `check` making it true in each language. */
  const shots = async (name: string, check: (language: Language, text: Text) => Promise<void>, unbroken?: string[]) => {
    await shotsInEachLanguage(app, name, { check, unbroken, operatorWords: OPERATOR_WORDS });
    screens.push(await page.content());
  };
  await openClusters(app);
  const rows = page.getByTestId('context-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: 'alpha' })).toContainText('Kubernetes v1.31.4');
  await expect(rows.filter({ hasText: 'beta' })).toContainText('Kubernetes v1.30.6');
  // How each context logs in reads whole: "Bearer 令牌" may wrap at its space, never inside 令牌.
  await shotsInEachLanguage(app, 'access-01-clusters', {
    operatorWords: OPERATOR_WORDS,
    check: async (_language, text) => {
      await expect(rows.filter({ hasText: 'gamma' })).toContainText(text('access.context.unreachable'));
      await expect(rows.filter({ hasText: 'alpha' }).locator('.detail.auth')).toHaveText(text('clusters.auth.token'));
      // The latency's number and unit stay on one line: a no-break space joins them ("108 ms", "108 毫秒").
      const status = await rows.filter({ hasText: 'alpha' }).locator('.context-status .detail').textContent();
      expect(status).toContain(text('clusters.latency', { ms: 0 }).slice(1));
      expect(status).toMatch(/\d\u00a0\S+$/);
    },
    unbroken: (_language, text) => [text('clusters.auth.token').split(' ').at(-1)!],
  });
  screens.push(await page.content());
  await expectNoSeriousAxeViolations(page, 'clusters');

  await page.getByRole('button', { name: 'Manage access Docker Hub' }).click();
  await expect(page.getByRole('heading', { name: 'Manage access: Docker Hub' })).toBeVisible();
  for (const context of ['alpha', 'beta', 'gamma']) await page.getByRole('checkbox', { name: new RegExp(`^${context} `) }).check();

  const secretName = page.getByLabel('Secret name', { exact: true });
  await expect(secretName).toHaveValue(SECRET_NAME);
  await secretName.fill('Docker_Hub');
  await expect(page.getByText('"Docker_Hub" is not a valid secret name')).toBeVisible();
  await expect(secretName).toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: `Use ${SECRET_NAME}` }).click();
  await expect(secretName).not.toHaveAttribute('aria-invalid', 'true');

  // beta has 5,000 namespaces: the picker searches them and renders only the rows in view.
  await page.getByRole('checkbox', { name: 'Choose namespaces and ServiceAccounts for beta separately' }).check();
  const betaScope = page.getByTestId('own-scope').filter({ hasText: 'for beta separately' });
  await betaScope.getByRole('radio', { name: 'These namespaces' }).check();
  const picker = betaScope.getByTestId('namespace-picker');
  await expect(picker.getByTestId('namespace-count')).toHaveText('5,004 of 5,004 namespaces');
  expect(await picker.getByRole('listitem').count()).toBeLessThan(40);
  await picker.getByRole('list').evaluate((list) => list.parentElement!.scrollTo(0, 4000 * 32));
  await expect(picker.getByRole('checkbox', { name: manyName(4003), exact: true })).toBeVisible();
  expect(await picker.getByRole('listitem').count()).toBeLessThan(40);
  await picker.getByRole('searchbox', { name: 'Search namespaces in beta' }).fill('ns-004');
  await expect(picker.getByTestId('namespace-count')).toHaveText('10 of 5,004 namespaces');
  await picker.getByRole('button', { name: 'Select all 10' }).click();
  await picker.getByRole('checkbox', { name: 'ns-0049', exact: true }).uncheck();
  await expect(betaScope.getByLabel('Namespaces', { exact: true })).toHaveValue(Array.from({ length: 9 }, (_, index) => manyName(40 + index)).join('\n'));
  await shots('access-02-settings', async (_language, text) => {
    await expect(page.getByTestId('own-scope').getByLabel(text('accessForm.listed'), { exact: true })).toHaveValue(Array.from({ length: 9 }, (_, index) => manyName(40 + index)).join('\n'));
  });
  await expectNoSeriousAxeViolations(page, 'settings');

  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  const summary = page.getByTestId('plan-summary');
  await expect(summary).toBeVisible();
  const planOf = (context: string) => page.locator(`[data-testid="plan-context"][data-context="${context}"]`);
  await expect(planOf('gamma')).toContainText('Unreachable');
  await expect(planOf('beta').getByTestId('namespace-row')).toHaveCount(9);
  const alphaRow = (namespace: string) => planOf('alpha').locator(`[data-namespace="${namespace}"]`);
  await expect(alphaRow('team-03')).toContainText('Forbidden');
  await expect(alphaRow('team-05')).toContainText('Conflict');
  await shots('access-03-preview', async (_language, text) => {
    await expect(planOf('gamma')).toContainText(text('plan.contextState.unreachable'));
    await expect(alphaRow('team-03')).toContainText(text('access.secretAction.forbidden'));
    await expect(alphaRow('team-05')).toContainText(text('access.secretAction.conflict'));
    await expect(alphaRow('team-01')).toContainText(text('access.secretAction.create'));
  });
  // alpha's and beta's tables read as one: a longer step text in beta's rows does not shift its columns.
  for (const language of LANGUAGES) {
    await followOsLanguage(page, language);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 820 });
      await expectTablesShareColumns(page, '[data-testid="plan-context"] [data-testid="namespace-table"]', `the preview in ${language} at ${width} px`);
    }
  }
  await followOsLanguage(page, 'en');
  await page.setViewportSize({ width: 1280, height: 820 });
  await expectNoSeriousAxeViolations(page, 'preview');

  await alphaRow('team-05').getByRole('button', { name: 'Adopt secret docker-hub-pull-secret in team-05 of alpha' }).click();
  await expect(alphaRow('team-05')).toContainText('taking over an existing secret');
  await expect(alphaRow('team-07')).toContainText('Conflict');

  // Slow clusters, so the progress bar is seen moving and Cancel lands mid-apply even on a loaded
  // machine, where the screenshot before it can take seconds.
  alpha.setLatency(1500);
  beta.setLatency(1500);
  await summary.getByRole('button', { name: 'Apply' }).click();
  const progress = page.getByTestId('apply-progress');
  await expect(progress.getByRole('progressbar', { name: 'All clusters' })).toBeVisible();
  await expect.poll(async () => Number(await progress.getByRole('progressbar', { name: 'All clusters' }).getAttribute('value'))).toBeGreaterThan(0);
  await shot('access-04-progress');
  await progress.getByRole('button', { name: 'Cancel' }).click();
  const result = page.getByTestId('apply-result');
  await expect(result.getByRole('heading', { name: 'Cancelled' })).toBeVisible({ timeout: 60_000 });
  alpha.setLatency(0);
  beta.setLatency(0);

  await result.getByRole('button', { name: 'Preview again' }).click();
  await expect(summary).toBeVisible();
  await summary.getByRole('button', { name: 'Apply' }).click();
  await expect(result.getByRole('heading', { name: 'Applied' })).toBeVisible({ timeout: 60_000 });
  await shots('access-05-result', async (_language, text) => {
    await expect(result.getByRole('heading', { name: text('result.done') })).toBeVisible();
  });
  await expectNoSeriousAxeViolations(page, 'result');

  const reference = await kubectl(adminFile, [
    'create', 'secret', 'docker-registry', SECRET_NAME, '--docker-username=octocat', `--docker-password=${DOCKER_PASSWORD}`, '--dry-run=client', '-o', 'json',
  ]);
  const expected = JSON.parse(Buffer.from((JSON.parse(reference.stdout) as { data: Record<string, string> }).data['.dockerconfigjson']!, 'base64').toString('utf8')) as unknown;
  for (const namespace of ['team-01', 'team-05', 'team-12']) expect(dockerConfig(alpha, namespace)?.config).toEqual(expected);
  expect(dockerConfig(alpha, 'team-01')?.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'registry-desk' });
  expect(dockerConfig(alpha, 'team-03')).toBeUndefined();
  expect(secretIn(alpha, 'team-07')).toMatchObject({ type: 'Opaque', data: { token: Buffer.from('not-ours').toString('base64') } });
  expect(dockerConfig(alpha, 'kube-system')).toBeUndefined();
  expect(dockerConfig(beta, manyName(48))?.config).toEqual(expected);
  expect(dockerConfig(beta, manyName(49))).toBeUndefined();
  // The real kubectl sees the same secret.
  const viaKubectl = await kubectl(adminFile, ['get', 'secret', SECRET_NAME, '-n', 'team-01', '-o', 'jsonpath={.type}']);
  expect(viaKubectl.stdout).toBe('kubernetes.io/dockerconfigjson');

  await result.getByRole('button', { name: 'View status' }).click();
  const statusOf = (context: string) => page.locator(`[data-testid="status-context"][data-context="${context}"]`);
  await expect(statusOf('alpha').locator('[data-namespace="team-01"]')).toHaveAttribute('data-state', 'in-sync');
  // The user may not write secrets in team-03: status says so rather than offering a repair that would fail.
  await expect(statusOf('alpha').locator('[data-namespace="team-03"]')).toHaveAttribute('data-state', 'forbidden');
  await expect(statusOf('alpha').locator('[data-namespace="team-07"]')).toHaveAttribute('data-state', 'conflict');
  await expect(statusOf('gamma')).toContainText('Unreachable');
  await expect(statusOf('beta').getByTestId('status-row')).toHaveCount(9);
  // The cluster badge carries its namespaces' worst state, never a green "Checked" over them.
  const alphaBadge = statusOf('alpha').getByTestId('context-badge');
  const statusTruths = async (text: Text) => {
    await expect(alphaBadge).toHaveAttribute('data-state', 'forbidden');
    await expect(alphaBadge).not.toHaveClass(/state-ok/);
    await expect(statusOf('gamma')).toContainText(text('accessStatus.contextState.unreachable'));
    await expect(page.getByTestId('cluster-totals').locator('[data-count="unreachable"]')).toHaveText(`${text('accessStatus.contextState.unreachable')} 1`);
    await expect(statusOf('alpha').locator('[data-namespace="team-03"] .badge').first()).toHaveText(text('access.state.forbidden'));
    await expect(statusOf('alpha').locator('[data-namespace="team-07"] .badge').first()).toHaveText(text('access.state.conflict'));
  };
  await shots('access-06-status', async (_language, text) => {
    await expect(alphaBadge).toHaveText(text('accessStatus.problems.other', { count: 2 }));
    await statusTruths(text);
    // Forbidden and not-ours namespaces are not the app's to repair: with nothing to write or remove, no Repair is offered.
    await expect(page.getByTestId('status-summary').getByRole('button', { name: text('accessStatus.repair'), exact: true })).toHaveCount(0);
  });
  await expectNoSeriousAxeViolations(page, 'status');

  // Someone deletes a secret by hand: status says so, Repair puts it back.
  expect((await kubectl(adminFile, ['delete', 'secret', SECRET_NAME, '-n', 'team-04'])).code).toBe(0);
  await page.getByRole('button', { name: 'Check again' }).click();
  await expect(statusOf('alpha').locator('[data-namespace="team-04"]')).toHaveAttribute('data-state', 'missing');
  await shots('access-07-status-drift', async (language, text) => {
    // The check just finished reads as now, never "Checked in 2 seconds" from a clock read before it.
    await expect(page.getByTestId('status-summary').locator('.context-card-heading time')).not.toHaveText(language === 'en' ? /^in / : /后$/);
    await expect(alphaBadge).toHaveText(text('accessStatus.problems.other', { count: 3 }));
    await statusTruths(text);
    await expect(statusOf('alpha').locator('[data-namespace="team-04"] .badge').first()).toHaveText(text('access.state.missing'));
    await expect(statusOf('alpha').locator('[data-namespace="team-04"]').getByTestId('row-fix')).toContainText(text('accessStatus.fix.repair'));
    await expect(page.getByTestId('status-summary').getByRole('button', { name: text('accessStatus.repair'), exact: true })).toBeVisible();
  });
  await page.getByTestId('status-summary').getByRole('button', { name: 'Repair', exact: true }).click();
  await expect(planOf('alpha').locator('[data-action="create"]')).toHaveCount(1);
  await expect(planOf('alpha').locator('[data-namespace="team-04"] [data-action="create"]')).toBeVisible();
  await expect(summary).toContainText('Applying makes 1 change.');
  // One change reads in the singular in each language ("1 change", never "1 changes").
  await shots('access-07b-repair-one-change', async (_language, text) => {
    await expect(summary).toContainText(text('plan.writes', { changes: text('plan.changes.one', { count: 1 }) }));
  });
  await summary.getByRole('button', { name: 'Apply' }).click();
  await expect(result.getByRole('heading', { name: 'Applied' })).toBeVisible();
  expect(dockerConfig(alpha, 'team-04')?.config).toEqual(expected);

  // Deselecting beta removes what the app put there, after a confirmation that lists it.
  // The tabs follow the ARIA pattern: arrow keys move between them, from the last back to the first.
  await page.getByRole('tab', { name: 'Status' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Keep in sync in the cluster' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Settings' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Settings' })).toHaveAttribute('aria-selected', 'true');
  // Apply saved the settings it applied.
  await expect(page.getByText('Unsaved changes')).toHaveCount(0);
  await expect(page.getByText('Not saved yet')).toHaveCount(0);
  await page.getByRole('checkbox', { name: /^beta / }).uncheck();
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(planOf('beta')).toContainText('Not selected');
  await expect(planOf('beta').getByTestId('namespace-row').filter({ has: page.locator('[data-action="remove"]') })).toHaveCount(9);
  await summary.getByRole('button', { name: 'Apply' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove from the clusters?' });
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(summary.getByRole('button', { name: 'Apply' })).toBeFocused();
  await page.keyboard.press('Enter');
  // Grouped cluster → namespace → object, each group counted: 9 namespaces × (secret + reference).
  const betaRemovals = dialog.locator('[data-testid="removal-cluster"][data-context="beta"]');
  await expect(betaRemovals.locator('.change-group-cluster')).toContainText('18 changes');
  const ns40 = betaRemovals.locator('[data-testid="removal-namespace"][data-namespace="ns-0040"]');
  await expect(ns40).toContainText('2 changes');
  await expect(betaRemovals.getByTestId('removal-row')).toHaveCount(18);
  await expect(betaRemovals.locator('[data-testid="removal-row"][data-kind="Secret"]').first()).toContainText(`${SECRET_NAME}Delete`);
  await expect(betaRemovals.locator('[data-testid="removal-row"][data-kind="ServiceAccount"]').first()).toContainText(`defaultRemove ${SECRET_NAME} from its imagePullSecrets`);
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await shots('access-08-removal-dialog', async (_language, text) => {
    // By role alone: the dialog's name changes with the language.
    const open = page.getByRole('dialog');
    const beta = open.locator('[data-testid="removal-cluster"][data-context="beta"]');
    await expect(open.getByRole('heading')).toHaveText(text('cleanup.confirmTitle'));
    await expect(beta.locator('.change-group-cluster')).toContainText(text('changes.count', { count: 18 }));
    await expect(beta.locator('[data-testid="removal-namespace"][data-namespace="ns-0040"]')).toContainText(text('changes.count', { count: 2 }));
    await expect(beta.locator('[data-testid="removal-row"][data-kind="Secret"]').first()).toContainText(`${SECRET_NAME}${text('changes.delete')}`);
    await expect(beta.locator('[data-testid="removal-row"][data-kind="ServiceAccount"]').first()).toContainText(`default${text('changes.dropReference', { secret: SECRET_NAME })}`);
    await expect(open.locator('li')).toHaveCount(0);
  }, [SECRET_NAME]);
  await expectNoSeriousAxeViolations(page, 'removal dialog');
  await dialog.getByRole('button', { name: 'Remove and apply' }).click();
  await expect(result.getByRole('heading', { name: 'Applied' })).toBeVisible();
  expect(dockerConfig(beta, manyName(40))).toBeUndefined();
  expect(pullSecretsOf(beta, manyName(40))).toEqual([]);
  expect(dockerConfig(alpha, 'team-01')?.config).toEqual(expected);

  // Deleting the registry offers to take its secrets out of every cluster first.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Container registries' }).click();
  await chooseRowAction(page, 'Docker Hub', 'registryList.menu.delete');
  const deleteDialog = page.getByRole('dialog', { name: 'Delete registry?' });
  await expect(deleteDialog.getByRole('checkbox', { name: /Also remove the \d+ pull secrets/ })).toBeChecked();
  await expect(deleteDialog.locator('[data-testid="removal-cluster"][data-context="alpha"] [data-testid="removal-namespace"][data-namespace="team-01"]')).toBeVisible();
  await expect(deleteDialog.locator('[data-testid="removal-cluster"][data-context="alpha"] [data-testid="removal-row"][data-kind="Secret"]').first()).toContainText(SECRET_NAME);
  await expect(deleteDialog).toContainText('gamma');
  await shots('access-09-delete-dialog', async (language, text) => {
    // By role alone: the dialog's name changes with the language.
    const open = page.getByRole('dialog');
    await expect(open.getByRole('heading').first()).toHaveText(text('dialog.deleteTitle'));
    await expect(open.getByRole('checkbox', { name: new RegExp(`^${text('cleanup.alsoRemove', { count: 99 }).split('99')[0]}`) })).toBeChecked();
    await expect(open.locator('[data-testid="removal-cluster"][data-context="alpha"] [data-testid="removal-row"][data-kind="Secret"]').first()).toContainText(`${SECRET_NAME}${text('changes.delete')}`);
    // gamma could not be read: said so, not hidden, as a row of the table with its badge and reason, not a bullet under it.
    const gamma = open.locator('[data-testid="removal-cluster"][data-context="gamma"]');
    await expect(gamma).toHaveAttribute('data-state', 'not-checked');
    // Seen without scrolling the long list: it leads the table.
    await expect(gamma.getByTestId('not-checked-row')).toBeInViewport();
    await expect(gamma.locator('.change-group-cluster .badge')).toHaveText(text('changes.notChecked'));
    await expect(gamma.getByTestId('not-checked-row').locator('.change-reason')).toHaveText(errorText(language, 'cluster.unreachable', { context: 'gamma', detail: 'ECONNREFUSED' }));
    await expect(gamma.getByTestId('not-checked-row').locator('.change-stays')).toHaveText(text('changes.notCheckedStays'));
    await expect(open.locator('li')).toHaveCount(0);
  }, [SECRET_NAME]);
  await expectNoSeriousAxeViolations(page, 'delete dialog');
  await deleteDialog.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(page.getByRole('heading', { name: 'No container registries yet' })).toBeVisible();
  for (const team of TEAMS.filter((name) => name !== 'team-07')) expect(dockerConfig(alpha, team)).toBeUndefined();
  expect(pullSecretsOf(alpha, 'team-02')).toEqual(['legacy-regcred']);
  expect(secretIn(alpha, 'team-07')).toMatchObject({ type: 'Opaque', data: { token: Buffer.from('not-ours').toString('base64') } });

  // HTML escapes `&` and `<`: look for the part before them, and for the auth field's base64.
  const leaks = ['dckr_pat_access0SECRET', Buffer.from(`octocat:${DOCKER_PASSWORD}`).toString('base64')];
  for (const text of [...screens, ...app.logLines]) for (const leak of leaks) expect(text).not.toContain(leak);
});


test('in Simplified Chinese: clusters, access settings and preview', async ({ app }) => {
  const { page } = app;
  await chooseLanguage(page, 'zh-CN');
  await page.getByRole('navigation').getByRole('button', { name: '集群', exact: true }).click();
  await expect(page.getByRole('heading', { name: '集群', level: 1 })).toBeVisible();
  await expect(page.getByTestId('context-row').filter({ hasText: 'gamma' })).toContainText('无法访问');
  await expectReadableInChinese(page, 'zh-access-01-clusters', OPERATOR_WORDS);
  await app.screenshot('zh-access-01-clusters');
  await expectNoSeriousAxeViolations(page, 'zh clusters');

  await page.getByRole('button', { name: '管理访问 Docker Hub' }).click();
  await expect(page.getByRole('heading', { name: '管理访问：Docker Hub' })).toBeVisible();
  await page.getByRole('checkbox', { name: /^alpha / }).check();
  await page.getByRole('radio', { name: '匹配标签选择器的命名空间' }).check();
  await page.getByLabel('标签选择器', { exact: true }).fill('tier in (front');
  await expect(page.getByText('标签选择器无效')).toBeVisible();
  await page.getByLabel('标签选择器', { exact: true }).fill('tier in (front)');
  await expect(page.getByTestId('namespace-count')).toHaveText('6 个命名空间（共 16 个）');
  await expectReadableInChinese(page, 'zh-access-02-settings', OPERATOR_WORDS);
  await app.screenshot('zh-access-02-settings');
  await expectNoSeriousAxeViolations(page, 'zh settings');

  await page.getByRole('button', { name: '预览', exact: true }).click();
  const plan = page.locator('[data-testid="plan-context"][data-context="alpha"]');
  await expect(plan.getByTestId('namespace-row')).toHaveCount(6);
  await expect(plan.locator('[data-namespace="team-03"]')).toContainText('无权限');
  await expectReadableInChinese(page, 'zh-access-03-preview', OPERATOR_WORDS);
  await app.screenshot('zh-access-03-preview');
  await expectNoSeriousAxeViolations(page, 'zh preview');
});

test.describe('ECR', () => {
  // The ECR stand-in's address is known only once beforeAll has started it.
  test.use({
    appOptions: async ({ page: _page }, use) => {
      await use({
        kubeconfigPaths: KUBECONFIG_PATHS,
        ecrEndpoint: ecrApi.endpoint,
        seed: async (services) => {
          await services.registries.create({ type: 'ecr', name: 'Prod ECR', url: ECR_URL, authType: 'user-auth', ...ECR_KEYS, isDefault: true });
        },
      });
    },
  });

  test('injected ECR secrets carry their expiry, with a countdown per cluster and the plain warning', async ({ app }) => {
    const { page } = app;
    await openClusters(app);
    await page.getByRole('button', { name: 'Manage access Prod ECR' }).click();
    await page.getByRole('checkbox', { name: /^beta / }).check();
    await page.getByRole('radio', { name: 'These namespaces' }).first().check();
    await page.getByLabel('Namespaces', { exact: true }).fill('ns-0100\nns-0101');
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    await page.getByTestId('plan-summary').getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByTestId('apply-result').getByRole('heading', { name: 'Applied' })).toBeVisible();

    const secret = beta.read('secrets', 'ns-0100', 'prod-ecr-pull-secret') as StoredSecret;
    const config = JSON.parse(Buffer.from(secret.data!['.dockerconfigjson']!, 'base64').toString('utf8')) as { auths: Record<string, { username: string; password: string }> };
    expect(config.auths['123456789012.dkr.ecr.eu-west-1.amazonaws.com']).toMatchObject({ username: 'AWS', password: issuedPasswords.at(-1) });

    await page.getByRole('tab', { name: 'Status' }).click();
    const refresh = page.getByTestId('ecr-refresh');
    await expect(page.getByTestId('ecr-stops-when-closed')).toContainText('when it is closed, nothing renews them');
    await expect(refresh.getByTestId('ecr-countdown').filter({ hasText: 'beta' })).toContainText('Expires in 11 hours');
    await expect(refresh).toContainText('Next refresh in 5 hours');
    // The expiry is the kit's <time>: relative, the exact moment in dateTime and, formatted, on hover.
    const betaExpiry = page.locator('[data-testid="status-context"][data-context="beta"] .context-card-heading .detail');
    await expect(betaExpiry).toHaveText('Expires in 11 hours');
    const expiresAt = Date.parse((await betaExpiry.locator('time').getAttribute('datetime')) ?? '');
    expect(expiresAt - Date.now()).toBeGreaterThan(11 * 3_600_000);
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(12 * 3_600_000);
    await expect(betaExpiry.locator('time')).toHaveAttribute('title', /\d{4}.*\d{1,2}:\d{2}:\d{2}/);
    /** "Expires in 11 hours" as the language says it: the catalogue's sentence around Intl's relative time. */
    const expiresIn = (text: (key: MessageKey, params?: MessageParams) => string, language: string) =>
      text('plan.expires', { at: new Intl.RelativeTimeFormat(language, { numeric: 'auto' }).format(11, 'hour') });
    /** One time format on the screen (issue 16 §3): every expiry is a <time>, none an "11 h 59 min" countdown. */
    const oneTimeFormat = async (language: string, text: (key: MessageKey, params?: MessageParams) => string) => {
      const countdown = new RegExp(text('duration.hoursMinutes', { hours: 999, minutes: 888 }).replace('999', '\\d+').replace('888', '\\d+'));
      expect(await page.locator('main').innerText()).not.toMatch(countdown);
      for (const expiry of await page.getByText(new RegExp(expiresIn(text, language))).all()) await expect(expiry.locator('time')).toHaveCount(1);
    };
    await shotsInEachLanguage(app, 'access-10-ecr-status', {
      operatorWords: OPERATOR_WORDS,
      check: async (language, text) => {
        await expect(page.getByTestId('ecr-stops-when-closed')).toContainText(text('access.refresh.stopsWhenClosed'));
        await expect(betaExpiry).toHaveText(expiresIn(text, language));
        await expect(refresh.getByTestId('ecr-countdown').filter({ hasText: 'beta' })).toContainText(expiresIn(text, language));
        await oneTimeFormat(language, text);
      },
    });
    await expectNoSeriousAxeViolations(page, 'ecr status');

    // Someone deletes one namespace's token: the ECR status names the problem, in the singular, beside the renewal it still plans.
    expect((await kubectl(secondFile, ['delete', 'secret', 'prod-ecr-pull-secret', '-n', 'ns-0101'])).code).toBe(0);
    await page.getByRole('button', { name: 'Check again' }).click();
    const betaStatus = page.locator('[data-testid="status-context"][data-context="beta"]');
    await expect(betaStatus.locator('[data-namespace="ns-0101"]')).toHaveAttribute('data-state', 'missing');
    // Each cluster's name, expiry and namespace count sit in their column, under its heading; the
    // button that leads out of the warning keeps a gap below the warning's text.
    const lineUp = async (text: (key: MessageKey, params?: MessageParams) => string) => {
      const table = refresh.getByRole('table', { name: text('ecr.perCluster') });
      const headings = table.getByRole('columnheader');
      await expect(headings).toHaveText([text('ecr.column.cluster'), text('ecr.column.expiry'), text('ecr.column.namespaces')]);
      const cells = table.getByTestId('ecr-countdown').filter({ hasText: 'beta' }).getByRole('cell');
      await expect(cells).toHaveText(['beta', /.+/, '2']);
      for (let column = 0; column < 3; column += 1) {
        const heading = (await headings.nth(column).boundingBox())!;
        const cell = (await cells.nth(column).boundingBox())!;
        expect(Math.abs(cell.x - heading.x), `column ${column} starts under its heading`).toBeLessThanOrEqual(1);
      }
      const warning = (await page.getByTestId('ecr-stops-when-closed').locator('p').boundingBox())!;
      const way = (await page.getByTestId('ecr-stops-when-closed').getByRole('button').boundingBox())!;
      expect(way.y - (warning.y + warning.height), 'gap above "Let the cluster renew them"').toBeGreaterThanOrEqual(6);
    };
    await shotsInEachLanguage(app, 'access-10b-ecr-status-problem', {
      operatorWords: OPERATOR_WORDS,
      check: async (language, text) => {
        await expect(betaStatus.getByTestId('context-badge')).toHaveText(text('accessStatus.problems.one', { count: 1 }));
        await expect(betaStatus.getByTestId('context-badge')).not.toHaveClass(/state-ok/);
        await expect(betaStatus.locator('[data-namespace="ns-0101"] .badge').first()).toHaveText(text('access.state.missing'));
        await expect(betaStatus.locator('[data-namespace="ns-0100"]')).toHaveCount(1);
        await expect(refresh.getByTestId('ecr-countdown').filter({ hasText: 'beta' })).toContainText(expiresIn(text, language));
        await expect(page.getByTestId('ecr-stops-when-closed')).toContainText(text('access.refresh.stopsWhenClosed'));
        await lineUp(text);
      },
    });

    await page.getByRole('button', { name: 'Back to clusters' }).click();
    await expect(page.getByTestId('ecr-refresh')).toContainText('Prod ECR');
    await shotsInEachLanguage(app, 'access-11-ecr-clusters', {
      operatorWords: OPERATOR_WORDS,
      check: async (language, text) => {
        await expect(page.getByTestId('ecr-refresh')).toContainText(text('ecr.state.scheduled'));
        await expect(page.getByTestId('ecr-refresh').getByTestId('ecr-countdown').filter({ hasText: 'beta' })).toContainText(expiresIn(text, language));
        await oneTimeFormat(language, text);
        await expect(page.getByTestId('ecr-stops-when-closed').getByRole('button')).toHaveText(text('access.refresh.keepInCluster'));
      },
    });
    // The warning leads to what renews the tokens while the app is closed: an engine in the cluster.
    await page.getByTestId('ecr-stops-when-closed').getByRole('button', { name: 'Let the cluster renew them: Keep in sync in the cluster' }).click();
    await expect(page.getByRole('tab', { name: 'Keep in sync in the cluster' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('cluster-sync')).toBeVisible();
    for (const password of issuedPasswords) expect(await page.content()).not.toContain(password);
    expect(app.logLines.join('\n')).not.toContain(ECR_KEYS.secretAccessKey);
  });
});

test('"Specify image pull secret": each namespace is checked for a usable secret', async ({ app }) => {
  const { page } = app;
  await openClusters(app);
  await page.getByRole('button', { name: 'Manage access Docker Hub' }).click();
  await page.getByRole('checkbox', { name: /^alpha / }).check();
  await page.getByRole('radio', { name: 'Specify image pull secret' }).check();
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  await expect(page.getByText('Name at least one image pull secret.')).toBeVisible();
  await expect(page.getByLabel('Image pull secret names')).toBeFocused();
  await page.getByLabel('Image pull secret names').fill('regcred');
  await page.getByRole('checkbox', { name: 'Create missing secrets from the stored credentials' }).uncheck();
  await page.getByRole('radio', { name: 'These namespaces' }).check();
  await page.getByLabel('Namespaces', { exact: true }).fill('team-08\nteam-09\nteam-10\nno-such-team');
  const words = [...OPERATOR_WORDS, 'regcred', 'team-08', 'team-09', 'team-10', 'no-such-team'];
  await shotsInEachLanguage(app, 'access-12-pull-secret-settings', { operatorWords: words });
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  const plan = page.locator('[data-testid="plan-context"][data-context="alpha"]');
  await expect(plan.locator('[data-namespace="team-08"] [data-action="unchanged"]').first()).toBeVisible();
  await expect(plan.locator('[data-namespace="team-09"]')).toContainText('not of type kubernetes.io/dockerconfigjson');
  await expect(plan.locator('[data-namespace="team-10"] [data-action="missing"]')).toBeVisible();
  await expect(plan.locator('[data-namespace="no-such-team"]')).toContainText('Namespace not found');
  await shotsInEachLanguage(app, 'access-13-pull-secret-preview', {
    check: async (_language, text) => {
      await expect(plan.locator('[data-namespace="no-such-team"]')).toContainText(text('access.secretAction.namespace-missing'));
    },
    operatorWords: words,
  });
  await expectNoSeriousAxeViolations(page, 'pull secret preview');
});

test('the context list follows changes to the kubeconfig files', async ({ app }) => {
  const { page } = app;
  app.services.clusters.watch();
  await openClusters(app);
  await expect(page.getByTestId('context-row')).toHaveCount(3);
  writeKubeconfig(secondFile, [
    { name: 'beta', server: beta.url, caPem: beta.caPem, token: ADMIN_TOKEN },
    { name: 'delta', server: beta.url, caPem: beta.caPem, token: 'unknown-token' },
  ], 'beta');
  try {
    const delta = page.getByTestId('context-row').filter({ hasText: 'delta' });
    await expect(delta).toContainText('did not accept the kubeconfig credentials (401)');
    await expect(page.getByTestId('context-row')).toHaveCount(4);
  } finally {
    writeKubeconfig(secondFile, [{ name: 'beta', server: beta.url, caPem: beta.caPem, token: ADMIN_TOKEN }], 'beta');
  }
});
