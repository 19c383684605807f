import { isIP } from 'node:net';
import { connect } from 'node:tls';
import type { ConnectionNetwork } from './connection-network';
import { anchorsTrustChain, osTrustAnchors, presentedChain } from './os-trust';

/** What a refused certificate says about itself, for a diagnosis the operator can check. */
export interface PeerCertificateFacts {
  issuer: string;
  validFrom: string;
  validTo: string;
  /** The certificate's end to the second (ISO): an expiry is dated by it, not by its day. */
  notAfter: string;
  /** The OS trust store holds the certificate's issuer (or the certificate); asked only for an untrusted one, as it reads the whole store. */
  osTrustsIssuer: () => boolean;
}

const day = (text: string) => new Date(text).toISOString().slice(0, 10);

function distinguishedName(name: object | undefined): string {
  return Object.entries((name ?? {}) as Record<string, string | string[]>)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : value}`)
    .join(', ');
}

/**
 * Reads the certificate a server presents without judging it, after a verified handshake failed.
 * Answers null when the server cannot be reached that way.
 */
export function probePeerCertificate(url: URL, network: ConnectionNetwork, timeoutMs: number): Promise<PeerCertificateFacts | null> {
  const port = Number(url.port) || 443;
  const target = network.connectTo?.(url.hostname, port) ?? { host: url.hostname, port };
  return new Promise((resolve) => {
    const socket = connect({
      host: target.host,
      port: target.port,
      ...(isIP(url.hostname) ? {} : { servername: url.hostname }),
      rejectUnauthorized: false,
      timeout: timeoutMs,
    });
    const done = (facts: PeerCertificateFacts | null) => {
      socket.destroy();
      resolve(facts);
    };
    socket.once('secureConnect', () => {
      const certificate = socket.getPeerCertificate(true);
      if (!certificate?.valid_to) return done(null);
      const chain = presentedChain(certificate);
      const osTrustsIssuer = () => anchorsTrustChain(chain, (network.osTrustAnchors ?? osTrustAnchors)());
      done({ issuer: distinguishedName(certificate.issuer), validFrom: day(certificate.valid_from), validTo: day(certificate.valid_to), notAfter: new Date(certificate.valid_to).toISOString(), osTrustsIssuer });
    });
    socket.once('error', () => done(null));
    socket.once('timeout', () => done(null));
  });
}
