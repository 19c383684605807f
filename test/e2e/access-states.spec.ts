import type { Locator } from '@playwright/test';
import { adminAndOperator } from '../support/operator-users';
import { ADMIN_TOKEN } from '../kube-api-server';
import { expectNoStretchedButtons, expectSelectsMatchInputs } from './controls-fit';
import { expect, test } from './harness';
import { shotsInEachLanguage } from './language-widths';
import { useWorkstationWithClusters } from './workstations';

/** The contexts' names, shown as written in Chinese too. */
const OPERATOR_WORDS = ['zulu', 'alpha', 'gamma', 'delta', 'Docker Hub'];

/**
 * Manage access states that must be true at a glance: a cluster badge never green over broken
 * namespaces, a ServiceAccount never "in sync" with a secret it cannot use, clusters counted
 * apart from namespaces, problems first, unpicked clusters quiet, one cluster order everywhere,
 * and progress that says why a cluster was skipped.
 */

const SECRET_NAME = 'docker-hub-pull-secret';
const TEAMS = ['team-a', 'team-b', 'team-c', 'team-d', 'team-e'];

const cluster = useWorkstationWithClusters({
  name: 'states',
  server: { users: adminAndOperator(TEAMS, 'team-c') },
  namespaces: TEAMS,
  // A secret with the app's name that the app did not create: a conflict.
  prepare: (server) => server.seed.secret('team-d', { metadata: { name: SECRET_NAME }, type: 'Opaque', stringData: { token: 'not-ours' } }),
  // The file lists the contexts out of alphabetical order; the screens must all use the Clusters page's order.
  contexts: [
    { name: 'zulu', token: ADMIN_TOKEN },
    { name: 'alpha', token: 'operator-token' },
    // Nothing listens on port 9: refused at once. gamma is left unpicked, delta is picked.
    { name: 'gamma', server: 'https://127.0.0.1:9', token: 'nobody' },
    { name: 'delta', server: 'https://127.0.0.1:9', token: 'nobody' },
  ],
  currentContext: 'alpha',
  seed: async (services) => {
    await services.registries.create({ type: 'docker', name: 'Docker Hub', url: 'docker.io', username: 'octocat', password: 'dckr_pat_states0SECRET' });
  },
});

const boxOf = async (locator: Locator) => {
  const box = await locator.boundingBox();
  return box && { x: Math.round(box.x), width: Math.round(box.width) };
};

test('status, preview and progress say what is true', async ({ app }) => {
  test.setTimeout(300_000);
  const { page } = app;
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Clusters' }).click();
  const clusterRows = page.getByTestId('context-row');
  await expect(clusterRows).toHaveCount(4);
  const contextsOf = (locator: Locator) => locator.evaluateAll((elements) => elements.map((element) => element.getAttribute('data-context')));
  const clusterOrder = await contextsOf(clusterRows);
  expect(clusterOrder).toEqual(['alpha', 'delta', 'gamma', 'zulu']);

  await page.getByRole('button', { name: 'Manage access Docker Hub' }).click();
  // One order everywhere: the settings offer the clusters as the Clusters page lists them.
  await expect(page.getByTestId('context-choice')).toHaveCount(4);
  expect(await contextsOf(page.getByTestId('context-choice'))).toEqual(clusterOrder);
  await expectSelectsMatchInputs(page, 'settings');
  await expectNoStretchedButtons(page, 'settings');
  for (const context of ['alpha', 'delta']) await page.getByRole('checkbox', { name: new RegExp(`^${context} `) }).check();
  await page.getByRole('button', { name: 'Preview', exact: true }).click();
  const planCards = page.getByTestId('plan-context');
  await expect(planCards).toHaveCount(4);
  // One order everywhere: the preview lists the clusters as the Clusters page does.
  expect(await contextsOf(planCards)).toEqual(clusterOrder);
  const planOf = (context: string) => page.locator(`[data-testid="plan-context"][data-context="${context}"]`);
  // The picked unreachable cluster is an error; the unpicked one looks like any other unpicked cluster.
  await expect(planOf('delta')).toContainText('Unreachable');
  await expect(planOf('gamma').locator('.badge').first()).toHaveText('Not selected');
  await expect(planOf('gamma')).not.toContainText('Unreachable');
  await expect(planOf('gamma').locator('.field-error')).toHaveCount(0);
  await expectNoStretchedButtons(page, 'preview');
  await shotsInEachLanguage(app, 'states-01-preview', {
    operatorWords: OPERATOR_WORDS,
    check: async (_language, text) => {
      await expect(planOf('delta').locator('.badge').first()).toHaveText(text('plan.contextState.unreachable'));
      await expect(planOf('gamma').locator('.badge').first()).toHaveText(text('plan.contextState.not-targeted'));
      await expect(planOf('gamma')).not.toContainText(text('plan.contextState.unreachable'));
    },
  });

  // The clusters hold every request until the progress is pictured: it is seen while it runs, however slow the machine.
  cluster.server.holdRequests();
  await page.getByTestId('plan-summary').getByRole('button', { name: 'Apply' }).click();
  const progress = page.getByTestId('apply-progress');
  const lines = progress.getByTestId('progress-line');
  // Named pair: the short "skipped: unreachable" and a long "N of M namespaces" line share the geometry.
  const barOf = (context: string) => boxOf(lines.filter({ hasText: context }).getByRole('progressbar'));
  // Written out, not read from the catalogue: the skipped cluster says why, and no bar reads "0 of 0".
  await expect(lines.filter({ hasText: 'delta' })).toContainText('skipped: unreachable');
  await expect(progress).not.toContainText('0 of 0 namespaces');
  await shotsInEachLanguage(app, 'states-02-progress', {
    operatorWords: OPERATOR_WORDS,
    check: async (_language, text) => {
      await expect(lines.filter({ hasText: 'delta' })).toContainText(text('apply.skipped', { reason: text('plan.contextState.unreachable').toLowerCase() }));
      await expect(progress).not.toContainText(text('apply.progress', { done: 0, total: 0 }));
      // Bars keep one geometry whatever their label says, in either language.
      const bars = await Promise.all((await progress.getByRole('progressbar').all()).map(boxOf));
      expect(bars.length).toBeGreaterThan(2);
      for (const bar of bars) expect(bar).toEqual(bars[0]);
      expect(await barOf('delta')).toEqual(await barOf('alpha'));
    },
  });
  cluster.server.releaseRequests();
  const result = page.getByTestId('apply-result');
  await expect(result.getByRole('heading', { name: 'Applied' })).toBeVisible({ timeout: 120_000 });

  await result.getByRole('button', { name: 'View status' }).click();
  const statusOf = (context: string) => page.locator(`[data-testid="status-context"][data-context="${context}"]`);
  await expect(page.getByTestId('status-context')).toHaveCount(4);
  expect(await contextsOf(page.getByTestId('status-context'))).toEqual(clusterOrder);
  const alpha = statusOf('alpha');
  await expect(alpha.locator('[data-namespace="team-c"]')).toHaveAttribute('data-state', 'forbidden');
  // The badge carries the worst state inside the cluster, not a green "Checked".
  const badge = alpha.locator('.context-card-heading .badge');
  await expect(badge).toHaveText('2 problems');
  await expect(badge).toHaveAttribute('data-state', 'forbidden');
  await expect(badge).not.toHaveClass(/state-ok/);
  // team-c's ServiceAccount names a secret the user may not create: its reference is blocked, not in sync.
  // The ServiceAccounts column: the row's second cell after its namespace.
  const account = alpha.locator('[data-namespace="team-c"] td').nth(1);
  await expect(account).toContainText('Reference blocked');
  await expect(account).not.toContainText('In sync');
  await expect(alpha.locator('[data-namespace="team-a"] [data-account="default"]')).toContainText('In sync');
  // team-d's secret is not the app's: its ServiceAccount's reference leads nowhere, so it is blocked too.
  const accountD = alpha.locator('[data-namespace="team-d"] [data-account="default"]');
  await expect(accountD).toHaveAttribute('data-blocked', 'true');
  await expect(accountD).toContainText('Reference blocked');
  // Clusters are counted apart from namespaces; the unpicked dead cluster is just not selected.
  await expect(page.getByTestId('status-summary').locator('.count-chips').first()).toHaveAttribute('aria-label', 'Namespaces by state, all clusters');
  await expect(page.getByTestId('status-summary').locator('.count-chips').first()).not.toContainText('Unreachable');
  await expect(page.getByTestId('cluster-totals').locator('[data-count="unreachable"]')).toHaveText('Unreachable 1');
  await expect(page.getByTestId('cluster-totals').locator('[data-count="not-targeted"]')).toHaveText('Not selected 2');
  await expect(statusOf('gamma').locator('.context-card-heading .badge')).toHaveText('Not selected');
  // zulu is not selected but still holds the app's secrets in 4 namespaces: its badge says so, in amber, not a grey "Not selected" alone.
  const zulu = statusOf('zulu');
  await expect(zulu.getByTestId('context-badge')).toHaveText('4 problems');
  await expect(zulu.getByTestId('context-badge')).toHaveAttribute('data-tone', 'warn');
  await expect(zulu.getByTestId('context-selection')).toHaveText('Not selected');
  // Its rows are no longer selected: their own fix previews a removal and says so, not "Repair".
  const zuluFixes = zulu.getByTestId('row-fix');
  await expect(zuluFixes).toHaveCount(4);
  expect(await zuluFixes.evaluateAll((buttons) => buttons.map((button) => button.getAttribute('data-fix')))).toEqual(['remove', 'remove', 'remove', 'remove']);
  await expect(zuluFixes.first()).toContainText('Remove');
  // Problems first, and a filter that shows only them.
  const rows = alpha.getByTestId('status-row');
  expect(await rows.evaluateAll((cells) => cells.slice(0, 2).map((cell) => cell.getAttribute('data-state')))).toEqual(['forbidden', 'conflict']);
  // The "Show" select is as tall as the "Namespace contains" input beside it.
  const show = await alpha.getByLabel('Show').boundingBox();
  const search = await alpha.getByLabel('Namespace contains').boundingBox();
  expect(Math.abs(show!.height - search!.height)).toBeLessThanOrEqual(1);
  await expectSelectsMatchInputs(page, 'status');
  await expectNoStretchedButtons(page, 'status');
  // The filter is offered by that name: its absence fails here at once, not at the select's timeout.
  await expect(alpha.getByLabel('Show').locator('option[value="problems"]')).toHaveText('Problems');
  await alpha.getByLabel('Show').selectOption({ label: 'Problems' });
  expect(await rows.evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-namespace')))).toEqual(['team-c', 'team-d']);
  // Only removals are left to do: the summary's button is destructive, in the danger outline of "Remove from all clusters", not the blue primary.
  const removeFrom = page.getByRole('button', { name: 'Remove from 4 namespaces' });
  await expect(removeFrom).toHaveClass(/\bbutton-danger\b/);
  await expect(removeFrom).not.toHaveClass(/button-primary/);
  await expect(page.getByRole('button', { name: 'Remove from all clusters' })).toHaveClass(/\bbutton-danger\b/);
  // The same truths in each language: the worst state on the badges, the blocked reference, clusters counted apart, the filter kept.
  await shotsInEachLanguage(app, 'states-03-status', {
    operatorWords: OPERATOR_WORDS,
    check: async (_language, text) => {
      await expect(badge).toHaveText(text('accessStatus.problems.other', { count: 2 }));
      await expect(badge).toHaveAttribute('data-state', 'forbidden');
      await expect(badge).not.toHaveClass(/state-ok/);
      await expect(account).toContainText(text('accessStatus.referenceBlocked'));
      await expect(accountD).toContainText(text('accessStatus.referenceBlocked'));
      for (const fix of await zuluFixes.all()) await expect(fix).toContainText(text('accessStatus.fix.remove'));
      await expect(zulu.getByTestId('context-badge')).toHaveText(text('accessStatus.problems.other', { count: 4 }));
      await expect(zulu.getByTestId('context-badge')).toHaveAttribute('data-tone', 'warn');
      await expect(zulu.getByTestId('context-selection')).toHaveText(text('accessStatus.contextState.not-targeted'));
      await expect(statusOf('gamma').locator('.context-card-heading .badge')).toHaveText(text('accessStatus.contextState.not-targeted'));
      await expect(page.getByTestId('status-summary').locator('.count-chips').first()).toHaveAttribute('aria-label', text('accessStatus.totals'));
      await expect(page.getByTestId('status-summary').locator('.count-chips').first()).not.toContainText(text('accessStatus.contextState.unreachable'));
      await expect(page.getByTestId('cluster-totals').locator('[data-count="unreachable"]')).toHaveText(`${text('accessStatus.contextState.unreachable')} 1`);
      await expect(alpha.getByLabel(text('table.show'))).toHaveValue('problems');
      expect(await rows.evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-namespace')))).toEqual(['team-c', 'team-d']);
    },
  });
});
