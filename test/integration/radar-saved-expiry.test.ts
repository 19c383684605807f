// The radar's expiries for Registry Desk's own saved registries, on the real keychain and conf: an
// uploaded CA that ends in 3 days (the clock is moved by the test to 3 days before the CA's
// notAfter, as openssl gives no shorter CA here), a registry whose saved password is a JWT, and one
// with a plain password, which has no knowable end and so gets no row; two ECR registries, one with
// the token the credential helper cached in the keychain, one never logged in (unknown, not guessed).
// No secret reaches the report.
import { X509Certificate, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RadarReport } from '../../shared/radar-contract';
import { kubeconfigFor } from '../support/access-flow';
import { createAccessFixture, type AccessFixture } from '../support/access-services';
import { makeCertificateAuthority } from '../support/fixtures';
import { keytar } from '../support/real-keytar';

const DAY = 86_400_000;
const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const SIGNATURE = randomBytes(32).toString('base64url');
const jwt = (exp: Date) => `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url({ sub: 'robot', exp: Math.floor(exp.getTime() / 1000) })}.${SIGNATURE}`;
const PLAIN = `plain-${randomBytes(10).toString('hex')}`;
const ECR_TOKEN = `ecr-${randomBytes(10).toString('hex')}`;
const KEYCHAIN = `registry-desk-radar-saved-${randomBytes(4).toString('hex')}`;
const HOUR = 3_600_000;

let app: AccessFixture;
let report: RadarReport;
let caEnd: Date;
let now: Date;
let token: string;

beforeAll(async () => {
  const ca = makeCertificateAuthority();
  caEnd = new Date(new X509Certificate(ca.certificate).validTo);
  now = new Date(caEnd.getTime() - 3 * DAY);
  token = jwt(new Date(now.getTime() + 20 * DAY));
  app = createAccessFixture({ keychainService: KEYCHAIN, kubeconfigPaths: [kubeconfigFor([])], clock: { now: () => now } });
  await app.services.registries.create({ type: 'other', name: 'Harbor', url: 'harbor.corp:8443', username: 'admin', password: PLAIN, connection: 'secure-with-ca', caCertificate: ca.certificate });
  await app.services.registries.create({ type: 'other', name: 'Tokens', url: 'tokens.corp', username: 'robot', password: token, connection: 'secure' });
  const cached = await app.services.registries.create({ type: 'ecr', name: 'ECR prod', url: 'https://123456789012.dkr.ecr.eu-west-1.amazonaws.com', authType: 'iam-role' });
  await app.services.registries.create({ type: 'ecr', name: 'ECR new', url: 'https://210987654321.dkr.ecr.us-east-1.amazonaws.com', authType: 'iam-role' });
  // As the credential helper leaves it (fresh-token.ts), stamped with the registry's updatedAt.
  const record = app.services.settings.read().registries.find((entry) => entry.id === cached.id)!;
  await keytar.setPassword(KEYCHAIN, `${cached.id}/token`, JSON.stringify({ stamp: record.updatedAt, username: 'AWS', password: ECR_TOKEN, expiresAt: new Date(now.getTime() + 6 * HOUR).toISOString() }));
  report = await app.services.radar.scan({ expiryWindowDays: 14 });
}, 120_000);

afterAll(async () => {
  for (const record of app?.services.settings.read().registries ?? []) await keytar.deletePassword(KEYCHAIN, `${record.id}/token`);
  await app?.close();
});

describe('the radar dates Registry Desk’s own saved logins', () => {
  it('gives the uploaded CA a row ending at its notAfter, 3 days away, without a cluster', () => {
    expect(report.expiries.filter((row) => row.what === 'ca-certificate')).toEqual([
      { what: 'ca-certificate', registry: 'harbor.corp:8443', username: null, context: null, namespace: null, secret: null, expiresAt: caEnd.toISOString(), state: 'soon', source: 'certificate', savedAs: 'Harbor' },
    ]);
  });

  it('dates a JWT password by its exp and gives a plain password no guessed row', () => {
    const saved = report.expiries.filter((row) => row.what === 'jwt');
    expect(saved).toEqual([
      { what: 'jwt', registry: 'tokens.corp', username: 'robot', context: null, namespace: null, secret: null, expiresAt: new Date(Math.floor((now.getTime() + 20 * DAY) / 1000) * 1000).toISOString(), state: 'valid', source: 'saved-password', savedAs: 'Tokens' },
    ]);
    expect(report.expiries.filter((row) => row.savedAs === 'Harbor').map((row) => row.what)).toEqual(['ca-certificate']);
  });

  it('dates an ECR registry by the token the credential helper cached, and says unknown where none was fetched', () => {
    expect(report.expiries.filter((row) => row.what === 'ecr-token').map(({ registry, expiresAt, state, source, savedAs }) => ({ registry, expiresAt, state, source, savedAs }))).toEqual([
      { registry: '123456789012.dkr.ecr.eu-west-1.amazonaws.com', expiresAt: new Date(now.getTime() + 6 * HOUR).toISOString(), state: 'soon', source: 'token-cache', savedAs: 'ECR prod' },
      { registry: '210987654321.dkr.ecr.us-east-1.amazonaws.com', expiresAt: null, state: 'unknown', source: 'no-token-cached', savedAs: 'ECR new' },
    ]);
  });

  it('keeps every password and token out of the report and the logs', () => {
    const text = JSON.stringify(report);
    for (const secret of [PLAIN, token, SIGNATURE, ECR_TOKEN]) {
      expect(text).not.toContain(secret);
      expect(app.logLines.join('\n')).not.toContain(secret);
    }
  });
});
