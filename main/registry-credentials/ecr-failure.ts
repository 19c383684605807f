import { AppFailure } from '../app-errors/app-failure';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

// What a proxy or gateway answers when it cannot reach AWS: a status without AWS's JSON error
// (the SDK then reports it as Unknown, or as a SyntaxError when the body is a plain-text page).
const GATEWAY_STATUSES = new Set([502, 503, 504]);
const NOT_FROM_AWS = /^(Unknown|SyntaxError$)/;

function field(error: unknown, name: string): string | undefined {
  const value = (error as Record<string, unknown> | null)?.[name];
  return typeof value === 'string' ? value : undefined;
}

/**
 * AWS errors as the operator can act on them. Only the error's name and AWS's own message for
 * access denials (which names the identity and the action) are kept: never a key or a signature.
 */
export function ecrFailure(error: unknown, region: string): AppFailure {
  if (error instanceof AppFailure) return error;
  const name = field(error, 'name') ?? 'Error';
  const message = field(error, 'message') ?? '';
  if (name === 'AbortError') return new AppFailure('connection.cancelled');
  if (name === 'CredentialsProviderError') return new AppFailure('aws.noCredentials');
  if (name === 'UnrecognizedClientException' || name === 'InvalidClientTokenId') return new AppFailure('aws.unrecognizedKey');
  if (/scoped to a valid region|region/i.test(message) && /Signature|Scope/i.test(name)) {
    return new AppFailure('aws.regionMismatch', { region });
  }
  if (name === 'InvalidSignatureException' || name === 'SignatureDoesNotMatch') return new AppFailure('aws.wrongSecret');
  if (name === 'ExpiredTokenException' || name === 'ExpiredToken') return new AppFailure('aws.expiredCredentials');
  if (name === 'AccessDeniedException' || name === 'AccessDenied') {
    return new AppFailure('aws.accessDenied', { detail: message.replace(/\s+/g, ' ').slice(0, 300) });
  }
  const code = field(error, 'code');
  if (code && NETWORK_CODES.has(code)) return new AppFailure('aws.unreachable', { region, detail: code });
  if (name === 'TimeoutError') return new AppFailure('aws.unreachable', { region, detail: 'timed out' });
  if (name === 'ProxyError') return new AppFailure('aws.unreachable', { region, detail: message });
  const status = (error as { $metadata?: { httpStatusCode?: unknown } } | null)?.$metadata?.httpStatusCode;
  if (NOT_FROM_AWS.test(name) && typeof status === 'number' && GATEWAY_STATUSES.has(status)) {
    return new AppFailure('aws.unreachable', { region, detail: `HTTP ${status}` });
  }
  return new AppFailure('aws.failed', { detail: name });
}
