// One request through the pipeline a kube-apiserver runs: count, added latency, authentication,
// priority-and-fairness 429s, authorization, injected faults, then the API itself.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { type AccessTable, type Attributes, type KubeUser, allows, denialReason } from './access';
import { type ApiRequest, type Reply, json, resourceTypeOf, serve } from './api';
import { type Cluster, PATCH_TYPES } from './cluster';
import type { Controls, RequestFaults } from './controls';
import type { Discovery } from './discovery-routes';
import { type PathRequest, type ResourceRequest, requestInfo } from './request-info';
import { RESOURCES, isResourceName } from './resources';
import { APPLY_PATCH } from './server-side-apply';
import {
  KubeStatusError, badRequest, conflict, entityTooLarge, forbidden, internalError, MODIFIED, notAcceptable, serviceUnavailable, unauthorized, unsupportedMediaType,
} from './status';

const MAX_BODY = 3 * 1024 * 1024;
const BODY_TYPES = ['application/json', 'application/yaml'];
const PUBLIC_PATHS = ['/version', '/healthz', '/livez', '/readyz'];

export interface Pipeline {
  cluster: Cluster;
  access: AccessTable;
  controls: Controls;
  discovery: Discovery;
}

async function readBody(message: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of message as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw entityTooLarge(MAX_BODY);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

const mediaType = (header: string | undefined): string => (header ?? '').split(';')[0]!.trim().toLowerCase();

function parseBody(raw: Buffer, info: ResourceRequest, contentType: string): unknown {
  if (raw.length === 0) return undefined;
  const kind = isResourceName(info.resource) ? RESOURCES[info.resource].kind : info.resource === 'selfsubjectaccessreviews' ? 'SelfSubjectAccessReview' : info.resource;
  const accepted = info.verb === 'patch' ? PATCH_TYPES : BODY_TYPES;
  const type = contentType || 'application/json';
  if (!accepted.includes(type) && !(info.verb === 'delete' || info.verb === 'deletecollection')) throw unsupportedMediaType(accepted);
  try {
    return type === 'application/yaml' || type === APPLY_PATCH ? parseYaml(raw.toString('utf8')) : JSON.parse(raw.toString('utf8'));
  } catch (error) {
    throw badRequest(`the object provided is unrecognized (must be of type ${kind}): couldn't get version/kind; json parse error: ${(error as Error).message}`);
  }
}

function checkAccept(accept: string | undefined): void {
  if (!accept) return;
  const types = accept.split(',').map((part) => mediaType(part));
  if (!types.some((type) => type === 'application/json' || type === '*/*' || type === 'application/*')) throw notAcceptable(['application/json', 'application/yaml']);
}

function authorize(user: KubeUser, info: ResourceRequest | PathRequest): void {
  if (info.kind === 'path') {
    if ((user.name === 'system:anonymous' || user.discovery === false) && !PUBLIC_PATHS.includes(info.path)) throw forbidden('', '', `User "${user.name}" cannot ${info.verb} path "${info.path}"`);
    return;
  }
  if (info.resource === 'selfsubjectaccessreviews' && user.name !== 'system:anonymous') return;
  const resource = info.subresource ? `${info.resource}/${info.subresource}` : info.resource;
  const attributes: Attributes = { verb: info.verb, resource, namespace: info.namespace, name: info.name, group: info.group };
  if (!allows(user, attributes)) throw forbidden(info.group ? `${info.resource}.${info.group}` : info.resource, info.name, denialReason(user, attributes));
}

/** Injected faults: after authorization, before the API, like an overloaded or flaky server. */
function injectFaults(pipeline: Pipeline, info: ResourceRequest, faults: RequestFaults): void {
  const { controls, cluster } = pipeline;
  if (faults.draw(controls.faults.serverErrorRate)) {
    throw controls.draw(0.5) ? internalError('etcdserver: request timed out') : serviceUnavailable();
  }
  if ((info.verb === 'update' || info.verb === 'patch') && faults.draw(controls.faults.conflictRate)) {
    const type = resourceTypeOf(info, cluster);
    if (type !== 'review') {
      cluster.touch(type, info.namespace, info.name);
      throw conflict(info.resource, info.name, MODIFIED);
    }
  }
}

function send(response: ServerResponse, reply: Reply): void {
  response.statusCode = reply.code;
  response.setHeader('Content-Type', 'application/json');
  response.setHeader('Cache-Control', 'no-cache, private');
  response.setHeader('Audit-Id', randomUUID());
  if (reply.warnings.length) response.setHeader('Warning', reply.warnings.map((warning) => `299 - ${JSON.stringify(warning)}`));
  response.end(reply.body);
}

function tooManyRequests(response: ServerResponse, retryAfterSeconds: number): void {
  // The priority-and-fairness filter answers with http.Error: plain text, not a Status.
  response.writeHead(429, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Retry-After': String(retryAfterSeconds) });
  response.end('Too many requests, please try again later.\n');
}

async function handle(pipeline: Pipeline, message: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(message.url ?? '/', 'https://localhost');
  const info = requestInfo(message.method ?? 'GET', url);
  pipeline.controls.count(info.verb, info.kind === 'resource' ? info.resource : 'discovery');
  // Watched from the start: a client that gives up while the body is read must not be missed.
  let closedEarly = false;
  response.once('close', () => {
    closedEarly = !response.writableFinished;
  });
  const raw = await readBody(message);
  pipeline.controls.record({ method: message.method ?? 'GET', url: message.url ?? '/', body: raw.toString('utf8'), ...(message.headers.accept ? { accept: message.headers.accept } : {}) });
  const held = pipeline.controls.holdIfHolding({ method: message.method ?? 'GET', url: message.url ?? '/' }, () => closedEarly || message.socket.destroyed);
  if (held) await held;
  if (pipeline.controls.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, pipeline.controls.latencyMs));
  const user = pipeline.access.authenticate(message);
  if (!user) throw unauthorized();
  const faults = pipeline.controls.faultsFor(`${message.method ?? 'GET'} ${url.pathname}`);
  if (info.kind === 'resource' && faults.draw(pipeline.controls.faults.tooManyRequestsRate)) {
    return tooManyRequests(response, pipeline.controls.faults.retryAfterSeconds ?? 1);
  }
  checkAccept(message.headers.accept);
  authorize(user, info);
  if (info.kind === 'path') return send(response, pipeline.discovery.answer(info.path, message));
  injectFaults(pipeline, info, faults);
  faults.served();
  const body = parseBody(raw, info, mediaType(message.headers['content-type']));
  const request: ApiRequest = { info, url, message, body, user };
  send(response, serve(pipeline.cluster, request, mediaType(message.headers['content-type'])));
}

export function requestListener(pipeline: Pipeline): (message: IncomingMessage, response: ServerResponse) => void {
  return (message, response) => {
    handle(pipeline, message, response).catch((error: unknown) => {
      const status = error instanceof KubeStatusError ? error.status : internalError(String((error as Error)?.message ?? error)).status;
      if (!response.headersSent) send(response, json(status.code, status));
      else response.destroy();
    });
  };
}
