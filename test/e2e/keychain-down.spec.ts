import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { keychainFailure } from '../../main/keychain/keychain-failure';
import { createKeytarSecretStore } from '../../main/keychain/keytar-secret-store';
import type { SecretStore } from '../../main/keychain/secret-store';
import { errorText, translate } from '../../shared/i18n';
import type { Language } from '../../shared/schemas';
import { keytar } from '../support/real-keytar';
import { expectReadableInChinese } from './chinese-problems';
import { chooseLanguage, expect, test } from './harness';

// The keychain goes away and comes back while the app runs. While it is away, libsecret's own
// "no D-Bus" failure stands in for it (as in registries.spec); once back, the real session keyring
// answers. One banner says so, Save is off with its reason, and "check again" turns it back on.

const service = `Registry Desk e2e keychain-down ${randomBytes(4).toString('hex')}`;
const real = createKeytarSecretStore(service, keytar);
let keychainUp = false;
const noBus = () => keychainFailure(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'));
const flaky: SecretStore = {
  get: (account) => (keychainUp ? real.get(account) : Promise.reject(noBus())),
  set: (account, secret) => (keychainUp ? real.set(account, secret) : Promise.reject(noBus())),
  delete: (account) => (keychainUp ? real.delete(account) : Promise.reject(noBus())),
  status: async () => (keychainUp ? real.status() : { available: false, backend: 'Secret Service (libsecret)', error: noBus().appError }),
};
/** What the operator typed, and the keychain's own name: shown as written in every language. */
const OPERATOR_WORDS = ['Lab', 'registry.lab.example.com:5000', 'robot', 'Secret Service (libsecret)'];
const password = `pw-${randomBytes(8).toString('hex')}`;

test.use({ appOptions: { secrets: flaky } });

test.beforeEach(() => {
  keychainUp = false;
});

test.afterAll(async () => {
  for (const { account } of await keytar.findCredentials(service)) await keytar.deletePassword(service, account);
});

async function fillNewRegistry(page: Page, language: Language): Promise<void> {
  await page.getByRole('button', { name: translate(language, 'action.add') }).first().click();
  await page.getByRole('radio', { name: translate(language, 'type.other'), exact: true }).check();
  await page.getByLabel(translate(language, 'field.name'), { exact: true }).fill('Lab');
  await page.getByLabel(translate(language, 'field.registryUrl'), { exact: true }).fill('registry.lab.example.com:5000');
  await page.getByLabel(translate(language, 'field.username'), { exact: true }).fill('robot');
  await page.getByLabel(translate(language, 'field.passwordOrToken'), { exact: true }).fill(password);
}

for (const language of ['en', 'zh-CN'] as const) {
  test(`keychain down (${language}): one banner, Save off with its reason; check again turns it back on`, async ({ app }) => {
    const { page } = app;
    if (language !== 'en') await chooseLanguage(page, language);
    const cause = errorText(language, 'keychain.noBus');
    const banner = page.getByRole('alert').filter({ hasText: translate(language, 'keychain.unavailable', { backend: 'Secret Service (libsecret)' }) });
    await expect(banner).toHaveCount(1);
    await fillNewRegistry(page, language);

    // The cause is said once, in the banner; Save is off and says why.
    const save = page.getByRole('button', { name: translate(language, 'action.save'), exact: true });
    await expect(save).toBeDisabled();
    await expect(save).toHaveAccessibleDescription(translate(language, 'kit.saveNeedsKeychain'));
    await expect(page.getByText(cause)).toHaveCount(1);
    await expect(banner).toContainText(cause);
    for (const width of [1024, 1280]) {
      await page.setViewportSize({ width, height: 820 });
      if (language === 'zh-CN') await expectReadableInChinese(page, `keychain down at ${width} px`, OPERATOR_WORDS);
      await app.screenshot(`keychain-down-${language}-${width}`);
    }

    // Asking again while it is still down changes nothing.
    const checkAgain = banner.getByRole('button', { name: translate(language, 'keychain.checkAgain') });
    await checkAgain.click();
    await expect(checkAgain).toBeEnabled();
    await expect(save).toBeDisabled();

    // The keychain is back: one more check lifts the banner and turns Save on; the save reaches the keychain.
    keychainUp = true;
    await checkAgain.click();
    await expect(banner).toHaveCount(0);
    await expect(page.getByTestId('secret-save-reason')).toHaveCount(0);
    await expect(save).toBeEnabled();
    await save.click();
    await expect(page.getByTestId('registry-row')).toHaveCount(1);
    const [record] = app.services.settings.read().registries;
    const stored = await keytar.findCredentials(service);
    expect(stored.filter((entry) => entry.account.startsWith(`${record!.id}/`)).map((entry) => entry.password)).toEqual([password]);
  });
}
