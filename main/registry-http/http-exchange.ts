import { fetch } from 'undici';
import type { ConnectionStep } from '../../shared/connection-contract';
import { AppFailure } from '../app-errors/app-failure';
import { probePeerCertificate } from './certificate-probe';
import type { ConnectionNetwork } from './connection-network';
import { networkFailure } from './network-failure';
import { StepFailure } from './step-failure';
import { USER_AGENT } from './user-agent';
import type { Transport } from './transport';

export interface HttpRequest {
  url: URL;
  step: ConnectionStep;
  method?: 'GET' | 'POST' | 'HEAD';
  headers?: Record<string, string>;
  /** A form, or JSON text (with its content-type header). */
  body?: URLSearchParams | string;
  /** Bytes the answer may have; a login answer is small (64 KiB), a tag list or a manifest is not. */
  maxBody?: number;
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  /** After redirects. */
  url: URL;
  body: string;
}

export interface HttpExchangeOptions {
  transport: Transport;
  network: ConnectionNetwork;
  /** The operator's cancel button. */
  cancel: AbortSignal;
  /** The whole test's time limit. */
  deadline: AbortSignal;
  timeoutMs: number;
}

const MAX_REDIRECTS = 5;
const MAX_BODY = 64 * 1024;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

async function readLimited(response: Awaited<ReturnType<typeof fetch>>, url: URL, step: ConnectionStep, maxBody: number): Promise<string> {
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > maxBody) {
      throw new StepFailure(step, new AppFailure('connection.responseTooLarge', { url: url.href, max: Math.floor(maxBody / 1024) }));
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The HTTP requests of one test: each answered one counts, redirects included (they are followed by hand). */
export function createHttpExchange(options: HttpExchangeOptions) {
  const { transport, network, cancel, deadline, timeoutMs } = options;
  const signal = AbortSignal.any([cancel, deadline]);
  const answeredOrigins = new Set<string>();
  let roundTrips = 0;

  function interrupted(request: HttpRequest): StepFailure {
    if (cancel.aborted) return new StepFailure(request.step, new AppFailure('connection.cancelled'));
    const step = answeredOrigins.has(request.url.origin) ? request.step : 'connect';
    return new StepFailure(step, new AppFailure('connection.timedOut', { host: request.url.hostname, seconds: timeoutMs / 1000 }));
  }

  async function once(request: HttpRequest): Promise<HttpAnswer> {
    try {
      const response = await fetch(request.url, {
        method: request.method ?? 'GET',
        headers: { 'user-agent': USER_AGENT, accept: 'application/json', ...request.headers },
        body: request.body,
        redirect: 'manual',
        dispatcher: transport.dispatcher,
        signal,
      });
      roundTrips += 1;
      answeredOrigins.add(request.url.origin);
      const body = await readLimited(response, request.url, request.step, request.maxBody ?? MAX_BODY);
      return { status: response.status, headers: response.headers, url: request.url, body };
    } catch (error) {
      if (error instanceof StepFailure) throw error;
      if (signal.aborted) throw interrupted(request);
      const context = { url: request.url, step: request.step, proxy: transport.proxy, timeoutMs };
      const failure = networkFailure(error, context);
      if (failure.step !== 'tls' || failure.failure.appError.code === 'connection.tlsHandshake' || transport.proxy) throw failure;
      throw networkFailure(error, context, await probePeerCertificate(request.url, network, timeoutMs));
    }
  }

  /**
   * Credentials never follow a redirect to another origin: the Authorization header is dropped,
   * and a form that carries a password (307/308 keep the body) is not sent there at all (null).
   */
  function redirected(request: HttpRequest, answer: HttpAnswer): HttpRequest | null {
    const url = new URL(answer.headers.get('location')!, request.url);
    const sameOrigin = url.origin === request.url.origin;
    const keepsMethod = answer.status === 307 || answer.status === 308;
    if (keepsMethod && request.body && !sameOrigin) return null;
    const headers = { ...request.headers };
    if (!sameOrigin) delete headers.authorization;
    return keepsMethod ? { ...request, url, headers } : { url, step: request.step, headers, maxBody: request.maxBody };
  }

  async function send(request: HttpRequest): Promise<HttpAnswer> {
    let current = request;
    for (let hops = 0; ; hops += 1) {
      const answer = await once(current);
      if (!REDIRECTS.has(answer.status) || !answer.headers.get('location')) return answer;
      if (hops === MAX_REDIRECTS) {
        throw new StepFailure(request.step, new AppFailure('connection.tooManyRedirects', { url: request.url.href, max: MAX_REDIRECTS }));
      }
      const next = redirected(current, answer);
      if (!next) return answer;
      current = next;
    }
  }

  return {
    send,
    get roundTrips() {
      return roundTrips;
    },
  };
}
export type HttpExchange = ReturnType<typeof createHttpExchange>;
