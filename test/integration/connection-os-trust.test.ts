import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionResult } from '../../shared/connection-contract';
import { startDockerRegistry, type RunningDockerRegistry } from '../registry-servers/docker-registry';
import { createConnectionServices, type ConnectionServices } from '../registry-servers/connection-services';
import { makeCertificateAuthority, makeServerCertificate } from '../support/fixtures';

// A real docker-registry whose certificate a private CA issued, tested as "secure only": the app
// refuses it either way; the hint says so when the OS trust store holds that CA. The OS store is
// injected at its one boundary (ConnectionNetwork.osTrustAnchors): this machine's cannot be changed.
const PASSWORD = `pw-${randomBytes(12).toString('hex')}`;
const ca = makeCertificateAuthority({ commonName: 'Corp Root CA' });
const unrelated = makeCertificateAuthority({ commonName: 'Corp Root CA' });
let registry: RunningDockerRegistry;

beforeAll(async () => {
  registry = await startDockerRegistry({ tls: makeServerCertificate(ca, { hosts: ['127.0.0.1'] }), users: { alice: PASSWORD } });
});

afterAll(async () => {
  await registry?.stop();
});

async function secureOnly(osTrustAnchors: () => string[]): Promise<ConnectionResult> {
  const app: ConnectionServices = await createConnectionServices({ network: { osTrustAnchors } });
  try {
    return await app.services.connection.testDraft({ type: 'other', name: 'corp', url: registry.address, username: 'alice', password: PASSWORD, connection: 'secure' }, undefined, `t-${randomBytes(4).toString('hex')}`);
  } finally {
    await app.close();
  }
}

describe('a certificate the app refuses', () => {
  it('says the OS trusts its issuer when the OS trust store holds that CA, and still offers to upload it', async () => {
    const result = await secureOnly(() => [unrelated.certificate, ca.certificate]);
    expect(result).toMatchObject({ ok: false, step: 'tls', error: { code: 'connection.tlsUntrusted' }, hint: 'untrustedOsTrusts' });
  });

  it('offers only the upload when the OS store holds no such CA, even one with the same name', async () => {
    const result = await secureOnly(() => [unrelated.certificate]);
    expect(result).toMatchObject({ ok: false, step: 'tls', error: { code: 'connection.tlsUntrusted' }, hint: 'untrustedSecure' });
  });
});
