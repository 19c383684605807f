import { createPrivateKey } from 'node:crypto';
import { JWT } from 'google-auth-library';
import { fetch } from 'undici';
import type { MessageParams } from '../../shared/i18n';
import { AppFailure } from '../app-errors/app-failure';
import { StepFailure } from './step-failure';
import type { Transport } from './transport';

/** google-auth-library signs for and posts to this address whatever the key says. */
const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
const SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

export interface ServiceAccountKey {
  client_email: string;
  private_key: string;
  private_key_id?: string;
  token_uri?: string;
}

export interface GoogleKeyCheckOptions {
  /**
   * `saved`: the operator's own key, asked at its `token_uri`. `cluster`: a key read from a cluster,
   * which anyone who may write a Secret there could have made: it goes only to Google's endpoint,
   * as kubelet never contacts a key's `token_uri` either.
   */
  keyFrom: 'saved' | 'cluster';
  transport: Transport;
  cancel: AbortSignal;
  deadline: AbortSignal;
  timeoutMs: number;
}

function keyFailure(code: 'google.keyRejected' | 'google.keyUnusable' | 'google.unreachable', params: MessageParams) {
  return new StepFailure('google-key', new AppFailure(code, params));
}

export interface GaxiosLikeError {
  name?: string;
  code?: string;
  status?: number;
  response?: { status?: number; data?: { error?: unknown; error_description?: unknown } };
}

export function describeGoogleRejection(error: GaxiosLikeError): string {
  const data = error.response?.data;
  const reason = typeof data?.error === 'string' ? data.error : `HTTP ${error.response?.status}`;
  return typeof data?.error_description === 'string' ? `${reason}: ${data.error_description}` : reason;
}

/** What Google's token endpoint answered: an access token and, in ms since the epoch, when it stops working. */
export interface GoogleAccessToken {
  accessToken: string;
  expiresAtMs: number;
}

export interface GoogleSignIn {
  /** Where the JWT-bearer request goes (a saved key's `token_uri`, or Google's own endpoint). */
  tokenUri: string;
  signal: AbortSignal;
  /** Absent: Node's own fetch. */
  fetch?: typeof globalThis.fetch;
}

/**
 * The JWT-bearer grant with a service-account key: google-auth-library signs for and posts to
 * Google's endpoint, so the request is sent to `tokenUri` instead. Throws gaxios's error as it is.
 */
export async function signInWithGoogleKey(key: ServiceAccountKey, options: GoogleSignIn): Promise<GoogleAccessToken> {
  const client = new JWT({
    email: key.client_email,
    key: key.private_key,
    keyId: key.private_key_id,
    scopes: [SCOPE],
    additionalClaims: { aud: options.tokenUri },
    transporterOptions: {
      ...(options.fetch ? { fetchImplementation: options.fetch } : {}),
      signal: options.signal,
      retryConfig: { retry: 0, noResponseRetries: 0 },
    },
  });
  client.transporter.interceptors.request.add({
    resolved: async (config) => (String(config.url) === GOOGLE_TOKEN_URL ? { ...config, url: new URL(options.tokenUri) } : config),
  });
  const credentials = await client.authorize();
  if (!credentials.access_token) throw new Error('no access_token in the answer');
  return { accessToken: credentials.access_token, expiresAtMs: credentials.expiry_date ?? Date.now() + 3600_000 };
}

/** The address a saved key's token request goes to. */
export const savedKeyTokenUri = (key: ServiceAccountKey): string => key.token_uri ?? GOOGLE_TOKEN_URL;

/**
 * Asks the key's token endpoint for an access token with the key (the JWT-bearer grant), so a
 * revoked or malformed key is told apart from a registry that refuses a good one.
 */
export async function checkGoogleKey(serviceAccountJson: string, options: GoogleKeyCheckOptions): Promise<void> {
  const key = JSON.parse(serviceAccountJson) as ServiceAccountKey;
  const tokenUri = options.keyFrom === 'saved' ? savedKeyTokenUri(key) : GOOGLE_TOKEN_URL;
  try {
    createPrivateKey(key.private_key);
  } catch (error) {
    throw keyFailure('google.keyUnusable', { detail: error instanceof Error ? error.message : 'unreadable private key' });
  }
  try {
    await signInWithGoogleKey(key, {
      tokenUri,
      signal: AbortSignal.any([options.cancel, options.deadline]),
      // undici's fetch, so the token request uses the same proxy and trust as the registry's.
      fetch: ((input, init) => fetch(input as string, { ...(init as object), dispatcher: options.transport.dispatcher })) as typeof globalThis.fetch,
    });
  } catch (error) {
    const failure = error as GaxiosLikeError;
    if (options.cancel.aborted) throw new StepFailure('google-key', new AppFailure('connection.cancelled'));
    if (options.deadline.aborted) {
      throw new StepFailure('google-key', new AppFailure('connection.timedOut', { host: new URL(tokenUri).host, seconds: options.timeoutMs / 1000 }));
    }
    if (failure.response) throw keyFailure('google.keyRejected', { detail: describeGoogleRejection(failure) });
    throw keyFailure('google.unreachable', { url: new URL(tokenUri).origin, detail: failure.code ?? failure.name ?? 'no answer' });
  }
}
