import { createPublicKey, randomBytes, verify, type KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen, readBody } from './http-server';

export interface GoogleTokenEndpointOptions {
  /** Service accounts and the public half of each live key; a deleted key is simply absent. */
  accounts: { clientEmail: string; privateKey: string }[];
  /** Serve HTTPS with this certificate (one naming oauth2.googleapis.com, for a client dialled here by connectTo). */
  tls?: { certificate: string; privateKey: string };
  /** The address keys name and JWTs are addressed to; absent: this server's own `/token`. */
  tokenUri?: string;
}

export interface GoogleTokenRequestLogLine {
  clientEmail: string | null;
  status: number;
  error?: string;
}

export interface RunningGoogleTokenEndpoint {
  /** Goes into the key's `token_uri`. */
  tokenUri: string;
  port: number;
  requests(): GoogleTokenRequestLogLine[];
  /** Whether this endpoint issued the access token (and to whom), as Google's APIs check a Bearer token. */
  issuedTo(accessToken: string): string | null;
  stop(): Promise<void>;
}

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const MAX_LIFETIME_S = 3600;
const SKEW_S = 300;

class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

function decodePart(part: string | undefined): Record<string, unknown> {
  try {
    return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new OAuthError('invalid_grant', 'Invalid JWT: not a JSON Web Token.');
  }
}

/** Google's checks on a JWT-bearer assertion (RFC 7523), with the errors Google answers. */
function checkAssertion(assertion: string, keys: Map<string, KeyObject>, tokenUri: string): string {
  const parts = assertion.split('.');
  if (parts.length !== 3) throw new OAuthError('invalid_grant', 'Invalid JWT: not a JSON Web Token.');
  const header = decodePart(parts[0]);
  const claims = decodePart(parts[1]);
  if (header.alg !== 'RS256') throw new OAuthError('invalid_grant', 'Invalid JWT: unsupported algorithm.');
  const email = typeof claims.iss === 'string' ? claims.iss : '';
  const key = keys.get(email);
  if (!key) throw new OAuthError('invalid_grant', 'Invalid grant: account not found');
  const signed = Buffer.from(`${parts[0]}.${parts[1]}`);
  if (!verify('RSA-SHA256', signed, key, Buffer.from(parts[2]!, 'base64url'))) {
    throw new OAuthError('invalid_grant', 'Invalid JWT Signature.');
  }
  if (claims.aud !== tokenUri) throw new OAuthError('invalid_grant', 'Invalid JWT: audience does not match the token endpoint.');
  const now = Math.floor(Date.now() / 1000);
  const iat = Number(claims.iat);
  const exp = Number(claims.exp);
  if (!(iat <= now + SKEW_S && exp > now - SKEW_S && exp - iat <= MAX_LIFETIME_S)) {
    throw new OAuthError('invalid_grant', 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.');
  }
  if (typeof claims.scope !== 'string' || claims.scope === '') throw new OAuthError('invalid_scope', 'No scope was requested.');
  return email;
}

/** Google's OAuth 2.0 token endpoint for service-account keys, on 127.0.0.1. */
export async function startGoogleTokenEndpoint(options: GoogleTokenEndpointOptions): Promise<RunningGoogleTokenEndpoint> {
  const log: GoogleTokenRequestLogLine[] = [];
  const keys = new Map(options.accounts.map((account) => [account.clientEmail, createPublicKey(account.privateKey)]));
  const issued = new Map<string, string>();
  let tokenUri = '';

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const form = new URLSearchParams(await readBody(request));
    const reply = (status: number, payload: Record<string, unknown>, clientEmail: string | null) => {
      log.push({ clientEmail, status, ...(typeof payload.error === 'string' ? { error: payload.error } : {}) });
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(payload));
    };
    if (request.method !== 'POST' || new URL(request.url ?? '/', tokenUri).pathname !== '/token') {
      return reply(404, { error: 'not_found' }, null);
    }
    if (form.get('grant_type') !== JWT_BEARER) return reply(400, { error: 'unsupported_grant_type', error_description: 'Invalid grant_type' }, null);
    try {
      const email = checkAssertion(form.get('assertion') ?? '', keys, tokenUri);
      const accessToken = `ya29.${randomBytes(32).toString('base64url')}`;
      issued.set(accessToken, email);
      reply(200, { access_token: accessToken, expires_in: 3599, token_type: 'Bearer' }, email);
    } catch (error) {
      if (!(error instanceof OAuthError)) throw error;
      reply(400, { error: error.error, error_description: error.description }, null);
    }
  }

  const server = await listen((request, response) => void answer(request, response), options.tls);
  tokenUri = options.tokenUri ?? `${server.origin}/token`;
  return { tokenUri, port: server.port, requests: () => [...log], issuedTo: (accessToken) => issued.get(accessToken) ?? null, stop: server.stop };
}
