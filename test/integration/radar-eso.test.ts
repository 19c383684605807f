// ECR tokens made by External Secrets Operator, on the Kubernetes API test server with ESO's
// vendored CRDs (the controller does not run: the ExternalSecrets carry the status it would write).
// The radar dates a token from the `expires_at` ESO's ECR generator writes when the secret keeps it,
// else from the ExternalSecret's last refresh + 12 h, and says when the ExternalSecret refreshes too
// seldom to keep the token alive. A cluster without ESO is read with nothing refused; a cluster with
// an older ESO that serves ExternalSecrets only as v1beta1 is read in that version; a user refused
// the ExternalSecrets keeps every other finding, the context "partial" with that one kind named. The
// clock is moved by the test.
import { randomBytes, randomUUID } from 'node:crypto';
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RadarReport } from '../../shared/radar-contract';
import { installEngine, readCrd } from '../engine-crds';
import { ADMIN_TOKEN, startKubeApiServer, type KubeApiServer } from '../kube-api-server';
import { kubeconfigFor } from '../support/access-flow';
import { createAccessFixture, type AccessFixture } from '../support/access-services';

const ECR_HOST = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
/** Nothing listens there: every pull question is answered "unreachable" at once. */
const DEAD_REGISTRY = '127.0.0.1:9';
const HOUR = 3_600_000;
const START = new Date(Math.floor(Date.now() / 1000) * 1000);

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const ecrSecret = (name: string, meta: object, extraData: Record<string, string> = {}) => {
  const password = randomBytes(40).toString('base64');
  return {
    metadata: { name, ...meta },
    type: 'kubernetes.io/dockerconfigjson',
    data: { '.dockerconfigjson': b64(JSON.stringify({ auths: { [ECR_HOST]: { username: 'AWS', password, auth: b64(`AWS:${password}`) } } })), ...extraData },
  };
};
const ownedBy = (name: string) => ({ ownerReferences: [{ apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', name, uid: randomUUID(), controller: true }] });
const externalSecret = (name: string, spec: object, version = 'v1') => ({
  apiVersion: `external-secrets.io/${version}`,
  kind: 'ExternalSecret',
  metadata: { name },
  spec: {
    target: { name, template: { type: 'kubernetes.io/dockerconfigjson' } },
    dataFrom: [{ sourceRef: { generatorRef: { apiVersion: 'generators.external-secrets.io/v1alpha1', kind: 'ECRAuthorizationToken', name: 'ecr-gen' } } }],
    ...spec,
  },
});

/** The status ESO's controller writes after a sync, through the `/status` subresource as it does (create drops status). */
function writeStatus(server: KubeApiServer, name: string, refreshTime: Date | null, version = 'v1'): Promise<void> {
  const status = {
    ...(refreshTime ? { refreshTime: refreshTime.toISOString() } : {}),
    conditions: [{ type: 'Ready', status: refreshTime ? 'True' : 'False', reason: refreshTime ? 'SecretSynced' : 'SecretSyncedError', lastTransitionTime: START.toISOString() }],
  };
  const url = new URL(`/apis/external-secrets.io/${version}/namespaces/shop/externalsecrets/${name}/status`, server.url);
  return new Promise((resolve, reject) => {
    const sent = request(url, { method: 'PATCH', ca: server.caPem, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/merge-patch+json' } }, (answer) => {
      answer.resume();
      answer.once('end', () => (answer.statusCode === 200 ? resolve() : reject(new Error(`status of ${name}: HTTP ${answer.statusCode}`))));
    });
    sent.once('error', reject);
    sent.end(JSON.stringify({ status }));
  });
}

/** May read every kind the radar lists except ExternalSecrets. */
const NO_ESO_TOKEN = 'no-eso-token';

/**
 * ESO's ExternalSecret CRD as a release before v1 installs it: v1beta1 served and stored, no v1.
 * Made from the vendored v2.9.0 CRD (the v1beta1 schema it still carries), as the fields the radar
 * reads (target, data/dataFrom generatorRef, refreshInterval, status.refreshTime) are the same there.
 */
function installOlderEso(server: KubeApiServer): void {
  const crd = structuredClone(readCrd('external-secrets-v2.9.0/external-secrets.io_externalsecrets.yaml'));
  crd.spec.versions = crd.spec.versions.filter((version) => version.name === 'v1beta1').map((version) => ({ ...version, served: true, storage: true, deprecated: false }));
  server.seed.resource('apiextensions.k8s.io/v1', 'customresourcedefinitions', null, crd);
}

let kube: KubeApiServer;
let older: KubeApiServer;
let plain: KubeApiServer;
let app: AccessFixture;
let now = START;
let report: RadarReport;

beforeAll(async () => {
  kube = await startKubeApiServer({
    users: {
      [ADMIN_TOKEN]: { name: 'admin', rules: [{ verbs: ['*'], resources: ['*'], apiGroups: ['*'] }] },
      [NO_ESO_TOKEN]: { name: 'no-eso', rules: [{ verbs: ['get', 'list'], resources: ['*'], apiGroups: ['', 'apps', 'batch'] }] },
    },
  });
  installEngine(kube, 'external-secrets');
  kube.seed.namespace('shop');
  // Refreshed 11 h ago every hour (ESO's default): the token ends in 1 h.
  kube.seed.resource('external-secrets.io/v1', 'externalsecrets', 'shop', externalSecret('ecr-hourly', {}));
  await writeStatus(kube, 'ecr-hourly', new Date(START.getTime() - 11 * HOUR));
  kube.seed.secret('shop', ecrSecret('ecr-hourly', ownedBy('ecr-hourly')));
  // Refreshed 2 h ago, but only once a day: the token it serves will be dead for 12 h of each day.
  kube.seed.resource('external-secrets.io/v1', 'externalsecrets', 'shop', externalSecret('ecr-daily', { refreshInterval: '24h' }));
  await writeStatus(kube, 'ecr-daily', new Date(START.getTime() - 2 * HOUR));
  kube.seed.secret('shop', ecrSecret('ecr-daily', ownedBy('ecr-daily')));
  // The template kept the generator's expires_at (Unix seconds): that date wins over the refresh time.
  kube.seed.resource('external-secrets.io/v1', 'externalsecrets', 'shop', externalSecret('ecr-kept', {}));
  await writeStatus(kube, 'ecr-kept', new Date(START.getTime() - 11 * HOUR));
  const kept = new Date(START.getTime() + 3 * HOUR);
  kube.seed.secret('shop', ecrSecret('ecr-kept', ownedBy('ecr-kept'), { expires_at: b64(String(kept.getTime() / 1000)) }));
  // Never synced: no refresh time to count from.
  kube.seed.resource('external-secrets.io/v1', 'externalsecrets', 'shop', externalSecret('ecr-pending', {}));
  await writeStatus(kube, 'ecr-pending', null);
  kube.seed.secret('shop', ecrSecret('ecr-pending', ownedBy('ecr-pending')));
  kube.seed.resource('apps/v1', 'deployments', 'shop', {
    metadata: { name: 'web' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { imagePullSecrets: [{ name: 'ecr-hourly' }, { name: 'ecr-daily' }], containers: [{ name: 'web', image: `${DEAD_REGISTRY}/team/web:1` }] } } },
  });
  // No ESO here: the ExternalSecrets list is a 404, and an ECR secret is still "unknown".
  plain = await startKubeApiServer({});
  plain.seed.namespace('shop');
  plain.seed.secret('shop', ecrSecret('ecr-by-hand', {}));
  // An older ESO: ExternalSecrets served as v1beta1 only; refreshed 11 h ago, hourly.
  older = await startKubeApiServer({});
  installOlderEso(older);
  older.seed.namespace('shop');
  older.seed.resource('external-secrets.io/v1beta1', 'externalsecrets', 'shop', externalSecret('ecr-older', {}, 'v1beta1'));
  await writeStatus(older, 'ecr-older', new Date(START.getTime() - 11 * HOUR), 'v1beta1');
  older.seed.secret('shop', ecrSecret('ecr-older', ownedBy('ecr-older')));
  const kubeconfig = kubeconfigFor([
    { name: 'eso', server: kube },
    { name: 'plain', server: plain },
    { name: 'older', server: older },
    { name: 'no-eso-rights', server: kube, token: NO_ESO_TOKEN },
  ]);
  app = createAccessFixture({ keychainService: `registry-desk-radar-eso-${randomBytes(4).toString('hex')}`, kubeconfigPaths: [kubeconfig], clock: { now: () => now } });
  report = await app.services.radar.scan({ expiryWindowDays: 14 });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await kube?.stop();
  await older?.stop();
  await plain?.stop();
});

const row = (from: RadarReport, secret: string) => from.expiries.find((entry) => entry.secret === secret && entry.what === 'ecr-token');

describe('radar: ECR tokens made by External Secrets Operator', () => {
  it('dates a token from the ExternalSecret’s last refresh + 12 h', () => {
    expect(row(report, 'ecr-hourly')).toMatchObject({ context: 'eso', namespace: 'shop', expiresAt: new Date(START.getTime() + HOUR).toISOString(), state: 'soon', source: 'engine-refresh' });
  });

  it('says when the ExternalSecret refreshes too seldom to keep the token alive', () => {
    expect(row(report, 'ecr-daily')).toMatchObject({ expiresAt: new Date(START.getTime() + 10 * HOUR).toISOString(), state: 'soon', source: 'engine-refresh-slow' });
  });

  it('reads the generator’s expires_at where the secret kept it', () => {
    expect(row(report, 'ecr-kept')).toMatchObject({ expiresAt: new Date(START.getTime() + 3 * HOUR).toISOString(), source: 'engine-data' });
  });

  it('says "unknown" for an ExternalSecret that has not synced, and for a secret no engine made', () => {
    expect(row(report, 'ecr-pending')).toMatchObject({ expiresAt: null, state: 'unknown', source: 'engine-not-synced' });
    expect(row(report, 'ecr-by-hand')).toMatchObject({ context: 'plain', expiresAt: null, state: 'unknown', source: 'unknown' });
  });

  it('reads a cluster without ESO with nothing refused, and the ExternalSecrets in one list after ESO’s discovery document', () => {
    const contexts = Object.fromEntries(report.contexts.map((entry) => [entry.context, entry]));
    expect(contexts.plain).toMatchObject({ state: 'read', error: null, refused: [] });
    expect(contexts.eso).toMatchObject({ state: 'read', error: null, refused: [] });
    expect(contexts.older).toMatchObject({ state: 'read', error: null, refused: [] });
    // Without ESO the discovery document's 404 is the whole cost; with it, one list more.
    expect(contexts.eso?.apiRequests).toBe(contexts.plain!.apiRequests + 1);
    expect(contexts.older?.apiRequests).toBe(contexts.eso?.apiRequests);
  });

  it('reads an older ESO’s ExternalSecrets as v1beta1, the only version it serves', () => {
    expect(row(report, 'ecr-older')).toMatchObject({ context: 'older', namespace: 'shop', expiresAt: new Date(START.getTime() + HOUR).toISOString(), state: 'soon', source: 'engine-refresh' });
  });

  it('keeps every other finding where the ExternalSecrets are refused: the context partial, that kind named, the token not dated', () => {
    const locked = report.contexts.find((entry) => entry.context === 'no-eso-rights')!;
    expect(locked).toMatchObject({ state: 'partial', error: null, readByNamespace: [] });
    expect(locked.refused.map((refusal) => [refusal.resource, refusal.namespace ?? null, refusal.error.code])).toEqual([['externalsecrets', null, 'cluster.forbidden']]);
    // Same server as eso: the same workloads, pull secrets, findings and cells, none of them "not read".
    const seen = (context: string) => ({
      workloads: report.workloads.filter((entry) => entry.context === context).map((entry) => `${entry.kind}/${entry.namespace}/${entry.name}`),
      secrets: report.pullSecrets.filter((entry) => entry.context === context).map((entry) => entry.name).sort(),
      // Stale copies compare clusters with each other (every context here holds its own AWS token): the rest are the context's own.
      findings: report.findings.filter((entry) => entry.context === context && entry.code !== 'staleCopy').map((entry) => entry.code).sort(),
      cells: report.cells.filter((entry) => entry.context === context).map((entry) => [entry.namespace, entry.registry, entry.worst, entry.unread]),
    });
    expect(seen('no-eso-rights').workloads).toEqual(['Deployment/shop/web']);
    expect(seen('no-eso-rights')).toEqual(seen('eso'));
    expect(report.cells.filter((entry) => entry.context === 'no-eso-rights').map((entry) => entry.worst)).not.toContain('unread');
    // A token ESO made is "unknown", saying why, rather than dated from nothing or called made by hand.
    const hourly = report.expiries.find((entry) => entry.context === 'no-eso-rights' && entry.secret === 'ecr-hourly');
    expect(hourly).toMatchObject({ expiresAt: null, state: 'unknown', source: 'engine-unread' });
    // The generator's expires_at kept in the secret still dates its token.
    expect(report.expiries.find((entry) => entry.context === 'no-eso-rights' && entry.secret === 'ecr-kept')).toMatchObject({ source: 'engine-data' });
  });

  it('calls the token expired once the clock passes its end', async () => {
    now = new Date(START.getTime() + 2 * HOUR);
    const later = await app.services.radar.scan({ contexts: ['eso'], expiryWindowDays: 14 });
    expect(row(later, 'ecr-hourly')).toMatchObject({ state: 'expired', source: 'engine-refresh' });
    expect(row(later, 'ecr-kept')).toMatchObject({ state: 'soon', source: 'engine-data' });
  });
});
