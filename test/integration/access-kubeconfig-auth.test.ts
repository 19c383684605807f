import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPluginPath } from '../../main/plugin-path/plugin-path';
import { ADMIN_TOKEN, startKubeApiServer, writeKubeconfig, type KubeApiServer } from '../kube-api-server';
import { valueOf } from '../support/access-flow';
import { createAccessFixture, type AccessFixture } from '../support/access-services';

// How contexts authenticate: an exec credential plugin that is only on the login shell's PATH
// (as for an app started from a desktop launcher), a client certificate, a token file named by
// a relative path; and the kubeconfig being reloaded when its file changes.

const execFileAsync = promisify(execFile);

describe('context credentials', () => {
  let server: KubeApiServer;
  let fixture: AccessFixture;
  let dir: string;
  let pluginDir: string;
  let pluginRuns: string;
  let kubeconfig: string;

  beforeAll(async () => {
    server = await startKubeApiServer();
    server.seed.namespace('apps');
    dir = mkdtempSync(join(tmpdir(), 'rd-auth-'));
    pluginDir = join(dir, 'login-shell-bin');
    pluginRuns = join(dir, 'plugin-runs');
    mkdirSync(pluginDir);
    writeFileSync(pluginRuns, '');
    // A plugin like aws / gke-gcloud-auth-plugin / kubelogin: reads KUBERNETES_EXEC_INFO, prints an ExecCredential.
    writeFileSync(
      join(pluginDir, 'fake-cloud-auth'),
      `#!/bin/sh
case "$KUBERNETES_EXEC_INFO" in *ExecCredential*) ;; *) echo "no exec info" >&2; exit 3 ;; esac
echo run >> '${pluginRuns}'
printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s","expirationTimestamp":"2099-01-01T00:00:00Z"}}' "$FAKE_TOKEN"
`,
    );
    chmodSync(join(pluginDir, 'fake-cloud-auth'), 0o755);
    const certificate = await server.issueClientCertificate({ name: 'cert-admin', rules: [{ verbs: ['*'], resources: ['*'] }] });
    writeFileSync(join(dir, 'token.txt'), `${ADMIN_TOKEN}\n`);
    kubeconfig = writeKubeconfig(join(dir, 'config'), [
      { name: 'plugin', server: server.url, caPem: server.caPem, exec: { command: 'fake-cloud-auth', env: [{ name: 'FAKE_TOKEN', value: ADMIN_TOKEN }] } },
      { name: 'missing-plugin', server: server.url, caPem: server.caPem, exec: { command: 'no-such-auth-plugin' } },
      { name: 'certificate', server: server.url, caPem: server.caPem, clientCertificatePem: certificate.certificatePem, clientKeyPem: certificate.keyPem },
      { name: 'wrong-ca', server: server.url, token: ADMIN_TOKEN },
      { name: 'insecure', server: server.url, token: ADMIN_TOKEN, insecureSkipTlsVerify: true },
    ]);
    const tokenFileConfig = join(dir, 'token-file.yaml');
    writeFileSync(
      tokenFileConfig,
      `apiVersion: v1
kind: Config
clusters:
- name: tf
  cluster: {server: "${server.url}", certificate-authority-data: ${Buffer.from(server.caPem).toString('base64')}}
users:
- name: tf
  user: {tokenFile: token.txt}
contexts:
- name: token-file
  context: {cluster: tf, user: tf}
`,
    );
    fixture = createAccessFixture({
      keychainService: `registry-desk-test-${randomBytes(4).toString('hex')}`,
      kubeconfigPaths: [kubeconfig, tokenFileConfig],
      pluginPath: createPluginPath({ processPath: '/usr/bin:/bin', home: dir, loginShell: async () => pluginDir }),
    });
  });

  afterAll(async () => {
    await fixture?.close();
    await server?.stop();
  });

  it('each kind of credential works, and each broken one says what is wrong', async () => {
    const probed = valueOf(await fixture.ipc.invoke('clusters:probe', {}));
    expect(probed).toMatchObject({
      plugin: { state: 'reachable' },
      certificate: { state: 'reachable' },
      'token-file': { state: 'reachable' },
      'missing-plugin': { state: 'unreachable', error: { code: 'cluster.execNotFound', params: { command: 'no-such-auth-plugin' } } },
      'wrong-ca': { state: 'unreachable', error: { code: 'cluster.tls' } },
      insecure: { state: 'reachable' },
    });
    expect(valueOf(await fixture.ipc.invoke('clusters:list', {})).contexts.find((context) => context.name === 'insecure')?.insecureSkipTlsVerify).toBe(true);
    for (const context of ['plugin', 'certificate', 'token-file']) {
      const page = valueOf(await fixture.ipc.invoke('clusters:namespaces', { context, limit: 10 }));
      expect(page.items.map((item) => item.name), context).toContain('apps');
    }
  });

  it('runs the plugin found on the login shell PATH once and reuses its token until it expires', async () => {
    const api = await fixture.services.clusters.api('plugin');
    await Promise.all(Array.from({ length: 20 }, () => api.get('/api/v1/namespaces/apps')));
    expect(readFileSync(pluginRuns, 'utf8').trim().split('\n')).toHaveLength(1);
    const list = valueOf(await fixture.ipc.invoke('clusters:list', {}));
    expect(list.contexts.find((context) => context.name === 'plugin')).toMatchObject({ auth: 'exec', execCommand: 'fake-cloud-auth' });
    expect(JSON.stringify(list)).not.toContain(ADMIN_TOKEN);
  });

  it('kubectl accepts the same kubeconfig and plugin, so the app reads it as kubectl does', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'kubectl-cache-'));
    const { stdout } = await execFileAsync('kubectl', ['--context', 'plugin', '--cache-dir', cacheDir, 'get', 'namespace', 'apps', '-o', 'name'], {
      env: { PATH: `${pluginDir}:/usr/bin:/bin`, HOME: cacheDir, KUBECONFIG: kubeconfig },
    });
    expect(stdout.trim()).toBe('namespace/apps');
  });
});

describe('kubeconfig changes', () => {
  let server: KubeApiServer;
  let fixture: AccessFixture;

  beforeAll(async () => {
    server = await startKubeApiServer();
  });

  afterAll(async () => {
    await fixture?.close();
    await server?.stop();
  });

  it('reloads when a file is rewritten or appears, and tells the window', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rd-watch-'));
    const first = writeKubeconfig(join(dir, 'first'), [{ name: 'one', server: server.url, caPem: server.caPem, token: ADMIN_TOKEN }]);
    const later = join(dir, 'later');
    fixture = createAccessFixture({ keychainService: `registry-desk-test-${randomBytes(4).toString('hex')}`, kubeconfigPaths: [first, later] });
    fixture.services.clusters.watch();
    const names = async () => valueOf(await fixture.ipc.invoke('clusters:list', {})).contexts.map((context) => context.name);
    expect(await names()).toEqual(['one']);
    const changes = () => fixture.events.filter((entry) => entry.event === 'event:kubeconfig-changed').length;

    writeKubeconfig(first, [
      { name: 'one', server: server.url, caPem: server.caPem, token: ADMIN_TOKEN },
      { name: 'two', server: server.url, caPem: server.caPem, token: ADMIN_TOKEN },
    ]);
    await expect.poll(changes).toBe(1);
    expect(await names()).toEqual(['one', 'two']);

    writeKubeconfig(later, [{ name: 'three', server: server.url, caPem: server.caPem, token: ADMIN_TOKEN }]);
    await expect.poll(changes).toBe(2);
    expect(await names()).toEqual(['one', 'three', 'two']);
  });
});
