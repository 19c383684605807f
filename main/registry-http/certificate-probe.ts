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

/** Why a server's certificate could not be read: for the operator to check, never a guess at a date. */
export type CertificateUnread = 'refused' | 'no-address' | 'timeout' | 'no-tls' | 'unreachable';

const UNREAD_BY_CODE: Record<string, CertificateUnread> = { ECONNREFUSED: 'refused', ENOTFOUND: 'no-address', EAI_AGAIN: 'no-address', ETIMEDOUT: 'timeout', EPROTO: 'no-tls' };

function unreadReason(error: NodeJS.ErrnoException): CertificateUnread {
  const code = error.code ?? '';
  if (Object.hasOwn(UNREAD_BY_CODE, code)) return UNREAD_BY_CODE[code]!;
  // OpenSSL's own codes (ERR_SSL_WRONG_VERSION_NUMBER: plain HTTP on that port, and the like).
  return code.startsWith('ERR_SSL_') ? 'no-tls' : 'unreachable';
}

/**
 * Reads the certificate a server presents without judging it, within `timeoutMs` in all (a server
 * that trickles bytes does not hold it longer). Answers why not when the server cannot be read.
 */
export function readPeerCertificate(url: URL, network: ConnectionNetwork, timeoutMs: number): Promise<{ facts: PeerCertificateFacts } | { unread: CertificateUnread }> {
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
    const done = (answer: { facts: PeerCertificateFacts } | { unread: CertificateUnread }) => {
      clearTimeout(deadline);
      socket.destroy();
      resolve(answer);
    };
    const deadline = setTimeout(() => done({ unread: 'timeout' }), timeoutMs);
    socket.once('secureConnect', () => {
      const certificate = socket.getPeerCertificate(true);
      if (!certificate?.valid_to) return done({ unread: 'no-tls' });
      const chain = presentedChain(certificate);
      const osTrustsIssuer = () => anchorsTrustChain(chain, (network.osTrustAnchors ?? osTrustAnchors)());
      done({ facts: { issuer: distinguishedName(certificate.issuer), validFrom: day(certificate.valid_from), validTo: day(certificate.valid_to), notAfter: new Date(certificate.valid_to).toISOString(), osTrustsIssuer } });
    });
    socket.once('error', (error) => done({ unread: unreadReason(error) }));
    socket.once('timeout', () => done({ unread: 'timeout' }));
  });
}

/** The certificate a server presents after a verified handshake failed, or null when it cannot be read. */
export async function probePeerCertificate(url: URL, network: ConnectionNetwork, timeoutMs: number): Promise<PeerCertificateFacts | null> {
  const answer = await readPeerCertificate(url, network, timeoutMs);
  return 'facts' in answer ? answer.facts : null;
}
