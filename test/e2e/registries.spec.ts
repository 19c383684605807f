import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { keychainFailure } from '../../main/keychain/keychain-failure';
import { translate } from '../../shared/i18n';
import { REGISTRY_CATALOGUE } from '../../shared/registry-catalogue';
import type { RegistryType } from '../../shared/registry-types';
import { makeCertificateAuthority, makeServiceAccountKey } from '../support/fixtures';
import { expectNoSeriousAxeViolations } from './axe';
import { expect, test, type App, chooseLanguage } from './harness';
import { shotsInEachLanguage } from './language-widths';
import { expectReadableInChinese } from './chinese-problems';
import { expectNamesUnbroken } from './names-unbroken';
import { chooseRowAction } from './registry-row-menu';

/** The registries' names, shown as written in Chinese too. */
const OPERATOR_WORDS = ['Lab', 'Hub'];

const fixtures = mkdtempSync(join(tmpdir(), 'rd-e2e-files-'));
const ca = makeCertificateAuthority({ commonName: 'Lab Root CA' });
const caDerFile = join(fixtures, 'ca.crt');
writeFileSync(caDerFile, Buffer.from(ca.certificate.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64'));
const keyJson = makeServiceAccountKey();
const keyFile = join(fixtures, 'key.json');
writeFileSync(keyFile, keyJson);

/** Unique values, so finding one anywhere it must not be is proof of a leak. */
const secrets = {
  ecr: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYe2e0SECRET',
  docker: 'dckr_pat_e2e0SECRET',
  azure: 'azure+e2e0SECRET/=',
  quay: 'quay-e2e0SECRET:with&<chars>',
  other: 'other-e2e0SECRET',
  rotated: 'docker-rotated-e2e0SECRET',
};
const privateKeyBody = (JSON.parse(keyJson) as { private_key: string }).private_key.split('\n')[1]!;

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

async function startAdding(page: Page, type: RegistryType, name: string): Promise<void> {
  const add = page.getByRole('button', { name: 'Add container registry' });
  await add.first().click();
  const label = translate('en', REGISTRY_CATALOGUE.find((spec) => spec.type === type)!.label);
  await page.getByRole('radio', { name: label, exact: true }).check();
  await field(page, 'Name').fill(name);
}

async function fillType(page: Page, type: RegistryType): Promise<void> {
  switch (type) {
    case 'ecr':
      await field(page, 'Registry URL').fill('https://123456789012.dkr.ecr.eu-west-1.amazonaws.com');
      // The app only pulls: least privilege, never the push-and-delete FullAccess policy.
      await expect(page.getByText(/Registry Desk only pulls, so grant read-only access: AmazonEC2ContainerRegistryReadOnly/)).toBeVisible();
      await expect(page.getByText(/FullAccess/)).toHaveCount(0);
      await page.getByRole('radio', { name: 'User auth', exact: true }).check();
      // The key's hint says why, as the IAM role's does: more than read-only would let the key push and delete.
      await expect(page.getByText(/Key-based: an IAM user access key. Registry Desk only pulls, so attach read-only access.* A full-access policy would also let this key push and delete images\.$/)).toBeVisible();
      await field(page, 'Access key ID').fill('AKIAIOSFODNN7EXAMPLE');
      await field(page, 'Secret access key').fill(secrets.ecr);
      await expect(page.getByText('Region eu-west-1, account 123456789012')).toBeVisible();
      return;
    case 'docker':
      await expect(field(page, 'Registry URL')).toHaveValue('docker.io');
      await field(page, 'Username').fill('octocat');
      await field(page, 'Password/Token').fill(secrets.docker);
      return;
    case 'azure':
      await field(page, 'Registry URL/Login server').fill('contoso.azurecr.io');
      await field(page, 'Username/Registry name').fill('contoso');
      await field(page, 'Password').fill(secrets.azure);
      return;
    case 'artifact-registry':
      await field(page, 'Registry URL').fill('europe-west1-docker.pkg.dev');
      await expect(field(page, 'Username')).toHaveValue('_json_key');
      await field(page, 'Service account JSON file').setInputFiles(keyFile);
      await expect(page.getByText('puller@registry-desk-test.iam.gserviceaccount.com').first()).toBeVisible();
      // The key card may break the e-mail after its @, never at the hyphens of the project in it.
      await expectNamesUnbroken(page, ['registry-desk-test.iam.gserviceaccount.com'], 'Artifact Registry key card');
      return;
    case 'gcr':
      await field(page, 'Or paste the JSON key').fill(`'${JSON.stringify(JSON.parse(keyJson))}'`);
      await expect(page.getByText('puller@registry-desk-test.iam.gserviceaccount.com').first()).toBeVisible();
      return;
    case 'quay':
      await field(page, 'Username').fill('acme+deployer');
      await field(page, 'Password/Token').fill(secrets.quay);
      return;
    case 'other':
      await field(page, 'Registry URL').fill('registry.lab.internal:5000');
      await field(page, 'Username').fill('robot');
      await field(page, 'Password/Token').fill(secrets.other);
      await page.getByRole('radio', { name: 'Allow secure connection with CA certificate', exact: true }).check();
      await field(page, 'CA certificate (ca.crt)').setInputFiles(caDerFile);
      await expect(page.getByText('CN=Lab Root CA').first()).toBeVisible();
  }
}

const NAMES: Record<RegistryType, string> = {
  ecr: 'Prod ECR', docker: 'Docker Hub', azure: 'Contoso ACR', 'artifact-registry': 'GCP Artifacts',
  gcr: 'Legacy GCR', quay: 'Quay robots', other: 'Lab registry',
};

/** The list's names, hosts and users as added above: shown as written in Chinese too. */
const LIST_WORDS = [...OPERATOR_WORDS, ...Object.values(NAMES), 'Docker Hub (team)', 'docker.io', 'contoso.azurecr.io', 'contoso', 'europe-west1-docker.pkg.dev', 'gcr.io', 'quay.io', 'registry.lab.internal:5000', 'octocat', 'acme+deployer', 'robot', 'eu-west-1'];

function everythingOnDisk(app: App): string {
  return readdirSync(app.dataDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
}

/** The ECR form with user auth chosen: least privilege and what the default does, in each language and width. */
async function ecrFormInEachLanguage(app: App): Promise<void> {
  const { page } = app;
  await shotsInEachLanguage(app, 'form-ecr', {
    operatorWords: OPERATOR_WORDS,
    check: async (_language, text) => {
      await expect(page.getByText(text('hint.userAuth'), { exact: true })).toBeVisible();
      await expect(page.getByText(/FullAccess/)).toHaveCount(0);
      await expect(page.getByText(text('hint.isDefault'), { exact: true })).toBeVisible();
    },
  });
}

/** The Artifact Registry form with its key loaded: the app's own file picker, in the language shown, beside the key's card. */
async function keyLoadedInEachLanguage(app: App): Promise<void> {
  const { page } = app;
  await shotsInEachLanguage(app, 'form-artifact-registry-key', {
    operatorWords: OPERATOR_WORDS,
    unbroken: ['registry-desk-test.iam.gserviceaccount.com'],
    check: async (_language, text) => {
      await expect(page.locator('.file-picker-button')).toHaveText(text('kit.chooseFile'));
      // The key's card says which file is loaded, and the browser's "No file chosen" is nowhere.
      await expect(page.getByText(text('file.loaded', { file: 'key.json' }), { exact: true })).toBeVisible();
      await expect(page.getByText('No file chosen')).toHaveCount(0);
      await expect(page.getByText('puller@registry-desk-test.iam.gserviceaccount.com').first()).toBeVisible();
    },
  });
}

test('add all seven types, list, edit, switch default, delete, and switch to Chinese', async ({ app }) => {
  // Seven registries added through the form, six axe scans, nineteen full-page screenshots: minutes on a loaded machine.
  test.setTimeout(360_000);
  const { page } = app;
  await expect(page.getByRole('heading', { name: 'No container registries yet' })).toBeVisible();
  await app.screenshot('en-01-empty');
  await expectNoSeriousAxeViolations(page, 'empty list');

  for (const spec of REGISTRY_CATALOGUE) {
    await startAdding(page, spec.type, NAMES[spec.type]);
    await fillType(page, spec.type);
    if (spec.type === 'ecr') await ecrFormInEachLanguage(app);
    else if (spec.type === 'artifact-registry') await keyLoadedInEachLanguage(app);
    else await shotsInEachLanguage(app, `form-${spec.type}`, { operatorWords: LIST_WORDS });
    if (spec.type === 'other') await expectNoSeriousAxeViolations(page, 'form');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('registry-row').filter({ hasText: NAMES[spec.type] })).toBeVisible();
  }
  const rows = page.getByTestId('registry-row');
  await expect(rows).toHaveCount(7);
  await expect(rows.filter({ hasText: 'Prod ECR' })).toContainText('Default');
  await expect(rows.filter({ hasText: 'Prod ECR' })).toContainText('eu-west-1');
  await app.screenshot('en-02-list');
  await expectNoSeriousAxeViolations(page, 'list');

  await chooseRowAction(page, 'Docker Hub', 'registryList.menu.edit');
  await expect(field(page, 'Password/Token')).toHaveValue('');
  await expect(page.getByText('Stored in keychain — leave blank to keep')).toBeVisible();
  await app.screenshot('en-03-edit');
  await field(page, 'Name').fill('Docker Hub (team)');
  await field(page, 'Password/Token').fill(secrets.rotated);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(rows.filter({ hasText: 'Docker Hub (team)' })).toBeVisible();

  await chooseRowAction(page, 'Docker Hub (team)', 'registryList.menu.setDefault');
  await expect(rows.filter({ hasText: 'Docker Hub (team)' })).toContainText('Default');
  await expect(rows.filter({ hasText: 'Prod ECR' })).not.toContainText('Default');

  await chooseRowAction(page, 'Quay robots', 'registryList.menu.delete');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Quay robots');
  await app.screenshot('en-04-delete-dialog');
  await expectNoSeriousAxeViolations(page, 'delete dialog');
  await dialog.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(rows).toHaveCount(6);
  await expect(rows.filter({ hasText: 'Quay robots' })).toHaveCount(0);

  await chooseLanguage(page, 'zh-CN');
  await expect(page.getByRole('heading', { name: '容器注册表', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expectReadableInChinese(page, 'the list in Chinese', LIST_WORDS);
  await app.screenshot('zh-01-list');
  await expectNoSeriousAxeViolations(page, 'Chinese list');
  await page.getByRole('button', { name: '添加容器注册表' }).click();
  for (const spec of REGISTRY_CATALOGUE) {
    await page.getByRole('radio', { name: translate('zh-CN', spec.label), exact: true }).check();
    await expect(page.getByText(translate('zh-CN', spec.urlLabel), { exact: true }).first()).toBeVisible();
    await expectReadableInChinese(page, `the ${spec.type} form in Chinese`, LIST_WORDS);
    await app.screenshot(`zh-form-${spec.type}`);
  }
  await expectNoSeriousAxeViolations(page, 'Chinese form');
  await page.getByRole('button', { name: '取消' }).click();

  const stored = await app.services.preferences.get();
  expect(stored.language).toBe('zh-CN');
  await page.reload();
  await expect(page.getByRole('button', { name: '添加容器注册表' })).toBeVisible();

  // Secrets went to the keychain and nowhere else: not to disk, the page, the log or a response.
  const list = await app.invoke('registries:list', {});
  const leakSurfaces = [everythingOnDisk(app), await page.content(), app.logLines.join('\n'), JSON.stringify(list)];
  for (const value of [...Object.values(secrets), privateKeyBody]) {
    for (const surface of leakSurfaces) expect(surface.includes(value), `secret ${value.slice(0, 8)}… leaked`).toBe(false);
  }
  const docker = list.ok ? list.value.find((registry) => registry.type === 'docker') : undefined;
  const inKeychain = execFileSync('secret-tool', ['lookup', 'service', app.keychainService, 'account', `${docker?.id}/password`], { encoding: 'utf8' });
  expect(inKeychain).toBe(secrets.rotated);
});

test('inline errors from the form and from main, and the default rule', async ({ app }) => {
  const { page } = app;
  await startAdding(page, 'other', 'Lab');
  await field(page, 'Registry URL').fill('http://10.0.0.5:5000');
  await field(page, 'Username').fill('robot');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Plain http:// is allowed only for type Other with "Allow insecure connection".')).toBeVisible();
  await expect(page.getByText('Password/Token is required.')).toBeVisible();
  await app.screenshot('en-05-field-errors');
  await page.getByRole('radio', { name: 'Allow insecure connection', exact: true }).check();
  await field(page, 'Password/Token').fill('pw');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('registry-row')).toHaveCount(1);

  await startAdding(page, 'docker', 'LAB');
  await field(page, 'Username').fill('u');
  await field(page, 'Password/Token').fill('p');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('A registry named "Lab" already exists (names are compared ignoring case).')).toBeVisible();
  await field(page, 'Name').fill('Hub');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('registry-row')).toHaveCount(2);

  // The default only breaks ties in the credential helper, so it is deleted like any other and the next registry takes it over.
  await chooseRowAction(page, 'Lab', 'registryList.menu.delete');
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('default-moves')).toHaveText('Hub becomes the default registry.');
  await shotsInEachLanguage(app, 'default-delete', {
    operatorWords: OPERATOR_WORDS,
    check: async (_language, text) => {
      await expect(dialog.getByTestId('default-moves')).toHaveText(text('registryList.defaultMoves', { name: 'Hub' }));
      await expect(dialog.getByRole('button', { name: text('action.confirmDelete') })).toBeEnabled();
    },
  });
  await dialog.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(page.getByTestId('registry-row')).toHaveCount(1);
  await expect(page.getByTestId('registry-row').filter({ hasText: 'Hub' })).toContainText('Default');
});

test.describe('when the OS keychain is unavailable', () => {
  test.use({
    appOptions: {
      secrets: {
        get: async () => null,
        set: async () => {
          throw keychainFailure(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY'));
        },
        delete: async () => false,
        status: async () => ({ available: false, backend: 'Secret Service (libsecret)', error: keychainFailure(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')).appError }),
      },
    },
  });

  test('it says so plainly, once, and Save is off, so nothing is stored', async ({ app }) => {
    const { page } = app;
    await expect(page.getByText('no D-Bus session')).toHaveCount(1);
    await startAdding(page, 'docker', 'Hub');
    await field(page, 'Username').fill('u');
    await field(page, 'Password/Token').fill(secrets.docker);
    await expect(page.getByRole('button', { name: 'Save' })).toBeDisabled();
    await expect(page.getByText('no D-Bus session')).toHaveCount(1);
    await app.screenshot('en-07-keychain-unavailable');
    expect(readdirSync(app.dataDir)).toEqual([]);
  });
});
