import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { ADMIN_TOKEN, startKubeApiServer, writeKubeconfig, type KubeApiServer } from '../kube-api-server';
import { startDockerRegistry, type RunningDockerRegistry } from '../registry-servers/docker-registry';
import { buildOciImages, pushImage } from '../registry-servers/oci-images';
import { seedFailingPod, seedNode } from '../support/failing-pods';
import { expect, test } from './harness';

/**
 * The pictures of the README and docs/: the main journeys against a real docker-registry and the
 * Kubernetes API test server, written to docs/images/ by `npm run screenshots`.
 */

const IMAGES = resolve(import.meta.dirname, '../../docs/images');
const PASSWORD = `shots-${randomBytes(8).toString('hex')}`;
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

async function picture(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(IMAGES, `${name}.png`) });
}

test('the main journeys, pictured for the README and docs/', async ({ app }) => {
  test.setTimeout(300_000);
  const { page } = app;
  await page.setViewportSize({ width: 1280, height: 800 });
  const navigation = page.getByRole('navigation', { name: 'Sections' });

  await expect(page.getByText('Team registry').first()).toBeVisible();

  await navigation.getByRole('button', { name: 'Clusters' }).click();
  await page.getByRole('button', { name: 'Manage access Team registry' }).click();
  await page.getByRole('tab', { name: 'Status' }).click();
  await expect(page.locator('[data-context="lab"]').first()).toBeVisible({ timeout: 30_000 });
  await picture(page, 'access-status');

  // The list after that status check: its In clusters column shows the conflict, not "not checked yet".
  await navigation.getByRole('button', { name: 'Container registries' }).click();
  const health = page.locator('[data-testid="registry-row"][data-registry="Team registry"] [data-testid="cluster-health"]');
  await expect(health).toHaveAttribute('data-tone', 'error', { timeout: 30_000 });
  await expect(health).toContainText('1 conflict');
  await picture(page, 'registry-list');

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
  await preview.scrollIntoViewIfNeeded();
  await picture(page, 'import-export');

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
