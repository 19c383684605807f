import { request as httpRequest } from 'node:http';
import { listen, type ListeningServer } from './http-server';

/** What one request carried in its Authorization header: a Basic user, another scheme, or nothing. */
export type SentLogin = { scheme: 'basic'; username: string } | { scheme: 'other' } | { scheme: 'none' };

export interface RecordingProxy extends ListeningServer {
  /** `127.0.0.1:<port>`: the host a client is told to use. */
  address: string;
  /** Every request's login so far, in order; pass a `mark()` to see only later ones. */
  sent(since?: number): SentLogin[];
  mark(): number;
}

function loginOf(header: string | undefined): SentLogin {
  if (!header) return { scheme: 'none' };
  const [scheme, value = ''] = header.split(' ', 2);
  if (scheme?.toLowerCase() !== 'basic') return { scheme: 'other' };
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  return { scheme: 'basic', username: decoded.slice(0, decoded.indexOf(':')) };
}

/**
 * A plain-HTTP reverse proxy in front of a registry that notes the Authorization header of every
 * request it passes on: which login a real client actually sent, whatever its config says.
 * Only the user name is kept; the password never leaves the request.
 */
export async function startRecordingProxy(upstreamPort: number): Promise<RecordingProxy> {
  const sent: SentLogin[] = [];
  const server = await listen((incoming, outgoing) => {
    sent.push(loginOf(incoming.headers.authorization));
    const upstream = httpRequest(
      { host: '127.0.0.1', port: upstreamPort, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => {
      outgoing.writeHead(502);
      outgoing.end();
    });
    incoming.pipe(upstream);
  });
  return { ...server, address: `127.0.0.1:${server.port}`, sent: (since = 0) => sent.slice(since), mark: () => sent.length };
}
