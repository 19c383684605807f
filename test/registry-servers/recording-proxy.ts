import { request as httpRequest } from 'node:http';
import { listen, type ListeningServer } from './http-server';

/** What one request carried in its Authorization header: a Basic user, another scheme, or nothing. */
type SentLogin = { scheme: 'basic'; username: string } | { scheme: 'other' } | { scheme: 'none' };

export interface RecordingProxy extends ListeningServer {
  /** `127.0.0.1:<port>`: the host a client is told to use. */
  address: string;
  /**
   * The Basic users of the requests since a `mark()`, each once; other schemes, no header and an empty user are left out
   * (containers-image answers a Basic challenge with `Basic Og==`, ":", when it has no login).
   */
  basicUsers(since: number): string[];
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
  const basicUsers = (since: number) => [...new Set(sent.slice(since).flatMap((login) => (login.scheme === 'basic' && login.username !== '' ? [login.username] : [])))];
  return { ...server, address: `127.0.0.1:${server.port}`, basicUsers, mark: () => sent.length };
}
