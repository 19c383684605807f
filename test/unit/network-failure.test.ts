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
});
