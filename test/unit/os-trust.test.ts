import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { anchorsTrustChain, presentedChain } from '../../main/registry-http/os-trust';
import { makeCertificateAuthority, makeServerCertificate } from '../support/fixtures';

const ca = makeCertificateAuthority({ commonName: 'Corp Root CA' });
// Same name, another key: only a signature tells them apart.
const impostor = makeCertificateAuthority({ commonName: 'Corp Root CA' });
const leaf = new X509Certificate(makeServerCertificate(ca, { hosts: ['registry.corp.test'] }).certificate);
const root = new X509Certificate(ca.certificate);

describe('the OS trust store and a refused certificate', () => {
  it('trusts a chain whose issuer is among the anchors, or that presents an anchor itself', () => {
    expect(anchorsTrustChain([leaf], [ca.certificate])).toBe(true);
    expect(anchorsTrustChain([leaf, root], [ca.certificate])).toBe(true);
  });

  it('does not trust it for an anchor that only shares the issuer’s name, a damaged anchor or none', () => {
    expect(anchorsTrustChain([leaf], [impostor.certificate])).toBe(false);
    expect(anchorsTrustChain([leaf], ['-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----'])).toBe(false);
    expect(anchorsTrustChain([leaf], [])).toBe(false);
    expect(anchorsTrustChain([], [ca.certificate])).toBe(false);
  });

  it('reads the presented chain leaf first and stops at the root that links to itself', () => {
    const rootLink: { raw: Buffer; issuerCertificate?: unknown } = { raw: root.raw };
    rootLink.issuerCertificate = rootLink;
    const chain = presentedChain({ raw: leaf.raw, issuerCertificate: rootLink as never });
    expect(chain.map((certificate) => certificate.subject)).toEqual([leaf.subject, root.subject]);
  });
});
