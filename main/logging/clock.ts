/** Injected so tests can control time (certificate expiry, timestamps). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
