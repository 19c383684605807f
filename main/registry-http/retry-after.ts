import { AppFailure } from '../app-errors/app-failure';
import type { HttpExchange, HttpRequest } from './http-exchange';

/** Retry-After in seconds or as an HTTP date, as milliseconds from now; null when it says neither. */
export function retryAfterMs(value: string | null | undefined, now: number): number | null {
  if (!value) return null;
  if (/^\d{1,7}$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

export interface PolitenessOptions {
  /** The longest wait honoured; a registry asking for more is reported at once instead. */
  maxWaitMs: number;
  /** Requests repeated after a 429, each after its own wait. */
  retries: number;
  /** Waits; rejects when the call is cancelled, so a cancel ends the wait too. */
  wait(ms: number): Promise<void>;
  /** Told before each wait, so the window can say why nothing arrives. */
  onWait?(wait: { host: string; ms: number }): void;
}

/** A 429 without a readable Retry-After: one second, the shortest a registry would ask for. */
const UNSAID_WAIT_MS = 1000;

/**
 * HTTP to a registry that honours `429 Too Many Requests`: the request is sent again after the
 * `Retry-After` the registry asked for (seconds or an HTTP date), a bounded number of times and
 * never for longer than `maxWaitMs`. Every registry API the browser speaks goes through here:
 * the v2 API, its token service, and the Hub's, Artifact Registry's and Quay's listings.
 */
export function politeExchange(http: HttpExchange, options: PolitenessOptions): HttpExchange {
  async function send(request: HttpRequest) {
    for (let retry = 0; ; retry += 1) {
      const answer = await http.send(request);
      if (answer.status !== 429) return answer;
      const waitMs = retryAfterMs(answer.headers.get('retry-after'), Date.now()) ?? UNSAID_WAIT_MS;
      if (retry >= options.retries || waitMs > options.maxWaitMs) {
        throw new AppFailure('browse.rateLimited', { host: request.url.host, seconds: Math.ceil(waitMs / 1000) });
      }
      options.onWait?.({ host: request.url.host, ms: waitMs });
      await options.wait(waitMs);
    }
  }
  return {
    send,
    get roundTrips() {
      return http.roundTrips;
    },
  };
}
