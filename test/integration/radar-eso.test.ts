// ECR tokens made by External Secrets Operator, on the Kubernetes API test server with ESO's
// vendored CRDs (the controller does not run: the ExternalSecrets carry the status it would write).
// The radar dates a token from the `expires_at` ESO's ECR generator writes when the secret keeps it,
// else from the ExternalSecret's last refresh + 12 h, and says when the ExternalSecret refreshes too
// seldom to keep the token alive. A cluster without ESO is read with nothing refused. The clock is
// moved by the test.
import { randomBytes, randomUUID } from 'node:crypto';
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RadarReport } from '../../shared/radar-contract';
import { installEngine } from '../engine-crds';
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
const externalSecret = (name: string, spec: object) => ({
  apiVersion: 'external-secrets.io/v1',
  kind: 'ExternalSecret',
  metadata: { name },
  spec: {
    target: { name, template: { type: 'kubernetes.io/dockerconfigjson' } },
    dataFrom: [{ sourceRef: { generatorRef: { apiVersion: 'generators.external-secrets.io/v1alpha1', kind: 'ECRAuthorizationToken', name: 'ecr-gen' } } }],
    ...spec,
  },
});

/** The status ESO's controller writes after a sync, through the `/status` subresource as it does (create drops status). */
function writeStatus(server: KubeApiServer, name: string, refreshTime: Date | null): Promise<void> {
  const status = {
    ...(refreshTime ? { refreshTime: refreshTime.toISOString() } : {}),
    conditions: [{ type: 'Ready', status: refreshTime ? 'True' : 'False', reason: refreshTime ? 'SecretSynced' : 'SecretSyncedError', lastTransitionTime: START.toISOString() }],
  };
  const url = new URL(`/apis/external-secrets.io/v1/namespaces/shop/externalsecrets/${name}/status`, server.url);
  return new Promise((resolve, reject) => {
    const sent = request(url, { method: 'PATCH', ca: server.caPem, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/merge-patch+json' } }, (answer) => {
      answer.resume();
      answer.once('end', () => (answer.statusCode === 200 ? resolve() : reject(new Error(`status of ${name}: HTTP ${answer.statusCode}`))));
    });
    sent.once('error', reject);
    sent.end(JSON.stringify({ status }));
  });
}

let kube: KubeApiServer;
let plain: KubeApiServer;
let app: AccessFixture;
let now = START;
let report: RadarReport;

beforeAll(async () => {
  kube = await startKubeApiServer({});
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
  const kubeconfig = kubeconfigFor([{ name: 'eso', server: kube }, { name: 'plain', server: plain }]);
  app = createAccessFixture({ keychainService: `registry-desk-radar-eso-${randomBytes(4).toString('hex')}`, kubeconfigPaths: [kubeconfig], clock: { now: () => now } });
  report = await app.services.radar.scan({ expiryWindowDays: 14 });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await kube?.stop();
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

  it('reads a cluster without ESO with nothing refused, and the ExternalSecrets in one list', () => {
    const contexts = Object.fromEntries(report.contexts.map((entry) => [entry.context, entry]));
    expect(contexts.plain).toMatchObject({ state: 'read', error: null, refused: [] });
    expect(contexts.eso).toMatchObject({ state: 'read', error: null, refused: [] });
    expect(contexts.eso?.apiRequests).toBe(contexts.plain?.apiRequests);
  });

  it('calls the token expired once the clock passes its end', async () => {
    now = new Date(START.getTime() + 2 * HOUR);
    const later = await app.services.radar.scan({ contexts: ['eso'], expiryWindowDays: 14 });
    expect(row(later, 'ecr-hourly')).toMatchObject({ state: 'expired', source: 'engine-refresh' });
    expect(row(later, 'ecr-kept')).toMatchObject({ state: 'soon', source: 'engine-data' });
  });
});
