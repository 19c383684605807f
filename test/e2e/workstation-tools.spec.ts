import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createPluginPath } from '../../main/plugin-path/plugin-path';
import { errorText, translate } from '../../shared/i18n';
import { expectReadableInChinese } from './chinese-problems';
import { expectNoSeriousAxeViolations } from './axe';
import { chooseLanguage, expect, test } from './harness';
import { shotsInEachLanguage } from './language-widths';
import { expectNamesUnbroken } from './names-unbroken';
import { expectTablesFit } from './tables-fit';

/**
 * "Use in docker, podman, helm" end to end on a test home: docker's tab-indented config.json with
 * plain-text logins and a credsStore, and containers' auth.json; preview (secrets hidden), apply,
 * undo, a file changed between preview and apply, and the launcher installed and run. English and
 * Chinese, at 1024 and 1280 px, with axe.
 */

const b64 = (text: string) => Buffer.from(text).toString('base64');
const PASSWORD = 'plain-e2e-secret';
const DOCKER_FILE = `{\n\t"auths": {\n\t\t"registry.example.com": {\n\t\t\t"auth": "${b64(`alice:${PASSWORD}`)}"\n\t\t},\n\t\t"other.example:5000": {\n\t\t\t"auth": "${b64('carol:other-secret')}"\n\t\t}\n\t},\n\t"credsStore": "desktop",\n\t"currentContext": "colima"\n}\n`;
const AUTH_FILE = JSON.stringify({ auths: { 'registry.example.com': { auth: b64(`alice:${PASSWORD}`) } } }, null, 2);

const home = mkdtempSync(join(tmpdir(), 'registry-desk-e2e-tools-'));
const dockerConfig = join(home, '.docker', 'config.json');
const authFile = join(home, '.config', 'containers', 'auth.json');
/** helm's registry config: absent at first, as before a first `helm registry login`. */
const helmFile = join(home, '.config', 'helm', 'registry', 'config.json');

function writeFiles() {
  mkdirSync(join(home, '.docker'), { recursive: true });
  mkdirSync(join(home, '.config', 'containers'), { recursive: true });
  writeFileSync(dockerConfig, DOCKER_FILE, { mode: 0o600 });
  writeFileSync(authFile, AUTH_FILE, { mode: 0o600 });
  // Each test counts the backups its own apply leaves.
  for (const folder of [join(home, '.docker'), join(home, '.config', 'containers')]) {
    for (const name of readdirSync(folder).filter((candidate) => candidate.endsWith('.bak'))) rmSync(join(folder, name));
  }
  rmSync(join(home, '.local'), { recursive: true, force: true });
  rmSync(join(home, '.config', 'helm'), { recursive: true, force: true });
}

test.beforeEach(writeFiles);
test.afterAll(() => rmSync(home, { recursive: true, force: true }));

test.use({
  appOptions: {
    workstation: { env: { HOME: home, PATH: `${join(home, '.local', 'bin')}:/usr/bin:/bin` }, home, platform: 'linux' },
    seed: async (services) => {
      await services.registries.create({ type: 'other', name: 'Team registry', url: 'https://registry.example.com', username: 'alice', password: 'kept-in-keychain', connection: 'secure' });
    },
  },
});

const openScreen = async (page: import('@playwright/test').Page, language: 'en' | 'zh-CN') => {
  await page.getByRole('navigation').getByRole('button', { name: translate(language, 'nav.tools') }).click();
  await expect(page.getByRole('heading', { level: 1, name: translate(language, 'tools.title') })).toBeVisible();
};

/** The helper's name as the tools run it: in the subtitle, the launcher's path and the link command. */
const HELPER = 'docker-credential-registry-desk';

/** Each tool file's states sit on the line of its name (a badge alone on a line of its own reads as belonging to nothing). */
async function expectFileStatesBesideNames(page: import('@playwright/test').Page, where: string) {
  const rows = page.getByTestId('tools-file');
  expect(await rows.count(), where).toBe(3);
  for (const row of await rows.all()) {
    const name = (await row.locator('.tools-file-kind').boundingBox())!;
    for (const badge of await row.locator('.badge').all()) {
      const box = (await badge.boundingBox())!;
      const centre = box.y + box.height / 2;
      expect(centre > name.y && centre < name.y + name.height, `${where}: "${await badge.innerText()}" beside "${await row.locator('.tools-file-kind').innerText()}"`).toBe(true);
    }
  }
}


/** The workstation's hosts, users and helpers: shown as written in Chinese too. */
const TOOL_WORDS = ['desktop', 'secretservice', 'docker-credential-secretservice', 'docker-credential-desktop'];

test('switch a registry to the helper: preview, apply, undo', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 1280, height: 900 });
  await openScreen(page, 'en');
  await expect(page.getByTestId('tools-plain-text-total')).toHaveText(translate('en', 'tools.plainTextTotal', { count: 3 }));
  await expect(page.getByText(translate('en', 'tools.credsStore', { helper: 'desktop' }))).toBeVisible();
  await expectNamesUnbroken(page, [HELPER], 'the tools screen at 1280 px');
  await expectFileStatesBesideNames(page, 'the tools screen at 1280 px');
  await app.screenshot('tools-01-overview-en-1280');
  await expectNoSeriousAxeViolations(page, 'workstation tools');

  await page.getByRole('checkbox', { name: translate('en', 'tools.pick', { name: 'Team registry' }) }).check();
  await page.getByRole('button', { name: translate('en', 'tools.preview') }).click();
  const preview = page.getByTestId('tools-preview');
  await expect(preview.getByText(translate('en', 'tools.plainTextAfter', { count: 1 }))).toBeVisible();
  await expect(preview.getByLabel(translate('en', 'tools.diffLabel', { path: dockerConfig }))).toContainText('+ \t"credHelpers": {');
  await expect(preview.getByLabel(translate('en', 'tools.diffLabel', { path: dockerConfig }))).toContainText('- \t\t\t"auth": "•••"');
  expect(await page.content()).not.toContain(b64(`alice:${PASSWORD}`));
  expect(app.ipcResponses.join('\n')).not.toContain(b64(`alice:${PASSWORD}`));
  // Nothing is written by a preview.
  expect(readFileSync(dockerConfig, 'utf8')).toBe(DOCKER_FILE);
  await app.screenshot('tools-02-preview-en-1280');
  await expectNoSeriousAxeViolations(page, 'workstation tools');

  await preview.getByRole('button', { name: translate('en', 'tools.apply') }).click();
  await expect(page.getByTestId('tools-applied')).toBeVisible();
  const written = JSON.parse(readFileSync(dockerConfig, 'utf8')) as Record<string, unknown>;
  expect(written).toMatchObject({ credsStore: 'desktop', currentContext: 'colima', credHelpers: { 'registry.example.com': 'registry-desk' }, auths: { 'registry.example.com': {} } });
  expect(readFileSync(dockerConfig, 'utf8')).toContain('\n\t"credsStore": "desktop",\n');
  expect(JSON.parse(readFileSync(authFile, 'utf8'))).toEqual({ auths: { 'registry.example.com': {} }, credHelpers: { 'registry.example.com': 'registry-desk' } });
  expect(readdirSync(join(home, '.docker')).filter((name) => name.endsWith('.bak'))).toHaveLength(1);
  await expect(page.getByTestId('tools-plain-text-total')).toHaveText(translate('en', 'tools.plainTextTotal', { count: 1 }));
  expect(JSON.parse(readFileSync(helmFile, 'utf8'))).toMatchObject({ credHelpers: { 'registry.example.com': 'registry-desk' } });
  await expect(page.getByText(translate('en', 'tools.switchedIn', { count: 3, total: 3 }))).toBeVisible();
  await app.screenshot('tools-03-applied-en-1280');
  const backup = join(home, '.docker', readdirSync(join(home, '.docker')).find((name) => name.endsWith('.bak'))!);
  const applied = page.getByTestId('tools-applied');
  await shotsInEachLanguage(app, 'tools-06-applied', {
    check: async (_language, text) => {
      await expect(applied.getByText(text('tools.appliedTitle'), { exact: true })).toBeVisible();
      await expect(applied).toContainText(text('tools.backupAt', { path: backup }));
      await expect(applied).toContainText(text('tools.createdNoBackup'));
      await expect(applied.getByRole('button', { name: text('tools.undo') })).toBeVisible();
      // The files hold 1 plain-text login now, but the two backups still hold the 3 they had.
      await expect(applied.getByRole('alert')).toContainText(text('tools.backupPlainText', { count: 3 }));
      await expect(applied.getByRole('button', { name: text('tools.deleteBackups') })).toBeVisible();
      await expect(page.getByTestId('tools-plain-text-total')).toHaveText(text('tools.plainTextTotal', { count: 1 }));
      await expect(page.getByText(text('tools.switchedIn', { count: 3, total: 3 }))).toBeVisible();
    },
    unbroken: [HELPER],
  });

  // A new window knows nothing of the apply: the Undo it offers comes from the record main saved.
  await page.reload();
  await openScreen(page, 'en');
  await page.getByTestId('tools-applied').getByRole('button', { name: translate('en', 'tools.undo') }).click();
  await expect(page.getByTestId('tools-undone')).toBeVisible();
  expect(readFileSync(dockerConfig, 'utf8')).toBe(DOCKER_FILE);
  expect(readFileSync(authFile, 'utf8')).toBe(AUTH_FILE);
  // The file apply created is taken away again, not left behind empty.
  expect(existsSync(helmFile)).toBe(false);
  await expect(page.getByTestId('tools-plain-text-total')).toHaveText(translate('en', 'tools.plainTextTotal', { count: 3 }));
  const undone = page.getByTestId('tools-undone');
  await shotsInEachLanguage(app, 'tools-07-undone', {
    check: async (_language, text) => {
      await expect(undone.getByText(text('tools.undoneTitle'), { exact: true })).toBeVisible();
      // Put back in the reverse order of the apply.
      await expect(undone.getByRole('listitem')).toHaveText([helmFile, authFile, dockerConfig]);
      await expect(page.getByTestId('tools-plain-text-total')).toHaveText(text('tools.plainTextTotal', { count: 3 }));
      await expect(page.getByTestId('tools-applied')).toHaveCount(0);
    },
    unbroken: [HELPER],
  });
});

test('deleting the backups, once confirmed, leaves no plain-text copy on the disk and no undo', async ({ app }) => {
  const { page } = app;
  await openScreen(page, 'en');
  await page.getByRole('checkbox', { name: translate('en', 'tools.pick', { name: 'Team registry' }) }).check();
  await page.getByRole('button', { name: translate('en', 'tools.preview') }).click();
  await page.getByTestId('tools-preview').getByRole('button', { name: translate('en', 'tools.apply') }).click();
  const applied = page.getByTestId('tools-applied');
  await applied.getByRole('button', { name: translate('en', 'tools.deleteBackups') }).click();
  const dialog = page.getByRole('dialog', { name: translate('en', 'tools.deleteBackupsTitle') });
  await expect(dialog).toContainText(translate('en', 'tools.deleteBackupsBody', { count: 2 }));
  // Cancel keeps them.
  await dialog.getByRole('button', { name: translate('en', 'action.cancel') }).click();
  expect(readdirSync(join(home, '.docker')).filter((name) => name.endsWith('.bak'))).toHaveLength(1);
  await applied.getByRole('button', { name: translate('en', 'tools.deleteBackups') }).click();
  await page.getByRole('dialog').getByRole('button', { name: translate('en', 'tools.deleteBackups') }).click();
  await expect(page.getByTestId('tools-backups-deleted')).toBeVisible();
  expect(readdirSync(join(home, '.docker')).filter((name) => name.endsWith('.bak'))).toEqual([]);
  expect(readdirSync(join(home, '.config', 'containers')).filter((name) => name.endsWith('.bak'))).toEqual([]);
  await expect(page.getByTestId('tools-applied')).toHaveCount(0);
  await shotsInEachLanguage(app, 'tools-12-backups-deleted', {
    check: async (_language, text) => {
      await expect(page.getByTestId('tools-backups-deleted').getByText(text('tools.backupsDeletedTitle'), { exact: true })).toBeVisible();
      await expect(page.getByTestId('tools-applied')).toHaveCount(0);
    },
    unbroken: [HELPER],
  });
});

test('an earlier apply\'s backups still count after a later apply replaced its undo', async ({ app }) => {
  const { page } = app;
  await openScreen(page, 'en');
  const applyTeam = async () => {
    await page.getByRole('checkbox', { name: translate('en', 'tools.pick', { name: 'Team registry' }) }).check();
    await page.getByRole('button', { name: translate('en', 'tools.preview') }).click();
    await page.getByTestId('tools-preview').getByRole('button', { name: translate('en', 'tools.apply') }).click();
    await expect(page.getByTestId('tools-applied')).toBeVisible();
  };
  await applyTeam();
  // auth.json set back by hand (no password): the second apply backs up only it, holding none.
  writeFileSync(authFile, JSON.stringify({ auths: {} }));
  await page.getByRole('button', { name: translate('en', 'tools.refresh') }).click();
  await applyTeam();
  // docker's first backup (alice and carol) and auth.json's first (alice); auth.json's second holds none.
  await expect(page.getByTestId('tools-backups-left')).toHaveText(translate('en', 'tools.backupsLeft', { count: 3, files: 3 }));
  await chooseLanguage(page, 'zh-CN');
  await expect(page.getByTestId('tools-backups-left')).toHaveText(translate('zh-CN', 'tools.backupsLeft', { count: 3, files: 3 }));
});

test('a file changed between preview and apply is refused, and nothing is written', async ({ app }) => {
  const { page } = app;
  await openScreen(page, 'en');
  await page.getByRole('checkbox', { name: translate('en', 'tools.pick', { name: 'Team registry' }) }).check();
  await page.getByRole('button', { name: translate('en', 'tools.preview') }).click();
  await expect(page.getByTestId('tools-preview')).toBeVisible();
  const changed = DOCKER_FILE.replace('colima', 'desktop-linux');
  writeFileSync(dockerConfig, changed);
  await page.getByTestId('tools-preview').getByRole('button', { name: translate('en', 'tools.apply') }).click();
  // The preview's own warning (helm's absent file relies on the default store) is an alert too.
  await expect(page.getByRole('alert').filter({ hasText: errorText('en', 'tools.configChanged', { path: dockerConfig }) })).toBeVisible();
  expect(readFileSync(dockerConfig, 'utf8')).toBe(changed);
  expect(readFileSync(authFile, 'utf8')).toBe(AUTH_FILE);
});

test('an undo edited since the apply is refused with nothing written; a corrupt saved undo is shown, not offered', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 1024, height: 900 });
  await openScreen(page, 'en');
  await page.getByRole('checkbox', { name: translate('en', 'tools.pick', { name: 'Team registry' }) }).check();
  await page.getByRole('button', { name: translate('en', 'tools.preview') }).click();
  await page.getByTestId('tools-preview').getByRole('button', { name: translate('en', 'tools.apply') }).click();
  await expect(page.getByTestId('tools-applied')).toBeVisible();
  const edited = readFileSync(dockerConfig, 'utf8').replace('colima', 'desktop-linux');
  writeFileSync(dockerConfig, edited);
  await page.getByTestId('tools-applied').getByRole('button', { name: translate('en', 'tools.undo') }).click();
  // The applied card's backup warning is an alert too.
  await expect(page.getByRole('alert').filter({ hasText: errorText('en', 'tools.undoFileChanged', { path: dockerConfig }) })).toBeVisible();
  expect(readFileSync(dockerConfig, 'utf8')).toBe(edited);
  expect(existsSync(helmFile)).toBe(true);

  const record = join(app.dataDir, 'workstation-undo.json');
  writeFileSync(record, '{"version": 1, "undoId": ');
  await page.reload();
  await openScreen(page, 'en');
  // The backups warning is an alert too: with the undo ignored, it is what still offers to delete them.
  const ignored = page.getByRole('alert').filter({ hasText: record });
  await expect(page.getByTestId('tools-backups-left')).toHaveText(translate('en', 'tools.backupsLeft', { count: 3, files: 2 }));
  await expect(ignored).toContainText(errorText('en', 'tools.undoRecordIgnored', { path: record, detail: 'not JSON' }));
  await expect(page.getByTestId('tools-applied')).toHaveCount(0);
  await ignored.scrollIntoViewIfNeeded();
  await app.screenshot('tools-04-undo-ignored-en-1024');
  await expectNoSeriousAxeViolations(page, 'workstation tools');
  await page.setViewportSize({ width: 1280, height: 900 });
  await chooseLanguage(page, 'zh-CN');
  await expect(ignored).toContainText(errorText('zh-CN', 'tools.undoRecordIgnored', { path: record, detail: 'not JSON' }));
  await ignored.scrollIntoViewIfNeeded();
  await expectReadableInChinese(page, 'tools-04-undo-ignored-zh-CN-1280', TOOL_WORDS);
  await app.screenshot('tools-04-undo-ignored-zh-CN-1280');
});

test('install the launcher: tools then run the helper through it', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 1024, height: 900 });
  await openScreen(page, 'en');
  const launcher = page.getByTestId('tools-launcher');
  await expect(launcher.getByText(translate('en', 'tools.launcherMissing'), { exact: true })).toBeVisible();
  await expect(page.getByTestId('tools-link-command')).toContainText(`sudo ln -sf '${join(home, '.local', 'bin', 'docker-credential-registry-desk')}' '/usr/local/bin/docker-credential-registry-desk'`);
  await expectTablesFit(page, 'the tools screen at 1024 px');
  await expectNamesUnbroken(page, [HELPER], 'the tools screen at 1024 px');
  await expectFileStatesBesideNames(page, 'the tools screen at 1024 px');
  await app.screenshot('tools-04-launcher-en-1024');
  await expectNoSeriousAxeViolations(page, 'workstation tools');
  await launcher.getByRole('button', { name: translate('en', 'tools.installLauncher') }).click();
  // Exact: "Installed" is also a substring of "Not installed", which would let the launcher run before it is written.
  await expect(launcher.getByText(translate('en', 'tools.launcherCurrent'), { exact: true })).toBeVisible();
  await expect(launcher.getByText(translate('en', 'tools.onShellPath'))).toBeVisible();
  // The launcher is a real executable that reaches the helper: `version` answers.
  const { stdout } = await promisify(execFile)(join(home, '.local', 'bin', 'docker-credential-registry-desk'), ['version'], { timeout: 30_000 });
  expect(stdout).toMatch(/registry-desk/i);
  await shotsInEachLanguage(app, 'tools-08-launcher-installed', {
    check: async (_language, text) => {
      await expect(launcher.getByText(text('tools.launcherCurrent'), { exact: true })).toBeVisible();
      await expect(launcher.getByText(text('tools.onShellPath'))).toBeVisible();
      await expect(launcher.getByRole('button', { name: text('tools.installLauncher') })).toHaveCount(0);
    },
    unbroken: [HELPER],
  });
});

test('replace another program\'s launcher: it is copied beside itself, the copy is named, and put back on request', async ({ app }) => {
  const { page } = app;
  const bin = join(home, '.local', 'bin');
  const path = join(bin, HELPER);
  const foreign = '#!/bin/sh\n# another install of a registry-desk helper\nexec /opt/other/helper "$@"\n';
  mkdirSync(bin, { recursive: true });
  writeFileSync(path, foreign, { mode: 0o755 });
  await page.setViewportSize({ width: 1280, height: 900 });
  await openScreen(page, 'en');
  const launcher = page.getByTestId('tools-launcher');
  await expect(launcher.getByText(translate('en', 'tools.launcherDifferent'), { exact: true })).toBeVisible();
  await launcher.getByRole('button', { name: translate('en', 'tools.replaceLauncher') }).click();
  await expect(launcher.getByText(translate('en', 'tools.launcherCurrent'), { exact: true })).toBeVisible();
  const backups = readdirSync(bin).filter((name) => name.endsWith('.bak'));
  expect(backups).toHaveLength(1);
  const backup = join(bin, backups[0]!);
  expect(readFileSync(backup, 'utf8')).toBe(foreign);
  expect(readFileSync(path, 'utf8')).not.toBe(foreign);
  const replaced = launcher.getByTestId('tools-launcher-replaced');
  await shotsInEachLanguage(app, 'tools-09-launcher-replaced', {
    check: async (_language, text) => {
      await expect(replaced).toHaveText(`${text('tools.launcherReplaced')} ${backup}${text('tools.launcherUndo')}`);
      // The copy's long name wraps inside the card instead of widening the page.
      const card = (await launcher.boundingBox())!;
      const path = (await replaced.getByTestId('tools-launcher-backup').boundingBox())!;
      expect(path.x + path.width, 'the backup path ends inside the launcher card').toBeLessThanOrEqual(card.x + card.width);
      await expect(launcher.getByText(text('tools.launcherCurrent'), { exact: true })).toBeVisible();
    },
    unbroken: [HELPER],
  });
  await expectNoSeriousAxeViolations(page, 'workstation tools');

  await replaced.getByRole('button', { name: translate('en', 'tools.launcherUndo') }).click();
  await expect(launcher.getByTestId('tools-launcher-restored')).toBeVisible();
  expect(readFileSync(path, 'utf8')).toBe(foreign);
  // The copy stays: it is the way back by hand too.
  expect(readFileSync(backup, 'utf8')).toBe(foreign);
  await shotsInEachLanguage(app, 'tools-10-launcher-restored', {
    check: async (_language, text) => {
      await expect(launcher.getByTestId('tools-launcher-restored')).toHaveText(text('tools.launcherRestored', { path }));
      await expect(launcher.getByText(text('tools.launcherDifferent'), { exact: true })).toBeVisible();
      await expect(replaced).toHaveCount(0);
    },
    unbroken: [HELPER],
  });
});

for (const width of [1024, 1280] as const) {
  test(`the screen in Chinese at ${width} px`, async ({ app }) => {
    const { page } = app;
    await page.setViewportSize({ width, height: 900 });
    await chooseLanguage(page, 'zh-CN');
    await openScreen(page, 'zh-CN');
    await expect(page.getByTestId('tools-plain-text-total')).toHaveText(translate('zh-CN', 'tools.plainTextTotal', { count: 3 }));
    await page.getByRole('checkbox', { name: translate('zh-CN', 'tools.pick', { name: 'Team registry' }) }).check();
    await page.getByRole('button', { name: translate('zh-CN', 'tools.preview') }).click();
    await expect(page.getByTestId('tools-preview').getByText(translate('zh-CN', 'tools.plainTextAfter', { count: 1 }))).toBeVisible();
    await expectTablesFit(page, `the tools screen in Chinese at ${width} px`);
    await expectNamesUnbroken(page, [HELPER], `the tools screen in Chinese at ${width} px`);
    await expectFileStatesBesideNames(page, `the tools screen in Chinese at ${width} px`);
    await expectReadableInChinese(page, `tools-zh-CN-${width}`, TOOL_WORDS);
    await app.screenshot(`tools-zh-CN-${width}`);
    await expectNoSeriousAxeViolations(page, 'workstation tools');
  });
}

/**
 * A home whose docker config holds no login ({}) and a docker-credential-secretservice on PATH:
 * docker and helm ask that default store for every host, so the preview warns that the switch ends
 * it, and offers, unticked, to keep it as credsStore.
 */
test.describe('a home that relies on the default store', () => {
  const storeHome = mkdtempSync(join(tmpdir(), 'registry-desk-e2e-default-store-'));
  const STORE_SECRET = 'kept-in-secretservice';
  const storeDocker = join(storeHome, '.docker', 'config.json');
  const standIns = join(storeHome, 'stand-ins');
  test.beforeEach(() => {
    mkdirSync(join(storeHome, '.docker'), { recursive: true });
    writeFileSync(storeDocker, '{}\n', { mode: 0o600 });
    rmSync(join(storeHome, '.config'), { recursive: true, force: true });
    mkdirSync(standIns, { recursive: true });
    // The preview only finds it on PATH (docker's detection looks for the file); the login doctor asks it, as docker would: it holds the team registry's login.
    writeFileSync(
      join(standIns, 'docker-credential-secretservice'),
      `#!/bin/sh\nread -r host\nif [ "$1 $host" = "get registry.example.com" ]; then printf '{"ServerURL":"registry.example.com","Username":"gina","Secret":"${STORE_SECRET}"}'; exit 0; fi\necho "credentials not found in native keychain"\nexit 1\n`,
      { mode: 0o755 },
    );
  });
  test.afterAll(() => rmSync(storeHome, { recursive: true, force: true }));
  test.use({
    appOptions: {
      workstation: { env: { HOME: storeHome, PATH: `${standIns}:/usr/bin:/bin` }, home: storeHome, platform: 'linux' },
      // Helpers found on this PATH only, stand-in first: the machine's own secretservice (in /usr/bin) is never run.
      pluginPath: createPluginPath({ processPath: `${standIns}:/usr/bin:/bin`, home: storeHome }),
      seed: async (services) => {
        await services.registries.create({ type: 'other', name: 'Team registry', url: 'https://registry.example.com', username: 'alice', password: 'kept-in-keychain', connection: 'secure' });
      },
    },
  });

  const previewSwitch = async (page: import('@playwright/test').Page, language: 'en' | 'zh-CN') => {
    await openScreen(page, language);
    await page.getByRole('checkbox', { name: translate(language, 'tools.pick', { name: 'Team registry' }) }).check();
    await page.getByRole('button', { name: translate(language, 'tools.preview') }).click();
    return page.getByTestId('tools-preview');
  };

  test('the preview warns that other hosts stop using secretservice; the tick keeps it as credsStore, and undo puts {} back', async ({ app }) => {
    const { page } = app;
    await page.setViewportSize({ width: 1280, height: 900 });
    const preview = await previewSwitch(page, 'en');
    await expect(preview.getByRole('alert')).toContainText(translate('en', 'tools.defaultStoreWarning', { store: 'secretservice' }));
    const keep = preview.getByRole('checkbox', { name: translate('en', 'tools.keepDefaultStore', { store: 'secretservice' }) });
    await expect(keep).not.toBeChecked();
    await expect(preview.getByText(translate('en', 'tools.defaultStoreLost', { store: 'secretservice' }))).toHaveCount(2);
    await page.getByTestId('tools-default-store').scrollIntoViewIfNeeded();
    await app.screenshot('tools-05-default-store-en-1280');
    await expectNoSeriousAxeViolations(page, 'workstation tools');

    await keep.check();
    await expect(preview.getByText(translate('en', 'tools.defaultStoreKept', { store: 'secretservice' }))).toBeVisible();
    await expect(preview.getByRole('alert')).toHaveCount(0);
    await expect(preview.getByLabel(translate('en', 'tools.diffLabel', { path: storeDocker }))).toContainText('+   "credsStore": "secretservice",');
    await preview.getByRole('button', { name: translate('en', 'tools.apply') }).click();
    await expect(page.getByTestId('tools-applied')).toBeVisible();
    expect(JSON.parse(readFileSync(storeDocker, 'utf8'))).toEqual({ credsStore: 'secretservice', credHelpers: { 'registry.example.com': 'registry-desk' } });
    await page.getByTestId('tools-applied').getByRole('button', { name: translate('en', 'tools.undo') }).click();
    await expect(page.getByTestId('tools-undone')).toBeVisible();
    expect(readFileSync(storeDocker, 'utf8')).toBe('{}\n');
  });

  test('the login doctor says that docker and helm send secretservice\'s login only until a host is switched', async ({ app }) => {
    const { page } = app;
    await openScreen(page, 'en');
    const card = page.getByTestId('tools-doctor');
    await card.getByRole('button', { name: translate('en', 'tools.doctorRun') }).click();
    const row = card.locator('[data-testid="doctor-host"][data-host="registry.example.com"]');
    for (const tool of ['docker', 'helm'] as const) {
      await expect(row.getByTestId(`doctor-${tool}`)).toHaveAttribute('data-via', 'defaultStore');
      await expect(row.getByTestId(`doctor-${tool}`)).toContainText('gina');
    }
    await row.scrollIntoViewIfNeeded();
    await shotsInEachLanguage(app, 'tools-11-doctor-default-store', {
      check: async (_language, text) => {
        await expect(row.getByTestId('doctor-docker')).toContainText(text('tools.doctorNoteDefaultStoreEnds', { helper: 'secretservice' }));
        await expect(row.getByTestId('doctor-helm')).toContainText(text('tools.doctorNoteDefaultStoreEndsHelm', { helper: 'secretservice' }));
        await expect(row.getByTestId('doctor-docker')).toContainText(text('tools.doctorViaDefaultStore', { helper: 'secretservice' }));
      },
    });
    expect(await page.content()).not.toContain(STORE_SECRET);
    expect(app.ipcResponses.join('\n')).not.toContain(STORE_SECRET);
  });

  test('in Chinese, the warning and the choice', async ({ app }) => {
    const { page } = app;
    await page.setViewportSize({ width: 1024, height: 900 });
    await chooseLanguage(page, 'zh-CN');
    const preview = await previewSwitch(page, 'zh-CN');
    await expect(preview.getByRole('alert')).toContainText(translate('zh-CN', 'tools.defaultStoreWarning', { store: 'secretservice' }));
    await expect(preview.getByRole('checkbox', { name: translate('zh-CN', 'tools.keepDefaultStore', { store: 'secretservice' }) })).not.toBeChecked();
    await page.getByTestId('tools-default-store').scrollIntoViewIfNeeded();
    // This home's longer path makes the link command wider than the block: it breaks after a `/`, never inside the helper's name.
    await expectNamesUnbroken(page, [HELPER], 'the default-store home in Chinese at 1024 px');
    await expectReadableInChinese(page, 'tools-05-default-store-zh-CN-1024', TOOL_WORDS);
    await app.screenshot('tools-05-default-store-zh-CN-1024');
    await expectNoSeriousAxeViolations(page, 'workstation tools');
  });
});
