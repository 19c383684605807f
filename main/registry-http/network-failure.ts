import type { ConnectionStep, TlsReason } from '../../shared/connection-contract';
import type { MessageParams } from '../../shared/i18n';
import { AppFailure } from '../app-errors/app-failure';
import type { PeerCertificateFacts } from './certificate-probe';
import { StepFailure } from './step-failure';

export interface NetworkContext {
  url: URL;
  /** The step the request belongs to, used once the connection is up. */
  step: ConnectionStep;
  proxy: string | null;
  timeoutMs: number;
}

interface SystemError {
  code?: string;
  reason?: string;
  message?: string;
  name?: string;
  address?: string;
  port?: number;
  cause?: unknown;
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);
const UNTRUSTED_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_CHAIN_TOO_LONG',
  'INVALID_CA',
]);

/** fetch wraps the socket's error in `TypeError: fetch failed`; the useful one is the innermost with a code. */
function rootCause(error: unknown): SystemError {
  let current = error as SystemError;
  for (let depth = 0; depth < 5 && current?.cause && !current.code; depth += 1) current = current.cause as SystemError;
  return current ?? {};
}

/**
 * OpenSSL's reasons the renderer has words for in each language (shared TlsReason); the raw text
 * stays in `detail` for support. Other codes carry no `reason` and show the raw text.
 */
const TLS_REASONS: Record<string, TlsReason> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'firstCertificate',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'selfSigned',
  SELF_SIGNED_CERT_IN_CHAIN: 'selfSignedInChain',
  CERT_HAS_EXPIRED: 'expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'hostMismatch',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'localIssuer',
};

function portOf(url: URL): number {
  return Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
}

/**
 * Node appends advice for its own command line ("try running Node.js with --use-system-ca"),
 * which an app user cannot follow: the detail keeps only what OpenSSL said.
 */
function withoutNodeAdvice(detail: string): string {
  return detail
    .split(';')
    .filter((part) => !part.includes('Node.js') && !part.includes('--use-'))
    .join(';')
    .trim();
}

function tlsFailure(cause: SystemError, host: string, port: number, peer: PeerCertificateFacts | null): StepFailure | null {
  const code = cause.code ?? '';
  const detail = withoutNodeAdvice(cause.reason ?? cause.message ?? code);
  const reason: MessageParams = Object.hasOwn(TLS_REASONS, code) ? { reason: TLS_REASONS[code]! } : {};
  if (code === 'CERT_HAS_EXPIRED') {
    const until: MessageParams = peer ? { detail: `expired on ${peer.validTo}`, validTo: peer.validTo } : { detail };
    return new StepFailure('tls', new AppFailure('connection.tlsExpired', { host, ...until, ...reason }));
  }
  if (code === 'CERT_NOT_YET_VALID') {
    return new StepFailure('tls', new AppFailure('connection.tlsNotYetValid', { host, detail: peer ? `valid from ${peer.validFrom}` : detail }));
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return new StepFailure('tls', new AppFailure('connection.tlsHostMismatch', { host, detail, ...reason }));
  }
  if (UNTRUSTED_CODES.has(code)) {
    const issuer: MessageParams = peer ? { detail: `${detail}; issued by ${peer.issuer}`, issuer: peer.issuer } : { detail };
    const failure = new AppFailure('connection.tlsUntrusted', { host, ...issuer, ...reason });
    return new StepFailure('tls', failure, { osTrustsIssuer: peer?.osTrustsIssuer() ?? false });
  }
  if (code.startsWith('ERR_SSL_') || code === 'EPROTO' || code.startsWith('ERR_TLS_')) {
    return new StepFailure('tls', new AppFailure('connection.tlsHandshake', { host, port, detail }));
  }
  return null;
}

/**
 * Turns what fetch threw into the step that failed and a message naming host, port and cause;
 * `peer` (the certificate read without verification) makes a TLS message say what to check.
 */
export function networkFailure(error: unknown, context: NetworkContext, peer: PeerCertificateFacts | null = null): StepFailure {
  const cause = rootCause(error);
  const host = context.url.hostname;
  const port = portOf(context.url);
  const code = cause.code ?? '';
  if (DNS_CODES.has(code)) {
    const detail = code === 'ENOTFOUND' ? 'no such host' : `lookup failed: ${code}`;
    return new StepFailure('dns', new AppFailure('connection.dnsNotFound', { host, detail }));
  }
  if (code === 'ECONNREFUSED') {
    return new StepFailure('connect', new AppFailure('connection.refused', { host: cause.address ?? host, port: cause.port ?? port }));
  }
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') {
    return new StepFailure('connect', new AppFailure('connection.timedOut', { host, seconds: context.timeoutMs / 1000 }));
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new StepFailure(context.step, new AppFailure('connection.timedOut', { host, seconds: context.timeoutMs / 1000 }));
  }
  const tls = tlsFailure(cause, host, port, peer);
  if (tls) return tls;
  if (context.proxy && /Tunneling|proxy/i.test(cause.message ?? '')) {
    return new StepFailure('connect', new AppFailure('connection.proxyFailed', { proxy: context.proxy, host, detail: cause.message ?? code }));
  }
  return new StepFailure('connect', new AppFailure('connection.failed', { host, port, detail: code || cause.name || 'unknown error' }));
}
