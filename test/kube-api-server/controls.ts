// What a test dials in: added latency, injected faults drawn from a seeded generator (the same seed
// gives the same faults for the same request order), and request counters.
export interface Faults {
  serverErrorRate?: number;
  tooManyRequestsRate?: number;
  retryAfterSeconds?: number;
  conflictRate?: number;
}

export interface Counters {
  byVerb: Record<string, number>;
  byResource: Record<string, number>;
  total: number;
}

/** mulberry32: small, fast and deterministic; fault draws need reproducibility, not quality. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Controls {
  latencyMs: number;
  faults: Faults = {};
  private readonly random: () => number;
  private counts: Counters = { byVerb: {}, byResource: {}, total: 0 };

  constructor(latencyMs: number, seed: number) {
    this.latencyMs = latencyMs;
    this.random = seededRandom(seed);
  }

  count(verb: string, resource: string): void {
    this.counts.byVerb[verb] = (this.counts.byVerb[verb] ?? 0) + 1;
    this.counts.byResource[resource] = (this.counts.byResource[resource] ?? 0) + 1;
    this.counts.total += 1;
  }

  counters(): Counters {
    return structuredClone(this.counts);
  }

  resetCounters(): void {
    this.counts = { byVerb: {}, byResource: {}, total: 0 };
  }

  /** Every call takes one draw, whether or not the fault is set: the sequence depends only on request order. */
  draw(rate: number | undefined): boolean {
    const value = this.random();
    return rate !== undefined && rate > 0 && value < rate;
  }
}
