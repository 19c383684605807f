import { randomUUID } from 'node:crypto';
import { defaultAccessSettings, type AccessSettings } from '../../shared/access-settings';
import { errorText } from '../../shared/i18n';
import { ADMIN_TOKEN } from '../kube-api-server';
import { expect, test } from './harness';
import { shotsInEachLanguage } from './language-widths';
import { expectHeadsOnOneLine } from './tables-fit';
import { useWorkstationWithClusters } from './workstations';
import { openStatusOf } from './access-status';

/**
 * Manage access when all that is out of sync is what is no longer selected: the Status summary
 * offers to remove (not to "repair"), a removal row is not called "never seen in sync", and the
 * removal dialog lists a cluster it could not check as a row of its table, with its reason.
 */

// The clusters' own names: the operator's words, shown as they are on a Chinese screen.
const OPERATOR_WORDS = ['lab', 'gone'];
const SECRET_NAME = 'docker-hub-pull-secret';
const TEAMS = ['team-a', 'team-b', 'team-c'];

useWorkstationWithClusters({
  name: 'removals',
  namespaces: TEAMS,
  contexts: [
    { name: 'lab', token: ADMIN_TOKEN },
    // Nothing listens on port 9: refused at once.
    { name: 'gone', server: 'https://127.0.0.1:9', token: 'nobody' },
  ],
  currentContext: 'lab',
  // Applied to the three teams of lab, then saved with team-a alone and gone picked too: team-b and team-c hold what is no longer selected.
  seed: async (services) => {
    const { id } = await services.registries.create({ type: 'docker', name: 'Docker Hub', url: 'docker.io', username: 'octocat', password: 'dckr_pat_removals0SECRET' });
    const applied: AccessSettings = {
      ...defaultAccessSettings('Docker Hub', id),
      contexts: ['lab'],
      credential: { type: 'registry-credentials', secretName: SECRET_NAME },
      scope: { namespaces: { kind: 'list', names: TEAMS }, serviceAccounts: { kind: 'none' } },
    };
    const plan = await services.access.preview({ registryId: id, settings: applied });
    await services.access.apply({ operationId: randomUUID(), planId: plan.planId, confirmRemovals: false });
    await services.access.save(id, { ...applied, contexts: ['lab', 'gone'], scope: { ...applied.scope, namespaces: { kind: 'list', names: ['team-a'] } } });
  },
});

test('removal-only status offers Remove, its rows say no drift, and the dialog lists the unchecked cluster in its table', async ({ app }) => {
  test.setTimeout(240_000);
  const { page } = app;
  const { card: lab, rowOf } = await openStatusOf(page, 'Docker Hub', 'lab');
  await expect(rowOf('team-a')).toHaveAttribute('data-state', 'in-sync');
  for (const namespace of ['team-b', 'team-c']) {
    await expect(rowOf(namespace).getByTestId('row-fix')).toHaveAttribute('data-fix', 'remove');
    // Out of the selection, not out of sync: no "never seen in sync" (a drift's words); its secret says why.
    await expect(rowOf(namespace).getByTestId('last-in-sync')).toHaveCount(0);
    await expect(rowOf(namespace)).toContainText('no longer selected');
  }
  const summary = page.getByTestId('status-summary');
  // The summary's apply only removes: it says so, counted, as each row's own fix does.
  await expect(summary.getByRole('button', { name: 'Remove from 2 namespaces' })).toBeVisible();
  await expect(summary.getByRole('button', { name: 'Repair' })).toHaveCount(0);
  await shotsInEachLanguage(app, 'removals-01-status', {
    operatorWords: OPERATOR_WORDS,
    check: async (_language, text) => {
      await expect(summary.getByRole('button', { name: text('accessStatus.removeFrom.other', { count: 2 }) })).toBeVisible();
      await expect(summary.getByRole('button', { name: text('accessStatus.repair'), exact: true })).toHaveCount(0);
      await expect(rowOf('team-b').getByTestId('row-fix')).toContainText(text('accessStatus.fix.remove'));
      await expect(lab.getByText(text('accessStatus.neverInSync'))).toHaveCount(0);
    },
  });

  await summary.getByRole('button', { name: 'Remove from 2 namespaces' }).click();
  const planSummary = page.getByTestId('plan-summary');
  await planSummary.getByRole('button', { name: 'Apply' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove from the clusters?' });
  await expect(dialog).toBeVisible();
  // By role alone from here: the dialog's name changes with the language.
  const open = page.getByRole('dialog');
  const labRemovals = open.locator('[data-testid="removal-cluster"][data-context="lab"]');
  await expect(labRemovals.getByTestId('removal-row')).toHaveCount(2);
  // gone could not be checked: a group of the table with a badge and its reason, not a bullet.
  const gone = open.locator('[data-testid="removal-cluster"][data-context="gone"]');
  await expect(gone).toHaveAttribute('data-state', 'not-checked');
  await shotsInEachLanguage(app, 'removals-02-dialog', {
    operatorWords: OPERATOR_WORDS,
    check: async (language, text) => {
      await expect(gone.locator('.change-group-cluster .badge')).toHaveText(text('changes.notChecked'));
      await expect(gone.getByTestId('not-checked-row').locator('.change-reason')).toHaveText(errorText(language, 'cluster.unreachable', { context: 'gone', detail: 'ECONNREFUSED' }));
      await expect(gone.getByTestId('not-checked-row').locator('.change-stays')).toHaveText(text('changes.notCheckedStays'));
      await expect(labRemovals.locator('.change-group-cluster')).toContainText(text('changes.count', { count: 2 }));
      await expect(open.locator('li')).toHaveCount(0);
      await expectHeadsOnOneLine(page, `the removal dialog in ${language}`);
    },
    unbroken: [SECRET_NAME],
  });
  await dialog.getByRole('button', { name: 'Remove and apply' }).click();
  await expect(page.getByTestId('apply-result').getByRole('heading', { name: 'Applied' })).toBeVisible({ timeout: 60_000 });
});
