// The fleet radar against hostile and large input: a cluster with 20,000 pods and 3,000 pull
// secrets (some unparsable for kubelet), a user refused the controllers' lists, an answer cut off
// mid-JSON, and a registry that answers every manifest with 429 and Retry-After. A context that
// cannot be read stays a row with its reason; the others go on; lists stay one per kind.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RadarReport } from '../../shared/radar-contract';
import type { Inventory, Workload } from '../../main/radar/inventory';
import { createPullChecks } from '../../main/radar/pull-verdicts';
import { createRegistryChecks } from '../../main/radar/registry-checks';
import { parseImageReference } from '../../main/pull-secrets/image-reference';
import { ADMIN_TOKEN, startKubeApiServer, writeKubeconfig, type KubeApiServer } from '../kube-api-server';
import { startRateLimitedRegistry, type RunningRateLimitedRegistry } from '../registry-servers/rate-limited-registry';
import { createAccessFixture, type AccessFixture } from '../support/access-services';
import { makeCertificateAuthority, makeServerCertificate } from '../support/fixtures';
import { startHostileApiServer, type HostileApiServer } from '../support/hostile-api-server';

const PODS = 20_000;
const SECRETS = 3_000;
const NAMESPACES = 100;
/** A registry address nothing listens on: every pull question is answered "unreachable" at once. */
const DEAD_REGISTRY = '127.0.0.1:9';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

let big: KubeApiServer;
let broken: HostileApiServer;
let app: AccessFixture;
let report: RadarReport;

function seedBigCluster(server: KubeApiServer): void {
  for (let index = 0; index < NAMESPACES; index += 1) server.seed.namespace(`team-${index}`);
  for (let index = 0; index < SECRETS; index += 1) {
    const auths = index % 500 === 0 ? '[]' : JSON.stringify({ [DEAD_REGISTRY]: { username: `robot-${index % 7}`, password: randomBytes(8).toString('hex') } });
    server.seed.secret(`team-${index % NAMESPACES}`, { metadata: { name: `pull-${index}` }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': b64(`{"auths":${auths}}`) } });
  }
  for (let index = 0; index < PODS; index += 1) {
    const namespace = `team-${index % NAMESPACES}`;
    server.seed.pod(namespace, {
      metadata: { name: `pod-${index}` },
      spec: { imagePullSecrets: [{ name: `pull-${(index % 30) * NAMESPACES + (index % NAMESPACES)}` }], containers: [{ name: 'app', image: `${DEAD_REGISTRY}/team/app-${index % 40}:1` }] },
    });
  }
}

beforeAll(async () => {
  big = await startKubeApiServer({
    users: {
      [ADMIN_TOKEN]: { name: 'admin', rules: [{ verbs: ['*'], resources: ['*'], apiGroups: ['*'] }] },
      'team-token': { name: 'team', rules: [{ verbs: ['list'], resources: ['*'], namespaces: ['team-1'] }] },
    },
  });
  seedBigCluster(big);
  broken = await startHostileApiServer({ mode: 'broken-json' });
  const folder = mkdtempSync(join(tmpdir(), 'rd-radar-hostile-'));
  const kubeconfig = writeKubeconfig(join(folder, 'config'), [
    { name: 'big', server: big.url, caPem: big.caPem, token: ADMIN_TOKEN },
    { name: 'team-only', server: big.url, caPem: big.caPem, token: 'team-token', namespace: 'team-1' },
    { name: 'broken', server: broken.url, token: 'any' },
  ]);
  app = createAccessFixture({ keychainService: `registry-desk-radar-${randomBytes(4).toString('hex')}`, kubeconfigPaths: [kubeconfig] });
  big.resetCounters();
  report = await app.services.radar.scan({});
}, 600_000);

afterAll(async () => {
  await app?.close();
  await big?.stop();
  await broken?.stop();
});

describe('the fleet radar over hostile and large clusters', () => {
  it('reads 20,000 pods and 3,000 secrets with one list per kind, paged', () => {
    const row = report.contexts.find((context) => context.context === 'big');
    expect(row).toMatchObject({ state: 'read', apiRequests: 12 });
    expect(report.workloads.filter((workload) => workload.context === 'big')).toHaveLength(PODS);
    expect(report.pullSecrets.filter((secret) => secret.context === 'big')).toHaveLength(SECRETS);
    // 20 pages of pods, 6 of secrets, one each for the other 8 kinds and Helm's release secrets (ESO's
    // discovery document, a 404 without ESO, is a get, and no ExternalSecrets list follows); the
    // refused context's 11 lists on top, then its refused namespace list and its 9 namespaced kinds'
    // 10 lists (secrets are two) in its kubeconfig namespace.
    expect(big.counters().byVerb.list).toBe(20 + 6 + 9 + 11 + 1 + 10);
  });

  it('asks the registry once per distinct (image, login), not per pod', () => {
    const checks = report.checks.filter((check) => check.registry === DEAD_REGISTRY);
    // A registry the workstation cannot reach is not checked (no red, no "next restart fails"); kubelet's unparsable secret fails anywhere.
    expect(checks.every((check) => (check.verdict === 'unknown' && check.reason.code === 'doctor.verdict.unreachable') || (check.verdict === 'fails' && check.reason.code === 'doctor.verdict.unparsable'))).toBe(true);
    expect(checks.some((check) => check.verdict === 'unknown')).toBe(true);
    expect(checks.length).toBeLessThanOrEqual(40 * 30);
  });

  it('names the pull secrets kubelet cannot parse', () => {
    const unparsable = report.findings.filter((finding) => finding.context === 'big' && finding.code === 'unparsable');
    expect(unparsable.map((finding) => finding.params.secret).sort()).toEqual(['pull-0', 'pull-1000', 'pull-1500', 'pull-2000', 'pull-2500', 'pull-500']);
  });

  it('keeps the refused and the broken contexts as rows with their reasons', () => {
    const rows = Object.fromEntries(report.contexts.map((row) => [row.context, row]));
    expect(rows['team-only']?.state).toBe('partial');
    expect(rows['team-only']?.refused.map((refusal) => refusal.resource)).toContain('pods');
    expect(rows['team-only']?.refused.every((refusal) => refusal.error.code === 'cluster.forbidden')).toBe(true);
    // Its own namespace is read one list per kind: 200 pods, 30 secrets; its rule covers only the core group.
    expect(rows['team-only']?.refused.filter((refusal) => refusal.namespace === 'team-1').map((refusal) => refusal.resource)).toEqual(['cronjobs', 'daemonsets', 'deployments', 'jobs', 'replicasets', 'statefulsets']);
    expect(report.workloads.filter((workload) => workload.context === 'team-only' && workload.namespace === 'team-1')).toHaveLength(PODS / NAMESPACES);
    expect(report.pullSecrets.filter((secret) => secret.context === 'team-only')).toHaveLength(SECRETS / NAMESPACES);
    expect(rows.broken?.state).toBe('failed');
    expect(rows.broken?.error).toMatchObject({ code: 'cluster.invalidAnswer', params: { resource: 'secrets' } });
    expect(JSON.stringify(rows.broken?.error)).not.toContain('"name":"a"');
  });
});

describe('registry checks under a 429 with Retry-After', () => {
  let limited: RunningRateLimitedRegistry;
  let ca: string;

  beforeAll(async () => {
    const authority = makeCertificateAuthority();
    ca = authority.certificate;
    limited = await startRateLimitedRegistry(makeServerCertificate(authority, { hosts: ['127.0.0.1'] }));
  });

  afterAll(async () => {
    await limited?.stop();
  });

  /** A run of registry checks whose waits are recorded, not slept, and an image on the limited registry. */
  function limitedRun(maxRetryAfterMs: number, repository: string) {
    const waits: number[] = [];
    const checks = createRegistryChecks({ network: { systemRoots: [ca] }, perRegistry: 2, maxRetryAfterMs, retries: 2, sleep: async (ms) => void waits.push(ms) });
    const parsed = parseImageReference(`${limited.address}/${repository}`);
    if (!parsed.ok) throw new Error(parsed.reason);
    return { waits, run: checks.run([]), image: parsed.image };
  }

  it('waits out Retry-After before asking again, a bounded number of times, and reports the limit', async () => {
    const { waits, run, image } = limitedRun(5_000, 'library/nginx:1');
    const [first, again] = await Promise.all([run.ask(image, null), run.ask(image, null)]);
    await run.close();
    expect(first).toMatchObject({ state: 'rate-limited', retryAfter: '1' });
    expect(again).toBe(first);
    expect(waits).toEqual([1000, 1000]);
    expect(limited.limited()).toBe(3);
  });

  it('calls a pull still refused with 429 past the retries, or a registry not reached, not checked: never a failure or a node-cache-only pod', async () => {
    const verdict = async (image: string) => {
      const { run } = limitedRun(0, 'library/busybox:1');
      const workload: Workload = { namespace: 'shop', kind: 'Deployment', name: 'web', serviceAccount: 'default', pullSecrets: [], architectures: ['amd64'], architecturesFrom: 'all-nodes', containers: [{ name: 'web', kind: 'regular', image, pullPolicy: 'IfNotPresent', running: [`${image.split(':1')[0]}@sha256:${'b'.repeat(64)}`] }] };
      const inventory = { secretsRead: () => true, referencesRead: () => true, secrets: new Map(), pullSecrets: [], accounts: new Map(), workloads: [workload] } as Inventory;
      const check = await createPullChecks(run).check({ context: 'prod', inventory, workload, container: workload.containers[0]!, now: new Date() }, new Map()).check;
      await run.close();
      return [check.verdict, check.reason.code];
    };
    expect(await verdict(`${limited.address}/library/busybox:1`)).toEqual(['unknown', 'doctor.verdict.rateLimited']);
    expect(await verdict(`${DEAD_REGISTRY}/team/app:1`)).toEqual(['unknown', 'doctor.verdict.unreachable']);
  });

  it('does not wait when Retry-After is longer than the cap', async () => {
    const { waits, run, image } = limitedRun(500, 'library/redis:7');
    const before = limited.limited();
    expect((await run.ask(image, null)).state).toBe('rate-limited');
    await run.close();
    expect([waits, limited.limited() - before]).toEqual([[], 1]);
  });
});
