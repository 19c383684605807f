import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { externalSecretsPass } from '../engine-controllers';
import { installEngine } from '../engine-crds';
import { ADMIN_TOKEN, startKubeApiServer, writeKubeconfig, type KubeApiServer } from '../kube-api-server';
import { startDockerRegistry, type RunningDockerRegistry } from '../registry-servers/docker-registry';
import { buildOciImages, pushImage } from '../registry-servers/oci-images';
import { seedFailingPod, seedNode } from '../support/failing-pods';
import { base64, type TestWorkstation } from '../support/import-workstation';
import { translate } from '../../shared/i18n';
import { expect, test } from './harness';
import { expectRowBadgesAligned } from './row-badges-aligned';
import { chooseRowAction } from './registry-row-menu';
import { useWorkstationWithClusters, useWorkstationWithHome } from './workstations';

/**
 * The pictures of the README and docs/: the main journeys against a real docker-registry and the
 * Kubernetes API test server, Keep in sync against that server with External Secrets' CRDs (its
 * controller's status played by the test double), and the workstation tools on a test home;
 * written to docs/images/ by `npm run screenshots`.
 */

const IMAGES = resolve(import.meta.dirname, '../../docs/images');
const PASSWORD = `shots-${randomBytes(8).toString('hex')}`;
/** The window every picture is taken in; a picture of a long screen grows taller, never wider. */
const WINDOW = { width: 1280, height: 800 };
const TALLEST = 1500;

/** The page's window as far as scrolling goes (test files compile without DOM types). */
interface WindowScroll {
  scrollTo(x: number, y: number): void;
}

/**
 * docs/images/<name>.png: the screen from its top, as the operator opens it, in a window tall
 * enough to show `through` (the part of the screen the picture is about) to its bottom. A part
 * that starts too far down for that is pictured alone (its card), never as a screen scrolled halfway.
 */
async function picture(page: Page, name: string, through?: Locator): Promise<void> {
  const path = join(IMAGES, `${name}.png`);
  await page.evaluate(() => (globalThis as unknown as WindowScroll).scrollTo(0, 0));
  const box = through ? await through.boundingBox() : null;
  const bottom = box ? Math.ceil(box.y + box.height) + 24 : 0;
  if (through && bottom > TALLEST) {
    await through.screenshot({ path });
    return;
  }
  await page.setViewportSize({ width: WINDOW.width, height: Math.max(WINDOW.height, bottom) });
  await page.evaluate(() => (globalThis as unknown as WindowScroll).scrollTo(0, 0));
  await page.screenshot({ path });
  await page.setViewportSize(WINDOW);
}

test.describe('the front door: README pictures', () => {
  const folder = mkdtempSync(join(tmpdir(), 'rd-shots-'));
  const kubeconfig = join(folder, 'config.yaml');
  let kube: KubeApiServer;
  let registry: RunningDockerRegistry;

  test.beforeAll(async () => {
    registry = await startDockerRegistry({ users: { alice: PASSWORD } });
    const images = await buildOciImages({});
    await pushImage(images, 'single', { reference: `${registry.address}/team/app:1`, username: 'alice', password: PASSWORD });
    await images.remove();
    kube = await startKubeApiServer();
    seedNode(kube, 'node-1', { architecture: 'amd64' });
    for (const team of ['team-a', 'team-b', 'team-c']) kube.seed.namespace(team);
    // A Secret of that name that Registry Desk did not write: the status shows a conflict.
    kube.seed.secret('team-c', { metadata: { name: 'team-registry-pull' }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': Buffer.from('{"auths":{}}').toString('base64') } });
    for (const pod of ['api-6f8d9c7b5c-4xk2p', 'api-6f8d9c7b5c-9tq7m']) {
      seedFailingPod(kube, 'team-b', { name: pod, image: `${registry.address}/team/app:1`, node: 'node-1', owner: { kind: 'ReplicaSet', name: 'api-6f8d9c7b5c' }, pullError: 'pull access denied, repository does not exist or may require authorization' });
    }
    writeKubeconfig(kubeconfig, [{ name: 'lab', server: kube.url, caPem: kube.caPem, token: ADMIN_TOKEN }]);
  });

  test.afterAll(async () => {
    await kube?.stop();
    await registry?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  test.use({
    appOptions: {
      kubeconfigPaths: [kubeconfig],
      seed: async (services) => {
        const team = await services.registries.create({ type: 'other', name: 'Team registry', url: `http://${registry.address}`, username: 'alice', password: PASSWORD, connection: 'insecure' });
        await services.registries.create({ type: 'docker', name: 'Docker Hub', url: 'docker.io', username: 'octocat', password: 'dckr_pat_shots', isDefault: true });
        await services.registries.create({ type: 'quay', name: 'Quay robots', url: 'quay.io', username: 'acme+deploy', password: 'quay-shots' });
        await services.access.save(team.id, {
          mode: 'inject-selected',
          allClusters: false,
          contexts: ['lab'],
          scope: { namespaces: { kind: 'list', names: ['team-a', 'team-c'] }, serviceAccounts: { kind: 'default' } },
          contextScopes: {},
          credential: { type: 'registry-credentials', secretName: 'team-registry-pull' },
        });
      },
    },
  });

  /** A pasted docker config: two logins that import, and two that the preview skips with their reason. */
  const DOCKER_CONFIG = {
    auths: {
      'https://index.docker.io/v1/': { auth: Buffer.from('octocat:dckr_pat_shots').toString('base64') },
      'https://index.docker.io/v1/access-token': { auth: Buffer.from('octocat:oauth-shots').toString('base64') },
      'ghcr.io': { auth: Buffer.from('octocat:ghp_shots').toString('base64') },
      'id.example.com': { username: 'sso', identitytoken: 'identity-shots' },
    },
  };

  test('the main journeys, pictured for the README and docs/', async ({ app }) => {
    test.setTimeout(300_000);
    const { page } = app;
    await page.setViewportSize(WINDOW);
    const navigation = page.getByRole('navigation', { name: 'Sections' });

    await expect(page.getByText('Team registry').first()).toBeVisible();

    await navigation.getByRole('button', { name: 'Clusters' }).click();
    await page.getByRole('button', { name: 'Manage access Team registry' }).click();
    await page.getByRole('tab', { name: 'Status' }).click();
    await expect(page.locator('[data-context="lab"]').first()).toBeVisible({ timeout: 30_000 });
    await expectRowBadgesAligned(page.getByTestId('status-table'), 'the status');
    await picture(page, 'access-status');
    // The preview's rows read as one line each: name, then each column's badge (team-c's conflict has two lines).
    await page.getByRole('tab', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    const plan = page.locator('[data-testid="plan-context"][data-context="lab"]');
    await expect(plan.locator('[data-testid="namespace-row"][data-namespace="team-c"]')).toContainText('Conflict', { timeout: 30_000 });
    await expectRowBadgesAligned(plan, 'the preview');
    await picture(page, 'access-preview', plan);

    // The list after that status check: its In clusters column shows the conflict, not "not checked yet".
    await navigation.getByRole('button', { name: 'Container registries' }).click();
    const health = page.locator('[data-testid="registry-row"][data-registry="Team registry"] [data-testid="cluster-health"]');
    await expect(health).toHaveAttribute('data-tone', 'error', { timeout: 30_000 });
    await expect(health).toContainText('1 conflict');
    // Tested from its row: the list answers both questions, does it log in and where is it.
    await chooseRowAction(page, 'Team registry', 'registryList.menu.test');
    await expect(page.locator('[data-testid="registry-row"][data-registry="Team registry"]')).toContainText('Connection works', { timeout: 30_000 });
    await picture(page, 'registry-list');
    // Adding one: the seven types, each with the fields it needs, tested before it is saved.
    await page.getByRole('button', { name: 'Add container registry' }).first().click();
    await page.getByRole('radio', { name: 'Other', exact: true }).check();
    await page.getByLabel('Name', { exact: true }).fill('Lab registry');
    await page.getByLabel('Registry URL', { exact: true }).fill(`http://${registry.address}`);
    await page.getByLabel('Username', { exact: true }).fill('alice');
    await page.getByLabel('Password/Token', { exact: true }).fill(PASSWORD);
    await page.getByRole('radio', { name: 'Allow insecure connection', exact: true }).check();
    await picture(page, 'registry-form');
    await page.getByRole('button', { name: 'Test connection', exact: true }).click();
    const tested = page.getByTestId('connection-result');
    await expect(tested).toContainText('Connection works', { timeout: 30_000 });
    await picture(page, 'registry-test', tested);
    await page.getByRole('button', { name: 'Cancel' }).click();

    await navigation.getByRole('button', { name: 'Pull doctor' }).click();
    await page.getByRole('checkbox', { name: 'lab' }).check();
    await page.getByRole('button', { name: 'Find failing pods' }).click();
    await expect(page.getByTestId('verdict').first()).toContainText('refuses anonymous pulls', { timeout: 30_000 });
    await picture(page, 'pull-doctor');

    await navigation.getByRole('button', { name: 'Import and export' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Import and export' })).toBeVisible();
    // A pasted docker config: the preview lists what imports and says why the rest is skipped.
    await page.getByText('Other sources: a pasted or uploaded docker config, a cluster pull secret').click();
    await page.getByLabel('Or paste its content').fill(JSON.stringify(DOCKER_CONFIG));
    await page.getByRole('button', { name: 'Preview', exact: true }).click();
    const preview = page.getByRole('table', { name: 'Found logins' });
    await expect(preview.locator('tr[data-candidate]')).toHaveCount(Object.keys(DOCKER_CONFIG.auths).length);
    await expect(preview.locator('tr[data-candidate="id.example.com"]')).toContainText('identity token');
    // From the screen's top: its heading and the sources above the logins they found, down to the end of their card.
    await picture(page, 'import-export', page.getByRole('region', { name: 'Found logins' }));

    // The fleet radar's matrix: team-b's failing pods run the team registry's image without its pull secret.
    await navigation.getByRole('button', { name: 'Fleet radar' }).click();
    await page.getByRole('button', { name: 'Scan the fleet' }).click();
    const teamB = page.locator('[data-testid="radar-row"][data-context="lab"][data-namespace="team-b"]');
    await expect(teamB.getByTestId('radar-cell')).toHaveAttribute('data-worst', 'fail', { timeout: 60_000 });
    await expect(page.getByTestId('radar-summary')).toContainText('2 workloads');
    await picture(page, 'radar');

    // The registry browser's image detail: team/app:1, a single image, with its platform and digest.
    await navigation.getByRole('button', { name: 'Browse' }).click();
    await page.getByLabel('Registry').selectOption({ label: 'Team registry' });
    await page.getByRole('list', { name: 'Repositories' }).getByRole('button', { name: 'team/app' }).click({ timeout: 20_000 });
    await page.getByRole('button', { name: '1', exact: true }).click({ timeout: 20_000 });
    await expect(page.getByRole('table').getByRole('rowheader')).toHaveText(['linux/amd64'], { timeout: 20_000 });
    await picture(page, 'registry-browser');
  });
});

test.describe('Keep in sync in the cluster: docs/keep-in-sync.md', () => {
  // One cluster with External Secrets' CRDs installed, two team namespaces labelled for the selector.
  const cluster = useWorkstationWithClusters({
    name: 'shots-sync',
    namespaces: ['team-a', 'team-b'],
    namespaceLabels: { tier: 'web' },
    prepare: (server) => installEngine(server, 'external-secrets'),
    contexts: [{ name: 'prod-eu', token: ADMIN_TOKEN }],
    seed: async (services) => {
      const hub = await services.registries.create({ type: 'docker', name: 'Docker Hub', url: 'docker.io', username: 'octocat', password: PASSWORD, isDefault: true });
      await services.access.save(hub.id, {
        mode: 'inject-selected',
        allClusters: false,
        contexts: ['prod-eu'],
        scope: { namespaces: { kind: 'selector', labelSelector: 'tier=web' }, serviceAccounts: { kind: 'default' } },
        contextScopes: {},
        credential: { type: 'registry-credentials', secretName: 'docker-hub-pull' },
      });
    },
  });

  test('choose the engine, then its status with its own Ready condition', async ({ app }) => {
    const { page } = app;
    await page.setViewportSize(WINDOW);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Clusters' }).click();
    await page.getByRole('button', { name: 'Manage access Docker Hub' }).click();
    await page.getByRole('tab', { name: 'Keep in sync in the cluster' }).click();
    const row = page.locator('[data-testid="sync-context"][data-context="prod-eu"]');
    await expect(row.locator('[data-engine="external-secrets"] .badge')).toHaveText('Installed');
    await expect(row.locator('[data-engine="reflector"] .badge')).toHaveText('Not installed');
    await page.getByLabel('Who writes the secrets in prod-eu').selectOption('external-secrets');
    // A missing engine's pinned Helm command, opened as an operator would to copy it.
    await row.getByText('Install Reflector', { exact: true }).click();
    await expect(row.getByRole('button', { name: 'Copy the Reflector install command' })).toBeVisible();
    await picture(page, 'keep-in-sync-choose', page.getByTestId('sync-choices'));

    await page.getByRole('button', { name: 'Preview manifests' }).click();
    const plan = page.getByTestId('sync-plan');
    await expect(plan.locator('[data-testid="sync-plan-context"][data-context="prod-eu"]')).toHaveAttribute('data-state', 'ready');
    await plan.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByTestId('sync-applied')).toContainText('0 failed');
    // The engine reconciles (its controller's part played by the test double); "Check again" reads its Ready condition.
    await externalSecretsPass(cluster.server);
    const status = page.getByTestId('sync-status');
    await status.getByRole('button', { name: 'Check again' }).click();
    const statusOf = status.locator('[data-context="prod-eu"]');
    await expect(statusOf.locator('[data-namespace="team-a"]')).toHaveAttribute('data-state', 'in-sync');
    await expect(statusOf.locator('tr[data-kind="ClusterSecretStore"] .badge')).toHaveText('Ready');
    await expect(statusOf.locator('.context-card-heading .badge')).toHaveText('Checked');
    await picture(page, 'keep-in-sync-status', status);
  });
});

test.describe('Use in docker, podman, helm: docs/credential-helper.md', () => {
  const HOST = 'registry.example.com';
  const PLAIN = 'plain-shots-secret';
  /** The team registry's password in Registry Desk's keychain, which the helper answers with. */
  const KEPT = 'kept-in-keychain';
  // docker's config with plain-text logins for the team registry and ghcr.io, containers' auth.json
  // with another copy of the first, and a stand-in `registry-desk` helper that answers for the team
  // registry as the real one would from the keychain (the real helper is run in workstation-tools.spec.ts).
  useWorkstationWithHome({
    prepare: async (station: TestWorkstation) => {
      await station.writeDockerConfig({ auths: { [HOST]: { auth: base64(`alice:${PLAIN}`) }, 'ghcr.io': { auth: base64(`octocat:${PLAIN}`) } } });
      await station.writeFile(join(station.home, '.config', 'containers', 'auth.json'), { auths: { [HOST]: { auth: base64(`alice:${PLAIN}`) } } });
      await station.writeHelper(
        'registry-desk',
        `read -r host\nif [ "$1 $host" = "get ${HOST}" ]; then printf '{"ServerURL":"%s","Username":"alice","Secret":"${KEPT}"}' "$host"; else echo "credentials not found in native keychain"; exit 1; fi`,
      );
    },
    seed: async (services) => {
      await services.registries.create({ type: 'other', name: 'Team registry', url: `https://${HOST}`, username: 'alice', password: KEPT, connection: 'secure' });
    },
  });

  test('the switch previewed, then the login doctor', async ({ app }) => {
    const { page } = app;
    await page.setViewportSize(WINDOW);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: translate('en', 'nav.tools') }).click();
    await page.getByRole('checkbox', { name: translate('en', 'tools.pick', { name: 'Team registry' }) }).check();
    await page.getByRole('button', { name: translate('en', 'tools.preview') }).click();
    const preview = page.getByTestId('tools-preview');
    // ghcr.io's login stays in plain text: the preview counts it.
    await expect(preview.getByText(translate('en', 'tools.plainTextAfter', { count: 1 }))).toBeVisible();
    await picture(page, 'tools-switch-preview', preview);

    await preview.getByRole('button', { name: translate('en', 'tools.apply') }).click();
    await expect(page.getByTestId('tools-applied')).toBeVisible();
    const doctor = page.getByTestId('tools-doctor');
    await doctor.getByRole('button', { name: translate('en', 'tools.doctorRun') }).click();
    const row = (host: string) => doctor.locator(`[data-testid="doctor-host"][data-host="${host}"]`);
    await expect(row(HOST).getByTestId('doctor-docker')).toHaveAttribute('data-where', 'registry-desk');
    await expect(row('ghcr.io').getByTestId('doctor-flag-plainText')).toBeVisible();
    // The helper answers with the keychain's own login: one login for the host, not two.
    await expect(row(HOST).getByTestId('doctor-flag-conflict')).toHaveCount(0);
    await picture(page, 'login-doctor', doctor);
  });
});
