import { AppFailure } from '../app-errors/app-failure';
import { byteSize } from './cluster-limits';

/** An API server answer outside 2xx, with what its `metav1.Status` body says. */
export class KubeStatusError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    readonly detail: string,
    /** Seconds from a `Retry-After` header (429, some 503s). */
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(`${status} ${reason}: ${detail}`);
    this.name = 'KubeStatusError';
  }
}

/** The request never got an answer: refused, reset, TLS, timed out or cancelled. */
export class KubeTransportError extends Error {
  constructor(
    readonly kind: 'network' | 'tls' | 'timeout' | 'cancelled',
    readonly detail: string,
  ) {
    super(`${kind}: ${detail}`);
    this.name = 'KubeTransportError';
  }
}

/** A retryable failure (429, 5xx, reset) that kept happening. */
export class RetriesExhaustedError extends Error {
  constructor(
    readonly last: Error,
    readonly attempts: number,
  ) {
    super(`gave up after ${attempts} attempts: ${last.message}`);
    this.name = 'RetriesExhaustedError';
  }
}

/** The context sent more than the app accepts from it (see ClusterLimits); retrying would only repeat it. */
export class KubeLimitError extends Error {
  constructor(
    readonly limit: 'responseBytes' | 'listItems' | 'listPages' | 'repeatedContinue',
    /** kubectl's name for what was read: `pods`, `deployments.apps`. */
    readonly resource: string,
    /** The limit passed; for a repeated `continue`, the page that repeated it. */
    readonly value: number,
  ) {
    super(`${limit} ${resource}: ${value}`);
    this.name = 'KubeLimitError';
  }
}

/** A 2xx answer that is not the JSON list the request asked for. */
export class KubeAnswerError extends Error {
  constructor(
    readonly resource: string,
    readonly detail: string,
  ) {
    super(`${resource}: ${detail}`);
    this.name = 'KubeAnswerError';
  }
}

/** kubectl's name for the resource a request path reads: `/api/v1/namespaces/a/secrets/b` → `secrets`. */
export function resourceOfPath(path: string): string {
  const segments = path.split('?', 1)[0]!.split('/').filter((segment) => segment !== '');
  const [root, ...rest] = segments;
  const group = root === 'apis' ? rest.shift() : undefined;
  if (root !== 'api' && root !== 'apis') return segments.join('/');
  const [, ...inVersion] = rest;
  const plural = inVersion[0] === 'namespaces' && inVersion.length >= 3 ? inVersion[2]! : (inVersion[0] ?? 'discovery');
  return group ? `${plural}.${group}` : plural;
}

function limitFailure(error: KubeLimitError, context: string): AppFailure {
  const { resource, value } = error;
  switch (error.limit) {
    case 'responseBytes':
      return new AppFailure('cluster.responseTooLarge', { context, resource, limit: byteSize(value) });
    case 'listItems':
      return new AppFailure('cluster.listTooLong', { context, resource, limit: value });
    case 'listPages':
      return new AppFailure('cluster.listEndless', { context, resource, limit: value });
    case 'repeatedContinue':
      return new AppFailure('cluster.listRepeated', { context, resource, page: value });
  }
}

export const isStatus = (error: unknown, status: number): error is KubeStatusError =>
  error instanceof KubeStatusError && error.status === status;

export const isCancelled = (error: unknown): boolean =>
  (error instanceof KubeTransportError && error.kind === 'cancelled') || (error instanceof AppFailure && error.appError.code === 'access.cancelled');

export interface FailureScope {
  context: string;
  timeoutSeconds?: number;
}

/** Any failure of a call to a cluster as the typed error the operator sees. */
export function clusterFailure(error: unknown, scope: FailureScope): AppFailure {
  const { context } = scope;
  if (error instanceof AppFailure) return error;
  if (error instanceof KubeLimitError) return limitFailure(error, context);
  if (error instanceof KubeAnswerError) return new AppFailure('cluster.invalidAnswer', { context, resource: error.resource, detail: error.detail });
  if (error instanceof KubeTransportError) {
    switch (error.kind) {
      case 'timeout':
        return new AppFailure('cluster.timeout', { context, seconds: scope.timeoutSeconds ?? 30 });
      case 'tls':
        return new AppFailure('cluster.tls', { context, detail: error.detail });
      case 'cancelled':
        return new AppFailure('access.cancelled');
      case 'network':
        return new AppFailure('cluster.unreachable', { context, detail: error.detail });
    }
  }
  if (error instanceof RetriesExhaustedError) {
    const { last, attempts } = error;
    if (last instanceof KubeStatusError && last.status === 429) return new AppFailure('cluster.rateLimited', { context, attempts });
    if (last instanceof KubeStatusError) return new AppFailure('cluster.serverError', { context, status: last.status, attempts });
    return clusterFailure(last, scope);
  }
  if (error instanceof KubeStatusError) {
    if (error.status === 401) return new AppFailure('cluster.unauthorized', { context });
    if (error.status === 403) return new AppFailure('cluster.forbidden', { context, detail: error.detail.slice(0, 300) });
    return new AppFailure('cluster.apiError', { context, status: error.status, reason: error.reason, detail: error.detail.slice(0, 300) });
  }
  return new AppFailure('internal', { detail: error instanceof Error ? error.name : 'unknown error' });
}
