// The expiry radar's rows for Google service-account keys held in clusters' pull secrets (`_json_key`),
// on the Kubernetes API test server, with Google's token endpoint stood in over HTTPS at
// oauth2.googleapis.com (dialled to 127.0.0.1): a live key is accepted (its end unknown: a key file
// names none), a deleted key is refused (as good as expired), each distinct key asked once however
// many secrets hold it, and never at the token_uri the key names. No key reaches the report or logs.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RadarReport } from '../../shared/radar-contract';
import { ADMIN_TOKEN, startKubeApiServer, type KubeApiServer } from '../kube-api-server';
import { startGoogleTokenEndpoint, type RunningGoogleTokenEndpoint } from '../registry-servers/google-token-endpoint';
import { kubeconfigFor } from '../support/access-flow';
import { createAccessFixture, type AccessFixture } from '../support/access-services';
import { makeCertificateAuthority, makeServerCertificate, makeServiceAccountKey } from '../support/fixtures';

const GOOGLE_TOKEN_HOST = 'oauth2.googleapis.com';
const LIVE = 'puller@registry-desk-test.iam.gserviceaccount.com';
const DELETED = 'gone@registry-desk-test.iam.gserviceaccount.com';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const pullSecret = (name: string, auths: Record<string, [string, string]>) => ({
  metadata: { name },
  type: 'kubernetes.io/dockerconfigjson',
  data: { '.dockerconfigjson': b64(JSON.stringify({ auths: Object.fromEntries(Object.entries(auths).map(([key, [username, password]]) => [key, { username, password, auth: b64(`${username}:${password}`) }])) })) },
});

let kube: KubeApiServer;
let google: RunningGoogleTokenEndpoint;
let decoy: RunningGoogleTokenEndpoint;
let app: AccessFixture;
let report: RadarReport;
const keys: string[] = [];

beforeAll(async () => {
  const ca = makeCertificateAuthority();
  const tls = makeServerCertificate(ca, { hosts: [GOOGLE_TOKEN_HOST] });
  const live = JSON.parse(makeServiceAccountKey({ client_email: LIVE })) as { private_key: string };
  google = await startGoogleTokenEndpoint({ accounts: [{ clientEmail: LIVE, privateKey: live.private_key }], tls, tokenUri: `https://${GOOGLE_TOKEN_HOST}/token` });
  // The deleted key names a token service that would accept it: it must never be asked.
  const deleted = JSON.parse(makeServiceAccountKey({ client_email: DELETED })) as { private_key: string };
  decoy = await startGoogleTokenEndpoint({ accounts: [{ clientEmail: DELETED, privateKey: deleted.private_key }] });
  const liveJson = JSON.stringify({ ...live, token_uri: `https://${GOOGLE_TOKEN_HOST}/token` });
  const deletedJson = JSON.stringify({ ...deleted, token_uri: decoy.tokenUri });
  keys.push(liveJson, deletedJson);

  kube = await startKubeApiServer({ users: { [ADMIN_TOKEN]: { name: 'admin', rules: [{ verbs: ['*'], resources: ['*'], apiGroups: ['*'] }] } } });
  // The live key in two namespaces (one question to Google), the deleted one in a third, and a
  // `_json_key` whose password is no key (an access token pasted by hand): no Google row for it.
  for (const namespace of ['team-a', 'team-b']) {
    kube.seed.namespace(namespace);
    kube.seed.secret(namespace, pullSecret('gar-pull', { 'europe-docker.pkg.dev': ['_json_key', liveJson] }));
  }
  kube.seed.namespace('team-c');
  kube.seed.secret('team-c', pullSecret('gcr-pull', { 'gcr.io': ['_json_key', deletedJson], 'us-docker.pkg.dev': ['_json_key', 'ya29.not-a-key'] }));
  app = createAccessFixture({
    keychainService: `registry-desk-radar-cluster-google-${randomBytes(4).toString('hex')}`,
    kubeconfigPaths: [kubeconfigFor([{ name: 'prod', server: kube }])],
    connectionNetwork: {
      systemRoots: [ca.certificate],
      connectTo: (host) => (host === GOOGLE_TOKEN_HOST ? { host: '127.0.0.1', port: google.port } : undefined),
    },
  });
  report = await app.services.radar.scan({ expiryWindowDays: 14 });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await Promise.all([kube?.stop(), google?.stop(), decoy?.stop()]);
});

describe('the radar dates Google keys held in cluster pull secrets', () => {
  it('accepted: end unknown; refused: as good as expired; each key asked once, of Google only', () => {
    const rows = report.expiries
      .filter((row) => row.what === 'google-key')
      .map(({ registry, username, context, namespace, secret, expiresAt, state, source }) => ({ registry, username, context, namespace, secret, expiresAt, state, source }));
    expect(rows).toEqual([
      { registry: 'europe-docker.pkg.dev', username: LIVE, context: 'prod', namespace: 'team-a', secret: 'gar-pull', expiresAt: null, state: 'unknown', source: 'google-key-accepted' },
      { registry: 'europe-docker.pkg.dev', username: LIVE, context: 'prod', namespace: 'team-b', secret: 'gar-pull', expiresAt: null, state: 'unknown', source: 'google-key-accepted' },
      { registry: 'gcr.io', username: DELETED, context: 'prod', namespace: 'team-c', secret: 'gcr-pull', expiresAt: null, state: 'expired', source: 'google-key-refused' },
    ]);
    // Asked at once, so in either order; an account the endpoint does not know is not named in its log.
    expect(google.requests().map((line) => `${line.clientEmail} ${line.status}`).sort()).toEqual(['null 400', `${LIVE} 200`]);
    expect(decoy.requests()).toEqual([]);
  });

  it('colours the refused key’s cell as failing', () => {
    expect(report.cells.find((cell) => cell.namespace === 'team-c' && cell.registry === 'gcr.io')?.worst).toBe('fail');
    expect(report.cells.find((cell) => cell.namespace === 'team-a' && cell.registry === 'europe-docker.pkg.dev')?.worst).toBe('pass');
  });

  it('keeps every key out of the report and the logs', () => {
    const text = JSON.stringify(report);
    for (const json of keys) {
      const body = (JSON.parse(json) as { private_key: string }).private_key.split('\n')[1]!;
      expect(text).not.toContain(body);
      expect(app.logLines.join('\n')).not.toContain(body);
    }
    expect(text).not.toContain('ya29.not-a-key');
  });
});
