import { randomBytes, randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import type { Services } from '../../main/composition';
import { defaultAccessSettings } from '../../shared/access-settings';
import { ADMIN_TOKEN, startKubeApiServer, writeKubeconfig, type KubeApiServer } from '../kube-api-server';
import { startDockerRegistry, type RunningDockerRegistry } from '../registry-servers/docker-registry';
import { startGoogleTokenEndpoint, type RunningGoogleTokenEndpoint } from '../registry-servers/google-token-endpoint';
import { buildOciImages, pushImage } from '../registry-servers/oci-images';
import { closedPort } from '../support/closed-port';
import { makeCertificateAuthority, makeServerCertificate, makeServiceAccountKey } from '../support/fixtures';
import { seedNode } from '../support/failing-pods';
import { expectNoSeriousAxeViolations } from './axe';
import { expectReadableInChinese } from './chinese-problems';
import { expect, test, chooseLanguage, type App } from './harness';
import { expectTablesFit } from './tables-fit';
import { shotsInEachLanguage } from './language-widths';

/**
 * The fleet radar end to end against the Kubernetes API test server and a real docker-registry:
 * scan → matrix with the failing cell first → drawer with the doctor's reason, the secret's maker
 * → the pull doctor, prefilled; the report saved as CSV and JSON without a password; in English
 * and Chinese at 1024 and 1280 px, with an axe check.
 */

const PASSWORD = `e2e-${randomBytes(8).toString('hex')}`;
const folder = mkdtempSync(join(tmpdir(), 'rd-e2e-radar-'));
const kubeconfig = join(folder, 'config.yaml');
let kube: KubeApiServer;
let registry: RunningDockerRegistry;
/** Google's token endpoint, which knows no account: the saved key was deleted in IAM. */
let google: RunningGoogleTokenEndpoint;
let deletedKey: string;
const TEAM_TOKEN = 'team-token';
/**
 * lab's billing and shop; team's shop, and the five namespaces team may not read (billing, default,
 * kube-node-lease, kube-public, kube-system), each a "not read" row; vpn-gone, whose API server is
 * not there, one "not read" row for all of it.
 */
const ROWS = 9;
/** The workstation's home: skopeo login leaves the password in plain text in its containers auth.json. */
const home = mkdtempSync(join(tmpdir(), 'rd-e2e-radar-home-'));
const authFile = join(home, '.config', 'containers', 'auth.json');

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const selector = { matchLabels: { app: 'x' } };
const deployment = (name: string, image: string, pullSecrets: string[]) => ({
  metadata: { name },
  spec: { selector, template: { metadata: { labels: { app: 'x' } }, spec: { imagePullSecrets: pullSecrets.map((secret) => ({ name: secret })), containers: [{ name, image }] } } },
});

/** `skopeo login` (the password on stdin), which writes the workstation's auth.json as podman would. */
function skopeoLogin(address: string, username: string, password: string): Promise<number> {
  const child = spawn('skopeo', ['login', '--tls-verify=false', '--authfile', authFile, '-u', username, '--password-stdin', address], { stdio: ['pipe', 'ignore', 'inherit'] });
  child.stdin.end(password);
  return new Promise((resolve) => child.once('close', (code) => resolve(code ?? -1)));
}

test.beforeAll(async () => {
  google = await startGoogleTokenEndpoint({ accounts: [] });
  deletedKey = makeServiceAccountKey({ client_email: 'gone@registry-desk-test.iam.gserviceaccount.com', token_uri: google.tokenUri });
  registry = await startDockerRegistry({ users: { alice: PASSWORD } });
  const images = await buildOciImages({});
  await pushImage(images, 'single', { reference: `${registry.address}/team/app:1`, username: 'alice', password: PASSWORD });
  await images.remove();
  mkdirSync(dirname(authFile), { recursive: true });
  expect(await skopeoLogin(registry.address, 'alice', PASSWORD)).toBe(0);
  kube = await startKubeApiServer({
    users: {
      [ADMIN_TOKEN]: { name: 'admin', rules: [{ verbs: ['*'], resources: ['*'], apiGroups: ['*'] }] },
      // A team bound only in shop, who may list the namespaces: the radar reads shop one kind at a time and names the rest.
      [TEAM_TOKEN]: { name: 'team', rules: [{ verbs: ['list'], resources: ['namespaces'] }, { verbs: ['list'], resources: ['*'], apiGroups: ['*'], namespaces: ['shop'] }] },
    },
  });
  seedNode(kube, 'node-1', { architecture: 'amd64' });
  kube.seed.namespace('shop');
  kube.seed.namespace('billing');
  const auths = { [registry.address]: { username: 'alice', password: PASSWORD, auth: b64(`alice:${PASSWORD}`) } };
  kube.seed.secret('shop', { metadata: { name: 'regcred' }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64(JSON.stringify({ auths })) } });
  kube.seed.resource('apps/v1', 'deployments', 'shop', deployment('web', `${registry.address}/team/app:1`, ['regcred']));
  kube.seed.resource('apps/v1', 'deployments', 'billing', deployment('invoices', `${registry.address}/team/app:1`, []));
  writeKubeconfig(kubeconfig, [
    { name: 'lab', server: kube.url, caPem: kube.caPem, token: ADMIN_TOKEN },
    { name: 'team', server: kube.url, caPem: kube.caPem, token: TEAM_TOKEN },
    { name: 'vpn-gone', server: `https://127.0.0.1:${await closedPort()}`, caPem: kube.caPem, token: ADMIN_TOKEN },
  ]);
});

test.afterAll(async () => {
  rmSync(home, { recursive: true, force: true });
  await kube?.stop();
  await registry?.stop();
  await google?.stop();
});

/** The registries, users, hosts, contexts, namespaces and workloads of this fleet: shown as written in Chinese too. */
const operatorWords = () => [registry.address, 'Team registry', 'Robot tokens', 'Old GCR key', 'tokens.example', 'gcr.io', 'alice', 'robot', 'lab', 'team', 'vpn-gone', 'shop', 'billing', 'orders', 'orders-cred', 'regcred', 'invoices', 'web'];

/** A Chinese picture, taken once nothing on the screen reads untranslated. */
async function zhShot(app: App, name: string): Promise<void> {
  await expectReadableInChinese(app.page, name, operatorWords());
  await app.screenshot(name);
}

const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const SAVED_JWT = `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url({ sub: 'robot', exp: Math.floor(Date.now() / 1000) + 5 * 86_400 })}.${randomBytes(32).toString('base64url')}`;

test.use({
  appOptions: {
    kubeconfigPaths: [kubeconfig],
    workstation: { env: { HOME: home }, home, platform: 'linux' },
    seed: async (services) => {
      await services.registries.create({ type: 'other', name: 'Team registry', url: `http://${registry.address}`, username: 'alice', password: PASSWORD, connection: 'insecure' });
      // Registry Desk's own login that ends: a JWT password, dated on the timeline by its saved name.
      await services.registries.create({ type: 'other', name: 'Robot tokens', url: 'tokens.example', username: 'robot', password: SAVED_JWT, connection: 'secure' });
      // A Google key Google no longer accepts: "revoked or invalid", never a guessed date.
      await services.registries.create({ type: 'gcr', name: 'Old GCR key', url: 'gcr.io', username: '_json_key', serviceAccountJson: deletedKey });
    },
  },
});

test('scan → the failing cell first → its drawer → the pull doctor; the report saved without a password', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 1280, height: 820 });
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Fleet radar' }).click();
  await expect(page.getByRole('heading', { name: 'Fleet radar', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Scan the fleet' }).click();
  const rows = page.getByTestId('radar-row');
  await expect(rows).toHaveCount(ROWS, { timeout: 30_000 });
  // Problems first: billing's pods list no pull secret and the registry wants a login.
  await expect(rows.nth(0)).toHaveAttribute('data-namespace', 'billing');
  await expect(rows.nth(0).getByTestId('radar-cell')).toHaveAttribute('data-worst', 'fail');
  // team may not list the nodes: its shop pulls, but for which platforms is not known — not checked, not OK.
  await expect(rows.nth(1)).toHaveAttribute('data-context', 'team');
  await expect(rows.nth(1)).toHaveAttribute('data-namespace', 'shop');
  await expect(rows.nth(1).getByTestId('radar-cell')).toHaveAttribute('data-worst', 'unknown');
  // Then what team could not read: a row of its own, neither OK nor failing.
  await expect(rows.nth(2)).toHaveAttribute('data-context', 'team');
  await expect(rows.nth(2)).toHaveAttribute('data-namespace', 'billing');
  await expect(rows.nth(2).getByTestId('radar-cell')).toHaveAttribute('data-worst', 'unread');
  await expect(rows.nth(2).getByTestId('radar-cell')).toHaveText(/^Not read.*Lists refused: 9$/);
  // A context not read at all: a row for all of it, after the problems and team's gaps, before what is OK.
  await expect(rows.nth(7)).toHaveAttribute('data-context', 'vpn-gone');
  await expect(rows.nth(7)).toHaveAttribute('data-namespace', '');
  await expect(rows.nth(7).getByRole('rowheader')).toHaveText('vpn-gone / every namespace');
  await expect(rows.nth(7).getByTestId('radar-cell')).toHaveAttribute('data-worst', 'unread');
  await expect(rows.nth(7).getByTestId('radar-cell')).toHaveText(/^Not read.*Nothing could be read$/);
  await expect(page.locator('[data-testid="radar-context-problems"] li[data-state="failed"]')).toContainText('vpn-gone could not be read');
  await expect(page.getByTestId('radar-summary')).toContainText('3 contexts · 3 workloads · 2 pull secrets');
  await expect(page.getByText('Tags are checked with manifest HEAD requests, which do not count against Docker Hub’s pull allowance; each new digest’s manifest (and a single image’s config) is then read once with GET, and on Docker Hub a manifest GET counts as a pull.')).toBeVisible();
  // Each cell counts in the language's plural forms: "1 workload", never "1 workloads".
  const counts = await page.locator('.radar-cell-counts').allTextContents();
  expect(counts.some((text) => /\b1 (workload|secret)\b/.test(text))).toBe(true);
  expect(counts.filter((text) => /\b1 (workloads|secrets)\b/.test(text))).toEqual([]);
  // The team's context: refused across the cluster, read in shop, every other namespace named.
  await expect(page.locator('[data-testid="radar-context-problems"] li[data-state="partial"]')).toContainText('team: some lists were refused');
  await expect(page.getByTestId('radar-unread-namespaces')).toHaveText('Namespaces that could not be read (nothing there is called missing or unused): billing, default, kube-node-lease, kube-public, kube-system');
  // skopeo's login left alice's password in plain text on this workstation: counted, never shown, fixed elsewhere.
  const plainText = page.getByTestId('radar-plain-text');
  await expect(plainText).toHaveText(`Warning ${registry.address}: password in plain text (files: 1): ${authFile}`);
  await expect(page.getByTestId('radar-workstation')).not.toContainText(PASSWORD);
  await app.screenshot('radar-01-matrix-en-1280');
  const savedLogin = page.getByTestId('radar-timeline').getByTestId('timeline-entry').filter({ hasText: 'saved in Registry Desk as Robot tokens' });
  await expect(savedLogin).toContainText('Token (JWT) for tokens.example saved in Registry Desk as Robot tokens');
  await expect(page.getByTestId('radar-timeline')).not.toContainText(SAVED_JWT);
  await savedLogin.scrollIntoViewIfNeeded();
  await app.screenshot('radar-01d-timeline-saved-en-1280');
  const googleKey = page.getByTestId('radar-timeline').getByTestId('timeline-entry').filter({ hasText: 'saved in Registry Desk as Old GCR key' });
  await expect(googleKey.getByTestId('expiry')).toHaveText(
    'Expired Google service-account JSON key gone@registry-desk-test.iam.gserviceaccount.com · Stopped working; when is not known (Google’s token endpoint refused the key: key revoked or invalid, so every pull with it fails)',
  );
  await expect(googleKey.getByRole('button', { name: 'Replace the key of Old GCR key in Container registries' })).toBeVisible();
  await googleKey.scrollIntoViewIfNeeded();
  await app.screenshot('radar-01e-google-key-en-1280');
  await page.setViewportSize({ width: 1024, height: 820 });
  await googleKey.scrollIntoViewIfNeeded();
  await app.screenshot('radar-01e-google-key-en-1024');
  await page.setViewportSize({ width: 1280, height: 820 });
  await expectNoSeriousAxeViolations(page, 'radar matrix');

  await page.getByRole('button', { name: `Not read ${registry.address} in billing (team)` }).click();
  const unread = page.getByRole('dialog', { name: `${registry.address} in billing (team)` });
  await expect(unread.getByTestId('radar-unread')).toContainText(/^Not read: the lists of [a-z, ]*\bsecrets\b/);
  await expect(unread.getByTestId('radar-unread')).toContainText('were refused in billing');
  await expect(unread.getByTestId('radar-unread').getByRole('listitem').first()).toContainText(/^\w+: .+/);
  await app.screenshot('radar-01b-unread-en-1280');
  await page.keyboard.press('Escape');
  await expect(unread).toBeHidden();

  await page.getByRole('button', { name: `Not read ${registry.address} in every namespace (vpn-gone)` }).click();
  const gone = page.getByRole('dialog', { name: `${registry.address} in every namespace (vpn-gone)` });
  await expect(gone.getByTestId('radar-unread')).toContainText('Not read: vpn-gone could not be read at all.');
  await expect(gone.getByTestId('radar-unread-reason')).toContainText('The API server of "vpn-gone" cannot be reached');
  await expect(gone).not.toContainText('No workloads');
  await app.screenshot('radar-01c-context-unread-en-1280');
  await page.keyboard.press('Escape');
  await expect(gone).toBeHidden();

  await page.locator('[data-testid="radar-row"][data-namespace="shop"]').getByRole('button', { name: `OK ${registry.address} in shop (lab)` }).click();
  const drawer = page.getByRole('dialog', { name: `${registry.address} in shop (lab)` });
  await expect(drawer.getByTestId('verdict')).toHaveText('Pulls');
  await expect(drawer.locator('[data-testid="radar-secret"][data-name="regcred"]')).toContainText('Made by hand');
  await expect(drawer.locator('[data-testid="radar-secret"]')).toContainText('Users: alice · used by: Deployment/web');
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  await page.getByRole('button', { name: `Fails ${registry.address} in billing (lab)` }).click();
  const failing = page.getByRole('dialog', { name: `${registry.address} in billing (lab)` });
  await expect(failing.getByTestId('reason')).toHaveText(`The pods list no pull secrets, and ${registry.address} refuses anonymous pulls: this image needs a login.`);
  await expect(failing.getByRole('button', { name: 'Inject Team registry into billing' })).toBeVisible();
  await app.screenshot('radar-02-drawer-en-1280');
  await expectNoSeriousAxeViolations(page, 'radar drawer');

  await page.setViewportSize({ width: 1024, height: 820 });
  await expectTablesFit(page, 'the radar at 1024 px');
  await app.screenshot('radar-03-drawer-en-1024');
  await failing.getByRole('button', { name: 'Open the pull doctor here' }).click();
  await expect(page.getByRole('heading', { name: 'Pull doctor', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Namespaces')).toHaveValue('billing');

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Fleet radar' }).click();
  await page.getByRole('button', { name: 'Open Workstation tools' }).click();
  await expect(page.getByRole('heading', { name: 'Use in docker, podman, helm', level: 1 })).toBeVisible();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Fleet radar' }).click();
  await page.getByRole('button', { name: 'Save report as CSV' }).click();
  await expect(page.getByTestId('radar-saved')).toContainText('.csv');
  await page.getByRole('button', { name: 'Save report as JSON' }).click();
  await expect(page.getByTestId('radar-saved')).toContainText('.json');
  const saved = app.saveDialog.requests.map((request) => join(app.savedFiles, request.defaultName));
  expect(saved).toHaveLength(2);
  for (const path of saved) {
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('billing');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(b64(`alice:${PASSWORD}`));
    expect(statSync(path).mode & 0o777).toBe(0o600);
  }
  expect(readFileSync(saved[0]!, 'utf8').split('\r\n')[0]).toBe('section,context,namespace,registry,subject,image,state,reason,expires_at,detail');
  expect(readFileSync(saved[0]!, 'utf8')).toContain('context,vpn-gone,,,,,failed,cluster.unreachable,,"The API server of ""vpn-gone"" cannot be reached');
  const json = JSON.parse(readFileSync(saved[1]!, 'utf8')) as { cells: { context: string; namespace: string; worst: string }[] };
  expect(json.cells.filter((cell) => cell.context === 'vpn-gone').map((cell) => [cell.namespace, cell.worst])).toEqual([['', 'unread']]);
  expect(app.logLines.join('\n')).not.toContain(PASSWORD);
  expect(app.ipcResponses.join('\n')).not.toContain(PASSWORD);

  // Progress while a scan runs: the context finished, of all (each list now takes a second; team's
  // namespace-by-namespace reads keep it going well after lab is read).
  kube.setLatency(1000);
  await page.getByRole('button', { name: 'Scan again' }).click();
  // vpn-gone fails at once (nothing listens), so lab is the first or second of three read.
  await expect(page.getByTestId('radar-progress')).toContainText(/Inventory: context [12] of 3 read \(lab; one list per kind\)/, { timeout: 30_000 });
  await app.screenshot('radar-04-progress-en-1280');
  kube.setLatency(0);
  await expect(page.getByTestId('radar-progress')).toBeHidden({ timeout: 60_000 });
  await expect(page.getByTestId('radar-row')).toHaveCount(ROWS);
});

test('in Simplified Chinese at 1024 and 1280 px: the matrix, the drawer and its cancel', async ({ app }) => {
  const { page } = app;
  await chooseLanguage(page, 'zh-CN');
  await page.getByRole('navigation').getByRole('button', { name: '集群雷达' }).click();
  await expect(page.getByRole('heading', { name: '集群雷达', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: '扫描所有集群' }).click();
  await expect(page.getByTestId('radar-row')).toHaveCount(ROWS, { timeout: 30_000 });
  await expect(page.getByTestId('radar-unread-namespaces')).toContainText('无法读取的命名空间');
  await expect(page.getByText('标签用清单 HEAD 请求检查，不计入 Docker Hub 的拉取限额；每个新摘要的清单（以及单平台镜像的配置）随后用 GET 读取一次，在 Docker Hub 上清单 GET 计为一次拉取。')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: '扫描发现新问题时显示桌面通知' })).not.toBeChecked();
  const unreadCell = page.getByRole('button', { name: `未读取 team 中 billing 的 ${registry.address}` });
  await expect(unreadCell).toHaveAttribute('data-worst', 'unread');
  await expect(unreadCell).toContainText('被拒绝的列表：9 个');
  await unreadCell.click();
  const unread = page.getByRole('dialog', { name: `team 中 billing 的 ${registry.address}` });
  await expect(unread.getByTestId('radar-unread')).toContainText(/^未读取：billing 中 [a-z, ]*\bsecrets\b[a-z, ]* 的列表被拒绝。/);
  await zhShot(app, 'radar-zh-00b-unread-1280');
  await unread.getByRole('button', { name: '关闭' }).click();
  await expect(unread).toBeHidden();
  const goneRow = page.locator('[data-testid="radar-row"][data-context="vpn-gone"]');
  await expect(goneRow.getByRole('rowheader')).toHaveText('vpn-gone / 所有命名空间');
  await expect(goneRow.getByTestId('radar-cell')).toContainText('无法读取任何内容');
  await goneRow.getByRole('button', { name: `未读取 vpn-gone 中 所有命名空间 的 ${registry.address}` }).click();
  const gone = page.getByRole('dialog', { name: `vpn-gone 中 所有命名空间 的 ${registry.address}` });
  await expect(gone.getByTestId('radar-unread')).toContainText('未读取：完全无法读取 vpn-gone。');
  await expect(gone.getByTestId('radar-unread-reason')).toContainText('无法连接“vpn-gone”的 API 服务器');
  await zhShot(app, 'radar-zh-00c-context-unread-1280');
  await gone.getByRole('button', { name: '关闭' }).click();
  await expect(gone).toBeHidden();
  await page.setViewportSize({ width: 1024, height: 820 });
  await zhShot(app, 'radar-zh-00-matrix-1024');
  const savedLogin = page.getByTestId('radar-timeline').getByTestId('timeline-entry').filter({ hasText: '在 Registry Desk 中保存为 Robot tokens' });
  await expect(savedLogin).toContainText('tokens.example 的令牌（JWT）（在 Registry Desk 中保存为 Robot tokens）');
  await savedLogin.scrollIntoViewIfNeeded();
  await zhShot(app, 'radar-zh-00d-timeline-saved-1024');
  const googleKey = page.getByTestId('radar-timeline').getByTestId('timeline-entry').filter({ hasText: '在 Registry Desk 中保存为 Old GCR key' });
  await expect(googleKey.getByTestId('expiry')).toContainText('已过期 Google 服务账户 JSON 密钥');
  await expect(googleKey.getByTestId('expiry')).toContainText('密钥已吊销或无效');
  await expect(googleKey.getByRole('button', { name: '在“容器注册表”中替换 Old GCR key 的密钥' })).toBeVisible();
  for (const width of [1280, 1024]) {
    await page.setViewportSize({ width, height: 820 });
    await googleKey.scrollIntoViewIfNeeded();
    await zhShot(app, `radar-zh-00e-google-key-${width}`);
  }
  await page.getByRole('button', { name: `失败 lab 中 billing 的 ${registry.address}` }).click();
  const drawer = page.getByRole('dialog', { name: `lab 中 billing 的 ${registry.address}` });
  await expect(drawer.getByTestId('verdict')).toHaveText('拉取失败');
  await expect(drawer.getByRole('button', { name: '将 Team registry 注入 billing' })).toBeVisible();
  // The container's kind in words of the language, never the contract's "regular容器".
  await expect(drawer.getByText('容器 invoices', { exact: true })).toBeVisible();
  await expect(drawer).not.toContainText('regular');
  for (const width of [1024, 1280]) {
    await page.setViewportSize({ width, height: 820 });
    await expectTablesFit(page, `the radar in Chinese at ${width} px`);
    await zhShot(app, `radar-zh-01-drawer-${width}`);
  }
  await expectNoSeriousAxeViolations(page, 'radar zh');
  await drawer.getByRole('button', { name: '关闭' }).click();
  // A scan cancelled while it runs leaves the last report in place (each list now takes 5 s).
  kube.setLatency(5000);
  await page.getByRole('button', { name: '重新扫描' }).click();
  await expect(page.getByTestId('radar-progress')).toContainText(/清点：已读取(第 )?[0-2]\/3 个上下文/);
  await zhShot(app, 'radar-zh-02-progress-1280');
  await page.getByTestId('radar-progress').getByRole('button', { name: '取消' }).click();
  kube.setLatency(0);
  await expect(page.getByText('扫描已取消；仍显示上一次的报告。')).toBeVisible();
  await expect(page.getByTestId('radar-row')).toHaveCount(ROWS);
  await zhShot(app, 'radar-zh-03-cancelled-1280');
  // The re-scan while the app is open, in Chinese: usable once the notices are on.
  const every = page.getByTestId('radar-watch-every');
  await expect(page.getByText('应用打开期间自动重新扫描')).toBeVisible();
  await expect(every).toBeDisabled();
  await page.getByRole('checkbox', { name: '扫描发现新问题时显示桌面通知' }).check();
  await every.selectOption({ label: '每 4 小时' });
  await expect(page.getByTestId('radar-watch-window')).toHaveValue('7');
  await expect(page.getByTestId('radar-watch-window').locator('option:checked')).toHaveText('7 天内');
  await expect(page.getByText('需同时开启桌面通知。每个新问题只通知一次；应用关闭后不会运行。')).toBeVisible();
  await page.getByTestId('radar-watch-every').scrollIntoViewIfNeeded();
  await zhShot(app, 'radar-zh-04-rescan-1280');
});

/** The pull secrets a namespace's ServiceAccount hands its pods. */
function accountSecrets(namespace: string): string[] {
  const account = kube.read('serviceaccounts', namespace, 'default') as { imagePullSecrets?: { name: string }[] } | undefined;
  return (account?.imagePullSecrets ?? []).map((entry) => entry.name);
}

/** The login a pull secret holds for the registry, or undefined when there is no such secret. */
function loginIn(namespace: string, name: string, username?: string): { username?: string; password?: string } | undefined {
  const secret = kube.read('secrets', namespace, name) as { type?: string; data?: Record<string, string> } | undefined;
  const encoded = secret?.data?.['.dockerconfigjson'];
  if (!secret || !encoded) return undefined;
  expect(secret.type).toBe('kubernetes.io/dockerconfigjson');
  const { auths } = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as { auths: Record<string, { username?: string; password?: string }> };
  // Keyed as the saved registry's URL names it, scheme included or not.
  return Object.entries(auths).find(([key, login]) => key.replace(/^https?:\/\//, '') === registry.address && (username === undefined || login.username === username))?.[1];
}

// Runs last: it changes the cluster the tests above read.
test('a finding fixed through the existing preview: applied to the cluster, and the next scan finds it resolved', async ({ app }) => {
  const { page } = app;
  // orders' workload names a pull secret nobody made: the radar's "missing" finding.
  kube.seed.namespace('orders');
  kube.seed.resource('apps/v1', 'deployments', 'orders', deployment('checkout', `${registry.address}/team/app:1`, ['orders-cred']));
  await page.setViewportSize({ width: 1280, height: 820 });
  const sections = page.getByRole('navigation', { name: 'Sections' });
  await sections.getByRole('button', { name: 'Fleet radar' }).click();
  // Desktop notices: off by default, and kept as a preference when turned on.
  const notices = page.getByRole('checkbox', { name: 'Desktop notification when a scan finds something new' });
  await expect(notices).not.toBeChecked();
  await expect(notices).toBeEnabled();
  await notices.check();
  await sections.getByRole('button', { name: 'Pull doctor' }).click();
  await sections.getByRole('button', { name: 'Fleet radar' }).click();
  await expect(notices).toBeChecked();
  await expect(notices).toBeEnabled();
  await page.getByRole('button', { name: 'Scan the fleet' }).click();
  await page.getByRole('button', { name: `Fails ${registry.address} in orders (lab)` }).click();
  const orders = page.getByRole('dialog', { name: `${registry.address} in orders (lab)` });
  const missing = orders.getByTestId('radar-finding').filter({ hasText: 'orders-cred is named by Deployment/checkout but does not exist here' });
  await expect(missing).toBeVisible();
  await missing.scrollIntoViewIfNeeded();
  await app.screenshot('radar-05-finding-fix-en-1280');
  await page.setViewportSize({ width: 1024, height: 820 });
  await expectTablesFit(page, 'the finding and its fix at 1024 px');
  await app.screenshot('radar-05b-finding-fix-en-1024');
  // The same finding and its fix in Chinese, at both widths.
  await page.keyboard.press('Escape');
  await expect(orders).toBeHidden();
  await chooseLanguage(page, 'zh-CN');
  await page.getByRole('button', { name: `失败 lab 中 orders 的 ${registry.address}` }).click();
  const ordersZh = page.getByRole('dialog', { name: `lab 中 orders 的 ${registry.address}` });
  await expect(ordersZh.getByTestId('radar-finding').getByRole('button', { name: '将 Team registry 的登录写入 orders 中的 orders-cred' })).toBeVisible();
  for (const width of [1024, 1280]) {
    await page.setViewportSize({ width, height: 820 });
    await expectTablesFit(page, `the finding and its fix in Chinese at ${width} px`);
    await zhShot(app, `radar-zh-05-finding-fix-${width}`);
  }
  await page.keyboard.press('Escape');
  await expect(ordersZh).toBeHidden();
  await chooseLanguage(page, 'en');
  await page.getByRole('button', { name: `Fails ${registry.address} in orders (lab)` }).click();
  expect(loginIn('orders', 'orders-cred')).toBeUndefined();
  await missing.getByRole('button', { name: 'Write the login of Team registry into orders-cred in orders' }).click();

  // Manage access, previewing exactly this: the missing secret created in orders of lab, nothing applied yet.
  const summary = page.getByTestId('plan-summary');
  await expect(summary).toBeVisible();
  const planned = page.locator('[data-testid="plan-context"][data-context="lab"] [data-testid="namespace-row"]');
  await expect(planned).toHaveCount(1);
  await expect(planned).toHaveAttribute('data-namespace', 'orders');
  await expect(planned).toContainText('orders-cred');
  expect(loginIn('orders', 'orders-cred')).toBeUndefined();
  await app.screenshot('radar-06-fix-preview-en-1280');
  await summary.getByRole('button', { name: 'Apply' }).click();
  const result = page.getByTestId('apply-result');
  await expect(result.getByRole('heading', { name: 'Applied' })).toBeVisible({ timeout: 60_000 });
  expect(loginIn('orders', 'orders-cred')).toEqual(expect.objectContaining({ username: 'alice', password: PASSWORD }));

  // Opened from the radar, Manage access offers one way back, and it leads to the radar.
  const backControls = page.getByRole('main').getByRole('button', { name: /^Back to / });
  await expect(backControls).toHaveCount(1);
  await expect(backControls).toHaveAccessibleName('Back to Fleet radar');
  await backControls.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Fleet radar' })).toBeVisible();
  await expect(backControls).toHaveCount(0);

  // billing's pods list no pull secret: the inject fix patches billing's default ServiceAccount.
  await page.getByRole('button', { name: `Fails ${registry.address} in billing (lab)` }).click();
  await page.getByRole('dialog', { name: `${registry.address} in billing (lab)` }).getByRole('button', { name: 'Inject Team registry into billing' }).click();
  await expect(summary).toBeVisible();
  expect(accountSecrets('billing')).toEqual([]);
  await summary.getByRole('button', { name: 'Apply' }).click();
  await expect(result.getByRole('heading', { name: 'Applied' })).toBeVisible({ timeout: 60_000 });
  const billingSecrets = accountSecrets('billing');
  expect(billingSecrets).toHaveLength(1);
  expect(loginIn('billing', billingSecrets[0]!)).toEqual(expect.objectContaining({ username: 'alice', password: PASSWORD }));

  // ledger keeps, in a secret made by hand, a token for the registry that ended yesterday: the
  // app never overwrites a secret it did not make, so the timeline says so and where to look.
  kube.seed.namespace('ledger');
  const ended = `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url({ sub: 'robot', exp: Math.floor(Date.now() / 1000) - 86_400 })}.${randomBytes(32).toString('base64url')}`;
  const endedAuths = { [registry.address]: { username: 'robot', password: ended, auth: b64(`robot:${ended}`) } };
  kube.seed.secret('ledger', { metadata: { name: 'ledger-cred' }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64(JSON.stringify({ auths: endedAuths })) } });
  await sections.getByRole('button', { name: 'Fleet radar' }).click();
  await page.getByRole('button', { name: 'Scan again' }).click();
  const endedEntry = page.getByTestId('radar-timeline').getByTestId('timeline-entry').filter({ hasText: 'ledger-cred' });
  await expect(endedEntry.getByTestId('expiry')).toContainText('Expired');
  await expect(endedEntry.getByTestId('radar-fix-why')).toHaveText(
    'ledger-cred was not made by Registry Desk, which never overwrites it: replace it where it was made, or delete it and create it from here once it is missing.',
  );
  await endedEntry.scrollIntoViewIfNeeded();
  await app.screenshot('radar-06b-expired-by-hand-en-1280');
  // Nothing to apply from here: the pull doctor opens on this registry, context and namespace.
  await endedEntry.getByRole('button', { name: 'Open the pull doctor for Team registry in ledger (lab)' }).click();
  await expect(page.getByRole('heading', { name: 'Pull doctor', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Namespaces')).toHaveValue('ledger');
  await expect(page.getByRole('checkbox', { name: 'lab' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'team' })).not.toBeChecked();
  await expect(page.getByText('Only images served by Team registry.')).toBeVisible();

  // The radar, scanned again, finds both resolved.
  await sections.getByRole('button', { name: 'Fleet radar' }).click();
  await page.getByRole('button', { name: 'Scan again' }).click();
  const cell = (namespace: string) => page.locator(`[data-testid="radar-row"][data-context="lab"][data-namespace="${namespace}"]`).getByTestId('radar-cell');
  await expect(cell('orders')).toHaveAttribute('data-worst', 'pass');
  await expect(cell('billing')).toHaveAttribute('data-worst', 'pass');
  await cell('orders').click();
  await expect(page.getByRole('dialog', { name: `${registry.address} in orders (lab)` }).getByTestId('radar-finding')).toHaveCount(0);
  await app.screenshot('radar-07-resolved-en-1280');
  expect(app.logLines.join('\n')).not.toContain(PASSWORD);
});


/** A registry saved for the test registry whose access Registry Desk already applied in lab: its secret only, no ServiceAccount patched. */
async function applyOwnAccess(services: Services, own: { name: string; username: string; password: string; secretName: string; namespaces: string[] }): Promise<void> {
  const { id } = await services.registries.create({ type: 'other', name: own.name, url: `http://${registry.address}`, username: own.username, password: own.password, connection: 'insecure' });
  const settings = {
    ...defaultAccessSettings(own.name, id),
    contexts: ['lab'],
    credential: { type: 'registry-credentials' as const, secretName: own.secretName },
    scope: { namespaces: { kind: 'list' as const, names: own.namespaces }, serviceAccounts: { kind: 'none' as const } },
  };
  const plan = await services.access.preview({ registryId: id, settings });
  await services.access.apply({ operationId: randomUUID(), planId: plan.planId, confirmRemovals: false });
}

/** The secret Registry Desk writes for Team registry in the next test's namespaces. */
const OWN_SECRET = 'team-registry-pull-secret';

// Runs after the test above, in namespaces of its own: archive and vault, where Registry Desk
// already applied Team registry's access (secrets only, no ServiceAccount patched): vault's
// Deployment names the secret, archive's copy is used by nobody.
test.describe('Registry Desk’s own secrets', () => {
  test.use({
    appOptions: {
      kubeconfigPaths: [kubeconfig],
      workstation: { env: { HOME: home }, home, platform: 'linux' },
      seed: async (services) => {
        for (const namespace of ['archive', 'vault']) kube.seed.namespace(namespace);
        kube.seed.resource('apps/v1', 'deployments', 'vault', deployment('keeper', `${registry.address}/team/app:1`, [OWN_SECRET]));
        await applyOwnAccess(services, { name: 'Team registry', username: 'alice', password: PASSWORD, secretName: OWN_SECRET, namespaces: ['archive', 'vault'] });
      },
    },
  });

  test('an unused copy removed through the preview, a broken one repaired from Status; the next scans find both resolved', async ({ app }) => {
    const { page } = app;
    await page.setViewportSize({ width: 1280, height: 820 });
    expect(loginIn('archive', OWN_SECRET)).toEqual(expect.objectContaining({ username: 'alice' }));
    const sections = page.getByRole('navigation', { name: 'Sections' });
    await sections.getByRole('button', { name: 'Fleet radar' }).click();
    await page.getByRole('button', { name: 'Scan the fleet' }).click();
    const row = (namespace: string) => page.locator(`[data-testid="radar-row"][data-context="lab"][data-namespace="${namespace}"]`);

    // archive: Registry Desk's copy, named by nobody, leaves by taking archive out of the access.
    await row('archive').getByRole('button', { name: `OK ${registry.address} in archive (lab)` }).click();
    const archive = page.getByRole('dialog', { name: `${registry.address} in archive (lab)` });
    const unused = archive.getByTestId('radar-finding').filter({ hasText: OWN_SECRET });
    await unused.getByRole('button', { name: `Take archive out of the access of Team registry (removes ${OWN_SECRET})` }).click();
    const summary = page.getByTestId('plan-summary');
    await expect(summary).toBeVisible();
    const planned = page.locator('[data-testid="plan-context"][data-context="lab"] [data-testid="namespace-row"]');
    await expect(planned.filter({ has: page.locator('[data-action="remove"]') })).toHaveCount(1);
    await expect(planned.filter({ has: page.locator('[data-action="remove"]') })).toHaveAttribute('data-namespace', 'archive');
    await expect(planned.locator('[data-action="remove"]')).toContainText(OWN_SECRET);
    expect(loginIn('archive', OWN_SECRET)).toBeDefined();
    await app.screenshot('radar-08-remove-preview-en-1280');
    await summary.getByRole('button', { name: 'Apply' }).click();
    const removal = page.getByRole('dialog', { name: 'Remove from the clusters?' });
    // One deletion, archive's copy: vault's stays.
    await expect(removal.locator('[data-testid="removal-namespace"]')).toHaveCount(1);
    await expect(removal.locator('[data-testid="removal-namespace"]')).toHaveAttribute('data-namespace', 'archive');
    await expect(removal.getByTestId('removal-row')).toHaveCount(1);
    await expect(removal.locator('[data-testid="removal-row"][data-kind="Secret"]')).toContainText(`${OWN_SECRET}Delete`);
    await removal.getByRole('button', { name: 'Remove and apply' }).click();
    const result = page.getByTestId('apply-result');
    await expect(result.getByRole('heading', { name: 'Applied' })).toBeVisible({ timeout: 60_000 });
    expect(kube.read('secrets', 'archive', OWN_SECRET)).toBeUndefined();
    expect(loginIn('vault', OWN_SECRET)).toEqual(expect.objectContaining({ username: 'alice', password: PASSWORD }));

    // Someone breaks vault's copy by hand: JSON the API server accepts but kubelet cannot read, so keeper's pods will fail to pull.
    const api = await app.services.clusters.api('lab');
    const stored = kube.read('secrets', 'vault', OWN_SECRET) as { data: Record<string, string> };
    await api.replace(`/api/v1/namespaces/vault/secrets/${OWN_SECRET}`, { ...stored, data: { '.dockerconfigjson': b64('{"auths": 42}') } });

    await sections.getByRole('button', { name: 'Fleet radar' }).click();
    await page.getByRole('button', { name: 'Scan again' }).click();
    // The removed copy's finding (and with it archive's only cell) is gone; vault now fails.
    await expect(row('archive')).toHaveCount(0);
    await row('vault').getByRole('button', { name: `Fails ${registry.address} in vault (lab)` }).click();
    const vault = page.getByRole('dialog', { name: `${registry.address} in vault (lab)` });
    const broken = vault.getByTestId('radar-finding').filter({ hasText: OWN_SECRET });
    await expect(broken).toHaveCount(1);
    // Registry Desk made it, though it holds no readable entry for the registry: its Status repairs it.
    await broken.getByRole('button', { name: `Repair ${OWN_SECRET} in the Status of Team registry` }).click();
    await expect(page.getByRole('tab', { name: 'Status', selected: true })).toBeVisible();
    const lab = page.locator('[data-testid="status-context"][data-context="lab"]');
    await expect(lab.locator('select').first()).toHaveValue('problems');
    const vaultRow = lab.locator('[data-testid="status-row"][data-namespace="vault"]');
    await expect(vaultRow).toHaveAttribute('data-state', 'drifted');
    await app.screenshot('radar-09-repair-status-en-1280');
    await vaultRow.getByRole('button', { name: 'Repair namespace vault of lab' }).click();
    await expect(planned).toHaveCount(1);
    await expect(planned).toHaveAttribute('data-namespace', 'vault');
    await expect(result).toBeHidden();
    await summary.getByRole('button', { name: 'Apply' }).click();
    await expect(result.getByRole('heading', { name: 'Applied' })).toBeVisible({ timeout: 60_000 });
    expect(loginIn('vault', OWN_SECRET)).toEqual(expect.objectContaining({ username: 'alice', password: PASSWORD }));

    await sections.getByRole('button', { name: 'Fleet radar' }).click();
    await page.getByRole('button', { name: 'Scan again' }).click();
    await expect(row('vault').getByTestId('radar-cell')).toHaveAttribute('data-worst', 'pass');
    expect(app.logLines.join('\n')).not.toContain(PASSWORD);
  });
});

const b64urlJwt = (exp: number) => `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url({ sub: 'mirror', exp: Math.floor(exp / 1000) })}.${randomBytes(32).toString('base64url')}`;
const placeOf = async (page: Page): Promise<string[]> =>
  page.getByTestId('radar-row').evaluateAll((rows) => rows.map((row) => `${row.getAttribute('data-context')}/${row.getAttribute('data-namespace')}`));

test('the filters change the matrix: problems only, everything by name, one registry, an expiry window; the re-scan kept as a preference', async ({ app }) => {
  const { page } = app;
  // mirror pulls from a registry nobody answers at (a failing cell), with a login (a JWT) that ends in 3 days.
  const dead = `127.0.0.1:${await closedPort()}`;
  const token = b64urlJwt(Date.now() + 3 * 86_400_000);
  kube.seed.namespace('mirror');
  const auths = { [dead]: { username: 'mirror', password: token, auth: b64(`mirror:${token}`) } };
  kube.seed.secret('mirror', { metadata: { name: 'mirror-cred' }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64(JSON.stringify({ auths })) } });
  kube.seed.resource('apps/v1', 'deployments', 'mirror', deployment('copier', `${dead}/team/app:1`, ['mirror-cred']));
  await page.setViewportSize({ width: 1280, height: 820 });
  const sections = page.getByRole('navigation', { name: 'Sections' });
  await sections.getByRole('button', { name: 'Fleet radar' }).click();
  await page.getByRole('button', { name: 'Scan the fleet' }).click();
  await expect(page.locator('[data-testid="radar-row"][data-context="lab"][data-namespace="mirror"]')).toBeVisible({ timeout: 30_000 });
  const filters = page.locator('.radar-filters');
  const show = filters.getByLabel('Show');
  const registryFilter = filters.getByLabel('Registry');
  const window = filters.getByLabel('Expiring within');
  // Problems first (the default): every row, failing ones on top, before what is OK.
  const everything = await placeOf(page);
  await expect(page.getByTestId('radar-row').first().locator('[data-testid="radar-cell"][data-worst="fail"]')).not.toHaveCount(0);
  // (billing fails too unless a test before fixed it: the tests of this file share the cluster.)
  expect(everything).toEqual(expect.arrayContaining(['lab/billing', 'lab/mirror', 'lab/shop', 'team/shop', 'vpn-gone/']));
  expect(everything.indexOf('lab/mirror')).toBeLessThan(everything.indexOf('lab/shop'));

  await show.selectOption('problemsOnly');
  await expect.poll(() => placeOf(page)).not.toContain('lab/shop');
  const problems = await placeOf(page);
  expect(problems).toContain('lab/mirror');
  // Not read is a gap, not a problem found: vpn-gone and team's unread namespaces are left out too.
  expect(problems.filter((place) => place.startsWith('vpn-gone/') || place === 'team/billing')).toEqual([]);
  for (const worst of await page.getByTestId('radar-row').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('[data-testid="radar-cell"]')].map((cell) => cell.getAttribute('data-worst')))))
    expect(worst.some((tone) => tone === 'fail' || tone === 'warn')).toBe(true);

  await show.selectOption('all');
  await expect.poll(() => placeOf(page)).toHaveLength(everything.length);
  const byName = await placeOf(page);
  expect(byName).toEqual([...everything].sort((a, b) => a.split('/')[0]!.localeCompare(b.split('/')[0]!) || a.split('/')[1]!.localeCompare(b.split('/')[1]!)));
  expect(byName).not.toEqual(everything);

  // One registry: its column alone, and only the rows with a cell in it.
  await show.selectOption('problemsOnly');
  await registryFilter.selectOption(dead);
  await expect.poll(() => placeOf(page)).toEqual(['lab/mirror']);
  await expect(page.getByTestId('radar-matrix').locator('thead th')).toHaveText(['Cluster / namespace', dead]);
  await app.screenshot('radar-10-filter-registry-en-1280');
  await registryFilter.selectOption('');
  await show.selectOption('all');

  // An expiry window: mirror's login ends in 3 days, so it is within 7 days and not within 1; shop's has no end.
  await window.selectOption('7');
  await expect.poll(() => placeOf(page)).toContain('lab/mirror');
  expect(await placeOf(page)).not.toContain('lab/shop');
  await app.screenshot('radar-11-filter-window-en-1280');
  await window.selectOption('1');
  await expect.poll(() => placeOf(page)).not.toContain('lab/mirror');
  await window.selectOption('');
  await expect.poll(() => placeOf(page)).toHaveLength(everything.length);

  // The re-scan while the app is open: off by default, usable once the notices are on, kept as a preference.
  const every = page.getByTestId('radar-watch-every');
  const notifyWindow = page.getByTestId('radar-watch-window');
  await expect(every).toHaveValue('');
  await expect(every).toBeDisabled();
  await page.getByRole('checkbox', { name: 'Desktop notification when a scan finds something new' }).check();
  await expect(notifyWindow).toBeDisabled();
  await every.selectOption({ label: 'Every hour' });
  await notifyWindow.selectOption({ label: '30 days' });
  await sections.getByRole('button', { name: 'Pull doctor' }).click();
  await sections.getByRole('button', { name: 'Fleet radar' }).click();
  await expect(every).toHaveValue('60');
  await expect(notifyWindow).toHaveValue('30');
  await expect(page.getByText('Works with the desktop notification turned on. Each new problem is notified once; nothing runs while the app is closed.')).toBeVisible();
  await every.scrollIntoViewIfNeeded();
  await app.screenshot('radar-12-rescan-en-1280');
  await page.setViewportSize({ width: 1024, height: 820 });
  await app.screenshot('radar-12b-rescan-en-1024');
  await expectNoSeriousAxeViolations(page, 'radar filters and re-scan');
});

/** The depot registry's user, whose copies of one login differ across the clusters. */
const DEPOT_SECRET = 'depot-pull';
const DEPOT_PASSWORD = `depot-${randomBytes(8).toString('hex')}`;
const ca = makeCertificateAuthority();
/** A registry no workload pulls from, named only in depot's pull secret, whose TLS certificate ends in 3 days. */
let secretOnly: RunningDockerRegistry;
/** The clusters' and namespaces' names the matrix shows as written, in Chinese too. */
const CLUSTER_WORDS = ['lab', 'team', 'vpn-gone', 'shop', 'billing', 'depot', 'default', 'kube-node-lease', 'kube-public', 'kube-system', 'orders', 'ledger', 'archive', 'vault', 'mirror'];

// After the others (it adds namespaces and a registry to the cluster they read): Registry Desk
// wrote Depot registry's login into shop and depot of lab; depot's copy has since been set back to
// an older password by hand. shop's copy is seen through lab and team: two clusters, two passwords.
test.describe('a stale copy of a saved login, and a registry only a secret names', () => {
  test.beforeAll(async () => {
    secretOnly = await startDockerRegistry({ tls: makeServerCertificate(ca, { hosts: ['127.0.0.1'], days: 3 }), users: { bob: DEPOT_PASSWORD } });
  });
  test.afterAll(async () => {
    await secretOnly?.stop();
  });
  test.use({
    appOptions: {
      kubeconfigPaths: [kubeconfig],
      workstation: { env: { HOME: home }, home, platform: 'linux' },
      seed: async (services) => {
        kube.seed.namespace('depot');
        await applyOwnAccess(services, { name: 'Depot registry', username: 'bob', password: DEPOT_PASSWORD, secretName: DEPOT_SECRET, namespaces: ['shop', 'depot'] });
      },
    },
  });

  test('the stale copy opens the preview prefilled with every copy’s cluster and namespace; the secret-only registry’s certificate is dated', async ({ app }) => {
    const { page } = app;
    const old = `old-${randomBytes(8).toString('hex')}`;
    const stored = kube.read('secrets', 'depot', DEPOT_SECRET) as { data: Record<string, string> };
    const auths = { [registry.address]: { username: 'bob', password: old, auth: b64(`bob:${old}`) }, [secretOnly.address]: { username: 'bob', password: DEPOT_PASSWORD, auth: b64(`bob:${DEPOT_PASSWORD}`) } };
    const api = await app.services.clusters.api('lab');
    await api.replace(`/api/v1/namespaces/depot/secrets/${DEPOT_SECRET}`, { ...stored, data: { '.dockerconfigjson': b64(JSON.stringify({ auths })) } });
    await page.setViewportSize({ width: 1280, height: 820 });
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Fleet radar' }).click();
    await page.getByRole('button', { name: 'Scan the fleet' }).click();
    const depot = page.locator('[data-testid="radar-row"][data-context="lab"][data-namespace="depot"]');

    // The registry only depot's secret names: its certificate, read by a handshake, ends in 3 days.
    await depot.getByRole('button', { name: new RegExp(`${secretOnly.address} in depot \\(lab\\)`) }).click();
    await expect(page.getByRole('dialog', { name: `${secretOnly.address} in depot (lab)` })).toBeVisible();
    // Named per language: the drawer open, whichever its title.
    const tlsCell = page.getByRole('dialog');
    // bob's password there is no token: the certificate is the cell's one dated end.
    const certificate = tlsCell.getByTestId('expiry');
    await expect(certificate).toHaveCount(1);
    await shotsInEachLanguage(app, 'radar-13-secret-only-certificate', {
      check: async (_, text) => {
        await expect(certificate).toContainText(text('radar.expiry.what.tls-certificate'));
        await expect(certificate).toContainText(text('radar.expiry.state.soon'));
        await expect(certificate).toContainText(text('radar.expiry.source.certificate'));
      },
      operatorWords: [secretOnly.address, registry.address, 'bob', DEPOT_SECRET, ...CLUSTER_WORDS],
    });
    await page.keyboard.press('Escape');

    // depot's copy holds another password than shop's: the finding is said where the copy is.
    await depot.getByRole('button', { name: new RegExp(`${registry.address} in depot \\(lab\\)`) }).click();
    await expect(page.getByRole('dialog', { name: `${registry.address} in depot (lab)` })).toBeVisible();
    const cell = page.getByRole('dialog');
    // The copy names bob under two spellings of the host: one user, said once.
    await expect(cell.getByText('Users: bob · used by: nobody', { exact: true })).toBeVisible();
    const stale = cell.getByTestId('radar-finding').filter({ hasText: `lab/depot/${DEPOT_SECRET}` });
    await expect(stale).toHaveCount(1);
    const fix = stale.getByRole('button', { name: /^Write the login of Depot registry into the copies Registry Desk made: / });
    await expect(fix).toContainText(`lab/depot/${DEPOT_SECRET}`);
    // A fix's long label wraps inside the 1024 px drawer, as "Take … out of the access" does.
    await stale.scrollIntoViewIfNeeded();
    await shotsInEachLanguage(app, 'radar-14-stale-copy-fix', {
      check: async (_, text) => {
        await expect(stale.getByRole('button', { name: new RegExp(`^${text('radar.fix.refresh', { registry: 'Depot registry', places: '' }).trim()}`) })).toContainText(`lab/depot/${DEPOT_SECRET}`);
      },
      operatorWords: [secretOnly.address, registry.address, 'Depot registry', 'bob', DEPOT_SECRET, ...CLUSTER_WORDS],
    });
    expect(loginIn('depot', DEPOT_SECRET, 'bob')).toEqual(expect.objectContaining({ password: old }));
    await fix.click();

    // Manage access at its preview, prefilled: Depot registry's login rewritten into depot's copy of lab; nothing applied yet.
    const summary = page.getByTestId('plan-summary');
    await expect(summary).toBeVisible();
    const lab = page.locator('[data-testid="plan-context"][data-context="lab"] [data-testid="namespace-row"]');
    await expect(lab.and(page.locator('[data-namespace="depot"]'))).toContainText(DEPOT_SECRET);
    await expect(page.locator('[data-testid="plan-context"][data-context="team"]')).toHaveCount(1);
    expect(loginIn('depot', DEPOT_SECRET, 'bob')).toEqual(expect.objectContaining({ password: old }));
    await app.screenshot('radar-15-stale-copy-preview-en-1280');
    expect(app.logLines.join('\n')).not.toContain(DEPOT_PASSWORD);
    expect(app.logLines.join('\n')).not.toContain(old);
  });
});
