import { AppFailure } from '../app-errors/app-failure';
import { basicAuthorization, type BasicCredentials } from './basic-credentials';
import type { HttpAnswer, HttpExchange } from './http-exchange';
import { StepFailure } from './step-failure';
import { fetchBearerToken, withScope } from './token-service';
import { parseWwwAuthenticate } from './www-authenticate';

export interface RegistryReaderOptions {
  /** The registry's `/v2/` address: every read stays on its origin. */
  endpoint: URL;
  /** null reads anonymously. */
  credentials: BasicCredentials | null;
  allowPlainHttp: boolean;
  /** Authorization header per scope, kept by the caller for the session so each scope logs in once. */
  authorizations: Map<string, string>;
}

export interface ReadRequest {
  url: URL;
  /** The token scope the read needs: `registry:catalog:*`, `repository:<name>:pull`. */
  scope: string;
  method?: 'GET' | 'HEAD';
  accept?: string;
  maxBody: number;
}

/**
 * Reads from one registry as a pull does: answers a 401's challenge for exactly the scope asked
 * (a Bearer token from the realm, or Basic) and reuses that authorization for the session; `429
 * Retry-After` is the exchange's to honour (see politeExchange). The login goes only to the registry's origin and its
 * token realm; a URL on any other origin is refused before a request is made.
 */
export function createRegistryReader(http: HttpExchange, options: RegistryReaderOptions) {
  async function authorize(challenge: HttpAnswer, scope: string): Promise<string | null> {
    const challenges = parseWwwAuthenticate(challenge.headers.get('www-authenticate'));
    const bearer = challenges.find((candidate) => candidate.scheme === 'bearer');
    if (bearer) {
      try {
        return `Bearer ${await fetchBearerToken(http, withScope(bearer, scope), options.credentials, options.allowPlainHttp)}`;
      } catch (error) {
        if (error instanceof StepFailure && error.failure.appError.code === 'connection.tokenRejected') return null;
        throw error;
      }
    }
    const basic = challenges.some((candidate) => candidate.scheme === 'basic');
    return basic && options.credentials ? basicAuthorization(options.credentials) : null;
  }

  async function send(request: ReadRequest, authorization: string | undefined): Promise<HttpAnswer> {
    const headers: Record<string, string> = { accept: request.accept ?? 'application/json', ...(authorization ? { authorization } : {}) };
    return http.send({ url: request.url, step: 'registry', method: request.method ?? 'GET', headers, maxBody: request.maxBody });
  }

  return {
    async read(request: ReadRequest): Promise<HttpAnswer> {
      if (request.url.origin !== options.endpoint.origin) throw new AppFailure('browse.otherHost', { host: request.url.host });
      const cached = options.authorizations.get(request.scope);
      const first = await send(request, cached);
      if (first.status !== 401) return first;
      options.authorizations.delete(request.scope);
      const authorization = await authorize(first, request.scope);
      if (!authorization) return first;
      const answer = await send(request, authorization);
      if (answer.status !== 401) options.authorizations.set(request.scope, authorization);
      return answer;
    },
  };
}
export type RegistryReader = ReturnType<typeof createRegistryReader>;
