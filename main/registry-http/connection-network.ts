/**
 * How connection tests reach the network. The app uses the defaults; tests stand in for what a
 * workstation has and a test machine lacks (the OS trust store, DNS for public names, a proxy).
 */
export interface ConnectionNetwork {
  /** The "system" trust anchors in PEM; absent means Node's bundled roots (plus NODE_EXTRA_CA_CERTS). */
  systemRoots?: string[];
  /** The OS trust store's anchors in PEM, only to tell the operator the OS trusts a refused certificate; absent means tls.getCACertificates('system'). */
  osTrustAnchors?: () => string[];
  /** Like curl's --connect-to: dial another address for a host and port, keeping the TLS name checks. */
  connectTo?: (host: string, port: number) => { host: string; port: number } | undefined;
  /** Where HTTPS_PROXY, HTTP_PROXY and NO_PROXY are read, for the registries and the ECR API; absent means process.env. */
  proxyEnv?: Record<string, string | undefined>;
  connectTimeoutMs?: number;
  /** For one whole test, every step included. */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
