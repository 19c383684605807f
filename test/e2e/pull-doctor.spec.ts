import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { ADMIN_TOKEN, type KubeApiServer } from '../kube-api-server';
import { startDockerRegistry, type RunningDockerRegistry } from '../registry-servers/docker-registry';
import { buildOciImages, pushImage } from '../registry-servers/oci-images';
import { seedFailingPod, seedNode } from '../support/failing-pods';
import { expectReadableInChinese } from './chinese-problems';
import { expectNoSeriousAxeViolations } from './axe';
import { expect, test } from './harness';
import { followOsLanguage, shotsInEachLanguage } from './language-widths';
import { expectTablesFit } from './tables-fit';
import { useWorkstationWithClusters } from './workstations';

/** The context's name and kubelet's event reasons, shown as the cluster writes them in Chinese too. */
const OPERATOR_WORDS = ['lab', 'Failed', 'Pulling', 'BackOff'];

/**
 * The pull doctor end to end: the Clusters screen's entry → failing pods found → verdicts → "inject
 * into this namespace" → Manage access at its preview; in English and Chinese, with screenshots;
 * and the entry from a registry's access status. Real docker-registry, Kubernetes API test server.
 */

const PASSWORD = `e2e-${randomBytes(8).toString('hex')}`;
let registry: RunningDockerRegistry;

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

test.beforeAll(async () => {
  registry = await startDockerRegistry({ users: { alice: PASSWORD } });
  const images = await buildOciImages({});
  await pushImage(images, 'single', { reference: `${registry.address}/team/app:1`, username: 'alice', password: PASSWORD });
  await images.remove();
});

test.afterAll(async () => {
  await registry?.stop();
});

/** team-a: two pods of one ReplicaSet with no pull secret; team-b: a pod whose pull secret is for Docker Hub only. */
function seedPods(kube: KubeApiServer): void {
  seedNode(kube, 'node-1', { architecture: 'amd64' });
  for (const pod of ['api-6f8d9c7b5c-4xk2p', 'api-6f8d9c7b5c-9tq7m']) {
    seedFailingPod(kube, 'team-a', { name: pod, image: `${registry.address}/team/app:1`, node: 'node-1', owner: { kind: 'ReplicaSet', name: 'api-6f8d9c7b5c' }, pullError: 'pull access denied, repository does not exist or may require authorization' });
  }
  const hub = { auths: { 'https://index.docker.io/v1/': { username: 'octocat', password: 'elsewhere', auth: b64('octocat:elsewhere') } } };
  kube.seed.secret('team-b', { metadata: { name: 'regcred' }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64(JSON.stringify(hub)) } });
  seedFailingPod(kube, 'team-b', { name: 'worker', image: `${registry.address}/team/app:1`, pullSecrets: ['regcred'], node: 'node-1', failedEventsExpired: true });
}

const cluster = useWorkstationWithClusters({
  name: 'doctor',
  namespaces: ['team-a', 'team-b'],
  prepare: seedPods,
  contexts: [{ name: 'lab', token: ADMIN_TOKEN }],
  seed: async (services) => {
    await services.registries.create({ type: 'other', name: 'Team registry', url: `http://${registry.address}`, username: 'alice', password: PASSWORD, connection: 'insecure' });
  },
});

/** Chinese screenshots at the two widths the window is tested at, each checked for what reads untranslated. */
async function zhShotsAt(page: Page, screenshot: (name: string) => Promise<string>, name: string): Promise<void> {
  for (const width of [1024, 1280]) {
    await page.setViewportSize({ width, height: 820 });
    await expectTablesFit(page, `${name} at ${width} px`);
    await expectReadableInChinese(page, `${name} at ${width} px`, OPERATOR_WORDS);
    await screenshot(`${name}-${width}`);
  }
}

/** The search's controls read as one row: the namespaces input and both buttons share their top and their height. */
async function expectFindControlsInOneRow(page: Page, pick: string, find: string): Promise<void> {
  const boxes = await Promise.all(
    [page.locator('#doctor-namespaces'), page.getByRole('button', { name: pick, exact: true }), page.getByRole('button', { name: find, exact: true })].map(async (control) => {
      const box = await control.boundingBox();
      return { top: Math.round(box?.y ?? -1), height: Math.round(box?.height ?? -1) };
    }),
  );
  expect(boxes, `${pick} and ${find} beside the namespaces input`).toEqual([boxes[0], boxes[0], boxes[0]]);
}

test('Clusters → failing pods → verdicts → inject into this namespace → preview', async ({ app }) => {
  const { page } = app;
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Clusters' }).click();
  const entry = page.getByRole('region', { name: 'Pull doctor' });
  await expect(entry).toBeVisible();
  await app.screenshot('doctor-01-clusters-entry');
  await entry.getByRole('button', { name: 'Find failing pods' }).click();
  await expect(page.getByRole('heading', { name: 'Pull doctor', level: 1 })).toBeVisible();

  const diagnoses = page.getByTestId('diagnosis');
  await expect(diagnoses).toHaveCount(2, { timeout: 20_000 });
  await expect(page.getByTestId('scan-summary')).toContainText('Failing pods: 3 · groups: 2 · registry requests: 1');
  const teamA = page.locator('[data-testid="diagnosis"][data-namespace="team-a"]');
  const teamB = page.locator('[data-testid="diagnosis"][data-namespace="team-b"]');
  await expect(teamA.getByTestId('verdict')).toHaveText(`The pods list no pull secrets, and ${registry.address} refuses anonymous pulls: this image needs a login.`);
  // No secret, no password sent: the registry's 401 says a login is needed, never that a password is wrong.
  await teamA.getByText('Kubelet’s path').click();
  await expect(teamA.locator('[data-step="registry"]')).toContainText('refuses anonymous pulls: this image needs a login (HTTP 401)');
  await expect(teamA.locator('[data-step="registry"]')).not.toContainText('wrong password');
  await expect(teamB.getByTestId('verdict')).toHaveText(`regcred has no entry for ${registry.address}; it has https://index.docker.io/v1/.`);
  await expect(teamA.getByTestId('fix-command').locator('code')).toHaveText('kubectl rollout restart deployment/api -n team-a --context lab');
  await expect(teamA.getByTestId('fix-command').getByRole('button', { name: 'Copy command' })).toBeVisible();
  // The group's pods unfold: name and container, the controller that recreates them, the node, the age.
  const pods = teamA.getByTestId('failing-pods');
  await pods.getByText('Pods (2)').click();
  await expect(pods.locator('tr[data-pod]')).toHaveCount(2);
  const pod = pods.locator('tr[data-pod="api-6f8d9c7b5c-4xk2p"]');
  await expect(pod).toContainText('container app · ImagePullBackOff');
  await expect(pod.locator('td').nth(1)).toHaveText('ReplicaSet/api-6f8d9c7b5c');
  await expect(pod.locator('td').nth(2)).toHaveText('node-1');
  await expect(pod.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/);
  await expect(pod.locator('time')).toHaveText(/ago|now/);
  await teamB.getByText('Kubelet’s path').click();
  await expect(teamB.locator('[data-step="keyring"]')).toContainText(`No entry matches ${registry.address}/team/app (entries: https://index.docker.io/v1/)`);
  await expect(teamB.locator('[data-step="events"]')).toContainText('Only BackOff events are left');
  await expect(teamB.locator('[data-step="warnings"]')).toContainText('Team registry needs “http” here');
  // The find form's fields stand apart: the contexts' last checkbox does not touch the namespaces' label.
  const contextsBox = await page.getByRole('group', { name: 'Contexts' }).boundingBox();
  const namespacesBox = await page.locator('.doctor-namespaces').boundingBox();
  expect(namespacesBox!.y - (contextsBox!.y + contextsBox!.height)).toBeGreaterThanOrEqual(12);
  // So do the "Would this pull?" fields when they wrap onto a second row.
  const checkFields = await page.locator('.doctor-check-form > .field').evaluateAll((fields) => fields.map((field) => field.getBoundingClientRect()).map(({ top, bottom }) => ({ top, bottom })));
  for (const below of checkFields) for (const above of checkFields) if (below.top > above.bottom - 1) expect(below.top - above.bottom).toBeGreaterThanOrEqual(12);
  // Under each verdict its fixes follow at the card's own gap (18 px), not a blank band of stacked margins.
  for (const card of [teamA, teamB]) {
    const verdict = (await card.getByTestId('verdict').boundingBox())!;
    const fixes = (await card.getByRole('heading', { name: 'Fix', level: 4 }).boundingBox())!;
    expect(fixes.y - (verdict.y + verdict.height), 'space between the verdict and Fix').toBeLessThanOrEqual(20);
  }
  // The anonymous pull's own verdict, never a wrong password, in each language; the pods' names whole.
  await shotsInEachLanguage(app, 'doctor-02-verdicts', {
    operatorWords: OPERATOR_WORDS,
    check: async (_language, text) => {
      await expect(teamA.getByTestId('verdict')).toHaveText(text('doctor.verdict.noSecrets', { registry: registry.address }));
      await expect(teamA.locator('[data-step="registry"]')).toContainText(text('doctor.registry.anonymousRefused', { endpoint: '', status: 401 }).trim());
      await expect(teamB.getByTestId('verdict')).toHaveText(text('doctor.verdict.noEntry', { secrets: 'regcred', registry: registry.address, keys: 'https://index.docker.io/v1/' }));
    },
    unbroken: ['api-6f8d9c7b5c-4xk2p', 'api-6f8d9c7b5c-9tq7m'],
  });
  await expectNoSeriousAxeViolations(page, 'pull doctor');

  await teamA.getByRole('button', { name: 'Inject Team registry into team-a' }).click();
  await expect(page.getByRole('heading', { name: 'Manage access: Team registry' })).toBeVisible();
  await expect(page.getByText('Applying makes 2 changes.')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('table', { name: 'What happens in each namespace of lab' })).toContainText('team-a');
  await shotsInEachLanguage(app, 'doctor-03-inject-preview', {
    check: async (_language, text) => {
      await expect(page.getByRole('table', { name: text('plan.tableCaption', { context: 'lab' }) })).toContainText('team-a');
    },
    operatorWords: [...OPERATOR_WORDS, 'Team registry', 'team-a'],
  });
  // Nothing was written: the preview waits for the operator.
  expect(cluster.server.read('secrets', 'team-a', 'team-registry-pull-secret')).toBeUndefined();
  // One way back, to the pull doctor, which stays marked in the sidebar; it leads to the verdicts as they were.
  const backControls = page.getByRole('main').getByRole('button', { name: /^Back to / });
  await expect(backControls).toHaveCount(1);
  await expect(backControls).toHaveAccessibleName('Back to Pull doctor');
  await expect(page.getByRole('navigation').locator('[data-screen="pull-doctor"]')).toHaveClass(/is-origin/);
  await backControls.click();
  await expect(page.getByRole('heading', { name: 'Pull doctor', level: 1 })).toBeVisible();
  await expect(teamA.getByTestId('verdict')).toBeVisible();
  expect(app.logLines.join('\n')).not.toContain(PASSWORD);
});

test('in Simplified Chinese: verdicts, the image check, and the preview', async ({ app }) => {
  const { page } = app;
  // As the OS locale sets it, so the image check below can be pictured in both languages where it stands.
  await followOsLanguage(page, 'zh-CN');
  await page.getByRole('navigation').getByRole('button', { name: '拉取诊断' }).click();
  await expect(page.getByRole('heading', { name: '拉取诊断', level: 1 })).toBeVisible();
  await page.getByRole('checkbox', { name: 'lab' }).check();
  await page.getByRole('button', { name: '查找拉取失败的 Pod' }).click();
  const teamB = page.locator('[data-testid="diagnosis"][data-namespace="team-b"]');
  await expect(teamB.getByTestId('verdict')).toHaveText(`regcred 中没有 ${registry.address} 的条目；它只有 https://index.docker.io/v1/。`, { timeout: 20_000 });
  await teamB.getByText('kubelet 的路径').click();
  await teamB.getByTestId('failing-pods').getByText('1 个 Pod', { exact: true }).click();
  await expect(teamB.locator('tr[data-pod="worker"] td').nth(1)).toHaveText('无：独立的 Pod');
  await zhShotsAt(page, app.screenshot, 'doctor-zh-01-verdicts');
  await expectFindControlsInOneRow(page, '从集群中选择命名空间', '查找拉取失败的 Pod');

  const check = page.getByRole('region', { name: '能拉取吗？' });
  await check.getByLabel('命名空间').fill('team-b');
  await check.getByLabel('镜像').fill(`${registry.address}/team/app:2`);
  await check.getByLabel('Pod 自己列出的拉取 Secret').fill('regcred');
  await check.getByRole('button', { name: '检查' }).click();
  await expect(check.getByTestId('verdict')).toHaveText(`regcred 中没有 ${registry.address} 的条目；它只有 https://index.docker.io/v1/。`);
  await shotsInEachLanguage(app, 'doctor-check', {
    operatorWords: OPERATOR_WORDS,
    check: async (_language, text) => {
      // By its heading's id: the region's name changes with the language.
      const checked = page.locator('section[aria-labelledby="doctor-check-title"]');
      await expect(checked.getByRole('heading', { level: 2 })).toHaveText(text('doctor.check.title'));
      await expect(checked.getByTestId('verdict')).toHaveText(text('doctor.verdict.noEntry', { secrets: 'regcred', registry: registry.address, keys: 'https://index.docker.io/v1/' }));
    },
  });
  await followOsLanguage(page, 'zh-CN');

  await page.locator('[data-testid="diagnosis"][data-namespace="team-a"]').first().getByRole('button', { name: '将 Team registry 注入 team-a' }).click();
  await expect(page.getByRole('heading', { name: '管理访问：Team registry' })).toBeVisible();
  await expect(page.getByRole('table', { name: /lab/ })).toContainText('team-a', { timeout: 20_000 });
  await expectReadableInChinese(page, 'doctor-zh-03-inject-preview', OPERATOR_WORDS);
  await app.screenshot('doctor-zh-03-inject-preview');
});

test("a registry's access status says where pods cannot pull from it, and opens the pull doctor there", async ({ app }) => {
  const { page } = app;
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Clusters' }).click();
  await page.getByRole('button', { name: 'Manage access Team registry' }).click();
  await page.getByRole('tab', { name: 'Status' }).click();
  const failures = page.getByTestId('registry-pull-failures');
  await expect(failures).toContainText('Pods in team-a (lab) that cannot pull from this registry: 2.', { timeout: 20_000 });
  await expect(failures).toContainText('Pods in team-b (lab) that cannot pull from this registry: 1.');
  await app.screenshot('doctor-04-registry-status-entry');
  await failures.getByRole('listitem').filter({ hasText: 'team-b' }).getByRole('button', { name: 'Diagnose' }).click();
  await expect(page.getByRole('heading', { name: 'Pull doctor', level: 1 })).toBeVisible();
  await expect(page.getByTestId('diagnosis')).toHaveCount(1, { timeout: 20_000 });
  await expect(page.getByText('Only images served by Team registry.')).toBeVisible();
  await expect(page.getByLabel('Namespaces')).toHaveValue('team-b');
  for (const width of [1024, 1280]) {
    await page.setViewportSize({ width, height: 820 });
    await expectFindControlsInOneRow(page, 'Pick namespaces from the cluster', 'Find failing pods');
  }

  // The namespace field offers Manage access's picker: ticking a namespace adds it to the search.
  await page.getByRole('button', { name: 'Pick namespaces from the cluster' }).click();
  const picker = page.getByTestId('namespace-picker');
  await expect(picker.getByRole('checkbox', { name: 'team-b' })).toBeChecked();
  await picker.getByRole('checkbox', { name: 'team-a' }).check();
  await expect(page.getByLabel('Namespaces', { exact: true })).toHaveValue('team-b, team-a');
  await page.getByRole('button', { name: 'Find failing pods' }).click();
  await expect(page.getByTestId('diagnosis')).toHaveCount(2, { timeout: 20_000 });
  await expectNoSeriousAxeViolations(page, 'pull doctor with the namespace picker');
  await shotsInEachLanguage(app, 'doctor-05-namespace-picker', {
    operatorWords: OPERATOR_WORDS,
    check: async (_language, text) => {
      await expect(picker.getByRole('checkbox', { name: 'team-a' })).toBeChecked();
      await expect(picker.getByRole('checkbox', { name: 'team-b' })).toBeChecked();
      await expectFindControlsInOneRow(page, text('doctor.find.browseHide'), text('doctor.find.run'));
    },
  });
});
