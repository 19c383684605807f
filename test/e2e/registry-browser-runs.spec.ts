import { randomBytes } from 'node:crypto';
import { ADMIN_TOKEN, type KubeApiServer } from '../kube-api-server';
import { startDockerRegistry, type RunningDockerRegistry } from '../registry-servers/docker-registry';
import { buildOciImages, pushImage } from '../registry-servers/oci-images';
import { seedFailingPod, seedNode } from '../support/failing-pods';
import { expectReadableInChinese, PLATFORMS } from './chinese-problems';
import { expectNoSeriousAxeViolations } from './axe';
import { chooseLanguage, expect, test } from './harness';
import { expectTablesFit } from './tables-fit';
import { useWorkstationWithClusters } from './workstations';

/**
 * "Where it runs" end to end, in English and Chinese at 1024 and 1280 px: an image's pods on the
 * Kubernetes API test server, one running what the tag names now, one started before the tag moved;
 * and the way in from the pull doctor: a failing pod's verdict opens the browser at its image.
 */

const PASSWORD = `e2e-${randomBytes(8).toString('hex')}`;
let registry: RunningDockerRegistry;
let oldDigest = '';
let newDigest = '';
/** team/worker:1, the image of a pod that cannot pull it (no pull secret). */
let workerDigest = '';

function seedPod(kube: KubeApiServer, name: string, image: string, imageID: string): void {
  kube.seed.pod('shop', { metadata: { name }, spec: { containers: [{ name: 'main', image }] } }, {
    phase: 'Running',
    containerStatuses: [{ name: 'main', image, imageID, ready: true, restartCount: 0, started: true, state: { running: { startedAt: new Date().toISOString() } } }],
  });
}

test.beforeAll(async () => {
  registry = await startDockerRegistry({ users: { alice: PASSWORD } });
  const images = await buildOciImages({});
  const later = await buildOciImages({}, 'later');
  const alice = { username: 'alice', password: PASSWORD, tlsVerify: false };
  await pushImage(images, 'single', { reference: `${registry.address}/team/app:stable`, ...alice });
  oldDigest = images.digests.single!;
  // `stable` moves after `old` started from it; `new` started after the move.
  await pushImage(later, 'single', { reference: `${registry.address}/team/app:stable`, ...alice });
  newDigest = later.digests.single!;
  await pushImage(images, 'single', { reference: `${registry.address}/team/worker:1`, ...alice });
  workerDigest = images.digests.single!;
  await images.remove();
  await later.remove();
});

test.afterAll(async () => {
  await registry?.stop();
});

useWorkstationWithClusters({
  name: 'runs',
  namespaces: ['shop'],
  prepare: (kube) => {
    seedPod(kube, 'web-old', `${registry.address}/team/app:stable`, `${registry.address}/team/app@${oldDigest}`);
    seedPod(kube, 'web-new', `${registry.address}/team/app:stable`, `${registry.address}/team/app@${newDigest}`);
    seedNode(kube, 'node-1', { architecture: 'amd64' });
    seedFailingPod(kube, 'shop', { name: 'worker-0', image: `${registry.address}/team/worker:1`, node: 'node-1', pullError: 'pull access denied, repository does not exist or may require authorization' });
  },
  contexts: [{ name: 'prod', token: ADMIN_TOKEN }],
  currentContext: 'prod',
  seed: async (services) => {
    await services.registries.create({ type: 'other', name: 'Team registry', url: `http://${registry.address}`, username: 'alice', password: PASSWORD, connection: 'insecure' });
  },
});

async function openStable(page: import('@playwright/test').Page, labels: { nav: string; registry: string; repository: string; open: string }): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: labels.nav }).click();
  await page.getByLabel(labels.registry, { exact: true }).selectOption({ label: 'Team registry' });
  await page.getByLabel(labels.repository).fill('team/app');
  await page.getByRole('button', { name: labels.open }).click();
  await page.getByRole('button', { name: 'stable', exact: true }).click();
}

/** The registry, repositories, tags, contexts and workloads: shown as written in Chinese too, with the image's platforms. */
const BROWSE_WORDS = ['Team registry', 'team/app', 'stable', 'lab', 'web-new', 'web-old', 'shop', ...PLATFORMS];

test('an image’s pods, one running it and one started before its tag moved', async ({ app }) => {
  const { page } = app;
  await openStable(page, { nav: 'Browse', registry: 'Registry', repository: 'Repository name', open: 'Open' });
  await page.getByRole('button', { name: 'Find in clusters' }).click();
  const rows = page.getByTestId('browse-runs').locator('tbody tr');
  await expect(rows).toHaveCount(2, { timeout: 30_000 });
  await expect(page.getByTestId('browse-runs').locator('tr[data-state="tag-moved"]')).toContainText('web-old');
  await expect(page.getByTestId('browse-runs').locator('tr[data-state="tag-moved"]')).toContainText(oldDigest);
  await expect(page.getByTestId('browse-runs').locator('tr[data-state="runs-it"]')).toContainText('web-new');
  await expect(page.getByText(/stable now names sha256:[a-f0-9]{64}; 1 container\(s\) started from it still run what it named before\./)).toBeVisible();
  await expectNoSeriousAxeViolations(page, 'where it runs (en)');
  for (const width of [1024, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await expectTablesFit(page, `where it runs at ${width} px`);
    await app.screenshot(`browse-runs-en-${width}`);
  }
});

test('in Simplified Chinese', async ({ app }) => {
  const { page } = app;
  await chooseLanguage(page, 'zh-CN');
  await openStable(page, { nav: '浏览', registry: '注册表', repository: '仓库名称', open: '打开' });
  await page.getByRole('button', { name: '在集群中查找' }).click();
  await expect(page.getByTestId('browse-runs').locator('tbody tr')).toHaveCount(2, { timeout: 30_000 });
  await expect(page.getByText('标签已指向别处')).toBeVisible();
  await expect(page.getByText('正在运行', { exact: true })).toBeVisible();
  await expectNoSeriousAxeViolations(page, 'where it runs (zh)');
  for (const width of [1024, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await expectTablesFit(page, `where it runs in Chinese at ${width} px`);
    await expectReadableInChinese(page, `browse-runs-zh-${width}`, BROWSE_WORDS);
    await app.screenshot(`browse-runs-zh-${width}`);
  }
});

const DOCTOR = {
  en: { nav: 'Pull doctor', find: 'Find failing pods', browse: 'Browse this image', registry: 'Registry', tags: 'Tags of team/worker', back: 'Back to Pull doctor' },
  'zh-CN': { nav: '拉取诊断', find: '查找拉取失败的 Pod', browse: '浏览此镜像', registry: '注册表', tags: 'team/worker 的标签', back: '返回拉取诊断' },
} as const;

for (const language of ['en', 'zh-CN'] as const) {
  test(`the pull doctor's verdict opens the browser at its image, and the way back returns to it (${language})`, async ({ app }) => {
    const { page } = app;
    const labels = DOCTOR[language];
    if (language !== 'en') await chooseLanguage(page, language);
    await page.getByRole('navigation').getByRole('button', { name: labels.nav, exact: true }).click();
    await page.getByRole('checkbox', { name: 'prod' }).check();
    await page.getByRole('button', { name: labels.find, exact: true }).click();
    const diagnosis = page.getByTestId('diagnosis');
    await expect(diagnosis).toHaveCount(1, { timeout: 30_000 });
    await expect(diagnosis).toHaveAttribute('aria-label', `${registry.address}/team/worker:1`);
    await diagnosis.getByRole('button', { name: labels.browse }).click();

    // At the image, in the saved registry serving its host, read from the registry: the digest skopeo pushed.
    await expect(page.getByLabel(labels.registry, { exact: true }).locator('option:checked')).toHaveText('Team registry');
    await expect(page.getByRole('heading', { name: 'team/worker:1', level: 2 })).toBeFocused();
    await expect(page.getByText(`${registry.address}/team/worker@${workerDigest}`, { exact: true })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByText(`${registry.address}/team/worker:1@${workerDigest}`, { exact: true })).toBeVisible();
    for (const width of [1024, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await expectTablesFit(page, `the image from the pull doctor at ${width} px`);
      await app.screenshot(`browse-from-doctor-${language}-${width}`);
    }
    // Escape goes up to the repository's tags, on the tag the doctor named.
    await page.keyboard.press('Escape');
    await expect(page.getByRole('heading', { name: labels.tags })).toBeVisible();
    await expect(page.getByRole('list', { name: labels.tags }).getByRole('button', { name: '1', exact: true })).toBeFocused();

    await page.getByRole('button', { name: labels.back }).click();
    await expect(page.getByTestId('diagnosis')).toHaveCount(1);
    await expect(page.getByTestId('diagnosis').getByRole('button', { name: labels.browse })).toBeVisible();
  });
}
