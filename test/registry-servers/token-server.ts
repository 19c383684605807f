import { randomUUID, sign, X509Certificate } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basicCredentials, listen, readBody } from './http-server';

export interface TokenServerOptions {
  /** user → password; a Google registry's `_json_key` maps to the whole JSON key. */
  users: Record<string, string>;
  /** Tokens are RS256 JWTs with this certificate in `x5c`; the registry's rootcertbundle holds it. */
  signer: { certificate: string; privateKey: string };
  service: string;
  issuer: string;
  tls?: { certificate: string; privateKey: string };
}

export interface TokenRequestLogLine {
  method: string;
  /** Who asked, from Basic auth or the form; never their password. */
  username: string | null;
  status: number;
}

export interface RunningTokenServer {
  realm: string;
  /** true: GET answers 405, as token services that take only the OAuth2 POST form do. */
  refuseGet(refuse: boolean): void;
  mark(): number;
  requests(since?: number): TokenRequestLogLine[];
  stop(): Promise<void>;
}

const base64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** `repository:name:pull,push` → what the registry reads from the token's `access` claim. */
function accessFor(scopes: string[]) {
  return scopes.map((scope) => {
    const [type, ...rest] = scope.split(':');
    const actions = rest.pop() ?? '';
    return { type, name: rest.join(':'), actions: actions.split(',').filter(Boolean) };
  });
}

function signToken(options: TokenServerOptions, subject: string, scopes: string[]): string {
  const der = new X509Certificate(options.signer.certificate).raw.toString('base64');
  const header = { typ: 'JWT', alg: 'RS256', x5c: [der] };
  const now = Math.floor(Date.now() / 1000);
  const claims = {
    iss: options.issuer,
    sub: subject,
    aud: options.service,
    exp: now + 300,
    nbf: now - 10,
    iat: now,
    jti: randomUUID(),
    access: accessFor(scopes),
  };
  const unsigned = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  return `${unsigned}.${base64url(sign('RSA-SHA256', Buffer.from(unsigned), options.signer.privateKey))}`;
}

export async function startTokenServer(options: TokenServerOptions): Promise<RunningTokenServer> {
  const log: TokenRequestLogLine[] = [];
  let getRefused = false;
  const known = (username: string, password: string) => Object.hasOwn(options.users, username) && options.users[username] === password;

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const reply = (username: string | null, status: number, body: unknown) => {
      log.push({ method: request.method ?? '', username, status });
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const url = new URL(request.url ?? '/', 'http://token');
    if (url.pathname !== '/token') return reply(null, 404, { error: 'not found' });
    if (request.method === 'GET') {
      const credentials = basicCredentials(request.headers.authorization);
      const username = credentials?.username ?? null;
      if (getRefused) return reply(username, 405, { error: 'use POST' });
      if (!credentials || !known(credentials.username, credentials.password)) {
        return reply(username, 401, { details: 'incorrect username or password' });
      }
      const token = signToken(options, credentials.username, url.searchParams.getAll('scope'));
      return reply(username, 200, { token, access_token: token, expires_in: 300 });
    }
    const form = new URLSearchParams(await readBody(request));
    const username = form.get('username');
    if (form.get('grant_type') !== 'password') return reply(username, 400, { error: 'unsupported_grant_type' });
    if (!username || !known(username, form.get('password') ?? '')) return reply(username, 401, { error: 'invalid_grant' });
    const token = signToken(options, username, (form.get('scope') ?? '').split(' ').filter(Boolean));
    return reply(username, 200, { access_token: token, expires_in: 300 });
  }

  const server = await listen((request, response) => void answer(request, response), options.tls);
  return {
    realm: `${server.origin}/token`,
    refuseGet: (refuse) => {
      getRefused = refuse;
    },
    mark: () => log.length,
    requests: (since = 0) => log.slice(since),
    stop: server.stop,
  };
}
