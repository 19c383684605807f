import type { HttpHandler, HttpRequest } from '@smithy/core/protocols';
import { EnvHttpProxyAgent, request } from 'undici';
import { proxyVariables } from '../registry-http/proxy-variables';

export interface AwsHttpHandlerOptions {
  /** Applies to connecting and to each wait for the answer, as NodeHttpHandler's two timeouts did. */
  timeoutMs: number;
  /** Where HTTPS_PROXY, HTTP_PROXY and NO_PROXY are read. */
  proxyEnv: Record<string, string | undefined>;
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** RFC 3986, as SigV4 canonicalises the query: encodeURIComponent leaves !'()* alone. */
const percentEncode = (value: string) => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function urlOf(sdkRequest: HttpRequest): string {
  const pairs = Object.entries(sdkRequest.query ?? {}).flatMap(([key, value]) =>
    value === null ? [percentEncode(key)] : [value].flat().map((item) => `${percentEncode(key)}=${percentEncode(item)}`),
  );
  const port = sdkRequest.port ? `:${sdkRequest.port}` : '';
  return `${sdkRequest.protocol}//${sdkRequest.hostname}${port}${sdkRequest.path}${pairs.length ? `?${pairs.join('&')}` : ''}`;
}

function errorCode(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code;
}

/**
 * undici's errors in the shapes NodeHttpHandler gives them, which the SDK's retries and
 * ecrFailure understand. undici reports a tunnel the proxy refused as an abort although nothing
 * of ours aborted it: that one is named for what it is.
 */
function asSdkError(error: unknown, signal: AbortSignal | undefined): unknown {
  if (signal?.aborted) return Object.assign(new Error('Request aborted'), { name: 'AbortError', cause: error });
  const code = errorCode(error);
  if (typeof code === 'string' && TIMEOUT_CODES.has(code)) return Object.assign(new Error((error as Error).message), { name: 'TimeoutError', cause: error });
  if (code === 'UND_ERR_ABORTED') return Object.assign(new Error((error as Error).message), { name: 'ProxyError', cause: error });
  return error;
}

/**
 * The AWS SDK's HTTP handler on undici, so AWS API calls honour the proxy variables exactly as
 * registry traffic does; the SDK's own node handler ignores them.
 */
export function createAwsHttpHandler(options: AwsHttpHandlerOptions): HttpHandler {
  const dispatcher = new EnvHttpProxyAgent({ ...proxyVariables(options.proxyEnv), connect: { timeout: options.timeoutMs } });
  return {
    async handle(sdkRequest, handlerOptions) {
      // The SDK passes on the signal given to client.send, which here is always a DOM AbortSignal.
      const signal = handlerOptions?.abortSignal as AbortSignal | undefined;
      try {
        const answer = await request(urlOf(sdkRequest), {
          method: sdkRequest.method,
          headers: sdkRequest.headers,
          body: sdkRequest.body as string | Uint8Array | undefined,
          signal,
          dispatcher,
          headersTimeout: options.timeoutMs,
          bodyTimeout: options.timeoutMs,
        });
        const headers = Object.fromEntries(
          Object.entries(answer.headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, [value].flat().join(', ')]])),
        );
        return { response: { statusCode: answer.statusCode, headers, body: answer.body } };
      } catch (error) {
        throw asSdkError(error, signal);
      }
    },
    // Nothing to change at run time: the timeouts and the proxy are fixed when the handler is made.
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
    destroy: () => void dispatcher.destroy(),
  };
}
