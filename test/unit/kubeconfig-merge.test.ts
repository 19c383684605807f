import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contextView } from '../../main/clusters/context-view';
import { loadKubeconfig } from '../../main/kube/kubeconfig';
import { kubeconfigLocation } from '../../main/kube/kubeconfig-files';

// kubectl is the reference for how several KUBECONFIG files merge: the first file to set a value
// wins, missing files are skipped, relative paths resolve against the file that names them.

const root = mkdtempSync(join(tmpdir(), 'kubeconfig-merge-'));
mkdirSync(join(root, 'team', 'certs'), { recursive: true });
writeFileSync(join(root, 'team', 'certs', 'ca.crt'), 'not read by this test');

const first = join(root, 'first.yaml');
const second = join(root, 'team', 'second.yaml');
const missing = join(root, 'absent.yaml');

writeFileSync(
  first,
  `apiVersion: v1
kind: Config
current-context: prod
clusters:
- name: prod-cluster
  cluster:
    server: https://prod.example.com:6443
- name: shared
  cluster:
    server: https://first-wins.example.com
users:
- name: prod-admin
  user:
    token: first-token
contexts:
- name: prod
  context: {cluster: prod-cluster, user: prod-admin, namespace: payments}
- name: shared-context
  context: {cluster: shared, user: prod-admin}
`,
);
writeFileSync(
  second,
  `apiVersion: v1
kind: Config
current-context: staging
clusters:
- name: shared
  cluster:
    server: https://second-loses.example.com
- name: staging-cluster
  cluster:
    server: https://staging.example.com
    certificate-authority: certs/ca.crt
    insecure-skip-tls-verify: false
users:
- name: staging-user
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: ./bin/get-token
      args: [--cluster, staging]
- name: gke-user
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: gke-gcloud-auth-plugin
contexts:
- name: staging
  context: {cluster: staging-cluster, user: staging-user}
- name: prod
  context: {cluster: staging-cluster, user: staging-user, namespace: loses}
- name: gke
  context: {cluster: staging-cluster, user: gke-user, namespace: web}
- name: dangling
  context: {cluster: nowhere, user: gke-user}
`,
);

const KUBECONFIG = [first, missing, second].join(delimiter);
const cacheDir = mkdtempSync(join(tmpdir(), 'kubectl-cache-'));

function kubectl(args: string[]): string {
  return execFileSync('kubectl', [...args, '--cache-dir', cacheDir], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cacheDir, KUBECONFIG },
  });
}

/** `kubectl config get-contexts` as rows of CURRENT, NAME, CLUSTER, AUTHINFO, NAMESPACE. */
function kubectlContexts(): string[][] {
  const lines = kubectl(['config', 'get-contexts']).trimEnd().split('\n');
  const header = lines[0]!;
  const starts = ['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE'].map((column) => header.indexOf(column));
  return lines.slice(1).map((line) => starts.map((start, index) => line.slice(start, starts[index + 1] ?? undefined).trim()));
}

describe('kubeconfig as kubectl sees it', () => {
  it('lists the contexts of several KUBECONFIG files exactly like kubectl config get-contexts', async () => {
    const config = await loadKubeconfig(kubeconfigLocation(KUBECONFIG, '/nonexistent-home'));
    const ours = [...config.contexts.values()]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((entry) => {
        const view = contextView(config, entry, { state: 'unchecked' });
        return [view.isCurrent ? '*' : '', view.name, view.cluster ?? '', view.user ?? '', entry.namespace ?? ''];
      });
    expect(ours).toEqual(kubectlContexts());
    expect(ours.map((row) => row[1])).toEqual(['dangling', 'gke', 'prod', 'shared-context', 'staging']);
  });

  it('merges values, servers and paths the way kubectl config view --flatten does', async () => {
    const config = await loadKubeconfig(kubeconfigLocation(KUBECONFIG, '/nonexistent-home'));
    // --flatten reads each file a kubeconfig names, so it shows where kubectl resolved the path.
    const view = JSON.parse(kubectl(['config', 'view', '-o', 'json', '--flatten'])) as {
      'current-context': string;
      clusters: { name: string; cluster: { server: string; 'certificate-authority-data'?: string } }[];
    };
    expect(config.currentContext).toBe(view['current-context']);
    for (const { name, cluster } of view.clusters) {
      expect(config.clusters.get(name)?.server, name).toBe(cluster.server);
      const path = config.clusters.get(name)?.certificateAuthority;
      expect(path ? readFileSync(path).toString('base64') : undefined, name).toBe(cluster['certificate-authority-data']);
    }
    expect(config.clusters.get('staging-cluster')?.certificateAuthority).toBe(join(root, 'team', 'certs', 'ca.crt'));
    // kubectl runs a plugin named by a path from the kubeconfig's folder, one named bare from PATH.
    expect(config.users.get('staging-user')?.exec?.command).toBe(join(root, 'team', 'bin', 'get-token'));
    expect(config.users.get('gke-user')?.exec?.command).toBe('gke-gcloud-auth-plugin');
  });

  it('reports the missing file without failing, and a context naming an undefined cluster as broken', async () => {
    const config = await loadKubeconfig(kubeconfigLocation(KUBECONFIG, '/nonexistent-home'));
    expect(config.files).toEqual([
      { path: first, exists: true },
      { path: missing, exists: false },
      { path: second, exists: true },
    ]);
    const dangling = contextView(config, config.contexts.get('dangling')!, { state: 'unchecked' });
    expect(dangling.problem?.code).toBe('cluster.missingCluster');
    const gke = contextView(config, config.contexts.get('gke')!, { state: 'unchecked' });
    expect(gke).toMatchObject({ auth: 'exec', execCommand: 'gke-gcloud-auth-plugin', namespace: 'web', server: 'https://staging.example.com' });
    expect(JSON.stringify(contextView(config, config.contexts.get('prod')!, { state: 'unchecked' }))).not.toContain('first-token');
  });

  it('keeps going past a file that is not YAML, reporting it', async () => {
    const broken = join(root, 'broken.yaml');
    writeFileSync(broken, 'clusters: [unclosed');
    const config = await loadKubeconfig(kubeconfigLocation([broken, first].join(delimiter), '/nonexistent-home'));
    expect(config.files[0]?.error?.code).toBe('kubeconfig.invalid');
    expect([...config.contexts.keys()].sort()).toEqual(['prod', 'shared-context']);
  });

  it('falls back to ~/.kube/config when KUBECONFIG is unset or empty', () => {
    expect(kubeconfigLocation(undefined, '/home/op')).toEqual({ files: ['/home/op/.kube/config'], source: 'default' });
    expect(kubeconfigLocation('', '/home/op')).toEqual({ files: ['/home/op/.kube/config'], source: 'default' });
    expect(kubeconfigLocation(`/a${delimiter}${delimiter}/b${delimiter}/a`, '/home/op')).toEqual({ files: ['/a', '/b'], source: 'KUBECONFIG' });
  });
});
