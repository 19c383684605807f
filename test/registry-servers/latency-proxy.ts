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
  const server = await listen((incoming, outgoing) => {
    const line: ProxiedRequest = { method: incoming.method ?? 'GET', path: incoming.url ?? '/', status: 0, userAgent: incoming.headers['user-agent'] ?? '' };
    seen.push(line);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    outgoing.on('close', () => (inFlight -= 1));
    void sleep(options.latencyMs).then(() => {
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
  };
}
