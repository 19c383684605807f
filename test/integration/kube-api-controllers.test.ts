// Deployments, StatefulSets, DaemonSets, ReplicaSets, Jobs and CronJobs on the Kubernetes API test
// server, with their pod templates, and pods owned by them with the digests they run: checked with
// real kubectl (apply, create, set image, create job --from, get with tables, paging, selectors).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, type KubeApiServer, startKubeApiServer, writeKubeconfig } from '../kube-api-server';
import { KUBECTL_1_31, kubectl } from '../kube-api-server/kubectl';
import { seedNode } from '../support/failing-pods';

let server: KubeApiServer;
let admin: string;

const rows = (stdout: string): string[][] => stdout.trim().split('\n').map((line) => line.trim().split(/\s{2,}/));
const DIGEST = `sha256:${'a'.repeat(64)}`;

const template = (app: string, image: string, extra: object = {}) => ({
  metadata: { labels: { app } },
  spec: { containers: [{ name: app, image }], ...extra },
});

const MANIFESTS = [
  { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'shop' }, spec: { selector: { matchLabels: { app: 'db' } }, serviceName: 'db', template: template('db', 'reg.example/db:15', { initContainers: [{ name: 'init', image: 'busybox' }] }) } },
  { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'shop' }, spec: { selector: { matchLabels: { app: 'agent' } }, template: template('agent', 'reg.example/agent:2', { nodeSelector: { 'kubernetes.io/arch': 'arm64' } }) } },
  { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'legacy', namespace: 'shop' }, spec: { replicas: 2, selector: { matchLabels: { app: 'legacy' } }, template: template('legacy', `reg.example/legacy@${DIGEST}`) } },
  { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'nightly', namespace: 'shop' }, spec: { schedule: '0 3 * * *', jobTemplate: { spec: { template: template('nightly', 'reg.example/report:latest', { restartPolicy: 'OnFailure', imagePullSecrets: [{ name: 'regcred' }] }) } } } },
];

beforeAll(async () => {
  server = await startKubeApiServer({});
  const folder = mkdtempSync(join(tmpdir(), 'rd-kube-controllers-'));
  admin = writeKubeconfig(join(folder, 'admin.yaml'), [{ name: 'lab', server: server.url, caPem: server.caPem, token: ADMIN_TOKEN }]);
  for (const name of ['shop', 'batch']) server.seed.namespace(name);
  seedNode(server, 'node-amd', { architecture: 'amd64' });
  seedNode(server, 'node-arm', { architecture: 'arm64' });
});

afterAll(async () => {
  await server?.stop();
});

describe('workload controllers and their pod templates, as real kubectl sees them', () => {
  it('applies every controller kind and prints each with the columns of a real server', async () => {
    const applied = await kubectl(admin, ['apply', '--server-side', '-f', '-'], { stdin: MANIFESTS.map((manifest) => `---\n${JSON.stringify(manifest)}\n`).join('') });
    expect(applied.stderr).toBe('');
    expect(applied.stdout.trim().split('\n')).toEqual(['statefulset.apps/db serverside-applied', 'daemonset.apps/agent serverside-applied', 'replicaset.apps/legacy serverside-applied', 'cronjob.batch/nightly serverside-applied']);
    const heads = async (kind: string) => rows((await kubectl(admin, ['get', kind, '-n', 'shop'])).stdout);
    expect((await heads('sts'))[0]).toEqual(['NAME', 'READY', 'AGE']);
    expect((await heads('sts'))[1]?.slice(0, 2)).toEqual(['db', '0/1']);
    expect((await heads('ds'))[0]).toEqual(['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE']);
    expect((await heads('ds'))[1]?.slice(0, 7)).toEqual(['agent', '0', '0', '0', '0', '0', 'kubernetes.io/arch=arm64']);
    expect((await heads('rs'))[1]?.slice(0, 4)).toEqual(['legacy', '2', '0', '0']);
    expect((await heads('cj'))[0]).toEqual(['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE']);
    expect((await heads('cj'))[1]?.slice(0, 6)).toEqual(['nightly', '0 3 * * *', '<none>', 'False', '0', '<none>']);
  });

  it('defaults imagePullPolicy in every pod template as the API does (Always for latest or no tag)', async () => {
    const policy = async (kind: string, name: string, path: string) => (await kubectl(admin, ['get', kind, name, '-n', 'shop', '-o', `jsonpath=${path}`])).stdout;
    expect(await policy('sts', 'db', '{.spec.template.spec.containers[0].imagePullPolicy} {.spec.template.spec.initContainers[0].imagePullPolicy}')).toBe('IfNotPresent Always');
    expect(await policy('rs', 'legacy', '{.spec.template.spec.containers[0].imagePullPolicy}')).toBe('IfNotPresent');
    expect(await policy('cj', 'nightly', '{.spec.jobTemplate.spec.template.spec.containers[0].imagePullPolicy} {.spec.jobTemplate.spec.template.spec.imagePullSecrets[0].name} {.spec.concurrencyPolicy}')).toBe('Always regcred Allow');
  });

  it('creates Deployments, Jobs and CronJobs with kubectl create, changes images with set image, and starts a Job from a CronJob', async () => {
    const run = (args: string[]) => kubectl(admin, args, { binary: KUBECTL_1_31 });
    expect((await run(['create', 'deployment', 'web', '-n', 'batch', '--image=reg.example/web:1'])).stdout.trim()).toBe('deployment.apps/web created');
    expect((await run(['create', 'cronjob', 'clean', '-n', 'batch', '--image=reg.example/clean:3', '--schedule=*/5 * * * *'])).stdout.trim()).toBe('cronjob.batch/clean created');
    expect((await run(['create', 'job', 'once', '-n', 'batch', '--from=cronjob/clean'])).stdout.trim()).toBe('job.batch/once created');
    const job = JSON.parse((await kubectl(admin, ['get', 'job', 'once', '-n', 'batch', '-o', 'json'])).stdout) as { metadata: { ownerReferences?: { kind: string; name: string }[] }; spec: { template: { spec: { containers: { image: string; imagePullPolicy: string }[]; restartPolicy: string } } } };
    expect(job.metadata.ownerReferences?.map((owner) => `${owner.kind}/${owner.name}`)).toEqual(['CronJob/clean']);
    expect(job.spec.template.spec.containers[0]).toMatchObject({ image: 'reg.example/clean:3', imagePullPolicy: 'IfNotPresent' });
    expect(job.spec.template.spec.restartPolicy).toBe('OnFailure');
    const set = await kubectl(admin, ['set', 'image', 'deployment/web', '-n', 'batch', 'web=reg.example/web:2']);
    expect(set.stdout.trim()).toBe('deployment.apps/web image updated');
    expect((await kubectl(admin, ['get', 'deploy', 'web', '-n', 'batch', '-o', 'jsonpath={.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].imagePullPolicy}'])).stdout).toBe('reg.example/web:2 IfNotPresent');
  });

  it('refuses a Job whose pods would restart in place, and a CronJob without a schedule, with the real wording', async () => {
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'bad', namespace: 'batch' }, spec: { template: template('bad', 'reg.example/bad:1') } };
    const refused = await kubectl(admin, ['create', '-f', '-'], { stdin: JSON.stringify(job) });
    expect(refused.stderr.trim()).toBe('The Job "bad" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"');
    const cron = { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'bad', namespace: 'batch' }, spec: { jobTemplate: { spec: { template: template('bad', 'reg.example/bad:1', { restartPolicy: 'Never' }) } } } };
    expect((await kubectl(admin, ['create', '-f', '-'], { stdin: JSON.stringify(cron) })).stderr.trim()).toBe('The CronJob "bad" is invalid: spec.schedule: Required value');
  });

  it('lists every kind across namespaces in pages, and pods with owner references and the digests they run', async () => {
    const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'legacy', uid: '6b1f0c4e-0000-4000-8000-000000000001', controller: true, blockOwnerDeletion: true };
    server.seed.pod('shop', { metadata: { name: 'legacy-x1', ownerReferences: [owner] }, spec: { nodeName: 'node-arm', containers: [{ name: 'legacy', image: 'reg.example/legacy:1' }] } }, {
      phase: 'Running',
      containerStatuses: [{ name: 'legacy', image: 'reg.example/legacy:1', imageID: `reg.example/legacy@${DIGEST}`, ready: true, restartCount: 0, started: true, state: { running: { startedAt: '2026-12-01T00:00:00Z' } } }],
    });
    const pod = await kubectl(admin, ['get', 'pods', '-A', '-o', 'jsonpath={.items[0].metadata.ownerReferences[0].kind}/{.items[0].metadata.ownerReferences[0].name} {.items[0].status.containerStatuses[0].imageID}']);
    expect(pod.stdout).toBe(`ReplicaSet/legacy reg.example/legacy@${DIGEST}`);
    const paged = await kubectl(admin, ['get', 'cronjobs.batch', '-A', '--chunk-size=1', '-v=6', '-o', 'name']);
    expect(paged.stderr.split('\n').filter((line) => /GET https:\/\/\S+\/apis\/batch\/v1\/cronjobs\?/.test(line))).toHaveLength(2);
    expect(paged.stdout.trim().split('\n')).toEqual(['cronjob.batch/clean', 'cronjob.batch/nightly']);
    expect((await kubectl(admin, ['get', 'nodes', '-l', 'kubernetes.io/arch=arm64', '-o', 'name'])).stdout.trim()).toBe('node/node-arm');
    const resources = rows((await kubectl(admin, ['api-resources', '--api-group=batch'])).stdout);
    expect(resources.slice(1).map((row) => row[0])).toEqual(['cronjobs', 'jobs']);
  });
});
