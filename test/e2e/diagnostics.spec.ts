import { errorText, translate } from '../../shared/i18n';
import { expectNoSeriousAxeViolations } from './axe';
import { expect, test, chooseLanguage } from './harness';
import { shotsInEachLanguage } from './language-widths';

/** A unique password: finding it on the screen or in the report is proof of a leak. */
const PASSWORD = 'dckr_pat_about0SECRET';

test.use({
  appOptions: {
    seed: async (services) => {
      await services.registries.create({ type: 'docker', name: 'Hub', url: 'docker.io', username: 'octocat', password: PASSWORD });
    },
  },
});

test('About shows versions, file locations and the keychain, and a report without secrets', async ({ app }) => {
  const { page } = app;
  await page.getByRole('navigation').getByRole('button', { name: translate('en', 'nav.diagnostics') }).click();
  await expect(page.getByRole('heading', { level: 1, name: translate('en', 'diagnostics.title') })).toBeVisible();

  const facts = page.getByRole('region', { name: translate('en', 'diagnostics.versions') });
  await expect(facts.getByText(process.versions.node, { exact: true })).toBeVisible();
  await expect(facts.getByText(translate('en', 'diagnostics.notElectron'))).toBeVisible();
  const files = page.getByRole('region', { name: translate('en', 'diagnostics.locations') });
  await expect(files.getByText(app.settingsFile, { exact: true })).toBeVisible();
  await expect(files.getByText(app.dataDir, { exact: true })).toBeVisible();
  const keychain = page.getByRole('region', { name: translate('en', 'diagnostics.keychain') });
  await expect(keychain.getByText('Secret Service (libsecret)')).toBeVisible();
  await expect(keychain.getByText(translate('en', 'diagnostics.keychainAvailable'))).toBeVisible();

  const report = page.getByLabel(translate('en', 'diagnostics.reportLabel'));
  await expect(report).toHaveValue(/Registries: 1 \(docker 1\)/);
  await expect(report).toHaveValue(/Keychain: Secret Service \(libsecret\), available/);
  expect(await report.inputValue()).not.toContain(PASSWORD);
  expect(await page.content()).not.toContain(PASSWORD);
  await shotsInEachLanguage(app, 'about', {
    check: async (_language, text) => {
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(text('diagnostics.title'));
      await expect(page.getByRole('region', { name: text('diagnostics.keychain') }).getByText(text('diagnostics.keychainAvailable'))).toBeVisible();
      await expect(page.getByRole('region', { name: text('diagnostics.versions') }).getByText(text('diagnostics.notElectron'))).toBeVisible();
      await expect(page.getByText(text('diagnostics.reportIntro'))).toBeVisible();
    },
    unbroken: [app.settingsFile, app.dataDir],
  });

  // The browser harness has no system clipboard (only the Electron shell does): the failure is typed and explained.
  await page.getByRole('button', { name: translate('en', 'diagnostics.copy') }).click();
  await expect(page.getByRole('alert')).toContainText(errorText('en', 'diagnostics.noClipboard'));

  await expectNoSeriousAxeViolations(page, 'About');
});

test('About in Chinese', async ({ app }) => {
  const { page } = app;
  await chooseLanguage(page, 'zh-CN');
  await page.getByRole('navigation').getByRole('button', { name: translate('zh-CN', 'nav.diagnostics') }).click();
  await expect(page.getByRole('heading', { level: 1, name: translate('zh-CN', 'diagnostics.title') })).toBeVisible();
  await expect(page.getByText(translate('zh-CN', 'diagnostics.reportIntro'))).toBeVisible();
  // Chinese brackets its asides with full-width （）: "0.1.0（开发版本）", not "0.1.0 (开发版本)".
  await expect(page.getByText(translate('zh-CN', 'diagnostics.development'))).toHaveText(/^\S+（开发版本）$/);
  expect(await page.locator('main').innerText()).not.toMatch(/[\u3400-\u9fff] ?[()]|[()] ?[\u3400-\u9fff]/);
  // Chosen here, the language is kept: the select says so (the screen is pictured in both languages above).
  await expect(page.locator('#language')).toHaveValue('zh-CN');
});
