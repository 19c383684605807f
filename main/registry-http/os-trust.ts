import { X509Certificate } from 'node:crypto';
import { getCACertificates } from 'node:tls';

/** A server sends a handful of certificates; a longer chain is cut here rather than walked. */
const MAX_CHAIN = 10;

/**
 * The OS trust store's anchors (the Keychain, the Windows store, the distribution's bundle) as Node
 * reads them. The app itself verifies against Node's bundled roots, so the two can disagree.
 */
export function osTrustAnchors(): string[] {
  try {
    return getCACertificates('system');
  } catch {
    return [];
  }
}

function parsed(certificate: string | Buffer): X509Certificate | null {
  try {
    return new X509Certificate(certificate);
  } catch {
    return null;
  }
}

interface PeerLink {
  raw?: Buffer;
  issuerCertificate?: PeerLink;
}

/** The certificates a server presented, leaf first, as `getPeerCertificate(true)` links them (the root links to itself). */
export function presentedChain(peer: PeerLink): X509Certificate[] {
  const chain: X509Certificate[] = [];
  for (let current: PeerLink | undefined = peer; current?.raw && chain.length < MAX_CHAIN; current = current.issuerCertificate) {
    const certificate = parsed(current.raw);
    if (!certificate || chain.some((seen) => seen.fingerprint256 === certificate.fingerprint256)) break;
    chain.push(certificate);
  }
  return chain;
}

/** Whether one of `anchors` is a certificate of the presented chain or signed one: the OS would accept what the app refused. */
export function anchorsTrustChain(chain: readonly X509Certificate[], anchors: readonly string[]): boolean {
  if (chain.length === 0) return false;
  const roots = anchors.flatMap((pem) => parsed(pem) ?? []);
  return chain.some((certificate) =>
    roots.some((root) => root.fingerprint256 === certificate.fingerprint256 || (certificate.issuer === root.subject && certificate.checkIssued(root) && certificate.verify(root.publicKey))),
  );
}
