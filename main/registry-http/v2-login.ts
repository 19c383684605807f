import type { LoginScheme } from '../../shared/connection-contract';
import { AppFailure } from '../app-errors/app-failure';
import { basicAuthorization, type BasicCredentials } from './basic-credentials';
import type { HttpAnswer, HttpExchange } from './http-exchange';
import { StepFailure } from './step-failure';
import { fetchBearerToken } from './token-service';
import { parseWwwAuthenticate, type AuthChallenge } from './www-authenticate';

export interface V2LoginRequest {
  /** The registry's `/v2/` address. */
  endpoint: URL;
  credentials: BasicCredentials;
  /** Whether a token realm may be plain HTTP (only in insecure mode). */
  allowPlainHttp: boolean;
}

function isRegistryAnswer(answer: HttpAnswer): boolean {
  if ((answer.headers.get('docker-distribution-api-version') ?? '').startsWith('registry/2')) return true;
  try {
    const body = JSON.parse(answer.body) as unknown;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
    return Object.keys(body).length === 0 || Array.isArray((body as { errors?: unknown }).errors);
  } catch {
    return false;
  }
}

function unexpected(answer: HttpAnswer): StepFailure {
  const params = { url: answer.url.href, status: answer.status };
  if (answer.status === 400 && /HTTP request to an HTTPS server/i.test(answer.body)) {
    return new StepFailure('registry', new AppFailure('connection.httpToHttps', { url: answer.url.origin }));
  }
  const code = isRegistryAnswer(answer) ? 'connection.registryStatus' : 'connection.notRegistry';
  return new StepFailure('registry', new AppFailure(code, params));
}

function accepted(answer: HttpAnswer): boolean {
  if (answer.status !== 200) return false;
  if (!isRegistryAnswer(answer)) throw unexpected(answer);
  return true;
}

async function basicLogin(http: HttpExchange, request: V2LoginRequest): Promise<LoginScheme> {
  const answer = await http.send({
    url: request.endpoint,
    step: 'credentials',
    headers: { authorization: basicAuthorization(request.credentials) },
  });
  if (accepted(answer)) return 'basic';
  if (answer.status === 401 || answer.status === 403) {
    throw new StepFailure('credentials', new AppFailure('connection.credentialsRejected', { status: answer.status }));
  }
  throw unexpected(answer);
}

async function bearerLogin(http: HttpExchange, request: V2LoginRequest, challenge: AuthChallenge) {
  const token = await fetchBearerToken(http, challenge, request.credentials, request.allowPlainHttp);
  const answer = await http.send({ url: request.endpoint, step: 'token', headers: { authorization: `Bearer ${token}` } });
  if (accepted(answer)) return 'bearer' as const;
  if (answer.status === 401 || answer.status === 403) {
    const realm = new URL(challenge.params.realm!).origin;
    throw new StepFailure('token', new AppFailure('connection.tokenRefused', { realm, status: answer.status }));
  }
  throw unexpected(answer);
}

/**
 * `docker login`'s exchange: GET /v2/; on 401 follow the challenge — Basic (2 round trips) or a
 * Bearer token from the realm (3) — and call it a success only when a registry answers 200.
 */
export async function logInToRegistry(http: HttpExchange, request: V2LoginRequest): Promise<LoginScheme> {
  const ping = await http.send({ url: request.endpoint, step: 'registry' });
  if (accepted(ping)) return 'none';
  if (ping.status !== 401) throw unexpected(ping);
  const challenges = parseWwwAuthenticate(ping.headers.get('www-authenticate'));
  const bearer = challenges.find((challenge) => challenge.scheme === 'bearer');
  if (bearer) return bearerLogin(http, request, bearer);
  if (challenges.some((challenge) => challenge.scheme === 'basic')) return basicLogin(http, request);
  if (!isRegistryAnswer(ping)) throw unexpected(ping);
  const scheme = challenges[0]?.scheme ?? 'none';
  throw new StepFailure('registry', new AppFailure('connection.unsupportedChallenge', { scheme }));
}
