import type { IncomingMessage, ServerResponse } from 'node:http';
import { listen } from './http-server';

export interface RunningRateLimitedRegistry {
  /** `127.0.0.1:<port>` */
  address: string;
  /** Manifest requests that got a 429. */
  limited(): number;
  stop(): Promise<void>;
}

const TOO_MANY = {
  errors: [{ code: 'TOOMANYREQUESTS', message: 'You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit' }],
};

/**
 * A registry whose pull limit is used up, answering as Docker Hub does: Bearer challenges, tokens
 * for anyone, then 429 TOOMANYREQUESTS on manifests with the RateLimit headers. Retry-After is one second
 * so that skopeo, which waits and retries five times, gives its verdict within a test's time.
 */
export async function startRateLimitedRegistry(tls: { certificate: string; privateKey: string }): Promise<RunningRateLimitedRegistry> {
  let limited = 0;
  let origin = '';
  const answer = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', origin);
    if (url.pathname === '/token') {
      response.writeHead(200, { 'content-type': 'application/json' });
      return response.end(JSON.stringify({ token: 'hub-like-token', access_token: 'hub-like-token', expires_in: 300 }));
    }
    const manifest = /^\/v2\/(.+)\/manifests\/[^/]+$/.exec(url.pathname);
    const scope = manifest ? `,scope="repository:${manifest[1]}:pull"` : '';
    if (request.headers.authorization !== 'Bearer hub-like-token') {
      response.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': `Bearer realm="${origin}/token",service="registry.docker.io"${scope}`, 'docker-distribution-api-version': 'registry/2.0' });
      return response.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] }));
    }
    if (!manifest) {
      response.writeHead(200, { 'content-type': 'application/json', 'docker-distribution-api-version': 'registry/2.0' });
      return response.end('{}');
    }
    limited += 1;
    response.writeHead(429, { 'content-type': 'application/json', 'ratelimit-limit': '100;w=21600', 'ratelimit-remaining': '0;w=21600', 'docker-ratelimit-source': '127.0.0.1', 'retry-after': '1' });
    return response.end(request.method === 'HEAD' ? undefined : JSON.stringify(TOO_MANY));
  };
  const server = await listen(answer, tls);
  origin = server.origin;
  return { address: `127.0.0.1:${server.port}`, limited: () => limited, stop: server.stop };
}
