import { X509Certificate } from 'node:crypto';
import type { FieldError } from '../../shared/errors';
import type { CertificateSummary } from '../../shared/schemas';

const MAX_CERTIFICATES = 50;
const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

export type CertificateInspection =
  | { ok: true; pem: string; certificates: CertificateSummary[] }
  | { ok: false; error: FieldError };

const field = 'caCertificate';

function summarize(certificate: X509Certificate, now: Date): CertificateSummary {
  const validTo = new Date(certificate.validTo);
  return {
    subject: certificate.subject.split('\n').join(', '),
    issuer: certificate.issuer.split('\n').join(', '),
    validFrom: new Date(certificate.validFrom).toISOString(),
    validTo: validTo.toISOString(),
    expired: validTo.getTime() < now.getTime(),
    isCertificateAuthority: certificate.ca,
    fingerprint256: certificate.fingerprint256,
  };
}

/**
 * Reads the PEM of an uploaded `ca.crt` (one certificate or a bundle). Private keys are refused
 * outright so a mistaken upload never lands in the settings file.
 */
export function inspectCertificates(text: string, now: Date): CertificateInspection {
  const blocks = [...text.matchAll(PEM_BLOCK)].map((match) => ({ label: match[1]!, pem: match[0] }));
  if (blocks.some((block) => block.label.includes('PRIVATE KEY')) || /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) {
    return { ok: false, error: { field, code: 'caCertificate.privateKey' } };
  }
  if (blocks.length === 0) return { ok: false, error: { field, code: 'caCertificate.notPem' } };
  const foreign = blocks.find((block) => block.label !== 'CERTIFICATE');
  if (foreign) return { ok: false, error: { field, code: 'caCertificate.notCertificate', params: { label: foreign.label } } };
  if (blocks.length > MAX_CERTIFICATES) {
    return { ok: false, error: { field, code: 'caCertificate.tooMany', params: { max: MAX_CERTIFICATES } } };
  }
  const certificates: CertificateSummary[] = [];
  for (const [index, block] of blocks.entries()) {
    try {
      certificates.push(summarize(new X509Certificate(block.pem), now));
    } catch {
      return { ok: false, error: { field, code: 'caCertificate.unreadable', params: { index: index + 1 } } };
    }
  }
  return { ok: true, pem: `${blocks.map((block) => block.pem).join('\n')}\n`, certificates };
}
