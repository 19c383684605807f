import { randomUUID } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { defaultAccessSettings } from '../../shared/access-settings';
import { ADMIN_TOKEN } from '../kube-api-server';
import { expectReadableInChinese } from './chinese-problems';
import { chooseLanguage, expect, test } from './harness';
import { shotsInEachLanguage, WIDTHS } from './language-widths';
import { expectTablesFit } from './tables-fit';
import { useWorkstationWithClusters } from './workstations';
import { openStatusOf } from './access-status';

/** The context's name, shown as written in Chinese too. */
const OPERATOR_WORDS = ['lab'];

/**
 * Manage access → Status, row by row: a row out of sync says when it was last seen in sync (or
 * that it never was) and carries its own repair or adoption, which previews that namespace alone
 * before anything is written. No Status column repeats the Secrets and ServiceAccounts columns.
 */

const SECRET_NAME = 'docker-hub-pull-secret';
const TEAMS = ['team-a', 'team-b', 'team-c', 'team-d'];

const cluster = useWorkstationWithClusters({
  name: 'drift',
  namespaces: TEAMS,
  // Someone else's secret under the app's name: a conflict the operator may adopt.
  prepare: (server) => server.seed.secret('team-d', { metadata: { name: SECRET_NAME }, type: 'Opaque', stringData: { token: 'not-ours' } }),
  contexts: [{ name: 'lab', token: ADMIN_TOKEN }],
  currentContext: 'lab',
  // Access already applied: team-a to team-c hold the app's secret, team-d the foreign one.
  seed: async (services) => {
    const { id } = await services.registries.create({ type: 'docker', name: 'Docker Hub', url: 'docker.io', username: 'octocat', password: 'dckr_pat_drift0SECRET' });
    const settings = {
      ...defaultAccessSettings('Docker Hub', id),
      contexts: ['lab'],
      credential: { type: 'registry-credentials' as const, secretName: SECRET_NAME },
      scope: { namespaces: { kind: 'list' as const, names: TEAMS }, serviceAccounts: { kind: 'default' as const } },
    };
    const plan = await services.access.preview({ registryId: id, settings });
    await services.access.apply({ operationId: randomUUID(), planId: plan.planId, confirmRemovals: false });
  },
});

interface StoredSecret {
  metadata: { resourceVersion: string; labels?: Record<string, string> };
}
const secretIn = (namespace: string) => cluster.server.read('secrets', namespace, SECRET_NAME) as StoredSecret | undefined;

const checkedAt = (page: Page) => page.getByTestId('status-summary').locator('.context-card-heading time').getAttribute('datetime');

/** A badge's tone as its colour class says it: what the operator sees. */
const TONE_ORDER = ['neutral', 'ok', 'info', 'change', 'remove', 'warn', 'error'];
const tonesIn = (badges: Locator) => badges.evaluateAll((nodes) => nodes.map((node) => /\bstate-(\w+)/.exec(node.className)?.[1] ?? 'neutral'));

/** The cluster badge carries the worst state inside it: its colour is the worst colour of any badge in its rows. */
async function expectBadgeCarriesWorstRowTone(context: Locator): Promise<void> {
  const rowTones = await tonesIn(context.getByTestId('status-row').locator('.badge'));
  const worst = rowTones.reduce((a, b) => (TONE_ORDER.indexOf(b) > TONE_ORDER.indexOf(a) ? b : a), 'neutral');
  expect(await tonesIn(context.getByTestId('context-badge'))).toEqual([worst]);
}

test('a drifted row says since when, and its own repair or adoption previews that namespace alone', async ({ app }) => {
  test.setTimeout(240_000);
  const { page } = app;
  const { card: lab, rowOf } = await openStatusOf(page, 'Docker Hub', 'lab');
  await expect(rowOf('team-b')).toHaveAttribute('data-state', 'in-sync');
  const firstCheck = await checkedAt(page);
  expect(firstCheck).toBeTruthy();

  // The columns: no Status column repeating the Secrets and ServiceAccounts ones.
  await expect(lab.getByTestId('status-table').locator('thead th')).toHaveText(['Namespace', 'Secrets', 'ServiceAccounts', 'Fix']);
  // In sync: nothing to fix. The foreign secret was never the app's: never seen in sync, and adoptable.
  await expect(rowOf('team-a').getByTestId('row-fix')).toHaveCount(0);
  await expect(rowOf('team-d').getByTestId('last-in-sync')).toHaveText('never seen in sync');
  await expect(rowOf('team-d').getByTestId('row-fix')).toHaveAttribute('data-fix', 'adopt');

  // Someone deletes team-b's secret by hand.
  const api = await app.services.clusters.api('lab');
  await api.remove(`/api/v1/namespaces/team-b/secrets/${SECRET_NAME}`, {});
  await page.getByRole('button', { name: 'Check again' }).click();
  await expect(rowOf('team-b')).toHaveAttribute('data-state', 'missing');
  expect(await checkedAt(page)).not.toBe(firstCheck);
  // Last seen in sync at the first check: relative, the exact time on hover.
  const lastSeen = rowOf('team-b').getByTestId('last-in-sync').locator('time');
  await expect(lastSeen).toHaveAttribute('datetime', firstCheck!);
  await expect(lastSeen).toHaveAttribute('title', /\d/);
  await expect(rowOf('team-b').getByRole('button', { name: 'Repair namespace team-b of lab' })).toBeVisible();
  // team-b's ServiceAccount names the missing secret: its blocked reference and the cluster badge say it in one colour.
  await expect(rowOf('team-b').locator('[data-blocked="true"]')).toHaveCount(1);
  await expectBadgeCarriesWorstRowTone(lab);
  // The drifted row, its own repair and the foreign secret's adoption, in each language.
  await shotsInEachLanguage(app, 'drift-01-status', {
    operatorWords: OPERATOR_WORDS,
    check: async (_language, text) => {
      const fixOf = (namespace: string, fix: 'repair' | 'adopt') => `${text(`accessStatus.fix.${fix}`)} ${text('accessStatus.fixWhat', { namespace, context: 'lab' })}`;
      await expect(lab.getByTestId('status-table').locator('thead th')).toHaveText([text('clusters.namespace'), text('plan.secrets'), text('plan.serviceAccounts'), text('accessStatus.fix')]);
      await expect(rowOf('team-b').getByTestId('row-fix')).toHaveText(fixOf('team-b', 'repair'));
      await expect(rowOf('team-d').getByTestId('row-fix')).toHaveText(fixOf('team-d', 'adopt'));
      await expect(rowOf('team-d').getByTestId('last-in-sync')).toHaveText(text('accessStatus.neverInSync'));
      await expect(lastSeen).toHaveAttribute('datetime', firstCheck!);
      await expect(rowOf('team-b').locator('[data-blocked="true"]')).toHaveCount(1);
      await expectBadgeCarriesWorstRowTone(lab);
    },
  });

  // Repair goes through a preview of team-b alone; nothing is written before Apply.
  const teamA = secretIn('team-a')?.metadata.resourceVersion;
  await rowOf('team-b').getByRole('button', { name: 'Repair namespace team-b of lab' }).click();
  const summary = page.getByTestId('plan-summary');
  await expect(summary.getByTestId('plan-only')).toHaveText('Only namespace team-b of lab: the rest of the clusters is left as it is.');
  const planRows = page.locator('[data-testid="plan-context"][data-context="lab"]').getByTestId('namespace-row');
  await expect(planRows).toHaveCount(1);
  await expect(planRows.first()).toHaveAttribute('data-namespace', 'team-b');
  await expect(planRows.first().locator('[data-action="create"]')).toHaveCount(1);
  expect(secretIn('team-b')).toBeUndefined();
  await shotsInEachLanguage(app, 'drift-02-row-preview', {
    operatorWords: OPERATOR_WORDS,
    check: async (_language, text) => {
      await expect(summary.getByTestId('plan-only')).toHaveText(text('plan.onlyRow', { namespace: 'team-b', context: 'lab' }));
      await expect(planRows).toHaveCount(1);
      await expect(planRows.first().locator('[data-action="create"]')).toHaveCount(1);
    },
  });
  await summary.getByRole('button', { name: 'Apply' }).click();
  const result = page.getByTestId('apply-result');
  await expect(result.getByRole('heading', { name: 'Applied' })).toBeVisible({ timeout: 60_000 });
  expect(secretIn('team-b')?.metadata.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'registry-desk' });
  expect(secretIn('team-a')?.metadata.resourceVersion).toBe(teamA);

  // Adopt: the foreign secret of team-d, previewed alone, then taken over.
  await result.getByRole('button', { name: 'View status' }).click();
  await expect(rowOf('team-b')).toHaveAttribute('data-state', 'in-sync');
  await rowOf('team-d').getByRole('button', { name: 'Adopt namespace team-d of lab' }).click();
  await expect(planRows).toHaveCount(1);
  await expect(planRows.first()).toHaveAttribute('data-namespace', 'team-d');
  await expect(planRows.first().locator('[data-action="update"]')).toContainText('taking over an existing secret');
  await summary.getByRole('button', { name: 'Apply' }).click();
  await expect(result.getByRole('heading', { name: 'Applied' })).toBeVisible({ timeout: 60_000 });
  expect(secretIn('team-d')?.metadata.labels).toMatchObject({ 'app.kubernetes.io/managed-by': 'registry-desk' });

  // The same status in Chinese, with a row drifted again.
  await api.remove(`/api/v1/namespaces/team-c/secrets/${SECRET_NAME}`, {});
  await chooseLanguage(page, 'zh-CN');
  await page.getByRole('tab', { name: '状态' }).click();
  await page.getByRole('button', { name: '重新检查' }).click();
  await expect(rowOf('team-c')).toHaveAttribute('data-state', 'missing');
  await expect(rowOf('team-c').getByTestId('row-fix')).toHaveText('修复 lab 中的命名空间 team-c');
  await expectBadgeCarriesWorstRowTone(lab);
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 820 });
    await expectTablesFit(page, `the status chosen in Chinese at ${width} px`);
    await expectReadableInChinese(page, `drift-03-status-chosen-zh-CN-${width}`, OPERATOR_WORDS);
    await app.screenshot(`drift-03-status-chosen-zh-CN-${width}`);
  }
});
