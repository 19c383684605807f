import { KubeStatusError, KubeTransportError, RetriesExhaustedError } from './kube-errors';

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Retry-After values above this are cut down: an operator is waiting. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 8, baseDelayMs: 100, maxDelayMs: 5_000, maxRetryAfterMs: 30_000 };

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

/** Overload and server hiccups are worth another try; a refused connection or a 4xx is not. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof KubeStatusError) return RETRYABLE_STATUS.has(error.status);
  return error instanceof KubeTransportError && error.kind === 'network' && /ECONNRESET|EPIPE|socket hang up|ECONNABORTED/i.test(error.detail);
}

/** Full-jitter exponential backoff, never shorter than the server's Retry-After. */
export function retryDelayMs(error: unknown, attempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const backoff = random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  const retryAfter = error instanceof KubeStatusError && error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : 0;
  return Math.max(backoff, Math.min(retryAfter, policy.maxRetryAfterMs));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new KubeTransportError('cancelled', 'cancelled'));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new KubeTransportError('cancelled', 'cancelled'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export async function withRetries<T>(call: () => Promise<T>, policy: RetryPolicy, signal?: AbortSignal): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (!isRetryable(error) || signal?.aborted) throw error;
      if (attempt + 1 >= policy.attempts) throw new RetriesExhaustedError(error as Error, policy.attempts);
      await sleep(retryDelayMs(error, attempt, policy), signal);
    }
  }
}
