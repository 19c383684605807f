// Pods, nodes and events on the Kubernetes API test server, checked with real kubectl: its table
// printing, field selectors (involvedObject.*, reason, type, status.phase), paging, RBAC wording,
// and the ServiceAccount admission that copies imagePullSecrets into new pods.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, type KubeApiServer, startKubeApiServer, writeKubeconfig } from '../kube-api-server';
import { KUBECTL_1_31, kubectl } from '../kube-api-server/kubectl';
import { seedFailingPod, seedNode } from '../support/failing-pods';

const ADMIN = { name: 'admin', rules: [{ verbs: ['*'], resources: ['*'] }] };
const VIEWER = { name: 'viewer', rules: [{ verbs: ['get', 'list'], resources: ['pods', 'secrets', 'serviceaccounts'] }] };

let server: KubeApiServer;
let admin: string;
let viewer: string;
let appUid: string;

const rows = (stdout: string): string[][] => stdout.trim().split('\n').map((line) => line.trim().split(/\s{2,}/));

beforeAll(async () => {
  server = await startKubeApiServer({ users: { [ADMIN_TOKEN]: ADMIN, 'viewer-token': VIEWER } });
  const folder = mkdtempSync(join(tmpdir(), 'rd-kube-workloads-'));
  admin = writeKubeconfig(join(folder, 'admin.yaml'), [{ name: 'lab', server: server.url, caPem: server.caPem, token: ADMIN_TOKEN }]);
  viewer = writeKubeconfig(join(folder, 'viewer.yaml'), [{ name: 'lab', server: server.url, caPem: server.caPem, token: 'viewer-token', namespace: 'team-a' }]);
  for (const name of ['team-a', 'team-b']) server.seed.namespace(name);
  server.seed.serviceAccount('team-a', 'builder', { imagePullSecrets: [{ name: 'from-sa' }] });
  seedNode(server, 'node-amd', { architecture: 'amd64' }, { labels: { 'node-role.kubernetes.io/worker': '' } });
  seedNode(server, 'node-arm', { architecture: 'arm64' });
  appUid = seedFailingPod(server, 'team-a', { name: 'app-1', image: 'reg.io/team/app:1', pullSecrets: ['regcred'], node: 'node-amd', pullError: 'reg.io/team/app:1: not found' }).uid;
  seedFailingPod(server, 'team-a', { name: 'app-2', image: 'reg.io/team/app:1', reason: 'ErrImagePull', failedEventsExpired: true });
  seedFailingPod(server, 'team-a', { name: 'migrate', image: 'reg.io/team/migrate:2', kind: 'init', serviceAccount: 'builder' });
  seedFailingPod(server, 'team-b', { name: 'debug', image: 'busybox:1.36', kind: 'ephemeral' });
});

afterAll(async () => {
  await server?.stop();
});

describe('pods, nodes and events, as real kubectl sees them', () => {
  it('prints pods with the STATUS a real server computes (waiting reason, Init: prefix)', async () => {
    const run = await kubectl(admin, ['get', 'pods', '-n', 'team-a']);
    expect(run.stderr).toBe('');
    const table = rows(run.stdout);
    expect(table[0]).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    expect(table.slice(1).map((row) => row.slice(0, 4))).toEqual([
      ['app-1', '0/1', 'ImagePullBackOff', '0'],
      ['app-2', '0/1', 'ErrImagePull', '0'],
      ['migrate', '0/1', 'Init:ImagePullBackOff', '0'],
    ]);
    const wide = rows((await kubectl(admin, ['get', 'pods', '-n', 'team-a', '-o', 'wide'])).stdout);
    expect(wide[0]).toEqual(['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE', 'IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES']);
    expect(wide[1]?.slice(5)).toEqual(['<none>', 'node-amd', '<none>', '<none>']);
  });

  it('lists pods across namespaces with a status.phase field selector, and pages with limit/continue', async () => {
    const pending = await kubectl(admin, ['get', 'pods', '-A', '--field-selector', 'status.phase=Pending', '-o', 'name']);
    expect(pending.stdout.trim().split('\n')).toEqual(['pod/app-1', 'pod/app-2', 'pod/migrate']);
    const running = await kubectl(admin, ['get', 'pods', '-A', '--field-selector', 'status.phase!=Pending', '-o', 'name']);
    expect(running.stdout.trim()).toBe('pod/debug');
    const paged = await kubectl(admin, ['get', 'pods', '-A', '--chunk-size=2', '-v=6', '-o', 'name']);
    expect(paged.stderr.split('\n').filter((line) => /GET https:\/\/\S+\/api\/v1\/pods\?/.test(line))).toHaveLength(2);
    expect(paged.stdout.trim().split('\n')).toEqual(['pod/app-1', 'pod/app-2', 'pod/migrate', 'pod/debug']);
    const bad = await kubectl(admin, ['get', 'pods', '-A', '--field-selector', 'spec.image=x']);
    expect(bad.stderr.trim()).toBe('Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "spec.image=x": field label not supported: spec.image');
  });

  it('selects events by involvedObject name and uid, reason and type, and prints them as kubectl does', async () => {
    const run = await kubectl(admin, ['get', 'events', '-n', 'team-a', '--field-selector', `involvedObject.name=app-1,involvedObject.uid=${appUid},reason=Failed`]);
    expect(run.stderr).toBe('');
    const table = rows(run.stdout);
    expect(table[0]).toEqual(['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
    // Events are listed in name order; their names end in random hex, as the kubelet's do.
    expect(table.slice(1).map((row) => row.slice(1)).sort()).toEqual([
      ['Warning', 'Failed', 'pod/app-1', 'Error: ErrImagePull'],
      ['Warning', 'Failed', 'pod/app-1', 'Error: ImagePullBackOff'],
      ['Warning', 'Failed', 'pod/app-1', 'Failed to pull image "reg.io/team/app:1": reg.io/team/app:1: not found'],
    ]);
    const expired = await kubectl(admin, ['get', 'events', '-n', 'team-a', '--field-selector', 'involvedObject.name=app-2', '-o', 'jsonpath={.items[*].reason}']);
    expect(expired.stdout.split(' ').sort()).toEqual(['BackOff', 'Pulling']);
    const warnings = await kubectl(admin, ['get', 'events', '-A', '--field-selector', 'type=Warning,involvedObject.kind=Pod', '-o', 'jsonpath={.items[*].involvedObject.name}']);
    expect(new Set(warnings.stdout.split(' '))).toEqual(new Set(['app-1', 'migrate', 'debug']));
    const json = JSON.parse((await kubectl(admin, ['get', 'events', '-n', 'team-a', '--field-selector', 'involvedObject.name=migrate,reason=BackOff', '-o', 'json'])).stdout) as { items: { involvedObject: { fieldPath: string }; count: number }[] };
    expect(json.items.map((item) => [item.involvedObject.fieldPath, item.count])).toEqual([['spec.initContainers{app}', 120]]);
    const bad = await kubectl(admin, ['get', 'events', '-n', 'team-a', '--field-selector', 'message=x']);
    expect(bad.stderr).toContain('field label not supported: message');
  });

  it('prints nodes with their status, roles, version and platform', async () => {
    const table = rows((await kubectl(admin, ['get', 'nodes'])).stdout);
    expect(table[0]).toEqual(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION']);
    expect(table.slice(1).map((row) => [row[0], row[1], row[2], row[4]])).toEqual([
      ['node-amd', 'Ready', 'worker', 'v1.31.4'],
      ['node-arm', 'Ready', '<none>', 'v1.31.4'],
    ]);
    const arch = await kubectl(admin, ['get', 'nodes', '-o', 'jsonpath={range .items[*]}{.status.nodeInfo.architecture}/{.status.nodeInfo.operatingSystem} {end}']);
    expect(arch.stdout.trim()).toBe('amd64/linux arm64/linux');
    const wide = rows((await kubectl(admin, ['get', 'nodes', '-o', 'wide'])).stdout);
    expect(wide[0]).toEqual(['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', 'INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME']);
  });

  it('refuses what RBAC refuses, with kubectl printing the real messages', async () => {
    const events = await kubectl(viewer, ['get', 'events']);
    expect(events.stderr.trim()).toBe('Error from server (Forbidden): events is forbidden: User "viewer" cannot list resource "events" in API group "" in the namespace "team-a"');
    const nodes = await kubectl(viewer, ['get', 'nodes']);
    expect(nodes.stderr.trim()).toBe('Error from server (Forbidden): nodes is forbidden: User "viewer" cannot list resource "nodes" in API group "" at the cluster scope');
    expect((await kubectl(viewer, ['auth', 'can-i', 'list', 'pods', '-A'])).stdout.trim()).toBe('yes');
    expect((await kubectl(viewer, ['auth', 'can-i', 'list', 'events'])).stdout.trim()).toBe('no');
  });

  it("copies the ServiceAccount's imagePullSecrets into a new pod that lists none, never later", async () => {
    const spec = JSON.parse((await kubectl(admin, ['get', 'pod', 'migrate', '-n', 'team-a', '-o', 'json'])).stdout) as { spec: { imagePullSecrets?: { name: string }[]; serviceAccountName: string } };
    expect(spec.spec).toMatchObject({ serviceAccountName: 'builder', imagePullSecrets: [{ name: 'from-sa' }] });
    const listed = JSON.parse((await kubectl(admin, ['get', 'pod', 'app-1', '-n', 'team-a', '-o', 'json'])).stdout) as { spec: { imagePullSecrets?: { name: string }[]; serviceAccountName: string } };
    expect(listed.spec).toMatchObject({ serviceAccountName: 'default', imagePullSecrets: [{ name: 'regcred' }] });
    const patched = await kubectl(admin, ['patch', 'serviceaccount', 'default', '-n', 'team-a', '-p', '{"imagePullSecrets":[{"name":"later"}]}']);
    expect(patched.stderr).toBe('');
    const after = JSON.parse((await kubectl(admin, ['get', 'pod', 'app-2', '-n', 'team-a', '-o', 'json'])).stdout) as { spec: { imagePullSecrets?: unknown } };
    expect(after.spec.imagePullSecrets).toBeUndefined();
  });

  it('creates a pod from kubectl run with the defaults a real server sets, and refuses a missing ServiceAccount', async () => {
    const created = await kubectl(admin, ['run', 'web', '-n', 'team-b', '--image=nginx:1.27', '--restart=Never'], { binary: KUBECTL_1_31 });
    expect(created.stderr).toBe('');
    expect(created.stdout.trim()).toBe('pod/web created');
    const pod = JSON.parse((await kubectl(admin, ['get', 'pod', 'web', '-n', 'team-b', '-o', 'json'])).stdout) as { spec: { containers: { imagePullPolicy: string }[]; serviceAccountName: string }; status: { phase: string } };
    expect([pod.spec.containers[0]?.imagePullPolicy, pod.spec.serviceAccountName, pod.status.phase]).toEqual(['IfNotPresent', 'default', 'Pending']);
    const latest = await kubectl(admin, ['run', 'edge', '-n', 'team-b', '--image=nginx', '--restart=Never', '--dry-run=server', '-o', 'jsonpath={.spec.containers[0].imagePullPolicy}'], { binary: KUBECTL_1_31 });
    expect(latest.stdout).toBe('Always');
    const refused = await kubectl(admin, ['run', 'job', '-n', 'team-b', '--image=nginx:1', '--overrides={"spec":{"serviceAccountName":"ghost"}}'], { binary: KUBECTL_1_31 });
    expect(refused.stderr.trim()).toBe('Error from server (Forbidden): pods "job" is forbidden: error looking up service account team-b/ghost: serviceaccount "ghost" not found');
    const changed = await kubectl(admin, ['patch', 'pod', 'web', '-n', 'team-b', '-p', '{"spec":{"restartPolicy":"Always"}}']);
    expect(changed.stderr).toContain('pod updates may not change fields other than');
  });
});
