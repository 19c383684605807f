import { join } from 'node:path';
import { errorText, translate } from '../../shared/i18n';
import { startDockerRegistry, type RunningDockerRegistry } from '../registry-servers/docker-registry';
import { base64, type TestWorkstation } from '../support/import-workstation';
import { expectNoSeriousAxeViolations } from './axe';
import { expectReadableInChinese } from './chinese-problems';
import { chooseLanguage, expect, test } from './harness';
import { expectTablesFit } from './tables-fit';
import { useWorkstationWithHome } from './workstations';

/**
 * The login doctor on the "Use in docker, podman, helm" screen: a docker config with a credsStore,
 * a credHelpers entry for Registry Desk, plain text and a helper missing from PATH, a containers
 * auth.json with another login for one host, and DOCKER_AUTH_CONFIG in the app's environment.
 * Stand-in helpers answer as docker's would (the real clients are checked against the doctor in
 * test/integration/login-doctor-tools.test.ts).
 * English and Chinese, 1024 and 1280 px, with axe.
 */

const PLAIN = 'plain-doctor-secret';
/** A real docker-registry with htpasswd: docker's file holds ada's right password under one spelling of its host and a wrong one under the other. */
const ADA = 'ada-registry-secret';
let registry: RunningDockerRegistry;
const works = () => registry.address;
const refused = () => `localhost:${registry.port}`;

// Above useWorkstationWithHome: its prepare writes the registry's address into docker's file.
test.beforeAll(async () => {
  registry = await startDockerRegistry({ users: { ada: ADA } });
});
test.afterAll(() => registry?.stop());
/** docker 28.3+ reads logins from this variable before config.json; the app's environment has it here. */
const DOCKER_AUTH_CONFIG = JSON.stringify({ auths: { 'env.example': { auth: base64(`erin:${PLAIN}`) } } });

async function fillHome(station: TestWorkstation): Promise<void> {
  await station.writeDockerConfig({
    credsStore: 'desktop',
    credHelpers: { 'registry.example.com': 'registry-desk', 'broken.example': 'gone' },
    auths: {
      'registry.example.com': { auth: base64(`alice:${PLAIN}`) },
      'lost.example': { auth: base64(`bob:${PLAIN}`) },
      'other.example:5000': {},
      [works()]: { auth: base64(`ada:${ADA}`) },
      [refused()]: { auth: base64(`ada:${PLAIN}`) },
    },
  });
  await station.writeFile(join(station.home, '.config', 'containers', 'auth.json'), { auths: { 'other.example:5000': { auth: base64(`dave:${PLAIN}`) } } });
  const answering = (hosts: Record<string, string>) =>
    `read -r host\ncase "$1 $host" in\n${Object.entries(hosts)
      .map(([host, user]) => `  "get ${host}") printf '{"ServerURL":"%s","Username":"${user}","Secret":"helper-secret"}' "$host" ;;`)
      .join('\n')}\n  *) echo "credentials not found in native keychain"; exit 1 ;;\nesac`;
  await station.writeHelper('registry-desk', answering({ 'registry.example.com': 'alice' }));
  await station.writeHelper('desktop', answering({ 'other.example:5000': 'carol' }));
}

useWorkstationWithHome({
  prepare: fillHome,
  env: { DOCKER_AUTH_CONFIG },
  seed: async (services) => {
    await services.registries.create({ type: 'other', name: 'Team registry', url: 'https://registry.example.com', username: 'alice', password: 'kept-in-keychain', connection: 'secure' });
  },
});

/** The workstation's hosts, users and helpers: shown as written in Chinese too. */
const DOCTOR_WORDS = ['registry.example.com', 'lost.example', 'other.example:5000', 'broken.example', 'env.example', 'alice', 'erin', 'desktop'];

for (const language of ['en', 'zh-CN'] as const) {
  for (const width of [1280, 1024]) {
    test(`the login doctor in ${language} at ${width} px`, async ({ app }) => {
      const { page } = app;
      await page.setViewportSize({ width, height: 900 });
      if (language !== 'en') await chooseLanguage(page, language);
      await page.getByRole('navigation').getByRole('button', { name: translate(language, 'nav.tools') }).click();
      const card = page.getByTestId('tools-doctor');
      await card.getByRole('button', { name: translate(language, 'tools.doctorRun') }).click();
      const row = (host: string) => card.locator(`[data-testid="doctor-host"][data-host="${host}"]`);
      await expect(row('registry.example.com').getByTestId('doctor-docker')).toHaveAttribute('data-where', 'registry-desk');
      await expect(row('registry.example.com').getByTestId('doctor-docker')).toContainText('alice');
      await expect(row('registry.example.com').getByTestId('doctor-flag-plainText')).toBeVisible();
      // One file is "1 file", never "1 files" (plural rules, as every count on the screens).
      if (language === 'en') await expect(page.locator('.badge', { hasText: /^Plain-text password in \d/ })).toHaveText('Plain-text password in 1 file');
      // credsStore lacks lost.example: docker sends nothing; podman reads docker's plain text.
      await expect(row('lost.example').getByTestId('doctor-docker')).toHaveAttribute('data-outcome', 'none');
      await expect(row('lost.example').getByTestId('doctor-docker')).toContainText(translate(language, 'tools.doctorNoteStoreLacksHost', { helper: 'desktop' }));
      await expect(row('lost.example').getByTestId('doctor-containers')).toHaveAttribute('data-where', 'plain-text');
      await expect(row('other.example:5000').getByTestId('doctor-flag-conflict')).toBeVisible();
      await expect(row('broken.example').getByTestId('doctor-flag-helperMissing')).toBeVisible();
      await expect(row('broken.example').getByTestId('doctor-containers')).toHaveAttribute('data-outcome', 'error');
      await expect(card.getByTestId('doctor-environment')).toContainText(translate(language, 'tools.doctorEnvironmentUsed', { count: 1 }));
      await expect(row('env.example').getByTestId('doctor-docker')).toHaveAttribute('data-via', 'environment');
      await expect(row('env.example').getByTestId('doctor-docker')).toContainText('erin');
      await expect(row('env.example').getByTestId('doctor-flag-plainTextInEnvironment')).toBeVisible();
      // "Test this login" runs the connection test against the real registry with the login podman would send (docker's auths; credsStore lacks these hosts).
      for (const host of [works(), refused()]) {
        await expect(row(host).getByTestId('doctor-containers')).toHaveAttribute('data-where', 'plain-text');
        await row(host).getByTestId('doctor-containers').getByRole('button', { name: translate(language, 'tools.doctorTest') }).click();
      }
      await expect(row(works()).getByTestId('doctor-containers').getByTestId('doctor-test-ok')).toHaveText(translate(language, 'tools.doctorWorks'));
      await expect(row(refused()).getByTestId('doctor-containers').getByRole('alert')).toContainText(errorText(language, 'connection.credentialsRejected', { status: 401 }));
      await expect(row(refused()).getByTestId('doctor-containers').getByTestId('doctor-test-ok')).toHaveCount(0);
      expect(await page.content()).not.toContain(ADA);
      expect(app.ipcResponses.join('\n')).not.toContain(ADA);
      expect(await page.content()).not.toContain(PLAIN);
      expect(app.ipcResponses.join('\n')).not.toContain(PLAIN);
      expect(app.ipcResponses.join('\n')).not.toContain('helper-secret');
      await card.scrollIntoViewIfNeeded();
      if (language === 'zh-CN') await expectReadableInChinese(page, `the login doctor at ${width} px`, DOCTOR_WORDS);
      await app.screenshot(`tools-doctor-${language}-${width}`);
      await expectTablesFit(page, `login doctor, ${language} at ${width} px`);
      // Findings have room beside the host: a pill takes at most two lines ("Helper missing from PATH" took three).
      const lines = await card.locator('[data-testid^="doctor-flag-"]').evaluateAll((pills) => pills.map((pill) => {
        const style = (globalThis as unknown as { getComputedStyle(n: object): Record<'lineHeight' | 'paddingTop' | 'paddingBottom', string> }).getComputedStyle(pill);
        const height = (pill as unknown as { getBoundingClientRect(): { height: number } }).getBoundingClientRect().height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom) - 2;
        return `${(pill as unknown as { textContent: string }).textContent}: ${Math.round(height / parseFloat(style.lineHeight))}`;
      }));
      for (const pill of lines) expect(pill).toMatch(/: [12]$/);
      expect(lines).toContain(`${translate(language, 'tools.doctorFlagHelperMissing')}: 1`);
      await expectNoSeriousAxeViolations(page, `the login doctor in ${language} at ${width} px`);
    });
  }
}
