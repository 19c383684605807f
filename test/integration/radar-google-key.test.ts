// The radar's row for a saved Google registry's service-account key, on the real keychain and conf,
// against the Google token endpoint stand-in: a live key is accepted (its end unknown: a key file
// names none, only IAM keeps validBeforeTime), a deleted key is refused ("revoked or invalid"), and
// an endpoint that does not answer leaves the key unchecked. No key reaches the report or the logs.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RadarReport } from '../../shared/radar-contract';
import { startGoogleTokenEndpoint, type RunningGoogleTokenEndpoint } from '../registry-servers/google-token-endpoint';
import { kubeconfigFor } from '../support/access-flow';
import { createAccessFixture, type AccessFixture } from '../support/access-services';
import { closedPort } from '../support/closed-port';
import { makeServiceAccountKey } from '../support/fixtures';

const LIVE = 'puller@registry-desk-test.iam.gserviceaccount.com';
const DELETED = 'gone@registry-desk-test.iam.gserviceaccount.com';
const KEYCHAIN = `registry-desk-radar-google-${randomBytes(4).toString('hex')}`;

let app: AccessFixture;
let google: RunningGoogleTokenEndpoint;
let report: RadarReport;
const keys: string[] = [];

const keyFor = (clientEmail: string, tokenUri: string) => {
  const raw = JSON.parse(makeServiceAccountKey({ client_email: clientEmail })) as { private_key: string };
  return { privateKey: raw.private_key, json: JSON.stringify({ ...raw, token_uri: tokenUri }, null, 2) };
};

beforeAll(async () => {
  // Only the live account's key is known to the endpoint: the other was deleted in IAM.
  const live = keyFor(LIVE, 'set below');
  google = await startGoogleTokenEndpoint({ accounts: [{ clientEmail: LIVE, privateKey: live.privateKey }] });
  const liveJson = JSON.stringify({ ...(JSON.parse(live.json) as object), token_uri: google.tokenUri });
  const deleted = keyFor(DELETED, google.tokenUri).json;
  const silent = keyFor(LIVE, `http://127.0.0.1:${await closedPort()}/token`).json;
  keys.push(liveJson, deleted, silent);
  app = createAccessFixture({ keychainService: KEYCHAIN, kubeconfigPaths: [kubeconfigFor([])] });
  await app.services.registries.create({ type: 'artifact-registry', name: 'AR live', url: 'europe-docker.pkg.dev', username: '_json_key', serviceAccountJson: liveJson });
  await app.services.registries.create({ type: 'gcr', name: 'GCR deleted', url: 'gcr.io', username: '_json_key', serviceAccountJson: deleted });
  await app.services.registries.create({ type: 'artifact-registry', name: 'AR silent', url: 'us-docker.pkg.dev', username: '_json_key', serviceAccountJson: silent });
  report = await app.services.radar.scan({ expiryWindowDays: 14 });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await google?.stop();
});

describe('the radar checks saved Google service-account keys', () => {
  it('accepted: end unknown; refused: revoked or invalid, as good as expired; no answer: unchecked', () => {
    const rows = report.expiries.filter((row) => row.what === 'google-key').map(({ registry, username, expiresAt, state, source, savedAs }) => ({ registry, username, expiresAt, state, source, savedAs }));
    expect(rows).toEqual([
      { registry: 'europe-docker.pkg.dev', username: LIVE, expiresAt: null, state: 'unknown', source: 'google-key-accepted', savedAs: 'AR live' },
      { registry: 'gcr.io', username: DELETED, expiresAt: null, state: 'expired', source: 'google-key-refused', savedAs: 'GCR deleted' },
      { registry: 'us-docker.pkg.dev', username: LIVE, expiresAt: null, state: 'unknown', source: 'google-key-unchecked', savedAs: 'AR silent' },
    ]);
    // The endpoint was asked with each reachable key, once per scan (it names no account it does not know).
    expect(google.requests().map((line) => [line.clientEmail, line.status])).toEqual([
      [LIVE, 200],
      [null, 400],
    ]);
  });

  it('keeps every key out of the report and the logs', () => {
    const text = JSON.stringify(report);
    for (const json of keys) {
      const { private_key: privateKey } = JSON.parse(json) as { private_key: string };
      const body = privateKey.split('\n')[1]!;
      expect(text).not.toContain(body);
      expect(app.logLines.join('\n')).not.toContain(body);
    }
  });
});
