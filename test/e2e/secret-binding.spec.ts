import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { defaultAccessSettings } from '../../shared/access-settings';
import { errorText, translate } from '../../shared/i18n';
import { SETTINGS_EXPORT_FORMAT, SETTINGS_EXPORT_VERSION } from '../../shared/import-export-contract';
import type { Language } from '../../shared/schemas';
import { listen, type ListeningServer } from '../registry-servers/http-server';
import { expectReadableInChinese } from './chinese-problems';
import { expect, test, type App, chooseLanguage } from './harness';
import { chooseRowAction } from './registry-row-menu';
import { useWorkstationWithHome } from './workstations';

// A saved password belongs to the host, type, user, connection and CA it was saved for. The edit form
// and the settings import say so when a change would re-point it, and send it to the new host only
// when the operator ticks the box that names that host. A stand-in registry logs what it is sent.

const saved = `quay-${randomBytes(10).toString('hex')}`;
const harborSaved = `harbor-${randomBytes(10).toString('hex')}`;
let elsewhere: ListeningServer & { authorizations: string[] };
let files: string;

test.beforeAll(async () => {
  const authorizations: string[] = [];
  const server = await listen((request, response) => {
    if (request.headers.authorization) authorizations.push(request.headers.authorization);
    response.writeHead(request.headers.authorization ? 200 : 401, { 'WWW-Authenticate': 'Basic realm="stand-in"', 'Docker-Distribution-Api-Version': 'registry/2.0' });
    response.end('{}');
  });
  elsewhere = Object.assign(server, { authorizations });
  files = await mkdtemp(join(tmpdir(), 'rd-e2e-binding-'));
});

test.afterAll(async () => {
  await elsewhere?.stop();
  await rm(files, { recursive: true, force: true });
});

test.beforeEach(() => {
  elsewhere.authorizations.length = 0;
});

useWorkstationWithHome({
  seed: async (services) => {
    await services.registries.create({ type: 'quay', name: 'Quay robots', url: 'quay.io', username: 'acme+deployer', password: saved });
    await services.registries.create({ type: 'other', name: 'Harbor', url: 'harbor.corp:8443', username: 'robot', password: harborSaved, connection: 'secure' });
  },
});

function keychainHolds(app: App, name: string): string | null {
  const record = app.services.settings.read().registries.find((entry) => entry.name === name)!;
  try {
    return execFileSync('secret-tool', ['lookup', 'service', app.keychainService, 'account', `${record.id}/password`], { encoding: 'utf8' });
  } catch {
    return null;
  }
}

const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
const notice = (language: Language, fields: string, secret: string, host: string) => translate(language, 'secretTarget.dropped', { fields, secret, host });

/** The registry and the names typed: shown as written in Chinese too. */
const BINDING_WORDS = ['Docker Hub', 'docker.io', 'octocat', 'regcred'];

test('the edit form: re-pointing a registry drops its saved password unless the new host is confirmed', async ({ app }) => {
  const { page } = app;
  const host = elsewhere.origin;
  await chooseRowAction(page, 'Quay robots', 'registryList.menu.edit');
  await expect(page.getByTestId('secret-target')).toHaveCount(0);
  await page.getByRole('radio', { name: translate('en', 'type.other'), exact: true }).check();
  await field(page, 'Registry URL').fill(host);
  await page.getByRole('radio', { name: translate('en', 'connection.insecure'), exact: true }).check();
  await expect(page.getByTestId('secret-target')).toContainText(notice('en', 'host, registry type, and connection', 'password', host));
  await app.screenshot('en-secret-target-form');

  // The form's own test uses the saved password only for the host the operator ticked.
  const testButton = page.getByRole('button', { name: translate('en', 'connection.test') });
  await testButton.click();
  await expect(page.getByText(errorText('en', 'credentials.missingPassword'))).toBeVisible();
  expect(elsewhere.authorizations).toEqual([]);
  const keep = page.getByLabel(translate('en', 'secretTarget.keep', { secret: 'password', host }));
  await keep.check();
  await testButton.click();
  await expect.poll(() => elsewhere.authorizations).toEqual([basic('acme+deployer', saved)]);

  // Pointing elsewhere again asks again; saving unticked deletes the password from the keychain.
  await field(page, 'Registry URL').fill(`${host}/team`);
  await expect(keep).toBeChecked();
  await field(page, 'Registry URL').fill('http://127.0.0.2:5000');
  await expect(page.getByLabel(translate('en', 'secretTarget.keep', { secret: 'password', host: 'http://127.0.0.2:5000' }))).not.toBeChecked();
  await field(page, 'Registry URL').fill(host);
  await keep.uncheck();
  await page.getByRole('button', { name: translate('en', 'action.save') }).click();
  await expect(page.getByTestId('registry-row').filter({ hasText: host })).toBeVisible();
  expect(keychainHolds(app, 'Quay robots')).toBeNull();
  expect(elsewhere.authorizations).toEqual([basic('acme+deployer', saved)]);
});

test('the edit form in Chinese: the confirmation keeps the saved password for the new host', async ({ app }) => {
  const { page } = app;
  await chooseLanguage(page, 'zh-CN');
  await chooseRowAction(page, 'Harbor', 'registryList.menu.edit', 'zh-CN');
  await field(page, translate('zh-CN', 'field.registryUrl')).fill('harbor.corp:9443');
  await expect(page.getByTestId('secret-target')).toContainText(notice('zh-CN', '主机', '密码', 'harbor.corp:9443'));
  await page.getByLabel(translate('zh-CN', 'secretTarget.keep', { secret: '密码', host: 'harbor.corp:9443' })).check();
  await expectReadableInChinese(page, 'zh-secret-target-form', BINDING_WORDS);
  await app.screenshot('zh-secret-target-form');
  await page.getByRole('button', { name: translate('zh-CN', 'action.save') }).click();
  await expect(page.getByTestId('registry-row').filter({ hasText: 'harbor.corp:9443' })).toBeVisible();
  expect(keychainHolds(app, 'Harbor')).toBe(harborSaved);
});

test('the settings import shows each change old → new, and neither the password nor the access settings follow unasked', async ({ app }) => {
  const { page } = app;
  const host = elsewhere.origin;
  const access = { ...defaultAccessSettings('Quay robots', 'reg_0123456789abcdef'), allClusters: true };
  const path = join(files, 'settings.json');
  await writeFile(path, JSON.stringify({
    format: SETTINGS_EXPORT_FORMAT,
    version: SETTINGS_EXPORT_VERSION,
    exportedAt: new Date().toISOString(),
    registries: [{ registry: { type: 'other', name: 'Quay robots', url: host, username: 'acme+deployer', connection: 'insecure' }, access }],
  }));
  await page.getByRole('navigation').getByRole('button', { name: translate('en', 'nav.importExport') }).click();
  const exportCard = page.getByRole('region', { name: translate('en', 'exportUi.title'), exact: true });
  await exportCard.getByLabel(translate('en', 'settingsUi.importFile')).setInputFiles(path);

  const changes = page.getByRole('table', { name: translate('en', 'settingsUi.changesTitle', { name: 'Quay robots' }) });
  await expect(changes.locator('tr[data-change="url"]')).toContainText(`quay.io${host}`);
  await expect(changes.locator('tr[data-change="type"]')).toContainText(`${translate('en', 'type.quay')}${translate('en', 'type.other')}`);
  await expect(changes.locator('tr[data-change="connection"]')).toContainText(`—${translate('en', 'connection.insecure')}`);
  const accessDiff = page.getByRole('table', { name: translate('en', 'settingsUi.accessTitle', { name: 'Quay robots' }) });
  await expect(accessDiff.locator('tr[data-change="allClusters"]')).toContainText('—true');

  await page.getByLabel(translate('en', 'settingsUi.actionLabel', { name: 'Quay robots' })).selectOption('update');
  const secretNotice = page.getByTestId('secret-target');
  await expect(secretNotice).toContainText(notice('en', 'host, registry type, and connection', 'password', host));
  await expect(secretNotice.getByRole('checkbox')).not.toBeChecked();
  await expect(page.getByLabel(translate('en', 'settingsUi.useFileAccess', { name: 'Quay robots' }))).not.toBeChecked();
  await app.screenshot('en-settings-import-diff');
  await exportCard.getByRole('button', { name: translate('en', 'settingsUi.import') }).click();
  await expect(page.locator('tr[data-entry="Quay robots"]').getByRole('status')).toContainText(translate('en', 'importUi.outcome.updated'));

  expect(keychainHolds(app, 'Quay robots')).toBeNull();
  const record = app.services.settings.read().registries.find((entry) => entry.name === 'Quay robots')!;
  expect(record).toMatchObject({ url: host, type: 'other', secrets: [] });
  expect(record.access).toBeUndefined();
  const tested = await app.invoke('connection:test-registry', { id: record.id, testId: 'e2e-binding' });
  expect(tested).toMatchObject({ ok: true, value: { ok: false, error: { code: 'credentials.missingPassword' } } });
  expect(elsewhere.authorizations).toEqual([]);
});
