import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { USER_AGENT } from '../../main/registry-http/user-agent';
import type { ConnectionResult } from '../../shared/connection-contract';
import type { ConnectionMode } from '../../shared/registry-types';
import type { RegistryInput } from '../../shared/schemas';
import { startDockerRegistry, type RunningDockerRegistry } from '../registry-servers/docker-registry';
import { createConnectionServices, type ConnectionServices } from '../registry-servers/connection-services';
import { skopeoLogin } from '../registry-servers/skopeo';
import { startTokenServer, type RunningTokenServer } from '../registry-servers/token-server';
import { makeCertificateAuthority, makeServerCertificate, makeTokenSigningCertificate } from '../support/fixtures';

// Debian's docker-registry in the four set-ups of the issue: TLS with a private CA and htpasswd,
// token auth, plain HTTP, an expired certificate. Every verdict is checked against skopeo's.
const PASSWORD = `pw-${randomBytes(12).toString('hex')}`;
const WRONG = `${PASSWORD}-wrong`;
const SERVICE = 'registry-desk-test';
const ISSUER = 'registry-desk-test-issuer';

interface Servers {
  ca: string;
  otherCa: string;
  tls: RunningDockerRegistry;
  token: RunningDockerRegistry;
  tokenService: RunningTokenServer;
  plain: RunningDockerRegistry;
  expired: RunningDockerRegistry;
}

let servers: Servers;
let app: ConnectionServices;
const results: ConnectionResult[] = [];

beforeAll(async () => {
  const ca = makeCertificateAuthority();
  const hosts = ['localhost', '127.0.0.1'];
  const signer = makeTokenSigningCertificate();
  const serverTls = makeServerCertificate(ca, { hosts });
  const tokenService = await startTokenServer({ users: { bob: PASSWORD }, signer, service: SERVICE, issuer: ISSUER, tls: serverTls });
  const [tls, token, plain, expired] = await Promise.all([
    startDockerRegistry({ tls: serverTls, users: { alice: PASSWORD } }),
    startDockerRegistry({
      tls: serverTls,
      token: { realm: tokenService.realm, service: SERVICE, issuer: ISSUER, rootCertBundle: signer.certificate },
    }),
    startDockerRegistry({ users: { carol: PASSWORD } }),
    startDockerRegistry({ tls: makeServerCertificate(ca, { hosts, expired: true }), users: { dave: PASSWORD } }),
  ]);
  servers = { ca: ca.certificate, otherCa: makeCertificateAuthority({ commonName: 'Unrelated CA' }).certificate, tls, token, tokenService, plain, expired };
  // A name the server certificate does not carry, dialled to the same registry.
  app = await createConnectionServices({
    network: { connectTo: (host, port) => (host === 'registry.elsewhere.test' ? { host: '127.0.0.1', port } : undefined) },
  });
});

afterAll(async () => {
  await Promise.all([servers?.tls.stop(), servers?.token.stop(), servers?.tokenService.stop(), servers?.plain.stop(), servers?.expired.stop()]);
  await app?.close();
});

function otherRegistry(url: string, username: string, password: string, connection: ConnectionMode, caCertificate?: string): RegistryInput {
  return { type: 'other', name: 'under test', url, username, password, connection, ...(caCertificate ? { caCertificate } : {}) };
}

async function testForm(input: RegistryInput): Promise<ConnectionResult> {
  const result = await app.services.connection.testDraft(input, undefined, `t-${randomBytes(4).toString('hex')}`);
  results.push(result);
  return result;
}

const ours = (registry: RunningDockerRegistry, since: number) => registry.accessLog(since).filter((line) => line.userAgent === USER_AGENT);

interface Case {
  name: string;
  registry: () => RunningDockerRegistry;
  /** Typed into the form; defaults to the registry's host:port. */
  url?: () => string;
  username: string;
  password: string;
  mode: ConnectionMode;
  ca?: () => string;
  expected: { ok: true; auth: 'basic' | 'bearer' } | { ok: false; step: ConnectionResult['step']; code: string; hint?: string };
}

const CASES: Case[] = [
  { name: '(a) TLS + htpasswd, secure with CA', registry: () => servers.tls, username: 'alice', password: PASSWORD, mode: 'secure-with-ca', ca: () => servers.ca, expected: { ok: true, auth: 'basic' } },
  { name: '(a) TLS + htpasswd, insecure', registry: () => servers.tls, username: 'alice', password: PASSWORD, mode: 'insecure', expected: { ok: true, auth: 'basic' } },
  {
    name: '(a) TLS + htpasswd, secure only',
    registry: () => servers.tls,
    username: 'alice',
    password: PASSWORD,
    mode: 'secure',
    expected: { ok: false, step: 'tls', code: 'connection.tlsUntrusted', hint: 'untrustedSecure' },
  },
  {
    name: '(a) TLS + htpasswd, secure with an unrelated CA',
    registry: () => servers.tls,
    username: 'alice',
    password: PASSWORD,
    mode: 'secure-with-ca',
    ca: () => servers.otherCa,
    expected: { ok: false, step: 'tls', code: 'connection.tlsUntrusted', hint: 'untrustedWithCa' },
  },
  {
    name: '(a) TLS + htpasswd, wrong password',
    registry: () => servers.tls,
    username: 'alice',
    password: WRONG,
    mode: 'secure-with-ca',
    ca: () => servers.ca,
    expected: { ok: false, step: 'credentials', code: 'connection.credentialsRejected', hint: 'credentials' },
  },
  { name: '(b) token auth, secure with CA', registry: () => servers.token, username: 'bob', password: PASSWORD, mode: 'secure-with-ca', ca: () => servers.ca, expected: { ok: true, auth: 'bearer' } },
  {
    name: '(b) token auth, wrong password',
    registry: () => servers.token,
    username: 'bob',
    password: WRONG,
    mode: 'secure-with-ca',
    ca: () => servers.ca,
    expected: { ok: false, step: 'token', code: 'connection.tokenRejected', hint: 'credentials' },
  },
  { name: '(c) plain HTTP, insecure', registry: () => servers.plain, username: 'carol', password: PASSWORD, mode: 'insecure', expected: { ok: true, auth: 'basic' } },
  {
    name: '(c) plain HTTP, http:// typed, insecure',
    registry: () => servers.plain,
    url: () => `http://${servers.plain.address}`,
    username: 'carol',
    password: PASSWORD,
    mode: 'insecure',
    expected: { ok: true, auth: 'basic' },
  },
  {
    name: '(c) plain HTTP, secure only',
    registry: () => servers.plain,
    username: 'carol',
    password: PASSWORD,
    mode: 'secure',
    expected: { ok: false, step: 'tls', code: 'connection.tlsHandshake', hint: 'handshake' },
  },
  {
    name: '(c) plain HTTP, secure with CA',
    registry: () => servers.plain,
    username: 'carol',
    password: PASSWORD,
    mode: 'secure-with-ca',
    ca: () => servers.ca,
    expected: { ok: false, step: 'tls', code: 'connection.tlsHandshake', hint: 'handshake' },
  },
  {
    name: '(d) expired certificate, secure with CA',
    registry: () => servers.expired,
    username: 'dave',
    password: PASSWORD,
    mode: 'secure-with-ca',
    ca: () => servers.ca,
    expected: { ok: false, step: 'tls', code: 'connection.tlsExpired', hint: 'expired' },
  },
  { name: '(d) expired certificate, insecure', registry: () => servers.expired, username: 'dave', password: PASSWORD, mode: 'insecure', expected: { ok: true, auth: 'basic' } },
];

describe('connection test against Debian docker-registry, cross-checked with skopeo', () => {
  it.each(CASES)('$name', async (testCase) => {
    const registry = testCase.registry();
    const url = testCase.url?.() ?? registry.address;
    const result = await testForm(otherRegistry(url, testCase.username, testCase.password, testCase.mode, testCase.ca?.()));
    expect(result).toMatchObject(
      testCase.expected.ok
        ? { ok: true, auth: testCase.expected.auth }
        : { ok: false, step: testCase.expected.step, error: { code: testCase.expected.code }, hint: testCase.expected.hint },
    );
    const skopeo = await skopeoLogin({
      address: registry.address,
      username: testCase.username,
      password: testCase.password,
      mode: testCase.mode,
      caCertificate: testCase.ca?.(),
    });
    expect({ app: result.ok, skopeo: skopeo.ok }, skopeo.output).toEqual({ app: testCase.expected.ok, skopeo: testCase.expected.ok });
  });
});

describe('what a result tells the operator', () => {
  it('counts round trips as the registry logged them: 2 for Basic', async () => {
    const since = servers.tls.mark();
    const result = await testForm(otherRegistry(servers.tls.address, 'alice', PASSWORD, 'secure-with-ca', servers.ca));
    const logged = ours(servers.tls, since);
    expect(logged.map((line) => `${line.method} ${line.path} ${line.status}`)).toEqual(['GET /v2/ 401', 'GET /v2/ 200']);
    expect(result).toMatchObject({ ok: true, roundTrips: 2, endpoint: `https://${servers.tls.address}/v2/` });
    expect(result.durationMs).toBeGreaterThan(0);
  });

  it('counts round trips as the registry and the token service logged them: 3 for Bearer', async () => {
    const since = servers.token.mark();
    const tokenSince = servers.tokenService.mark();
    const result = await testForm(otherRegistry(servers.token.address, 'bob', PASSWORD, 'secure-with-ca', servers.ca));
    const registryLines = ours(servers.token, since).map((line) => `${line.method} ${line.path} ${line.status}`);
    expect(registryLines).toEqual(['GET /v2/ 401', 'GET /v2/ 200']);
    expect(servers.tokenService.requests(tokenSince)).toEqual([{ method: 'GET', username: 'bob', status: 200 }]);
    expect(result).toMatchObject({ ok: true, auth: 'bearer', roundTrips: registryLines.length + 1 });
  });

  it('falls back to the OAuth2 POST form when the token service refuses GET', async () => {
    servers.tokenService.refuseGet(true);
    try {
      const tokenSince = servers.tokenService.mark();
      const result = await testForm(otherRegistry(servers.token.address, 'bob', PASSWORD, 'secure-with-ca', servers.ca));
      expect(servers.tokenService.requests(tokenSince)).toEqual([
        { method: 'GET', username: 'bob', status: 405 },
        { method: 'POST', username: 'bob', status: 200 },
      ]);
      expect(result).toMatchObject({ ok: true, auth: 'bearer', roundTrips: 4 });
      const wrong = await testForm(otherRegistry(servers.token.address, 'bob', WRONG, 'secure-with-ca', servers.ca));
      expect(wrong).toMatchObject({ ok: false, step: 'token', error: { code: 'connection.tokenRejected', params: { status: 401 } } });
    } finally {
      servers.tokenService.refuseGet(false);
    }
  });

  it('warns that an insecure login over plain HTTP is unencrypted, and tells the endpoint it fell back to', async () => {
    const result = await testForm(otherRegistry(servers.plain.address, 'carol', PASSWORD, 'insecure'));
    expect(result).toMatchObject({ ok: true, endpoint: `http://${servers.plain.address}/v2/`, warnings: ['insecure', 'plainHttp'] });
  });

  it('names the certificate problem precisely: untrusted issuer, expiry, another host name', async () => {
    const untrusted = await testForm(otherRegistry(servers.tls.address, 'alice', PASSWORD, 'secure'));
    expect(untrusted.error?.message).toMatch(/^The certificate of 127\.0\.0\.1 is not trusted \(.+; issued by CN=Registry Desk Test CA\)\.$/);
    const expired = await testForm(otherRegistry(servers.expired.address, 'dave', PASSWORD, 'secure-with-ca', servers.ca));
    expect(expired.error?.message).toBe('The certificate of 127.0.0.1 has expired (expired on 2021-01-01).');
    const otherName = await testForm(otherRegistry(`registry.elsewhere.test:${servers.tls.port}`, 'alice', PASSWORD, 'secure-with-ca', servers.ca));
    expect(otherName).toMatchObject({ ok: false, step: 'tls', error: { code: 'connection.tlsHostMismatch' }, hint: 'hostMismatch' });
  });

  it('tells "nothing listens there" and "no such host" apart from TLS and credential failures', async () => {
    await servers.plain.stop();
    const refused = await testForm(otherRegistry(servers.plain.address, 'carol', PASSWORD, 'insecure'));
    expect(refused).toMatchObject({ ok: false, step: 'connect', error: { code: 'connection.refused' }, hint: 'refused', roundTrips: 0 });
    const unknown = await testForm(otherRegistry('registry.does-not-exist.invalid', 'carol', PASSWORD, 'secure'));
    expect(unknown).toMatchObject({ ok: false, step: 'dns', error: { code: 'connection.dnsNotFound' }, hint: 'dns' });
  });

  it('never puts the password into a result or a log line', () => {
    expect(results.length).toBeGreaterThan(CASES.length);
    for (const text of [JSON.stringify(results), ...app.logLines]) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(Buffer.from(`alice:${PASSWORD}`).toString('base64'));
    }
  });
});
