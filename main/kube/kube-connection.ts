import { readFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { createSecureContext } from 'node:tls';
import { Agent, request as send, type Dispatcher } from 'undici';
import { AppFailure } from '../app-errors/app-failure';
import { DEFAULT_CLUSTER_LIMITS, type ClusterLimits } from './cluster-limits';
import type { ExecCredentials } from './exec-credentials';
import type { ClusterEntry, UserEntry } from './kubeconfig-entries';
import { KubeAnswerError, KubeLimitError, KubeStatusError, KubeTransportError, resourceOfPath } from './kube-errors';

export interface KubeRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path and query, e.g. `/api/v1/secrets?limit=500`. */
  path: string;
  body?: unknown;
  contentType?: string;
  /** The Accept header; absent: `application/json`. */
  accept?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

type Headers = Record<string, string | string[] | undefined>;

/** Consumes an answer's body; the chunks stop with KubeLimitError past the byte limit. */
export type BodyReader<T> = (chunks: AsyncIterable<Buffer>) => Promise<T>;

export interface KubeResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/** One context's API server: keep-alive connections, TLS and credentials as its kubeconfig says. */
export interface KubeConnection {
  readonly context: string;
  readonly server: string;
  /** Resolves for 2xx; throws KubeStatusError for any other status, KubeTransportError when no answer came. */
  send(request: KubeRequest): Promise<KubeResponse>;
  /** As send, but a 2xx body goes to `read` chunk by chunk as it arrives instead of being buffered. */
  stream<T>(request: KubeRequest, read: BodyReader<T>): Promise<T>;
  close(): void;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const USER_AGENT = 'registry-desk/0.1';

function fileOrData(context: string, path: string | undefined, data: string | undefined): Buffer | undefined {
  if (data) return Buffer.from(data, 'base64');
  if (!path) return undefined;
  try {
    return readFileSync(path);
  } catch (error) {
    throw new AppFailure('cluster.fileUnreadable', { context, path, detail: (error as NodeJS.ErrnoException).code ?? 'read failed' });
  }
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|TLS|SSL|ERR_OSSL|HOSTNAME|altnames/i;

function transportError(error: Error & { code?: string }): KubeTransportError {
  if (error instanceof KubeTransportError) return error;
  if (error.name === 'AbortError') return new KubeTransportError('cancelled', 'cancelled');
  const code = error.code ?? '';
  if (TLS_CODES.test(code) || TLS_CODES.test(error.message)) return new KubeTransportError('tls', code || error.message.slice(0, 200));
  return new KubeTransportError('network', code || error.message.slice(0, 200));
}

function statusError(status: number, headers: Headers, body: unknown): KubeStatusError {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as { reason?: unknown; message?: unknown };
  const retryAfter = Number(headers['retry-after']);
  return new KubeStatusError(
    status,
    typeof fields.reason === 'string' ? fields.reason : (STATUS_CODES[status] ?? 'Error'),
    typeof fields.message === 'string' ? fields.message : typeof body === 'string' ? body.slice(0, 300) : '',
    Number.isFinite(retryAfter) && headers['retry-after'] !== undefined ? retryAfter : undefined,
  );
}

function parseBody(raw: string, headers: Headers): unknown {
  if (raw === '') return null;
  if (!String(headers['content-type'] ?? '').includes('json')) return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** The body as it arrives, cut off past `maxBytes`: a hostile server cannot make us hold more. */
async function* cappedBody(body: AsyncIterable<Buffer>, maxBytes: number, resource: string): AsyncIterable<Buffer> {
  let total = 0;
  for await (const chunk of body) {
    total += chunk.length;
    if (total > maxBytes) throw new KubeLimitError('responseBytes', resource, maxBytes);
    yield chunk;
  }
}

async function textOf(chunks: AsyncIterable<Buffer>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts).toString('utf8');
}

interface Answer {
  statusCode: number;
  headers: Headers;
  body: AsyncIterable<Buffer> & { destroy(): unknown };
}

/** The body of an answer: parsed, or for a 2xx with `read`, what `read` made of it; never more than `maxBytes`. */
async function readBody(answer: Answer, options: { path: string; maxBytes: number; read?: BodyReader<unknown> }): Promise<unknown> {
  const { path, maxBytes, read } = options;
  try {
    const resource = resourceOfPath(path);
    if (Number(answer.headers['content-length']) > maxBytes) throw new KubeLimitError('responseBytes', resource, maxBytes);
    const chunks = cappedBody(answer.body, maxBytes, resource);
    if (read && answer.statusCode >= 200 && answer.statusCode <= 299) return await read(chunks);
    return parseBody(await textOf(chunks), answer.headers);
  } catch (error) {
    // Stops the transfer; a keep-alive socket with an unread body cannot be reused anyway.
    answer.body.destroy();
    throw error;
  }
}

interface Credentials {
  headers: Record<string, string>;
  cert?: Buffer | string;
  key?: Buffer | string;
}

export interface ConnectionTarget {
  context: string;
  cluster: ClusterEntry & { server: string };
  user: UserEntry | null;
}

/** undici puts the system error behind `cause` (ECONNREFUSED, certificate problems). */
function rootCause(error: Error & { code?: string; cause?: unknown }): Error & { code?: string } {
  return error.cause instanceof Error ? rootCause(error.cause as Error & { code?: string; cause?: unknown }) : error;
}

/**
 * Ends a request when the caller cancels or the timeout passes. undici notices an abort only once
 * connected, so callers also race `stopped`: a server that never completes the handshake must not hold us.
 */
function stopWatch(cancel: AbortSignal | undefined, timeoutMs: number) {
  const controller = new AbortController();
  let reject: (error: KubeTransportError) => void = () => undefined;
  const stopped = new Promise<never>((_, rejectStopped) => {
    reject = rejectStopped;
  });
  stopped.catch(() => undefined);
  const stop = (kind: 'timeout' | 'cancelled') => () => {
    controller.abort();
    reject(new KubeTransportError(kind, kind === 'timeout' ? 'timed out' : 'cancelled'));
  };
  const onCancel = stop('cancelled');
  const timer = setTimeout(stop('timeout'), timeoutMs);
  cancel?.addEventListener('abort', onCancel, { once: true });
  return {
    signal: controller.signal,
    stopped,
    dispose() {
      clearTimeout(timer);
      cancel?.removeEventListener('abort', onCancel);
    },
  };
}

/** Builds the connection; throws AppFailure for a kubeconfig entry that cannot work (unreadable file, legacy auth provider). */
export function openKubeConnection(
  target: ConnectionTarget,
  execCredentials: ExecCredentials,
  limits: Pick<ClusterLimits, 'maxResponseBytes'> = DEFAULT_CLUSTER_LIMITS,
): KubeConnection {
  const { context, cluster, user } = target;
  if (user?.authProvider) throw new AppFailure('cluster.authProvider', { context, provider: user.authProvider });
  const ca = fileOrData(context, cluster.certificateAuthority, cluster.certificateAuthorityData);
  const staticCert = user ? fileOrData(context, user.clientCertificate, user.clientCertificateData) : undefined;
  const staticKey = user ? fileOrData(context, user.clientKey, user.clientKeyData) : undefined;
  const tokenFromFile = user?.tokenFile ? fileOrData(context, user.tokenFile, undefined)?.toString('utf8').trim() : undefined;
  const base = cluster.server.replace(/\/+$/, '');
  const agents = new Map<string, Agent>();

  /** One keep-alive pool per client certificate (an exec plugin may hand out a new one). */
  function agentFor(cert: Buffer | string | undefined, key: Buffer | string | undefined): Dispatcher {
    const id = cert ? String(cert).slice(-64) : '';
    let agent = agents.get(id);
    if (!agent) {
      // One TLS context for the pool: left to tls.connect, the CA and key were parsed again for every socket.
      const secureContext = createSecureContext({ ca, cert, key });
      agent = new Agent({
        keepAliveTimeout: 30_000,
        connect: { secureContext, rejectUnauthorized: !cluster.insecureSkipTlsVerify, servername: cluster.tlsServerName },
      });
      agents.set(id, agent);
    }
    return agent;
  }

  /** The kubeconfig's own credentials (basic, token, token file, client certificate), without an exec plugin's. */
  function staticCredentials(): Credentials {
    const headers: Record<string, string> = {};
    if (!user) return { headers };
    if (user.username && user.password) headers.authorization = `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`;
    const token = user.token ?? tokenFromFile;
    if (token) headers.authorization = `Bearer ${token}`;
    return { headers, cert: staticCert, key: staticKey };
  }

  // Without an exec plugin they never change: worked out once, not for each of thousands of requests.
  const fixed = user?.exec ? undefined : staticCredentials();

  async function credentials(): Promise<Credentials> {
    if (fixed) return fixed;
    const own = staticCredentials();
    const fromPlugin = await execCredentials.get(context, user!.exec!, cluster);
    const headers = fromPlugin.token ? { ...own.headers, authorization: `Bearer ${fromPlugin.token}` } : own.headers;
    if (fromPlugin.clientCertificateData) return { headers, cert: fromPlugin.clientCertificateData, key: fromPlugin.clientKeyData };
    return { ...own, headers };
  }

  /** One request from credentials to the body; `signal` aborts it (undici notices only once connected). */
  async function answer(request: KubeRequest, signal: AbortSignal, read?: BodyReader<unknown>): Promise<KubeResponse> {
    const auth = fixed ?? (await credentials());
    const payload = request.body === undefined ? undefined : JSON.stringify(request.body);
    const headers: Record<string, string> = { accept: request.accept ?? 'application/json', 'user-agent': USER_AGENT, ...auth.headers };
    if (payload !== undefined) headers['content-type'] = request.contentType ?? 'application/json';
    const response = await send(base + request.path, { method: request.method, headers, body: payload, dispatcher: agentFor(auth.cert, auth.key), signal });
    const body = await readBody(response, { path: request.path, maxBytes: limits.maxResponseBytes, read });
    return { status: response.statusCode, headers: response.headers, body };
  }

  /** The answer, its body parsed, or for a 2xx with `read`, what `read` made of the body. */
  async function exchange(request: KubeRequest, read?: BodyReader<unknown>): Promise<KubeResponse> {
    if (request.signal?.aborted) throw new KubeTransportError('cancelled', 'cancelled');
    const stop = stopWatch(request.signal, request.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    try {
      // One race for the whole exchange: a credential plugin waiting for a login, a handshake that
      // never completes and a body that never ends all count against the timeout.
      return await Promise.race([answer(request, stop.signal, read), stop.stopped]);
    } catch (error) {
      if (error instanceof KubeTransportError || error instanceof AppFailure || error instanceof KubeLimitError || error instanceof KubeAnswerError) throw error;
      const cause = rootCause(error as Error);
      if (/UND_ERR_(HEADERS|BODY|CONNECT)_TIMEOUT/.test(cause.code ?? '')) throw new KubeTransportError('timeout', 'timed out');
      throw transportError(cause);
    } finally {
      stop.dispose();
    }
  }

  async function checked(exchanged: Promise<KubeResponse>): Promise<KubeResponse> {
    const response = await exchanged;
    if (response.status === 401 && user?.exec) execCredentials.forget(user.exec);
    if (response.status < 200 || response.status > 299) throw statusError(response.status, response.headers, response.body);
    return response;
  }

  return {
    context,
    server: cluster.server,
    send: (request) => checked(exchange(request)),
    stream: async <T>(request: KubeRequest, read: BodyReader<T>) => (await checked(exchange(request, read))).body as T,
    close() {
      for (const agent of agents.values()) void agent.close();
      agents.clear();
    },
  };
}
