import { describe, expect, it } from 'vitest';
import { networkFailure } from '../../main/registry-http/network-failure';

const context = { url: new URL('https://registry.lab.internal:5000/v2/'), step: 'tls' as const, proxy: null, timeoutMs: 10_000 };

/** fetch's shape: `TypeError: fetch failed` with the socket's error as its cause. */
const fetchFailed = (cause: { code: string; message: string }) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(cause.message), cause) });

describe('a TLS failure', () => {
  it('keeps what OpenSSL said and drops Node’s advice for its own command line', () => {
    const error = fetchFailed({ code: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', message: 'unable to get local issuer certificate; if the root CA is installed locally, try running Node.js with --use-system-ca' });
    const failure = networkFailure(error, context);
    expect(failure.step).toBe('tls');
    expect(failure.failure.appError).toMatchObject({ code: 'connection.tlsUntrusted', params: { host: 'registry.lab.internal', detail: 'unable to get local issuer certificate' } });
    expect(failure.message).not.toContain('Node.js');
    expect(failure.message).not.toContain('--use-system-ca');
  });

  it('leaves a detail without such advice as it is', () => {
    const failure = networkFailure(fetchFailed({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: 'self-signed certificate' }), context);
    expect(failure.failure.appError.params).toMatchObject({ detail: 'self-signed certificate' });
  });

  it.each([
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate', 'firstCertificate'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate', 'selfSigned'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain', 'selfSignedInChain'],
    ['CERT_HAS_EXPIRED', 'certificate has expired', 'expired'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames", 'hostMismatch'],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'unable to get local issuer certificate', 'localIssuer'],
  ])('names the known reason %s for the renderer to say in the operator’s language, the raw text kept', (code, message, reason) => {
    const failure = networkFailure(fetchFailed({ code, message }), context);
    expect(failure.failure.appError.params).toMatchObject({ reason, detail: message });
  });

  it('names no reason OpenSSL gave in words the app does not know', () => {
    const failure = networkFailure(fetchFailed({ code: 'CERT_SIGNATURE_FAILURE', message: 'certificate signature failure' }), context);
    expect(failure.failure.appError.params).not.toHaveProperty('reason');
  });
});
