import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { errorText, translate } from '../../shared/i18n';
import type { Language } from '../../shared/schemas';
import { base64, createTestWorkstation, type TestWorkstation } from '../support/import-workstation';
import { makeServiceAccountKey } from '../support/fixtures';
import { startDockerRegistry } from '../registry-servers/docker-registry';
import { expectNoSeriousAxeViolations } from './axe';
import { expectReadableInChinese } from './chinese-problems';
import { expect, test, type App, chooseLanguage } from './harness';
import { followOsLanguage, shotsInEachLanguage } from './language-widths';
import { expectSelectsShowTheirChoice } from './controls-fit';
import { expectNamesUnbroken } from './names-unbroken';
import { expectTablesFit } from './tables-fit';

// One screen imports a workstation's docker, podman and credential-helper logins: the preview
// table, the skip reasons, the import into the keychain, then the Secret manifest export with its
// password confirmation. In English and in Chinese, with screenshots; no secret reaches the page.

const passwords = {
  helper: `helper-${randomBytes(8).toString('hex')}&x`,
  docker: `dckr_pat_${randomBytes(8).toString('hex')}`,
  podman: `podman-${randomBytes(8).toString('hex')}`,
  ecr: `eyJ${randomBytes(12).toString('hex')}`,
  stale: `stale-${randomBytes(8).toString('hex')}`,
};
const googleKey = makeServiceAccountKey();
const HELPER_SERVER = `helper-${randomBytes(3).toString('hex')}.example.com`;

/** The workstation's hosts and users the preview lists: shown as written in Chinese too. */
const IMPORT_WORDS = [HELPER_SERVER, 'helper-user', 'octocat', 'sso', 'id.example.com', 'broken.example.com', 'gcr.io', 'quay.io/acme', '123456789012.dkr.ecr.eu-west-1.amazonaws.com', 'docker-credential-secretservice'];

let station: TestWorkstation;

function helper(command: 'store' | 'erase', input: string): void {
  const run = spawnSync('/usr/bin/docker-credential-secretservice', [command], { input, encoding: 'utf8' });
  if (run.status !== 0 && command === 'store') throw new Error(`docker-credential-secretservice store: ${run.stdout}`);
}

test.beforeAll(async () => {
  station = await createTestWorkstation();
  helper('store', JSON.stringify({ ServerURL: HELPER_SERVER, Username: 'helper-user', Secret: passwords.helper }));
  await station.writeDockerConfig({
    auths: {
      'https://index.docker.io/v1/': { auth: base64(`octocat:${passwords.docker}`) },
      'https://index.docker.io/v1/access-token': { auth: base64(`octocat:${randomBytes(8).toString('hex')}`) },
      'id.example.com': { username: 'sso', identitytoken: randomBytes(8).toString('hex') },
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com': { auth: base64(`AWS:${passwords.ecr}`) },
      'gcr.io': { auth: base64(`_json_key:${googleKey}`) },
      'broken.example.com': { auth: 'not base64!' },
      [HELPER_SERVER]: {},
      // An old inline login for the helper's host: docker sends the helper's instead.
      [`https://${HELPER_SERVER}`]: { auth: base64(`old-user:${passwords.stale}`) },
    },
    credHelpers: { [HELPER_SERVER]: 'secretservice' },
  });
  await station.writeFile(station.runtimeAuthFile, { auths: { 'quay.io/acme': { auth: base64(`acme+bot:${passwords.podman}`) } } });
});

test.afterAll(async () => {
  helper('erase', HELPER_SERVER);
  await station.close();
});

test.use({ appOptions: { get workstation() { return station.workstation; }, get pluginPath() { return station.pluginPath; } } });

async function openScreen(app: App, language: Language) {
  const { page } = app;
  if (language !== 'en') await chooseLanguage(page, language);
  await page.getByRole('navigation').getByRole('button', { name: translate(language, 'nav.importExport') }).click();
  await expect(page.getByRole('heading', { level: 1, name: translate(language, 'importUi.screenTitle') })).toBeVisible();
}

/** The card's gap under its heading, and no more: an empty status line or a section's own margin must not add to it. */
const CARD_GAP = 18;

/**
 * The Export card at a glance: its first section starts one card gap under the heading, and the
 * settings file's label sits on its file button's line, centred with it (not on its baseline).
 */
async function expectExportCardAligned(page: Page, language: Language): Promise<void> {
  const card = page.getByRole('region', { name: translate(language, 'exportUi.title'), exact: true });
  const heading = (await card.getByRole('heading', { level: 2 }).boundingBox())!;
  const first = (await card.getByText(translate(language, 'exportUi.manifestTitle'), { exact: true }).boundingBox())!;
  expect(first.y - (heading.y + heading.height), `${language}: space under the Export heading`).toBeLessThanOrEqual(CARD_GAP + 2);
  const label = (await card.getByText(translate(language, 'settingsUi.importFile'), { exact: true }).boundingBox())!;
  const button = (await card.getByText(translate(language, 'kit.chooseFile'), { exact: true }).boundingBox())!;
  const middle = (box: { y: number; height: number }) => box.y + box.height / 2;
  expect(Math.abs(middle(label) - middle(button)), `${language}: the settings file label beside its button`).toBeLessThanOrEqual(2);
  // The manifest's fields as two even columns, registry and format above Secret name and namespace:
  // no field left alone on a line, and the derived Secret name shown whole, at 1024 and 1280 px.
  // The labels wrap their controls, so a select's label text also holds its options' text.
  const field = (label: string) => card.locator('label').filter({ hasText: new RegExp(`^${label}`) }).locator('select, input');
  for (const width of [1024, 1280]) {
    await page.setViewportSize({ width, height: 820 });
    const at = async (key: 'exportUi.registry' | 'exportUi.format' | 'importUi.secretName' | 'importUi.namespace') => {
      const box = await field(translate(language, key)).boundingBox();
      return [Math.round(box?.x ?? -1), Math.round(box?.y ?? -1)] as const;
    };
    const [registry, format, secretName, namespace] = [await at('exportUi.registry'), await at('exportUi.format'), await at('importUi.secretName'), await at('importUi.namespace')];
    expect([format, secretName], `${language}: the manifest's fields in two columns at ${width} px`).toEqual([
      [namespace[0], registry[1]],
      [registry[0], namespace[1]],
    ]);
    // Save manifest stands a form's row distance under the fields it saves, not crowded onto them.
    const save = (await card.getByRole('button', { name: translate(language, 'exportUi.saveManifest') }).boundingBox())!;
    const fieldsBottom = (await field(translate(language, 'importUi.namespace')).boundingBox())!;
    expect(save.y - (fieldsBottom.y + fieldsBottom.height), `${language}: space above Save manifest at ${width} px`).toBeGreaterThanOrEqual(14);
    const cut = await field(translate(language, 'importUi.secretName')).evaluate((input) => (input as unknown as { scrollWidth: number; clientWidth: number }).scrollWidth > (input as unknown as { clientWidth: number }).clientWidth);
    expect(cut, `${language}: the whole Secret name shows in its field at ${width} px`).toBe(false);
  }
  await page.setViewportSize({ width: 1280, height: 820 });
}

const row = (app: App, serverKey: string) => app.page.locator(`tr[data-candidate="${serverKey}"]`);

function assertNoSecretOutsideKeychain(app: App, html: string, settings: string) {
  for (const [label, password] of Object.entries(passwords)) {
    for (const spelling of [password, JSON.stringify(password).slice(1, -1), base64(password)]) {
      expect(html.includes(spelling), `${label} on the page`).toBe(false);
      expect(settings.includes(spelling), `${label} in the settings file`).toBe(false);
      expect(app.logLines.join('\n').includes(spelling), `${label} in the log`).toBe(false);
      for (const response of app.ipcResponses) expect(response.includes(spelling), `${label} in an IPC answer`).toBe(false);
    }
  }
}

test('imports docker, podman and helper logins from one screen; skip reasons shown; secrets only in the keychain', async ({ app }) => {
  // A scan runs the credential helpers, an import writes every login to the keychain: about three
  // minutes on a loaded machine.
  test.setTimeout(360_000);
  const { page } = app;
  await openScreen(app, 'en');
  await page.getByRole('button', { name: translate('en', 'importUi.scanWorkstation') }).click();
  const table = page.getByRole('table', { name: translate('en', 'importUi.previewTitle') });
  await expect(table).toBeVisible();

  await expect(row(app, HELPER_SERVER)).toContainText('helper-user');
  await expect(row(app, HELPER_SERVER)).toContainText(translate('en', 'import.source.credential-helper'));
  await expect(row(app, 'quay.io/acme')).toContainText(translate('en', 'import.source.podman-auth'));
  await expect(row(app, 'https://index.docker.io/v1/access-token')).toContainText(translate('en', 'import.skip.dockerHubOAuthToken'));
  await expect(row(app, 'id.example.com')).toContainText(translate('en', 'import.skip.identityToken'));
  await expect(row(app, 'broken.example.com')).toContainText(errorText('en', 'import.invalidAuth', { server: 'broken.example.com' }));
  await expect(row(app, '123456789012.dkr.ecr.eu-west-1.amazonaws.com')).toContainText(translate('en', 'import.notice.ecrToken'));
  await expect(row(app, 'gcr.io')).toContainText(translate('en', 'import.notice.googleJsonKey'));
  await expect(row(app, 'id.example.com').getByRole('checkbox').first()).toBeDisabled();
  // The login docker does not use says why, and is picked only after its own, separate choice.
  const stale = row(app, `https://${HELPER_SERVER}`);
  await expect(stale).toContainText(translate('en', 'import.unused.dockerUsesHelper', { helper: 'secretservice' }));
  await expect(stale.getByRole('checkbox', { name: translate('en', 'importUi.pickLabel', { server: HELPER_SERVER }) })).toBeDisabled();
  await expect(stale.getByRole('checkbox', { name: translate('en', 'importUi.pickLabel', { server: HELPER_SERVER }) })).not.toBeChecked();
  await app.screenshot('import-preview');
  await page.setViewportSize({ width: 1024, height: 820 });
  await expectTablesFit(page, 'the found logins at 1024 px');
  // Every proposed name shows whole in its input, "helper-….example.com (old-user)" too.
  const cutNames = await table.locator('.import-name').evaluateAll((inputs) => inputs.filter((input) => (input as unknown as { scrollWidth: number }).scrollWidth > (input as unknown as { clientWidth: number }).clientWidth).map((input) => (input as unknown as { value: string }).value));
  expect(cutNames, 'names cut at 1024 px').toEqual([]);
  // The helper's command name reads whole in the sources, the row's origin and the reason docker skips the login.
  await expectNamesUnbroken(page, ['docker-credential-secretservice'], 'the found logins at 1024 px');
  await app.screenshot('import-preview-1024');
  await page.setViewportSize({ width: 1280, height: 820 });
  // The longest proposed name shows whole in its input.
  const ecrName = row(app, '123456789012.dkr.ecr.eu-west-1.amazonaws.com').getByRole('textbox').first();
  expect(await ecrName.evaluate((input) => (input as unknown as { scrollWidth: number }).scrollWidth <= (input as unknown as { clientWidth: number }).clientWidth)).toBe(true);
  await stale.getByRole('checkbox', { name: translate('en', 'importUi.importUnusedLabel') }).check();
  await expect(stale.getByRole('checkbox', { name: translate('en', 'importUi.pickLabel', { server: HELPER_SERVER }) })).toBeChecked();

  // Everything importable is picked: helper, Docker Hub, ECR (ambient identity), GCR key, Quay from podman, and the stale login on purpose.
  await row(app, 'https://index.docker.io/v1/').getByRole('textbox').fill('Hub (CI)');
  await page.getByRole('button', { name: translate('en', 'importUi.importPicked', { count: 6 }) }).click();
  for (const key of [HELPER_SERVER, 'https://index.docker.io/v1/', '123456789012.dkr.ecr.eu-west-1.amazonaws.com', 'gcr.io', 'quay.io/acme', `https://${HELPER_SERVER}`]) {
    await expect(row(app, key).getByRole('status')).toContainText(translate('en', 'importUi.outcome.created'));
  }
  // The outcomes beside the reasons the rest was skipped, in each language.
  await shotsInEachLanguage(app, 'import-results', {
    check: async (_language, text) => {
      await expect(row(app, 'quay.io/acme').getByRole('status')).toContainText(text('importUi.outcome.created'));
      await expect(row(app, 'id.example.com')).toContainText(text('import.skip.identityToken'));
      await expect(row(app, 'https://index.docker.io/v1/access-token')).toContainText(text('import.skip.dockerHubOAuthToken'));
    },
    unbroken: ['docker-credential-secretservice'],
  });

  const records = app.services.settings.read().registries;
  expect(records.map((record) => [record.name, record.type, record.url])).toEqual([
    [HELPER_SERVER, 'other', HELPER_SERVER],
    ['Hub (CI)', 'docker', 'docker.io'],
    ['ECR 123456789012 eu-west-1', 'ecr', '123456789012.dkr.ecr.eu-west-1.amazonaws.com'],
    ['gcr.io', 'gcr', 'gcr.io'],
    ['quay.io/acme', 'quay', 'quay.io/acme'],
    [`${HELPER_SERVER} (old-user)`, 'other', HELPER_SERVER],
  ]);
  const keychain = execFileSync('secret-tool', ['search', '--all', 'service', app.keychainService], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  for (const password of [passwords.helper, passwords.docker, passwords.podman, passwords.stale]) expect(keychain).toContain(`secret = ${password}`);
  expect(keychain).not.toContain(passwords.ecr);
  assertNoSecretOutsideKeychain(app, await page.content(), await readFile(app.settingsFile, 'utf8'));

  // Export the Docker Hub registry as a Secret manifest: the confirmation says the file holds the password.
  const exportCard = page.getByRole('region', { name: translate('en', 'exportUi.title'), exact: true });
  await exportCard.getByLabel(translate('en', 'exportUi.registry')).selectOption({ label: 'Hub (CI)' });
  await exportCard.getByRole('button', { name: translate('en', 'exportUi.saveManifest') }).click();
  const dialog = page.getByRole('dialog', { name: translate('en', 'exportUi.confirmTitle') });
  await expect(dialog).toContainText(translate('en', 'exportUi.confirmBody', { name: 'Hub (CI)' }));
  await shotsInEachLanguage(app, 'export-confirm', {
    check: async (_language, text) => {
      const open = page.getByRole('dialog');
      await expect(open.getByRole('heading')).toHaveText(text('exportUi.confirmTitle'));
      await expect(open).toContainText(text('exportUi.confirmBody', { name: 'Hub (CI)' }));
      await expect(open.getByRole('button', { name: text('exportUi.confirmSave') })).toBeVisible();
    },
  });
  // The chosen format shows whole in the longest language at the narrowest width (it was cut at "kubernetes.io/dockercon…").
  await followOsLanguage(page, 'zh-CN');
  await page.setViewportSize({ width: 1024, height: 820 });
  await expectSelectsShowTheirChoice(page, 'export format in zh-CN at 1024 px');
  await followOsLanguage(page, 'en');
  await page.setViewportSize({ width: 1280, height: 820 });
  await dialog.getByRole('button', { name: translate('en', 'exportUi.confirmSave') }).click();
  const path = join(app.savedFiles, 'hub-ci-pull-secret.yaml');
  await expect(exportCard.getByRole('status')).toContainText(translate('en', 'exportUi.saved', { path }));
  expect((await stat(path)).mode & 0o777).toBe(0o600);
  expect(await readFile(path, 'utf8')).toContain('type: kubernetes.io/dockerconfigjson');
  assertNoSecretOutsideKeychain(app, await page.content(), await readFile(app.settingsFile, 'utf8'));

  // The same registry through External Secrets: the login stays in the team's store, so no confirmation.
  await exportCard.getByLabel(translate('en', 'exportUi.format')).selectOption('external-secrets');
  const store = exportCard.getByTestId('external-secret-store');
  await store.getByLabel(translate('en', 'clusterSync.esoExport.storeName')).fill('vault');
  await store.getByLabel(translate('en', 'clusterSync.esoExport.remoteKey')).fill('registries/hub');
  await app.screenshot('export-external-secrets');
  await exportCard.getByRole('button', { name: translate('en', 'exportUi.saveManifest') }).click();
  await expect(exportCard.getByRole('status')).toContainText(translate('en', 'exportUi.saved', { path }));
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const viaEso = await readFile(path, 'utf8');
  expect(viaEso).toContain('kind: ExternalSecret');
  expect(viaEso).toContain('key: registries/hub');
  expect(viaEso).not.toContain(passwords.docker);
});

test('the import and export screen in Chinese', async ({ app }) => {
  const { page } = app;
  await openScreen(app, 'zh-CN');
  await page.getByRole('button', { name: translate('zh-CN', 'importUi.scanWorkstation') }).click();
  await expect(row(app, 'id.example.com')).toContainText(translate('zh-CN', 'import.skip.identityToken'));
  await expect(row(app, '123456789012.dkr.ecr.eu-west-1.amazonaws.com')).toContainText(translate('zh-CN', 'import.notice.ecrToken'));
  await expect(row(app, `https://${HELPER_SERVER}`)).toContainText(translate('zh-CN', 'import.unused.dockerUsesHelper', { helper: 'secretservice' }));
  await expectReadableInChinese(page, 'the found logins in Chinese at 1280 px', IMPORT_WORDS);
  await app.screenshot('import-preview-zh-CN');
  await page.setViewportSize({ width: 1024, height: 820 });
  await expectTablesFit(page, 'the found logins in Chinese at 1024 px');
  await expectNamesUnbroken(page, ['docker-credential-secretservice'], 'the found logins in Chinese at 1024 px');
  await expectReadableInChinese(page, 'the found logins in Chinese at 1024 px', IMPORT_WORDS);
  await app.screenshot('import-preview-zh-CN-1024');
  await page.setViewportSize({ width: 1280, height: 820 });
  await page.getByRole('button', { name: translate('zh-CN', 'importUi.importPicked', { count: 5 }) }).click();
  await expect(row(app, 'gcr.io').getByRole('status')).toContainText(translate('zh-CN', 'importUi.outcome.created'));
  // The export card chosen in Chinese; its confirmation and the settings import are pictured in both languages by the tests above and below.
  await expectExportCardAligned(page, 'zh-CN');
});

test('settings: exported without secrets, then the file previewed for import with its clashes, never overwriting', async ({ app }) => {
  const { page } = app;
  await openScreen(app, 'en');
  await page.getByRole('button', { name: translate('en', 'importUi.scanWorkstation') }).click();
  await page.getByRole('button', { name: translate('en', 'importUi.importPicked', { count: 5 }) }).click();
  await expect(row(app, 'quay.io/acme').getByRole('status')).toContainText(translate('en', 'importUi.outcome.created'));

  const exportCard = page.getByRole('region', { name: translate('en', 'exportUi.title'), exact: true });
  await expectExportCardAligned(page, 'en');
  await exportCard.getByRole('button', { name: translate('en', 'settingsUi.export') }).click();
  const path = join(app.savedFiles, 'registry-desk-settings.json');
  await expect(exportCard.getByRole('status')).toContainText(translate('en', 'exportUi.saved', { path }));
  const exported = await readFile(path, 'utf8');
  for (const password of Object.values(passwords)) expect(exported).not.toContain(password);

  await exportCard.getByLabel(translate('en', 'settingsUi.importFile')).setInputFiles(path);
  const table = page.getByRole('table', { name: translate('en', 'settingsUi.previewTitle') });
  await expect(table.locator('tr[data-entry]')).toHaveCount(5);
  const hub = table.locator('tr[data-entry="Docker Hub"]');
  await expect(hub).toContainText(translate('en', 'settingsUi.conflict.name', { name: 'Docker Hub' }));
  // Written out, not read from the catalogue: a neutral "exists" with its three choices, never "already exists" as a warning.
  await expect(hub.getByTestId('exists-note').locator('[data-tone]')).toHaveText('Exists');
  await expect(hub.getByTestId('exists-note').locator('p')).toHaveText('Exists as Docker Hub (same name): skip, update it, or import as a copy under a new name.');
  // Skipping what exists is ordinary: no red warning, and the choices say what each does.
  await expect(hub.locator('.field-error')).toHaveCount(0);
  await expect(hub.getByTestId('exists-note').locator('[data-tone]')).toHaveAttribute('data-tone', 'neutral');
  await expect(hub.locator('[data-tone="error"], [data-tone="warn"]')).toHaveCount(0);
  // Nothing in the row is painted the danger red, whatever class a future change might use.
  const red = await hub.evaluate((element) => [...(element as unknown as { querySelectorAll(s: string): Iterable<object> }).querySelectorAll('*')].filter((node) => (globalThis as unknown as { getComputedStyle(n: object): { color: string } }).getComputedStyle(node).color === 'rgb(179, 38, 30)').length);
  expect(red).toBe(0);
  await expect(hub.getByRole('combobox').locator('option')).toHaveText(['Import as a copy (new name)', 'Update Docker Hub', 'Skip']);
  await expect(hub.getByRole('combobox')).toHaveValue('skip');
  await expectNoSeriousAxeViolations(page, 'settings import preview');
  // The neutral "exists" mark and its choices in each language; nothing red.
  await shotsInEachLanguage(app, 'settings-import-preview', {
    check: async (_language, text) => {
      // By its entry alone: the table's name changes with the language.
      const entry = page.locator('tr[data-entry="Docker Hub"]');
      await expect(entry.getByTestId('exists-note').locator('[data-tone]')).toHaveText(text('settingsUi.exists'));
      await expect(entry.getByTestId('exists-note').locator('[data-tone]')).toHaveAttribute('data-tone', 'neutral');
      await expect(entry).toContainText(text('settingsUi.conflict.name', { name: 'Docker Hub' }));
      await expect(entry.locator('.field-error, [data-tone="error"], [data-tone="warn"]')).toHaveCount(0);
      await expect(entry.getByRole('combobox').locator('option')).toHaveText([text('settingsUi.createCopy'), text('importUi.action.update', { name: 'Docker Hub' }), text('importUi.action.skip')]);
      await expect(entry.getByRole('combobox')).toHaveValue('skip');
    },
    // The helper whose login an entry would use reads whole in the Secret column.
    unbroken: ['docker-credential-secretservice'],
  });
  const before = await readFile(app.settingsFile, 'utf8');
  await exportCard.getByRole('button', { name: translate('en', 'settingsUi.import') }).click();
  await expect(hub.getByRole('status')).toContainText(translate('en', 'importUi.outcome.skipped'));
  expect(await readFile(app.settingsFile, 'utf8')).toBe(before);
});

test('after an import: test now runs each imported registry’s connection test with progress, and open registries goes to the list', async ({ app }) => {
  test.setTimeout(300_000);
  const { page } = app;
  const registry = await startDockerRegistry({ users: { alice: passwords.helper } });
  try {
    // One right login and one wrong one, both for the same local docker-registry over plain http.
    const config = {
      auths: {
        [`http://127.0.0.1:${registry.port}`]: { auth: base64(`alice:${passwords.helper}`) },
        [`http://localhost:${registry.port}`]: { auth: base64('alice:wrong-password') },
      },
    };
    await openScreen(app, 'en');
    await page.getByText(translate('en', 'importUi.otherSources')).click();
    await page.getByLabel(translate('en', 'importUi.pasteLabel')).fill(JSON.stringify(config));
    await page.getByRole('button', { name: translate('en', 'importUi.previewPasted') }).click();
    const table = page.getByRole('table', { name: translate('en', 'importUi.previewTitle') });
    // The Test column says what it does, and its checkboxes point at that explanation.
    await expect(table.getByRole('columnheader', { name: translate('en', 'importUi.column.test') })).toBeVisible();
    await expect(table.getByRole('checkbox', { name: translate('en', 'importUi.testLabel', { server: `http://127.0.0.1:${registry.port}` }) })).toHaveAccessibleDescription(translate('en', 'importUi.testHint'));
    // A name input shows a proposed name whole.
    const nameInput = table.getByRole('textbox', { name: translate('en', 'importUi.nameLabel', { server: `http://127.0.0.1:${registry.port}` }) });
    expect(await nameInput.evaluate((input) => (input as unknown as { scrollWidth: number; clientWidth: number }).scrollWidth <= (input as unknown as { clientWidth: number }).clientWidth)).toBe(true);
    await page.getByRole('button', { name: translate('en', 'importUi.importPicked', { count: 2 }) }).click();

    const next = page.getByRole('group', { name: translate('en', 'importUi.nextTitle') });
    await expect(next).toContainText(translate('en', 'importUi.imported.other', { count: 2 }));
    await next.getByRole('button', { name: translate('en', 'importUi.testNow') }).click();
    await expect(next.getByRole('status')).toHaveText(translate('en', 'importUi.testSummary', { passed: 1, total: 2 }));
    await expect(row(app, `http://127.0.0.1:${registry.port}`).getByRole('status')).toContainText(translate('en', 'importUi.testOk'));
    await expect(row(app, `http://localhost:${registry.port}`).getByRole('status')).toContainText(translate('en', 'importUi.testFailed'));
    const ids = app.services.settings.read().registries.map((record) => record.id);
    expect(ids).toHaveLength(2);
    await shotsInEachLanguage(app, 'import-after-test', {
      check: async (_language, text) => {
        const nextSteps = page.getByRole('group', { name: text('importUi.nextTitle') });
        await expect(nextSteps).toContainText(text('importUi.imported.other', { count: 2 }));
        await expect(nextSteps.getByRole('status')).toHaveText(text('importUi.testSummary', { passed: 1, total: 2 }));
        await expect(nextSteps.getByRole('button', { name: text('importUi.openRegistries') })).toBeVisible();
        await expect(row(app, `http://127.0.0.1:${registry.port}`).getByRole('status')).toContainText(text('importUi.testOk'));
        await expect(row(app, `http://localhost:${registry.port}`).getByRole('status')).toContainText(text('importUi.testFailed'));
      },
    });
    await page.setViewportSize({ width: 1024, height: 820 });
    await expectNoSeriousAxeViolations(page, 'import after test');
    // One visual system: a select is as tall as the inputs beside it; no button stretches across its column.
    const clusterRow = page.locator('.import-inline-fields').filter({ has: page.getByText(translate('en', 'importUi.secretName')) }).first();
    const selectBox = (await clusterRow.locator('select').boundingBox())!;
    const inputBox = (await clusterRow.locator('input').first().boundingBox())!;
    expect(Math.abs(selectBox.height - inputBox.height)).toBeLessThanOrEqual(1);
    for (const button of await page.locator('main .button:visible').all()) expect((await button.boundingBox())!.width, await button.innerText()).toBeLessThan(400);
    for (const badge of await page.locator('main .badge:visible').all()) expect((await badge.boundingBox())!.height).toBeLessThan(26);

    await next.getByRole('button', { name: translate('en', 'importUi.openRegistries') }).click();
    await expect(page.getByRole('heading', { level: 1, name: translate('en', 'nav.registries') })).toBeVisible();
    await expect(page.getByTestId('registry-row')).toHaveCount(2);
  } finally {
    await registry.stop();
  }
});
