// The fleet radar under namespace-scoped RBAC, on the Kubernetes API test server: a user refused
// the cluster-wide lists is read namespace by namespace, in the namespaces it can see (the list of
// namespaces where RBAC grants it, else the kubeconfig's namespace), one list per kind per
// namespace through the one bounded list path. A namespace that refuses is named; the others are
// read; nothing is called missing or unused where it could not be seen.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContextRow, RadarProgress, RadarReport } from '../../shared/radar-contract';
import { MAX_FALLBACK_NAMESPACES } from '../../main/radar/fleet-reads';
import { ADMIN_TOKEN, startKubeApiServer, writeKubeconfig, type KubeApiServer } from '../kube-api-server';
import { createAccessFixture, type AccessFixture } from '../support/access-services';

/** Nothing listens there: every pull question is answered "unreachable" at once. */
const DEAD_REGISTRY = '127.0.0.1:9';
const CONTROLLERS = ['deployments', 'statefulsets', 'daemonsets', 'replicasets', 'jobs', 'cronjobs'];
/** Kinds read namespace by namespace when refused cluster-wide (nodes are cluster-scoped). */
const NAMESPACED_KINDS = 9;
/** Their lists: secrets are two (Helm's release secrets apart, as metadata). */
const NAMESPACED_LISTS = NAMESPACED_KINDS + 1;
/** A context's lists when each kind is listed cluster-wide once (secrets twice). */
const CLUSTER_LISTS = 12;
const SYSTEM = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const pullSecret = (name: string) => ({
  metadata: { name },
  type: 'kubernetes.io/dockerconfigjson',
  data: { '.dockerconfigjson': b64(JSON.stringify({ auths: { [DEAD_REGISTRY]: { username: 'robot', password: randomBytes(8).toString('hex') } } })) },
});
const deployment = (name: string, image: string, secrets: string[]) => ({
  metadata: { name },
  spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { imagePullSecrets: secrets.map((secret) => ({ name: secret })), containers: [{ name, image }] } } },
});

let kube: KubeApiServer;
let wide: KubeApiServer;
let faulty: { url: string; stop(): Promise<void> };
let app: AccessFixture;
let report: RadarReport;

/**
 * Plain HTTP in front of the test server, passing every request through except the paths given,
 * which get a `metav1.Status` 400 (not retried): a failure that is not RBAC's, in one place.
 */
async function startFaultyFront(target: KubeApiServer, failing: string[]): Promise<{ url: string; stop(): Promise<void> }> {
  const server = createServer((incoming, outgoing) => {
    const path = (incoming.url ?? '/').split('?')[0]!;
    if (failing.includes(path)) {
      outgoing.writeHead(400, { 'content-type': 'application/json' });
      return outgoing.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'the server rejected our request for an unknown reason', reason: 'BadRequest', code: 400 }));
    }
    const forwarded = httpsRequest(new URL(incoming.url ?? '/', target.url), { method: incoming.method, headers: { ...incoming.headers, host: new URL(target.url).host }, ca: target.caPem }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    forwarded.on('error', () => outgoing.destroy());
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

function seedTeams(server: KubeApiServer): void {
  for (const team of ['team-a', 'team-b', 'team-c']) server.seed.namespace(team);
  server.seed.secret('team-a', pullSecret('regcred-a'));
  server.seed.secret('team-a', pullSecret('spare-a'));
  server.seed.resource('apps/v1', 'deployments', 'team-a', deployment('web', `${DEAD_REGISTRY}/team/web:1`, ['regcred-a']));
  server.seed.pod('team-a', { metadata: { name: 'tool' }, spec: { containers: [{ name: 'tool', image: `${DEAD_REGISTRY}/team/tool:1` }] } });
  server.seed.secret('team-b', pullSecret('spare-b'));
  server.seed.serviceAccount('team-b', 'builder', { imagePullSecrets: [{ name: 'ghost' }] });
  server.seed.pod('team-b', { metadata: { name: 'batch' }, spec: { serviceAccountName: 'builder', imagePullSecrets: [{ name: 'ghost' }], containers: [{ name: 'batch', image: `${DEAD_REGISTRY}/team/batch:1` }] } });
  server.seed.resource('apps/v1', 'deployments', 'team-b', deployment('api', `${DEAD_REGISTRY}/team/api:1`, ['spare-b']));
  server.seed.secret('team-c', pullSecret('secret-c'));
  server.seed.resource('apps/v1', 'deployments', 'team-c', deployment('hidden', `${DEAD_REGISTRY}/team/hidden:1`, ['ghost-c']));
}

beforeAll(async () => {
  kube = await startKubeApiServer({
    users: {
      [ADMIN_TOKEN]: { name: 'admin', rules: [{ verbs: ['*'], resources: ['*'], apiGroups: ['*'] }] },
      // May list namespaces; core kinds in team-a and team-b, controllers in team-a only; nothing in team-c.
      'viewer-token': {
        name: 'viewer',
        rules: [
          { verbs: ['list'], resources: ['namespaces'] },
          { verbs: ['list'], resources: ['secrets', 'serviceaccounts', 'pods'], namespaces: ['team-a', 'team-b'] },
          { verbs: ['list'], resources: CONTROLLERS, apiGroups: ['apps', 'batch'], namespaces: ['team-a'] },
        ],
      },
      // Everything in team-a only, and not the list of namespaces: the kubeconfig's namespace is where it starts.
      'own-token': { name: 'own', rules: [{ verbs: ['list'], resources: ['*'], apiGroups: ['*'], namespaces: ['team-a'] }] },
    },
  });
  seedTeams(kube);
  wide = await startKubeApiServer({ users: { 'wide-token': { name: 'wide', rules: [{ verbs: ['list'], resources: ['namespaces'] }] } } });
  for (let index = 0; index < MAX_FALLBACK_NAMESPACES + 5; index += 1) wide.seed.namespace(`ns-${String(index).padStart(3, '0')}`);
  faulty = await startFaultyFront(kube, ['/api/v1/namespaces', '/api/v1/namespaces/team-a/secrets']);
  const folder = mkdtempSync(join(tmpdir(), 'rd-radar-namespaces-'));
  const kubeconfig = writeKubeconfig(join(folder, 'config'), [
    { name: 'viewer', server: kube.url, caPem: kube.caPem, token: 'viewer-token' },
    { name: 'own', server: kube.url, caPem: kube.caPem, token: 'own-token', namespace: 'team-a' },
    { name: 'wide', server: wide.url, caPem: wide.caPem, token: 'wide-token' },
    { name: 'viewer-faulty', server: faulty.url, token: 'viewer-token', namespace: 'team-a' },
  ]);
  app = createAccessFixture({ keychainService: `registry-desk-radar-ns-${randomBytes(4).toString('hex')}`, kubeconfigPaths: [kubeconfig] });
  report = await app.services.radar.scan({});
}, 300_000);

afterAll(async () => {
  await app?.close();
  await kube?.stop();
  await wide?.stop();
  await faulty?.stop();
});

const row = (context: string): ContextRow => report.contexts.find((entry) => entry.context === context)!;
const readIn = (context: string, resource: string) => row(context).readByNamespace.find((entry) => entry.resource === resource)?.namespaces;
const refusedIn = (context: string, resource: string) => row(context).refused.filter((refusal) => refusal.resource === resource && refusal.namespace !== undefined).map((refusal) => refusal.namespace);
const workloadsOf = (context: string) => report.workloads.filter((workload) => workload.context === context).map((workload) => `${workload.namespace}/${workload.kind}/${workload.name}`).sort();
const findings = (context: string, code: string) => report.findings.filter((finding) => finding.context === context && finding.code === code).map((finding) => `${finding.namespace}/${finding.params.secret}`).sort();

describe('the fleet radar under namespace-scoped RBAC', () => {
  it('reads each refused kind namespace by namespace in the namespaces the user can list, one list per kind per namespace', () => {
    expect(row('viewer').state).toBe('partial');
    expect(readIn('viewer', 'secrets')).toEqual(['team-a', 'team-b']);
    expect(readIn('viewer', 'pods')).toEqual(['team-a', 'team-b']);
    expect(readIn('viewer', 'deployments')).toEqual(['team-a']);
    // 11 cluster-wide lists (ExternalSecrets: refused, named, not retried per namespace), the namespace list, then each namespaced kind in each of the 7 namespaces.
    expect(row('viewer').apiRequests).toBe(CLUSTER_LISTS + 1 + NAMESPACED_LISTS * (SYSTEM.length + 3));
  });

  it('names every namespace that refused, and reads the others', () => {
    expect(refusedIn('viewer', 'secrets')).toEqual([...SYSTEM, 'team-c']);
    expect(refusedIn('viewer', 'deployments')).toEqual([...SYSTEM, 'team-b', 'team-c']);
    expect(row('viewer').refused.every((refusal) => refusal.error.code === 'cluster.forbidden')).toBe(true);
    expect(workloadsOf('viewer')).toEqual(['team-a/Deployment/web', 'team-a/Pod/tool', 'team-b/Pod/batch']);
    expect(report.pullSecrets.filter((secret) => secret.context === 'viewer').map((secret) => `${secret.namespace}/${secret.name}`).sort()).toEqual(['team-a/regcred-a', 'team-a/spare-a', 'team-b/spare-b']);
  });

  it('calls nothing missing or unused where it could not see', () => {
    expect(findings('viewer', 'missing')).toEqual(['team-b/ghost']);
    // team-b's controllers were not readable: spare-b may well be named by one of them.
    expect(findings('viewer', 'unused')).toEqual(['team-a/spare-a']);
  });

  it('goes on when the namespace list or one namespace fails otherwise than by RBAC, and names both', () => {
    const faultyRow = row('viewer-faulty');
    expect(faultyRow.state).toBe('partial');
    expect(faultyRow.refused.find((refusal) => refusal.resource === 'namespaces')?.error.code).toBe('cluster.apiError');
    // Without the namespace list, the kubeconfig's namespace is the one known; its secrets fail, its other kinds are read.
    expect(faultyRow.refused.filter((refusal) => refusal.namespace !== undefined).map((refusal) => `${refusal.namespace}/${refusal.resource}: ${refusal.error.code}`)).toEqual(['team-a/secrets: cluster.apiError']);
    expect(readIn('viewer-faulty', 'secrets')).toEqual([]);
    expect(readIn('viewer-faulty', 'deployments')).toEqual(['team-a']);
    expect(workloadsOf('viewer-faulty')).toEqual(['team-a/Deployment/web', 'team-a/Pod/tool']);
    // team-a's secrets were not read: regcred-a is neither missing nor anything else.
    expect([findings('viewer-faulty', 'missing'), findings('viewer-faulty', 'unused')]).toEqual([[], []]);
  });

  it('marks the matrix where lists were refused: not read, never OK, and never failing on secrets it did not see', () => {
    const cells = (context: string, namespace: string) => report.cells.filter((cell) => cell.context === context && cell.namespace === namespace);
    // Nothing read in team-c: a row of its own, one "not read" cell per registry column.
    expect(cells('viewer', 'team-c')).toEqual([{ context: 'viewer', namespace: 'team-c', registry: DEAD_REGISTRY, worst: 'unread', workloads: 0, secrets: 0, unread: [...CONTROLLERS, 'pods', 'secrets', 'serviceaccounts'].sort() }]);
    // team-a's secrets failed to list: its pods' verdicts rest on secrets not seen.
    expect(cells('viewer-faulty', 'team-a').map((cell) => [cell.worst, cell.unread])).toEqual([['unread', ['secrets']]]);
    // team-b's secrets were read but its registry cannot be reached from here: not checked, no failure;
    // with its controllers not read the cell says "not read", naming them.
    expect(cells('viewer', 'team-b').map((cell) => [cell.worst, cell.unread])).toEqual([['unread', [...CONTROLLERS].sort()]]);
    expect(cells('viewer', 'team-a').map((cell) => cell.unread)).toEqual([[]]);
  });

  it('starts from the kubeconfig’s namespace when the user may not list namespaces', () => {
    expect(row('own').state).toBe('partial');
    expect(row('own').readByNamespace.every((entry) => entry.namespaces.join() === 'team-a')).toBe(true);
    expect(row('own').readByNamespace).toHaveLength(NAMESPACED_KINDS);
    expect(row('own').apiRequests).toBe(CLUSTER_LISTS + 1 + NAMESPACED_LISTS);
    expect(workloadsOf('own')).toEqual(['team-a/Deployment/web', 'team-a/Pod/tool']);
  });

  it('tells the window where the scan is: context n of m, then the registry checks answered', async () => {
    const scanId = randomUUID();
    const before = app.events.length;
    const answer = await app.ipc.invoke('radar:scan', { scanId, contexts: ['viewer', 'own'] });
    expect(answer.ok).toBe(true);
    const progress = app.events.slice(before).filter((entry) => entry.event === 'event:radar-progress').map((entry) => entry.payload as RadarProgress);
    expect(progress.every((entry) => entry.scanId === scanId)).toBe(true);
    const inventory = progress.filter((entry) => entry.phase === 'inventory');
    expect(inventory.map((entry) => `${entry.done}/${entry.total}`)).toEqual(['0/2', '1/2', '2/2']);
    expect(inventory.slice(1).map((entry) => entry.context).sort()).toEqual(['own', 'viewer']);
    const registry = progress.filter((entry) => entry.phase === 'registry');
    const checks = answer.ok ? answer.value.checks.length : -1;
    expect([registry[0], registry.at(-1)]).toMatchObject([{ done: 0, total: checks }, { done: checks, total: checks }]);
    // The registry phase follows the inventory, and its counts only grow.
    expect(progress.findIndex((entry) => entry.phase === 'registry')).toBe(inventory.length);
    expect(registry.every((entry, index) => index === 0 || entry.done >= registry[index - 1]!.done)).toBe(true);
  });

  it('reads at most a bounded number of namespaces one by one and says how many it left', () => {
    const wideRow = row('wide');
    expect(wideRow.apiRequests).toBe(CLUSTER_LISTS + 1 + NAMESPACED_LISTS * MAX_FALLBACK_NAMESPACES);
    const untried = wideRow.refused.filter((refusal) => refusal.error.code === 'radar.namespacesNotTried');
    expect(untried).toHaveLength(NAMESPACED_KINDS);
    expect(untried[0]?.error.params).toMatchObject({ count: SYSTEM.length + 5, limit: MAX_FALLBACK_NAMESPACES });
  });
});
