// What a test dials in: added latency, injected faults drawn from a seeded generator (the same seed
// gives the same faults for the same request order), and request counters.
export interface Faults {
  serverErrorRate?: number;
  tooManyRequestsRate?: number;
  retryAfterSeconds?: number;
  conflictRate?: number;
  /**
   * A flaky server still answers in the end: after this many faulted requests in a row with one
   * method and path, the next is served. Default 3, so a client that retries as client-go does
   * always gets through; Infinity for a server that never recovers.
   */
  maxInARow?: number;
}

/** The fault draws of one request; `served` when none of them hit. */
export interface RequestFaults {
  draw(rate: number | undefined): boolean;
  served(): void;
}

const DEFAULT_MAX_IN_A_ROW = 3;

/** One request as it reached the server: what a test checks for secrets that must not leave the workstation. */
export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  body: string;
  /** The Accept header, as sent (a Table, metadata only, or the plain object). */
  accept?: string;
}

/** A request the server holds (see `holdRequests`); `abandoned`: its client closed the connection before any answer. */
export interface HeldRequest {
  method: string;
  url: string;
  abandoned: boolean;
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
  /** Faulted requests in a row, per method and path; dropped when one is served. */
  private readonly streaks = new Map<string, number>();
  /** null: requests are not recorded (the default; benchmarks send thousands). */
  private recorded: RecordedRequest[] | null;
  /** Set while requests are held: what releases them, and each held request with a live view of whether its client gave up. */
  private holding: { release: () => void; released: Promise<void>; requests: { request: Omit<HeldRequest, 'abandoned'>; abandoned: () => boolean }[] } | null = null;

  constructor(latencyMs: number, seed: number, recordRequests = false) {
    this.latencyMs = latencyMs;
    this.random = seededRandom(seed);
    this.recorded = recordRequests ? [] : null;
  }

  record(request: RecordedRequest): void {
    this.recorded?.push(request);
  }

  requests(): RecordedRequest[] {
    if (!this.recorded) throw new Error('requests are recorded only with the recordRequests option');
    return structuredClone(this.recorded);
  }

  resetRequests(): void {
    if (this.recorded) this.recorded = [];
  }

  hold(): void {
    if (this.holding) return;
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.holding = { release, released, requests: [] };
  }

  release(): void {
    this.holding?.release();
    this.holding = null;
  }

  /** Undefined when requests are not held; else resolves when they are released. */
  holdIfHolding(request: Omit<HeldRequest, 'abandoned'>, abandoned: () => boolean): Promise<void> | undefined {
    if (!this.holding) return undefined;
    this.holding.requests.push({ request, abandoned });
    return this.holding.released;
  }

  heldRequests(): HeldRequest[] {
    return (this.holding?.requests ?? []).map(({ request, abandoned }) => ({ ...request, abandoned: abandoned() }));
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

  /** Draws for one request (`method path`), held to `maxInARow` faults in a row for that key. */
  faultsFor(key: string): RequestFaults {
    const inARow = this.streaks.get(key) ?? 0;
    const recovered = inARow >= (this.faults.maxInARow ?? DEFAULT_MAX_IN_A_ROW);
    return {
      draw: (rate) => {
        const hit = this.draw(rate) && !recovered;
        if (hit) this.streaks.set(key, inARow + 1);
        return hit;
      },
      served: () => {
        this.streaks.delete(key);
      },
    };
  }
}
