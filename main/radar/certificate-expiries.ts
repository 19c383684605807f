// The TLS certificate of every registry a login is seen for — workloads pull from it, a cluster's
// pull secret names it, or Registry Desk keeps it saved — read with one handshake per host, a few
// hosts at a time, each within the network's timeout. A certificate's end is kept across scans for
// a while (re-scans and the watch do not shake hands again); a host that could not be read is
// asked again next scan, and its row says unknown with why, never a guessed date.
import { registryOfKey, type ExpiryRow } from '../../shared/radar-contract';
import type { RegistryRecord } from '../../shared/schemas';
import { parseRegistryUrl } from '../../shared/registry-url';
import { runPool } from '../kube/work-pool';
import { readPeerCertificate, type CertificateUnread } from '../registry-http/certificate-probe';
import { DEFAULT_TIMEOUT_MS, type ConnectionNetwork } from '../registry-http/connection-network';
import { createDigestCache } from '../registry-http/digest-cache';
import { registryEndpoint } from '../registry-http/registry-endpoint';
import { expiryState } from './expiry';

/** Handshakes in flight at once. */
const CONCURRENCY = 8;
/** How long a certificate's end is trusted without a new handshake: a renewed certificate shows within it. */
export const CERTIFICATE_KEPT_MS = 10 * 60_000;
/** Hosts whose certificate is kept: far more registries than a fleet uses. */
const KEPT_HOSTS = 1_000;
/**
 * Hosts asked per scan: any Secret's writer can name hosts, so thousands of keys must not become
 * thousands of handshakes. Saved registries and the workloads' come first; the rest say not asked.
 */
export const MAX_CERTIFICATE_HOSTS = 200;

export interface CertificateExpiryOptions {
  network: ConnectionNetwork;
  /** A monotonic clock in ms for the kept ends' age (default performance.now), not the app's clock the tests move. */
  monotonicNow?: () => number;
  /** Hosts asked per scan (default MAX_CERTIFICATE_HOSTS). */
  maxHosts?: number;
}

/**
 * The registries' HTTPS endpoints: a saved registry's own address (plain HTTP has no certificate),
 * every other host's as an image there is reached. A secret's key that names no single host (a
 * kubelet glob, garbage) is no registry to shake hands with.
 */
export function certificateEndpoints(domains: Iterable<string>, records: RegistryRecord[], endpointOf: (domain: string) => URL): URL[] {
  const hosts = [...domains].filter((domain) => typeof parseRegistryUrl(domain) !== 'string');
  const endpoints = [...records.map((record) => registryEndpoint(record.url)), ...hosts.map(endpointOf)];
  return [...new Map(endpoints.filter((url) => url.protocol === 'https:').map((url) => [url.host, url])).values()];
}

export function createCertificateExpiries(options: CertificateExpiryOptions) {
  const monotonicNow = options.monotonicNow ?? (() => performance.now());
  const kept = createDigestCache<{ notAfter: string; readAt: number }>(KEPT_HOSTS);
  const timeoutMs = options.network.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function notAfterOf(url: URL): Promise<{ notAfter: string } | { unread: CertificateUnread }> {
    const known = kept.get(url.host);
    if (known && monotonicNow() - known.readAt < CERTIFICATE_KEPT_MS) return known;
    const answer = await readPeerCertificate(url, options.network, timeoutMs);
    if ('unread' in answer) return answer;
    kept.set(url.host, { notAfter: answer.facts.notAfter, readAt: monotonicNow() });
    return { notAfter: answer.facts.notAfter };
  }

  /** One row per HTTPS endpoint: its certificate's end, or unknown with the reason it could not be read. */
  return async (endpoints: URL[], now: Date, windowDays: number, signal?: AbortSignal): Promise<ExpiryRow[]> => {
    const rows: ExpiryRow[] = [];
    const base = (url: URL) => ({ what: 'tls-certificate', registry: registryOfKey(url.host), username: null, context: null, namespace: null, secret: null }) as const;
    const asked = options.maxHosts ?? MAX_CERTIFICATE_HOSTS;
    for (const url of endpoints.slice(asked)) rows.push({ ...base(url), expiresAt: null, state: 'unknown', source: 'certificate-not-asked' });
    await runPool(
      endpoints.slice(0, asked),
      CONCURRENCY,
      async (url) => {
        const answer = await notAfterOf(url);
        if ('unread' in answer) rows.push({ ...base(url), expiresAt: null, state: 'unknown', source: `certificate-${answer.unread}` });
        else rows.push({ ...base(url), expiresAt: answer.notAfter, state: expiryState(new Date(answer.notAfter), now, windowDays), source: 'certificate' });
      },
      signal,
    );
    return rows.sort((a, b) => a.registry.localeCompare(b.registry));
  };
}
