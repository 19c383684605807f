import type { ErrorCode, MessageParams } from '../../shared/i18n';
import { AppFailure } from '../app-errors/app-failure';
import { basicAuthorization, type BasicCredentials } from './basic-credentials';
import type { HttpAnswer, HttpExchange } from './http-exchange';
import { StepFailure } from './step-failure';
import type { AuthChallenge } from './www-authenticate';

const CLIENT_ID = 'registry-desk';

function tokenFailure(code: ErrorCode, params: MessageParams) {
  return new StepFailure('token', new AppFailure(code, params));
}

/** The realm must be a URL; plain HTTP only where the operator allowed insecure connections. */
function realmUrl(challenge: AuthChallenge, allowPlainHttp: boolean): URL {
  const realm = challenge.params.realm ?? '';
  let url: URL;
  try {
    url = new URL(realm);
  } catch {
    throw tokenFailure('connection.tokenRealmInvalid', { realm });
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && allowPlainHttp)) return url;
  throw tokenFailure('connection.tokenRealmInsecure', { realm: url.origin });
}

function scopes(challenge: AuthChallenge): string[] {
  return (challenge.params.scope ?? '').split(' ').filter((scope) => scope !== '');
}

/** The challenge asking for exactly this scope (`repository:<name>:pull`), whatever the registry named. */
export function withScope(challenge: AuthChallenge, scope: string): AuthChallenge {
  return { ...challenge, params: { ...challenge.params, scope } };
}

/** A token and the seconds it lives (`expires_in`), null where the token service did not say. */
export interface BearerGrant {
  token: string;
  expiresInSeconds: number | null;
}

function tokenFrom(answer: HttpAnswer, realm: string): BearerGrant {
  try {
    const parsed = JSON.parse(answer.body) as { token?: unknown; access_token?: unknown; expires_in?: unknown };
    const token = parsed.token ?? parsed.access_token;
    const expiresIn = typeof parsed.expires_in === 'number' && Number.isFinite(parsed.expires_in) && parsed.expires_in > 0 ? parsed.expires_in : null;
    if (typeof token === 'string' && token !== '') return { token, expiresInSeconds: expiresIn };
  } catch {
    // Not JSON: reported as "no token" just below.
  }
  throw tokenFailure('connection.tokenMissing', { realm });
}

function rejected(answer: HttpAnswer, realm: string): StepFailure {
  const code = answer.status === 401 || answer.status === 403 ? 'connection.tokenRejected' : 'connection.tokenStatus';
  return tokenFailure(code, { realm, status: answer.status });
}

/** docker's GET form: Basic credentials, `service`, each `scope`, and the account name; anonymous without credentials. */
function getRequest(url: URL, challenge: AuthChallenge, credentials: BasicCredentials | null) {
  const query = new URL(url);
  if (challenge.params.service) query.searchParams.set('service', challenge.params.service);
  for (const scope of scopes(challenge)) query.searchParams.append('scope', scope);
  if (!credentials) return { url: query, step: 'token' as const };
  query.searchParams.set('account', credentials.username);
  return { url: query, step: 'token' as const, headers: { authorization: basicAuthorization(credentials) } };
}

/** The OAuth2 password grant some token services want instead (docker's fallback). */
function postRequest(url: URL, challenge: AuthChallenge, credentials: BasicCredentials) {
  const form = new URLSearchParams({
    grant_type: 'password',
    username: credentials.username,
    password: credentials.password,
    service: challenge.params.service ?? '',
    client_id: CLIENT_ID,
    access_type: 'offline',
  });
  const scope = scopes(challenge).join(' ');
  if (scope) form.set('scope', scope);
  return { url, step: 'token' as const, method: 'POST' as const, body: form };
}

/** Trades the credentials (none: an anonymous pull token) for a Bearer token at the challenge's realm. */
export async function fetchBearerToken(http: HttpExchange, challenge: AuthChallenge, credentials: BasicCredentials | null, allowPlainHttp: boolean): Promise<string> {
  return (await fetchBearerGrant(http, challenge, credentials, allowPlainHttp)).token;
}

/** As fetchBearerToken, with the token's lifetime, for a caller that keeps tokens. */
export async function fetchBearerGrant(
  http: HttpExchange,
  challenge: AuthChallenge,
  credentials: BasicCredentials | null,
  allowPlainHttp: boolean,
): Promise<BearerGrant> {
  const url = realmUrl(challenge, allowPlainHttp);
  const answer = await http.send(getRequest(url, challenge, credentials));
  if (answer.status === 200) return tokenFrom(answer, url.origin);
  if ((answer.status !== 404 && answer.status !== 405) || !credentials) throw rejected(answer, url.origin);
  const posted = await http.send(postRequest(url, challenge, credentials));
  if (posted.status === 200) return tokenFrom(posted, url.origin);
  throw rejected(posted, url.origin);
}
