import type { ConnectionResult, ConnectionWarning, LoginScheme } from '../../shared/connection-contract';
import type { ErrorCode } from '../../shared/i18n';
import type { RegistryId } from '../../shared/schemas';
import { AppFailure } from '../app-errors/app-failure';
import type { Clock } from '../logging/clock';
import type { EcrTokenSource } from '../registry-credentials/ecr-token-source';
import { credentialsFor, type LoginSubject, type RegistryCredentials, type SecretLookup } from '../registry-credentials/registry-credentials';
import type { BasicCredentials } from '../registry-http/basic-credentials';
import { DEFAULT_TIMEOUT_MS, type ConnectionNetwork } from '../registry-http/connection-network';
import { checkGoogleKey } from '../registry-http/google-key-check';
import { hintFor } from './hints';
import { createHttpExchange, type HttpExchange } from '../registry-http/http-exchange';
import { registryEndpoint } from '../registry-http/registry-endpoint';
import { StepFailure } from '../registry-http/step-failure';
import { createTransport, type Transport, type TransportSettings } from '../registry-http/transport';
import { logInToRegistry } from '../registry-http/v2-login';

/** One registry to test: a saved one, or a form's values. */
export interface ConnectionTarget {
  registryId?: RegistryId;
  subject: LoginSubject;
  transport: TransportSettings;
  secretOf: SecretLookup;
}

export interface ConnectionTestDependencies {
  ecr: EcrTokenSource;
  network: ConnectionNetwork;
  clock: Clock;
}

interface TestRun {
  target: ConnectionTarget;
  deps: ConnectionTestDependencies;
  transport: Transport;
  http: HttpExchange;
  cancel: AbortSignal;
  deadline: AbortSignal;
  timeoutMs: number;
}

/** The SDK reports both the cancel button and the time limit as an abort; tell them apart. */
function awsInterruption(run: TestRun, region: string): StepFailure | null {
  if (run.cancel.aborted) return new StepFailure('aws', new AppFailure('connection.cancelled'));
  const host = `api.ecr.${region}.amazonaws.com`;
  if (run.deadline.aborted) return new StepFailure('aws', new AppFailure('connection.timedOut', { host, seconds: run.timeoutMs / 1000 }));
  return null;
}

async function ecrLogin(run: TestRun, credentials: Extract<RegistryCredentials, { kind: 'ecr' }>) {
  const signal = AbortSignal.any([run.cancel, run.deadline]);
  const token = await run.deps.ecr
    .fetchToken({ region: credentials.region, accessKey: credentials.accessKey, signal })
    .catch((error: unknown) => {
      throw awsInterruption(run, credentials.region) ?? new StepFailure('aws', error as AppFailure);
    });
  return { login: { username: token.username, password: token.password }, expiresAt: token.expiresAt };
}

/** The username and password the registry will see, after AWS or Google had their say. */
async function registryCredentials(run: TestRun, credentials: RegistryCredentials): Promise<{ login: BasicCredentials; expiresAt?: string }> {
  switch (credentials.kind) {
    case 'password':
      return { login: credentials };
    case 'google-key':
      await checkGoogleKey(credentials.serviceAccountJson, { ...run, keyFrom: 'saved' });
      return { login: { username: credentials.username, password: credentials.serviceAccountJson } };
    case 'ecr':
      return ecrLogin(run, credentials);
  }
}

/** In insecure mode a registry URL without a scheme falls back to plain HTTP, as docker and skopeo do. */
async function logIn(run: TestRun, endpoint: URL, login: BasicCredentials): Promise<{ auth: LoginScheme; endpoint: URL }> {
  const insecure = run.target.transport.mode === 'insecure';
  try {
    return { auth: await logInToRegistry(run.http, { endpoint, credentials: login, allowPlainHttp: insecure }), endpoint };
  } catch (error) {
    const schemeTyped = /^https?:\/\//i.test(run.target.subject.url);
    const notTls = error instanceof StepFailure && error.failure.appError.code === 'connection.tlsHandshake';
    if (!insecure || schemeTyped || !notTls) throw error;
    const plain = new URL(endpoint);
    plain.protocol = 'http:';
    return { auth: await logInToRegistry(run.http, { endpoint: plain, credentials: login, allowPlainHttp: true }), endpoint: plain };
  }
}

function warningsFor(target: ConnectionTarget, endpoint: URL, auth: LoginScheme | undefined): ConnectionWarning[] {
  const warnings: ConnectionWarning[] = [];
  if (target.transport.mode === 'insecure') warnings.push('insecure');
  if (endpoint.protocol === 'http:') warnings.push('plainHttp');
  if (auth === 'none') warnings.push('anonymous');
  return warnings;
}

/** Runs one test from credentials to the registry's 200, and says which step failed if one did. */
export async function runConnectionTest(
  target: ConnectionTarget,
  deps: ConnectionTestDependencies,
  cancel: AbortSignal,
): Promise<ConnectionResult> {
  const started = performance.now();
  const timeoutMs = deps.network.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = AbortSignal.timeout(timeoutMs);
  const transport = createTransport(target.transport, deps.network);
  const http = createHttpExchange({ transport, network: deps.network, cancel, deadline, timeoutMs });
  const run: TestRun = { target, deps, transport, http, cancel, deadline, timeoutMs };
  let endpoint = registryEndpoint(target.subject.url);
  const finish = (fields: Partial<ConnectionResult> & { ok: boolean }): ConnectionResult => ({
    ...(target.registryId ? { registryId: target.registryId } : {}),
    roundTrips: http.roundTrips,
    durationMs: Math.round(performance.now() - started),
    endpoint: endpoint.href,
    warnings: warningsFor(target, endpoint, fields.auth),
    testedAt: deps.clock.now().toISOString(),
    ...fields,
  });
  try {
    const credentials = await credentialsFor(target.subject, target.secretOf).catch((error: unknown) => {
      throw error instanceof AppFailure ? new StepFailure('credentials', error) : error;
    });
    const { login, expiresAt } = await registryCredentials(run, credentials);
    const loggedIn = await logIn(run, endpoint, login);
    endpoint = loggedIn.endpoint;
    return finish({ ok: true, auth: loggedIn.auth, ...(expiresAt ? { tokenExpiresAt: expiresAt } : {}) });
  } catch (error) {
    if (!(error instanceof StepFailure)) throw error;
    const hint = hintFor(error.step, error.failure.appError.code as ErrorCode, { ...target, facts: error.facts });
    return finish({ ok: false, step: error.step, error: error.failure.appError, ...(hint ? { hint } : {}) });
  } finally {
    await transport.close();
  }
}
