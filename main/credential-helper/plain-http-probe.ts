import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** `docker login` has just reached the registry: it answers at once, or it is not the one docker used. */
const PROBE_TIMEOUT_MS = 5_000;

type Probe = { kind: 'answer'; response: IncomingMessage } | { kind: 'failed' };

function get(secure: boolean, host: string, port: number | null): Promise<Probe> {
  return new Promise((resolve) => {
    const request = (secure ? httpsRequest : httpRequest)(
      {
        host,
        ...(port !== null ? { port } : {}),
        path: '/v2/',
        method: 'GET',
        timeout: PROBE_TIMEOUT_MS,
        // Only whether TLS is spoken at all matters here; trust is the connection test's business.
        ...(secure ? { rejectUnauthorized: false } : {}),
      },
      (response) => {
        response.resume();
        resolve({ kind: 'answer', response });
      },
    );
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve({ kind: 'failed' }));
    request.end();
  });
}

/** A registry's answer to `/v2/`: distribution's version header, or a login challenge. */
const isRegistryAnswer = (response: IncomingMessage) =>
  response.headers['docker-distribution-api-version'] !== undefined || (response.statusCode === 401 && response.headers['www-authenticate'] !== undefined);

/**
 * Whether a registry docker logged in to speaks plain HTTP only. docker hands `store` the host
 * without a scheme (docker/cli GetDefaultAuthConfig: ConvertToHostname), and for an insecure
 * registry (127.0.0.0/8 by default, or the daemon's insecure-registries) it tries HTTPS first and
 * falls back to HTTP (docker/docker registry endpoints). The same order here: no TLS answer, and a
 * registry's answer over HTTP.
 */
export async function speaksPlainHttpOnly(host: string, port: number | null): Promise<boolean> {
  if ((await get(true, host, port)).kind === 'answer') return false;
  const plain = await get(false, host, port);
  return plain.kind === 'answer' && isRegistryAnswer(plain.response);
}
