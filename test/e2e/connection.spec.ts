import { randomBytes } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { startDockerRegistry, type RunningDockerRegistry } from '../registry-servers/docker-registry';
import { makeCertificateAuthority, makeServerCertificate } from '../support/fixtures';
import { expectNoSeriousAxeViolations } from './axe';
import { expect, test } from './harness';
import { followOsLanguage, LANGUAGES, shotsInEachLanguage, WIDTHS } from './language-widths';
import { expectHeadsOnOneLine } from './tables-fit';
import { chooseRowAction } from './registry-row-menu';

/** The registries' names, shown as written in Chinese too. */
const OPERATOR_WORDS = ['Lab registry', 'Lab with CA', 'Lab secure only'];

// "Test connection" in the form and in the list, against a real docker-registry with a private CA.
const PASSWORD = `e2e-conn-${randomBytes(10).toString('hex')}`;
const ca = makeCertificateAuthority({ commonName: 'Lab Root CA' });
let registry: RunningDockerRegistry;

test.beforeAll(async () => {
  registry = await startDockerRegistry({ tls: makeServerCertificate(ca, { hosts: ['127.0.0.1'] }), users: { alice: PASSWORD } });
});

test.afterAll(async () => {
  await registry?.stop();
});

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

/** The form of a new "Other" registry for the test registry, with alice's login. */
/** "Upload the registry's CA" chooses the CA mode and opens the CA field's own file picker: the file goes in, as the operator would choose it. */
async function uploadCaThroughOffer(page: Page, panel: Locator): Promise<void> {
  const chooserOpens = page.waitForEvent('filechooser');
  await panel.getByRole('button', { name: "Upload the registry's CA", exact: true }).click();
  const chooser = await chooserOpens;
  await expect(page.getByRole('radio', { name: 'Allow secure connection with CA certificate', exact: true })).toBeChecked();
  // The chooser is the CA field's own, focused so the operator lands on it.
  const caField = field(page, 'CA certificate (ca.crt)');
  await expect(caField).toBeFocused();
  expect(await chooser.element().getAttribute('id')).toBe(await caField.getAttribute('id'));
  await chooser.setFiles({ name: 'lab-root-ca.crt', mimeType: 'application/x-x509-ca-cert', buffer: Buffer.from(ca.certificate) });
  await expect(field(page, 'Or paste the certificate (PEM)')).toHaveValue(/-----BEGIN CERTIFICATE-----/);
  await expect(page.getByText('CN=Lab Root CA').first()).toBeVisible();
}

async function fillOtherRegistry(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Add container registry' }).first().click();
  await page.getByRole('radio', { name: 'Other', exact: true }).check();
  await field(page, 'Name').fill(name);
  await field(page, 'Registry URL').fill(registry.address);
  await field(page, 'Username').fill('alice');
  await field(page, 'Password/Token').fill(PASSWORD);
}

test('the form tests the values typed, before saving: success, then a TLS failure with its hint', async ({ app }) => {
  const { page } = app;
  await fillOtherRegistry(page, 'Lab registry');
  await page.getByRole('radio', { name: 'Allow secure connection with CA certificate', exact: true }).check();
  await field(page, 'Or paste the certificate (PEM)').fill(ca.certificate);
  await expect(page.getByText('CN=Lab Root CA').first()).toBeVisible();
  // The CA's end (a year out) in the one time format: relative, the exact date on hover.
  const expiry = page.locator('.certificate time').first();
  await expect(expiry).toHaveText('in 12 months');
  await expect(expiry).toHaveAttribute('title', /20\d\d/);

  await page.getByRole('button', { name: 'Test connection', exact: true }).click();
  const result = page.getByTestId('connection-result');
  await expect(result).toContainText('Connection works');
  await expect(result).toContainText('Basic login in 2 round trips');
  await expect(result).toContainText(`https://${registry.address}/v2/`);
  await app.screenshot('connection-form-success');
  await expectNoSeriousAxeViolations(page, 'form with a passed test');

  // The pasted CA goes, so that the one the offer below uploads is the one that makes it work.
  await field(page, 'Or paste the certificate (PEM)').fill('');
  await page.getByRole('radio', { name: 'Allow only secure connection', exact: true }).check();
  await page.getByRole('button', { name: 'Test connection', exact: true }).click();
  await expect(result).toContainText('Failed at TLS certificate');
  await expect(result).toContainText('The certificate of 127.0.0.1 is not trusted');
  await expect(result).toContainText('the button below chooses "Allow secure connection with CA certificate"');
  // Advice for Node's command line means nothing to an app user.
  await expect(result).not.toContainText('--use-system-ca');
  await expect(result).not.toContainText('Node.js');
  await shotsInEachLanguage(app, 'connection-form-tls-failure', {
    operatorWords: OPERATOR_WORDS,
    check: async (_language, text) => {
      await expect(result).toContainText(text('connection.failedAt', { step: text('connection.step.tls') }));
      await expect(result).toContainText(text('connection.hint.untrustedSecure'));
      await expect(result.getByRole('button', { name: text('connection.uploadCa'), exact: true })).toBeVisible();
      // The hint names the option as the form below labels it.
      await expect(result).toContainText(text('connection.secureWithCa'));
      await expect(page.getByRole('radio', { name: text('connection.secureWithCa'), exact: true })).toBeVisible();
      await expect(result).not.toContainText('--use-system-ca');
      // OpenSSL's reason in the operator's language; its own English words only under Details, for support.
      const message = result.locator('.connection-message');
      await expect(message).toContainText(text('connection.tlsReason.firstCertificate'));
      await expect(message).not.toContainText('unable to verify');
      await expect(result.getByTestId('connection-raw-detail').locator('summary')).toHaveText(text('connection.rawDetail'));
      await expect(result.getByTestId('connection-raw-detail').locator('code')).toContainText('unable to verify the first certificate');
    },
  });
  await expectNoSeriousAxeViolations(page, 'form with a failed test');

  await uploadCaThroughOffer(page, result);
  await page.getByRole('button', { name: 'Test connection', exact: true }).click();
  await expect(result).toContainText('Connection works');

  // Nothing was saved by testing.
  expect(await app.services.registries.list()).toEqual([]);
});

test.describe('the list', () => {
  test.use({
    appOptions: {
      seed: async (services) => {
        const base = { type: 'other' as const, url: registry.address, username: 'alice', password: PASSWORD };
        await services.registries.create({ ...base, name: 'Lab with CA', connection: 'secure-with-ca', caCertificate: ca.certificate });
        await services.registries.create({ ...base, name: 'Lab secure only', connection: 'secure' });
      },
    },
  });

  test('tests one row, then all rows with progress; each row keeps its last result and time', async ({ app }) => {
    const { page } = app;
    const rowOf = (name: string) => page.getByTestId('registry-row').filter({ hasText: name });
    const chipOf = (name: string) => rowOf(name).getByTestId('connection-row-result');
    // The opened detail is a row of its own under the registry's, named by its chip.
    const detailOf = (name: string) => rowOf(name).locator('xpath=following-sibling::tr[1][@data-testid="registry-detail-row"]').getByTestId('connection-result');
    await expect(rowOf('Lab with CA')).toContainText('Not tested yet');

    await chooseRowAction(page, 'Lab with CA', 'registryList.menu.test');
    await expect(rowOf('Lab with CA')).toContainText('Connection works');
    await expect(rowOf('Lab with CA').locator('time')).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}T/);
    await expect(rowOf('Lab secure only')).toContainText('Not tested yet');

    await page.getByRole('button', { name: 'Test all' }).click();
    await expect(page.getByTestId('test-all-progress')).toContainText('Tested 2: 1 passed, 1 failed');
    // A short chip in the list; the detail opens on demand.
    await expect(chipOf('Lab secure only')).toContainText('TLS failed');
    await expect(chipOf('Lab secure only')).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByTestId('connection-result')).toHaveCount(0);
    await chipOf('Lab secure only').click();
    await expect(chipOf('Lab secure only')).toHaveAttribute('aria-expanded', 'true');
    await expect(detailOf('Lab secure only')).toContainText('is not trusted');
    // The detail spans the row, not the narrow address column its chip sits in.
    const detailBox = await detailOf('Lab secure only').boundingBox();
    const rowBox = await rowOf('Lab secure only').boundingBox();
    const addressBox = await rowOf('Lab secure only').locator('td.registry-url').boundingBox();
    expect(detailBox && rowBox && addressBox).toBeTruthy();
    expect(detailBox!.width).toBeGreaterThan(rowBox!.width * 0.9);
    expect(detailBox!.width).toBeGreaterThan(addressBox!.width * 2);
    // The chip and its opened detail, in each language.
    await shotsInEachLanguage(app, 'connection-list', {
      operatorWords: OPERATOR_WORDS,
      check: async (_language, text) => {
        await expect(page.getByTestId('test-all-progress')).toContainText(text('connection.testAllDone', { total: 2, passed: 1, failed: 1 }));
        await expect(chipOf('Lab secure only')).toContainText(text('connection.tlsFailed'));
        await expect(detailOf('Lab secure only')).toContainText(text('connection.hint.untrustedSecure'));
        await expect(detailOf('Lab secure only').getByRole('button', { name: text('connection.uploadCa'), exact: true })).toBeVisible();
        await expect(rowOf('Lab with CA')).toContainText(text('connection.passed'));
      },
      // The endpoint breaks only after a dot, colon or slash: never inside its port ("127.0.0.1:4" / "6667").
      unbroken: [`${registry.address.split(':').at(-1)}/`],
    });
    // The opened detail narrows the name column: its heads ("Registry type ↕") still read on one line each.
    for (const language of LANGUAGES) {
      await followOsLanguage(page, language);
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 820 });
        await expectHeadsOnOneLine(page, `the list with a TLS detail open in ${language} at ${width} px`);
      }
    }
    await followOsLanguage(page, 'en');
    await page.setViewportSize({ width: 1280, height: 820 });
    await expectNoSeriousAxeViolations(page, 'list with results');

    // The results outlive a reload of the window: they are kept in main.
    await page.reload();
    await expect(rowOf('Lab with CA')).toContainText('Connection works');
    await expect(chipOf('Lab secure only')).toContainText('TLS failed');

    // The offer in the list opens that registry's edit form in the CA mode, its file picker open.
    await chipOf('Lab secure only').click();
    await uploadCaThroughOffer(page, detailOf('Lab secure only'));
    await expect(field(page, 'Name')).toHaveValue('Lab secure only');
    // A new CA unbinds the saved password until the operator says it may go to the same host.
    await page.getByLabel(`Send the saved password to ${registry.address}`, { exact: true }).check();
    await page.getByRole('button', { name: 'Test connection', exact: true }).click();
    await expect(page.getByTestId('connection-result')).toContainText('Connection works');

    for (const line of app.logLines) expect(line).not.toContain(PASSWORD);
  });
});

test.describe('where the OS trust store holds the registry’s CA', () => {
  // This machine's store cannot be changed by a test: the one boundary that reads it gets the CA.
  test.use({ appOptions: { connectionNetwork: { osTrustAnchors: () => [ca.certificate] } } });

  test('a refused certificate says the OS trusts its issuer, and still offers to upload the CA', async ({ app }) => {
    const { page } = app;
    await fillOtherRegistry(page, 'Corp registry');
    await page.getByRole('button', { name: 'Test connection', exact: true }).click();
    const result = page.getByTestId('connection-result');
    await expect(result).toContainText('Failed at TLS certificate');
    await expect(result).toContainText('This computer\'s trust store trusts the issuer of this certificate');
    await expect(result).toContainText('Export that CA certificate from the trust store: the button below chooses "Allow secure connection with CA certificate"');
    // The secure option no longer claims what the OS would accept: the app checks its own roots.
    await expect(page.getByText('Only certificates from the public certificate authorities Registry Desk ships with are accepted.')).toBeVisible();
    await shotsInEachLanguage(app, 'connection-form-tls-os-trusts', {
      operatorWords: OPERATOR_WORDS,
      check: async (language, text) => {
        await expect(result).toContainText(text('connection.failedAt', { step: text('connection.step.tls') }));
        await expect(result).toContainText(text('connection.hint.untrustedOsTrusts'));
        await expect(result.getByRole('button', { name: text('connection.uploadCa'), exact: true })).toBeVisible();
        await expect(page.getByText(text('hint.connectionSecure'))).toBeVisible();
        await expectNoSeriousAxeViolations(page, `the form with the OS trusting the CA in ${language}`);
      },
    });
  });
});
