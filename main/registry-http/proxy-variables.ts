/** HTTP_PROXY, HTTPS_PROXY and NO_PROXY as curl reads them, in the shape undici's EnvHttpProxyAgent takes. */
export interface ProxyVariables {
  httpProxy: string;
  httpsProxy: string;
  noProxy: string;
}

/**
 * Lower case wins over upper case and HTTPS_PROXY falls back to HTTP_PROXY. An unset variable
 * becomes '' rather than undefined: EnvHttpProxyAgent would otherwise read process.env itself.
 */
export function proxyVariables(env: Record<string, string | undefined>): ProxyVariables {
  const httpProxy = env.http_proxy ?? env.HTTP_PROXY ?? '';
  const httpsProxy = env.https_proxy ?? env.HTTPS_PROXY ?? httpProxy;
  return { httpProxy, httpsProxy, noProxy: env.no_proxy ?? env.NO_PROXY ?? '' };
}
