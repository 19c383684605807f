import { describe, expect, it } from 'vitest';
import { clusterFailure, KubeStatusError, KubeTransportError, RetriesExhaustedError } from '../../main/kube/kube-errors';
import { retryDelayMs, withRetries, type RetryPolicy } from '../../main/kube/retry';

const FAST: RetryPolicy = { attempts: 4, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 50 };
const status = (code: number, retryAfter?: number) => new KubeStatusError(code, 'Reason', 'detail', retryAfter);

function failing(errors: Error[], value = 'ok') {
  let calls = 0;
  return {
    calls: () => calls,
    run: async () => {
      const error = errors[calls++];
      if (error) throw error;
      return value;
    },
  };
}

describe('retries', () => {
  it('waits at least what Retry-After says, capped so an operator is not left waiting', () => {
    expect(retryDelayMs(status(429, 2), 0, { ...FAST, maxRetryAfterMs: 30_000 }, () => 0)).toBe(2_000);
    expect(retryDelayMs(status(429, 120), 0, { ...FAST, maxRetryAfterMs: 30_000 }, () => 0)).toBe(30_000);
    expect(retryDelayMs(status(503), 3, { ...FAST, baseDelayMs: 100, maxDelayMs: 5_000 }, () => 1)).toBe(800);
    expect(retryDelayMs(status(503), 10, { ...FAST, baseDelayMs: 100, maxDelayMs: 5_000 }, () => 1)).toBe(5_000);
  });

  it('retries 429, 5xx and dropped connections, then succeeds', async () => {
    const flaky = failing([status(429, 0), status(500), new KubeTransportError('network', 'ECONNRESET'), status(503)]);
    await expect(withRetries(flaky.run, { ...FAST, attempts: 5 })).resolves.toBe('ok');
    expect(flaky.calls()).toBe(5);
  });

  it('never retries what another try cannot fix', async () => {
    for (const error of [status(409), status(404), status(403), status(422), new KubeTransportError('network', 'ECONNREFUSED'), new KubeTransportError('tls', 'CERT')]) {
      const once = failing([error]);
      await expect(withRetries(once.run, FAST)).rejects.toBe(error);
      expect(once.calls()).toBe(1);
    }
  });

  it('gives up after the last attempt with an error that says so', async () => {
    const always = failing(Array.from({ length: 10 }, () => status(429, 0)));
    const error = await withRetries(always.run, FAST).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect(always.calls()).toBe(4);
    expect(clusterFailure(error, { context: 'prod' }).appError).toMatchObject({ code: 'cluster.rateLimited', params: { context: 'prod', attempts: 4 } });
    const broken = await withRetries(failing(Array.from({ length: 10 }, () => status(503))).run, FAST).catch((caught: unknown) => caught);
    expect(clusterFailure(broken, { context: 'prod' }).appError).toMatchObject({ code: 'cluster.serverError', params: { status: 503 } });
  });

  it('stops waiting as soon as the operation is cancelled', async () => {
    const controller = new AbortController();
    const slow = failing([status(429, 10)]);
    const pending = withRetries(slow.run, { ...FAST, maxRetryAfterMs: 10_000 }, controller.signal);
    setTimeout(() => controller.abort(), 20);
    const started = Date.now();
    await expect(pending).rejects.toMatchObject({ kind: 'cancelled' });
    // Well short of the 10 s Retry-After, with room for a loaded machine.
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
