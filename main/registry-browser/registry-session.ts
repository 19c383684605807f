import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RegistryId, RegistryRecord } from '../../shared/schemas';
import { AppFailure } from '../app-errors/app-failure';
import type { RegistryLogin } from '../registry-credentials/registry-login';
import type { BasicCredentials } from '../registry-http/basic-credentials';
import { DEFAULT_TIMEOUT_MS, type ConnectionNetwork } from '../registry-http/connection-network';
import { createHttpExchange, type HttpExchange } from '../registry-http/http-exchange';
import { createInFlightLimit, limitedExchange } from '../registry-http/in-flight-limit';
import { registryEndpoint } from '../registry-http/registry-endpoint';
import { politeExchange } from '../registry-http/retry-after';
import { createRegistryReader, type RegistryReader } from '../registry-http/registry-reader';
import { StepFailure } from '../registry-http/step-failure';
import { createTransport, type Transport } from '../registry-http/transport';
import { logInToRegistry } from '../registry-http/v2-login';
import { createPageTrail } from './page-trail';

/** One browse call's reads, and how many requests they took. */
export interface BrowseCall {
  reader: RegistryReader;
  endpoint: URL;
  /** What the registry supports, as learnt so far this session. */
  support: RegistrySupport;
  readonly requests: number;
}

export interface SessionOptions {
  network: ConnectionNetwork;
  /** One call's whole time (every page or platform it reads). */
  callTimeoutMs: number;
  /** The longest `Retry-After` waited for; a registry asking for more is reported instead. */
  maxRetryAfterMs: number;
  /** Told when a 429 makes a call wait, with how long. */
  onWait(wait: { host: string; ms: number }): void;
  /** The saved login; ECR's comes from AWS and lasts 12 hours. */
  login(): Promise<RegistryLogin>;
}

/** A registry still answering 429 after this many waits is reported, not asked again. */
const RETRIES_AFTER_429 = 2;
/**
 * Requests open at once to one registry, across every browse call: as many as an index's
 * platforms are read with, so one image opens at full speed and several calls queue politely.
 */
export const MAX_IN_FLIGHT_PER_REGISTRY = 4;

/**
 * What this registry turned out to support, learnt on first use and kept for the session so later
 * calls do not ask again: `catalog` refused (401/403) for this login, the OCI referrers API
 * missing (404, as distribution 2.8 answers). Unknown until first asked.
 */
export interface RegistrySupport {
  catalog?: { refused: number };
  /** ECR's DescribeRepositories denied by IAM, with AWS's reason. */
  ecrListing?: { denied: string };
  referrers?: boolean;
  /** Artifact Registry refused `orderBy` on an image's versions (400): its API version has none, so it is not offered again this session. */
  orderBy?: false;
}

/**
 * A step's failure as the browser says it: an answer from the registry's API (a page of a listing,
 * a manifest) cut at its size limit is named as such — the transport's own message speaks of login
 * answers, which are small; a login or token answer too large keeps that message.
 */
function browseFailure(error: StepFailure): AppFailure {
  const { code, params } = error.failure.appError;
  if (error.step !== 'registry' || code !== 'connection.responseTooLarge') return error.failure;
  return new AppFailure('browse.pageTooLarge', { url: String(params?.url ?? ''), limit: `${Number(params?.max ?? 0) / 1024} MiB` });
}

/** The connection test's codes for a registry or its token service refusing the login itself. */
const LOGIN_REJECTED = new Set<string>(['connection.credentialsRejected', 'connection.tokenRejected']);

const loginStale = (login: RegistryLogin) => login.expiresAt !== undefined && Date.parse(login.expiresAt) - Date.now() < 10 * 60_000;

/**
 * What identifies a registry's connection: a changed URL, TLS mode or CA starts a new session, and
 * so does a saved edit of the registry (`updatedAt`, as the credential helper's token cache keys
 * it): the login is read again, and what the old login was refused is not held against the new.
 */
export function sessionKey(record: RegistryRecord): string {
  return createHash('sha256').update(JSON.stringify([record.url, record.connection ?? 'secure', record.caCertificate ?? '', record.updatedAt])).digest('hex');
}

/**
 * The browsing of one saved registry while the app runs: one transport (its TLS mode and CA),
 * the login read once, and the authorization of each scope reused until the registry refuses it.
 */
export function createRegistrySession(record: RegistryRecord, options: SessionOptions) {
  const endpoint = registryEndpoint(record.url);
  const transport: Transport = createTransport({ mode: record.connection ?? 'secure', caCertificates: record.caCertificate }, options.network);
  const authorizations = new Map<string, string>();
  const anonymousAuthorizations = new Map<string, string>();
  let login: Promise<RegistryLogin> | null = null;
  const limit = createInFlightLimit(MAX_IN_FLIGHT_PER_REGISTRY);
  const support: RegistrySupport = {};
  const pageTrail = createPageTrail();
  const allowPlainHttp = record.connection === 'insecure' || endpoint.protocol === 'http:';

  async function credentials(): Promise<BasicCredentials> {
    if (login) {
      const current = await login.catch(() => null);
      if (!current || loginStale(current)) login = null;
    }
    login ??= options.login();
    const { username, password } = await login;
    return { username, password };
  }

  /** Runs `work`, its failures as AppFailures: a cancel as `browse.cancelled`, a network step's failure as its own. */
  async function guarded<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (signal.aborted) throw new AppFailure('browse.cancelled');
      if (error instanceof StepFailure) throw browseFailure(error);
      throw error;
    }
  }

  /** One call's deadline, for a call that both works outside the session's HTTP and sends through it. */
  const callDeadline = () => AbortSignal.timeout(options.callTimeoutMs);

  /**
   * Runs `work` (an API the session's HTTP does not carry: ECR's SDK, Google's token endpoint) with
   * `signal` and the call's deadline joined; a failure once the deadline passed is said as `browse.deadline`.
   */
  async function withinDeadline<T>(signal: AbortSignal, work: (bounded: AbortSignal) => Promise<T>, deadline = callDeadline()): Promise<T> {
    try {
      return await guarded(signal, () => work(AbortSignal.any([signal, deadline])));
    } catch (error) {
      if (!deadline.aborted || signal.aborted) throw error;
      throw new AppFailure('browse.deadline', { host: endpoint.host, seconds: options.callTimeoutMs / 1000 });
    }
  }

  /**
   * HTTP bound to `signal` and the call's deadline, on the registry's transport (its TLS mode, CA
   * and proxy), waiting out `429 Retry-After` (a cancel ends the wait).
   */
  function exchange(signal: AbortSignal, deadline = callDeadline()): HttpExchange {
    const timeoutMs = options.network.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const http = createHttpExchange({ transport, network: options.network, cancel: signal, deadline, timeoutMs });
    // A 429's wait happens outside the limit: a waiting call holds no place another could use.
    const polite = politeExchange(limitedExchange(http, limit, signal), { maxWaitMs: options.maxRetryAfterMs, retries: RETRIES_AFTER_429, wait: (ms) => sleep(ms, undefined, { signal }), onWait: options.onWait });
    return {
      get roundTrips() {
        return polite.roundTrips;
      },
      /** The call's deadline passing mid-request is the call's whole time spent, not one request's timeout: said as such. */
      async send(request) {
        try {
          return await polite.send(request);
        } catch (error) {
          if (!deadline.aborted || signal.aborted) throw error;
          throw new StepFailure(request.step, new AppFailure('browse.deadline', { host: request.url.host, seconds: options.callTimeoutMs / 1000 }));
        }
      },
    };
  }

  /**
   * Runs `work` with a reader bound to `signal` and the call's deadline; `anonymous` reads as a pull
   * without any login does, with its own tokens (never the login's).
   */
  async function call<T>(signal: AbortSignal, work: (call: BrowseCall) => Promise<T>, options: { anonymous?: boolean } = {}): Promise<T> {
    const http = exchange(signal);
    return guarded(signal, async () => {
      const reader = createRegistryReader(http, {
        endpoint,
        credentials: options.anonymous ? null : await credentials(),
        allowPlainHttp,
        authorizations: options.anonymous ? anonymousAuthorizations : authorizations,
      });
      const browseCall: BrowseCall = {
        reader,
        endpoint,
        support,
        get requests() {
          return http.roundTrips;
        },
      };
      return work(browseCall);
    });
  }

  /**
   * Whether the registry rejects the saved login itself, by the connection test's own exchange
   * (`/v2/` with the login, through its token service where it has one): a 401 from the catalog is
   * then a wrong password, not a catalog this login may not list. The rejection is returned as the
   * connection test names it; any other failure of the check says nothing about the login.
   */
  async function loginRejection(signal: AbortSignal): Promise<AppFailure | null> {
    try {
      await logInToRegistry(exchange(signal), { endpoint, credentials: await credentials(), allowPlainHttp });
      return null;
    } catch (error) {
      if (signal.aborted) throw new AppFailure('browse.cancelled');
      if (error instanceof StepFailure && LOGIN_REJECTED.has(error.failure.appError.code)) return error.failure;
      return null;
    }
  }

  return { id: record.id as RegistryId, type: record.type, endpoint, support, pageTrail, call, guarded, callDeadline, withinDeadline, exchange, credentials, loginRejection, close: () => transport.close() };
}
export type RegistrySession = ReturnType<typeof createRegistrySession>;
