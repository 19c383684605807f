import { request as httpsRequest } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import { listen, type ListeningServer } from './http-server';

/** One request the proxy passed on. */
export interface ProxiedRequest {
  method: string;
  path: string;
  status: number;
  userAgent: string;
}

export interface LatencyProxy extends ListeningServer {
  /** `127.0.0.1:<port>`: the host a client is told to use. */
  address: string;
  requests(since?: number, until?: number): ProxiedRequest[];
  mark(): number;
  /** The most requests it held at once since `resetMaxInFlight`. */
  maxInFlight(): number;
  resetMaxInFlight(): void;
  /**
   * Requests whose path `matches` are held, logged but not passed on, until `release()`: a test
   * waits on the state a listing shows mid-way (its progress, its Cancel) instead of on a clock.
   */
  hold(matches: (path: string) => boolean): void;
  /** Passes on every held request and holds no more. */
  release(): void;
  /** How many requests are held now. */
  held(): number;
}

/**
 * A TLS reverse proxy in front of a registry that holds every request `latencyMs` before passing
 * it on, as a registry across a network would answer: a client's time then shows how many round
 * trips it makes and how many it overlaps. It notes each request's method, path, status and
 * User-Agent (never its Authorization).
 */
export async function startLatencyProxy(options: { upstreamPort: number; ca: string; latencyMs: number; tls: { certificate: string; privateKey: string } }): Promise<LatencyProxy> {
  const seen: ProxiedRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let holding: ((path: string) => boolean) | null = null;
  const waiting: (() => void)[] = [];
  const server = await listen((incoming, outgoing) => {
    const line: ProxiedRequest = { method: incoming.method ?? 'GET', path: incoming.url ?? '/', status: 0, userAgent: incoming.headers['user-agent'] ?? '' };
    seen.push(line);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    outgoing.on('close', () => (inFlight -= 1));
    const held = holding?.(line.path) ? new Promise<void>((resolve) => waiting.push(resolve)) : Promise.resolve();
    void held.then(() => sleep(options.latencyMs)).then(() => {
      const upstream = httpsRequest(
        { host: '127.0.0.1', port: options.upstreamPort, method: incoming.method, path: incoming.url, headers: incoming.headers, ca: options.ca },
        (answer) => {
          line.status = answer.statusCode ?? 502;
          outgoing.writeHead(line.status, answer.headers);
          answer.pipe(outgoing);
        },
      );
      upstream.on('error', () => {
        line.status = 502;
        outgoing.writeHead(502);
        outgoing.end();
      });
      incoming.pipe(upstream);
    });
  }, options.tls);
  return {
    ...server,
    address: `127.0.0.1:${server.port}`,
    requests: (since = 0, until = seen.length) => seen.slice(since, until),
    mark: () => seen.length,
    maxInFlight: () => maxInFlight,
    resetMaxInFlight: () => void (maxInFlight = inFlight),
    hold: (matches) => void (holding = matches),
    release: () => {
      holding = null;
      for (const pass of waiting.splice(0)) pass();
    },
    held: () => waiting.length,
    // Held requests are let go on stop, so the server can close.
    stop: async () => {
      holding = null;
      for (const pass of waiting.splice(0)) pass();
      await server.stop();
    },
  };
}
