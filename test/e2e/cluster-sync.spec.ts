import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installEngine, installReflector } from '../engine-crds';
import { reflectorPass } from '../engine-controllers';
import { ADMIN_TOKEN, startKubeApiServer, writeKubeconfig, type KubeApiServer } from '../kube-api-server';
import { expect, test, chooseLanguage } from './harness';

/**
 * "Keep in sync in the cluster" end to end in Chromium: one cluster with Reflector, one with
 * External Secrets (as the Kubernetes API test server presents them), English and Chinese.
 */

const folder = mkdtempSync(join(tmpdir(), 'rd-e2e-sync-'));
const kubeconfig = join(folder, 'config.yaml');
const PASSWORD = 'dckr_pat_sync0SECRET:with&<chars>';
const SECRET_NAME = 'docker-hub-pull-secret';
const ADMIN = { name: 'admin', rules: [{ verbs: ['*'], resources: ['*'], apiGroups: ['*'] }] };

let reflector: KubeApiServer;
let eso: KubeApiServer;

test.beforeAll(async () => {
  reflector = await startKubeApiServer({ users: { [ADMIN_TOKEN]: ADMIN } });
  eso = await startKubeApiServer({ users: { [ADMIN_TOKEN]: ADMIN } });
  for (const server of [reflector, eso]) for (const team of ['team-a', 'team-b']) server.seed.namespace(team, { tier: 'web' });
  installReflector(reflector);
  installEngine(eso, 'external-secrets');
  writeKubeconfig(kubeconfig, [
    { name: 'with-reflector', server: reflector.url, caPem: reflector.caPem, token: ADMIN_TOKEN },
    { name: 'with-eso', server: eso.url, caPem: eso.caPem, token: ADMIN_TOKEN },
  ]);
});

test.afterAll(async () => {
  await reflector?.stop();
  await eso?.stop();
});

test.use({
  appOptions: {
    kubeconfigPaths: [kubeconfig],
    seed: async (services) => {
      const registry = await services.registries.create({ type: 'docker', name: 'Docker Hub', url: 'docker.io', username: 'octocat', password: PASSWORD, isDefault: true });
      await services.access.save(registry.id, {
        mode: 'inject-selected',
        allClusters: false,
        contexts: ['with-reflector', 'with-eso'],
        scope: { namespaces: { kind: 'selector', labelSelector: 'tier=web' }, serviceAccounts: { kind: 'default' } },
        contextScopes: {},
        credential: { type: 'registry-credentials', secretName: SECRET_NAME },
      });
    },
  },
});

test('choose an engine per context, preview the manifests, apply, watch the status, export — in English and Chinese', async ({ app }) => {
  const { page } = app;
  const pages: string[] = [];
  const shot = async (name: string) => {
    await app.screenshot(name);
    pages.push(await page.content());
  };
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Clusters' }).click();
  await page.getByRole('button', { name: 'Manage access Docker Hub' }).click();
  await page.getByRole('tab', { name: 'Keep in sync in the cluster' }).click();
  const contextCard = (context: string) => page.locator(`[data-testid="sync-context"][data-context="${context}"]`);
  await expect(contextCard('with-reflector').locator('[data-engine="reflector"]')).toHaveAttribute('data-state', 'present');
  await expect(contextCard('with-eso').locator('[data-engine="external-secrets"]')).toHaveAttribute('data-state', 'present');
  await expect(contextCard('with-eso').locator('[data-engine="reflector"]')).toContainText('not installed: helm install emberstack/reflector');

  await page.getByLabel('Who writes the secrets in with-reflector').selectOption('reflector');
  await page.getByLabel('Who writes the secrets in with-eso').selectOption('external-secrets');
  await shot('cluster-sync-01-choose');

  await page.getByRole('button', { name: 'Preview manifests' }).click();
  const planOf = (context: string) => page.locator(`[data-testid="sync-plan-context"][data-context="${context}"]`);
  await expect(planOf('with-reflector')).toHaveAttribute('data-state', 'ready');
  await expect(planOf('with-reflector').getByTestId('sync-yaml')).toContainText('reflection-auto-namespaces-selector: tier=web,kubernetes.io/metadata.name!=registry-desk');
  await expect(planOf('with-eso').locator('[data-kind="ClusterExternalSecret"]')).toHaveAttribute('data-action', 'create');
  await shot('cluster-sync-02-preview');

  await page.getByTestId('sync-plan').getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('sync-result')).toContainText('0 failed');
  expect(reflector.read('secrets', 'registry-desk', SECRET_NAME)).toBeDefined();
  expect(eso.read('clusterexternalsecrets.external-secrets.io', null, `registry-desk-${SECRET_NAME}`)).toBeDefined();
  await shot('cluster-sync-03-applied');

  await reflectorPass(reflector);
  await page.getByRole('button', { name: 'Status', exact: true }).click();
  const status = page.getByTestId('sync-status');
  await expect(status.locator('[data-context="with-reflector"] [data-namespace="team-a"]')).toHaveAttribute('data-state', 'in-sync');
  await expect(status.locator('[data-context="with-eso"] [data-namespace="team-a"]')).toHaveAttribute('data-state', 'missing');
  await shot('cluster-sync-04-status');

  await page.getByRole('button', { name: 'Export for GitOps' }).click();
  await expect(page.getByTestId('sync-export')).toContainText(`registry-desk-${SECRET_NAME}-with-eso.yaml`);
  await shot('cluster-sync-05-export');

  // Saving into a folder that already holds the files writes nothing until the operator confirms.
  const export_ = page.getByTestId('sync-export');
  const fileNames = [`registry-desk-${SECRET_NAME}-with-eso.yaml`, `registry-desk-${SECRET_NAME}-with-reflector.yaml`];
  await export_.getByRole('button', { name: 'Save files to a folder…' }).click();
  await expect(export_.getByRole('status')).toHaveText(`Saved 2 files to ${app.savedFiles}`);
  expect(readdirSync(app.savedFiles).sort()).toEqual(fileNames);
  const saved = readFileSync(join(app.savedFiles, fileNames[0]!), 'utf8');
  writeFileSync(join(app.savedFiles, fileNames[0]!), '# edited by hand\n');
  await export_.getByRole('button', { name: 'Save files to a folder…' }).click();
  const replace = page.getByRole('dialog', { name: `Replace 2 files in ${app.savedFiles}?` });
  await expect(replace).toContainText(fileNames[1]!);
  await shot('cluster-sync-05b-replace');
  await replace.getByRole('button', { name: 'Cancel' }).click();
  await expect(replace).toBeHidden();
  expect(readFileSync(join(app.savedFiles, fileNames[0]!), 'utf8')).toBe('# edited by hand\n');
  await export_.getByRole('button', { name: 'Save files to a folder…' }).click();
  await replace.getByRole('button', { name: 'Replace the files' }).click();
  await expect(export_.getByRole('status')).toHaveText(`Saved 2 files to ${app.savedFiles}`);
  expect(readFileSync(join(app.savedFiles, fileNames[0]!), 'utf8')).toBe(saved);

  await chooseLanguage(page, 'zh-CN');
  await expect(page.getByRole('tab', { name: '在集群内保持同步' })).toBeVisible();
  await page.getByRole('button', { name: '预览清单' }).click();
  await expect(planOf('with-reflector')).toContainText('就绪');
  await shot('cluster-sync-06-preview-zh');

  for (const content of pages) {
    expect(content).not.toContain(PASSWORD);
    expect(content).not.toContain(Buffer.from(`octocat:${PASSWORD}`).toString('base64'));
  }
});
