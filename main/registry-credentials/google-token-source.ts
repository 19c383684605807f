import { EnvHttpProxyAgent, fetch } from 'undici';
import { GOOGLE_ACCESS_TOKEN_USERNAME } from '../../shared/registry-types';
import { AppFailure } from '../app-errors/app-failure';
import { describeGoogleRejection, savedKeyTokenUri, signInWithGoogleKey, type GaxiosLikeError, type ServiceAccountKey } from '../registry-http/google-key-check';
import { proxyVariables } from '../registry-http/proxy-variables';

/** An access token minted from a service-account key, as a registry login. */
export interface GoogleLoginToken {
  username: string;
  password: string;
  expiresAt: string;
}

export interface GoogleTokenOptions {
  timeoutMs?: number;
  /** Where HTTPS_PROXY, HTTP_PROXY and NO_PROXY are read; absent means process.env. */
  proxyEnv?: Record<string, string | undefined>;
  /** Ends the request early, as the operator's cancel does. */
  signal?: AbortSignal;
}

/**
 * Why no answer came, for the one line a tool shows: gaxios wraps fetch's error, which wraps the
 * socket's, so the first error code down the chain (EAI_AGAIN offline) or a timeout; never a message.
 */
function noAnswerDetail(error: unknown): string {
  let cause: unknown = error;
  for (let depth = 0; cause !== null && typeof cause === 'object' && depth < 5; depth += 1) {
    const { code, name } = cause as { code?: unknown; name?: unknown };
    if (name === 'TimeoutError' || code === 'TimeoutError') return 'timed out';
    if (typeof code === 'string') return code;
    cause = (cause as { cause?: unknown }).cause;
  }
  return 'no answer';
}

/**
 * Google's own answer to the key, about an hour long, so a tool never needs the key itself. The
 * request goes to the saved key's `token_uri`, as the connection test's check of the key does.
 */
export async function fetchGoogleLoginToken(serviceAccountJson: string, options: GoogleTokenOptions = {}): Promise<GoogleLoginToken> {
  const key = JSON.parse(serviceAccountJson) as ServiceAccountKey;
  const tokenUri = savedKeyTokenUri(key);
  const dispatcher = new EnvHttpProxyAgent(proxyVariables(options.proxyEnv ?? process.env));
  try {
    const token = await signInWithGoogleKey(key, {
      tokenUri,
      signal: AbortSignal.any([AbortSignal.timeout(options.timeoutMs ?? 10_000), ...(options.signal ? [options.signal] : [])]),
      fetch: ((input, init) => fetch(input as string, { ...(init as object), dispatcher })) as typeof globalThis.fetch,
    });
    return { username: GOOGLE_ACCESS_TOKEN_USERNAME, password: token.accessToken, expiresAt: new Date(token.expiresAtMs).toISOString() };
  } catch (error) {
    const failure = error as GaxiosLikeError;
    if (failure.response) throw new AppFailure('google.keyRejected', { detail: describeGoogleRejection(failure) });
    throw new AppFailure('google.unreachable', { url: new URL(tokenUri).origin, detail: noAnswerDetail(error) });
  } finally {
    await dispatcher.close();
  }
}
