import { rootCertificates, type ConnectionOptions } from 'node:tls';
import { buildConnector, EnvHttpProxyAgent, type Dispatcher } from 'undici';
import type { ConnectionMode } from '../../shared/registry-types';
import { DEFAULT_TIMEOUT_MS, type ConnectionNetwork } from './connection-network';
import { proxyVariables } from './proxy-variables';

export interface TransportSettings {
  mode: ConnectionMode;
  /** PEM bundle uploaded for "secure with CA". */
  caCertificates?: string;
}

export interface Transport {
  dispatcher: Dispatcher;
  /** The proxy HTTPS requests go through, without any user:password it may carry; null when none. */
  proxy: string | null;
  /** Drops every connection at once: an aborted test must not wait for a connect to time out. */
  close(): Promise<void>;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

function tlsOptions(settings: TransportSettings, network: ConnectionNetwork): ConnectionOptions {
  if (settings.mode === 'insecure') return { rejectUnauthorized: false };
  const system = network.systemRoots;
  if (settings.mode === 'secure') return system ? { ca: system } : {};
  const uploaded = settings.caCertificates?.match(PEM_BLOCK) ?? [];
  return { ca: [...(system ?? rootCertificates), ...uploaded] };
}

function withoutCredentials(proxy: string): string {
  try {
    const url = new URL(proxy);
    url.username = '';
    url.password = '';
    return url.origin;
  } catch {
    return 'the configured proxy';
  }
}

/**
 * One dispatcher per test: its TLS trust follows the registry's connection mode, it honours the
 * proxy variables, and `connectTo` (tests only) redirects the dial without touching TLS names.
 */
export function createTransport(settings: TransportSettings, network: ConnectionNetwork): Transport {
  const tls = tlsOptions(settings, network);
  const base = buildConnector({ ...tls, timeout: network.connectTimeoutMs ?? DEFAULT_TIMEOUT_MS });
  const connect: buildConnector.connector = (options, callback) => {
    const port = Number(options.port) || (options.protocol === 'https:' ? 443 : 80);
    const target = network.connectTo?.(options.hostname, port);
    base(target ? { ...options, hostname: target.host, port: String(target.port) } : options, callback);
  };
  const proxies = proxyVariables(network.proxyEnv ?? process.env);
  const dispatcher = new EnvHttpProxyAgent({ ...proxies, connect, requestTls: tls });
  return {
    dispatcher,
    proxy: proxies.httpsProxy ? withoutCredentials(proxies.httpsProxy) : null,
    close: () => dispatcher.destroy(),
  };
}
