import type { HttpExchange } from './http-exchange';

/** At most `max` jobs at once; the rest wait their turn in arrival order. */
export interface InFlightLimit {
  /** Runs `job` once a place is free; a cancel while waiting leaves the queue without running it. */
  run<T>(signal: AbortSignal, job: () => Promise<T>): Promise<T>;
}

export function createInFlightLimit(max: number): InFlightLimit {
  let running = 0;
  const waiting: (() => void)[] = [];

  function release() {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }

  /** Resolves with a place taken: either free now, or handed over by a job that finished. */
  function acquire(signal: AbortSignal): Promise<void> {
    if (running < max) {
      running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const handOver = () => {
        signal.removeEventListener('abort', leave);
        resolve();
      };
      const leave = () => {
        waiting.splice(waiting.indexOf(handOver), 1);
        reject(signal.reason);
      };
      waiting.push(handOver);
      signal.addEventListener('abort', leave, { once: true });
    });
  }

  return {
    async run(signal, job) {
      signal.throwIfAborted();
      await acquire(signal);
      try {
        return await job();
      } finally {
        release();
      }
    },
  };
}

/**
 * HTTP through a limit shared by every call to one registry: the browser's calls at once (a tag
 * list, an index's platforms, a "where it runs" lookup) never hold more than its places open.
 */
export function limitedExchange(http: HttpExchange, limit: InFlightLimit, signal: AbortSignal): HttpExchange {
  return {
    send: (request) => limit.run(signal, () => http.send(request)),
    get roundTrips() {
      return http.roundTrips;
    },
  };
}
