// The radar's questions to registries: one manifest HEAD per distinct (registry, repository,
// reference, login) — a GET only for an index's platforms or a 404's code, and a single image's
// manifest and config GET once per digest for its platform — a few at a time per registry,
// waiting out a 429's Retry-After (within a cap) before asking again. An answer for a digest never
// changes, so it is kept across runs, and so are the platforms (a tag still naming a digest read
// before costs its HEAD alone) and token services' tokens within their lifetimes; the kept answers
// are bounded (least recently used forgotten), so re-scans of a long session keep memory flat. A
// HEAD does not count against Docker Hub's pull allowance; the platform GETs do, once per digest.
import { createHash } from 'node:crypto';
import type { RegistryRecord } from '../../shared/schemas';
import type { BasicCredentials } from '../registry-http/basic-credentials';
import { DEFAULT_TIMEOUT_MS, type ConnectionNetwork } from '../registry-http/connection-network';
import { createHttpExchange } from '../registry-http/http-exchange';
import { createBearerTokens } from '../registry-http/bearer-tokens';
import { createDigestCache } from '../registry-http/digest-cache';
import { checkManifest, type ManifestAnswer } from '../registry-http/manifest-check';
import { registryEndpoint } from '../registry-http/registry-endpoint';
import { retryAfterMs } from '../registry-http/retry-after';
import { StepFailure } from '../registry-http/step-failure';
import { createTransport, type Transport, type TransportSettings } from '../registry-http/transport';
import { concurrencyLimit } from '../kube/work-pool';
import { manifestReference, registryApiHost, type ImageReference } from '../pull-secrets/image-reference';

export type RegistryAnswer = ManifestAnswer | { state: 'unreachable'; detail: string };

export interface RegistryCheckOptions {
  network: ConnectionNetwork;
  /** Requests in flight to one registry host. */
  perRegistry: number;
  /** The longest Retry-After waited for; longer answers stay 429. */
  maxRetryAfterMs: number;
  /** Asks after a 429, each after its Retry-After. */
  retries: number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The app's clock in ms, for the kept tokens' lifetimes (default: the system's). */
  now?: () => number;
  /** Answers and platforms kept across runs, each (default KEPT_BY_DIGEST). */
  keptByDigest?: number;
}

/**
 * Digests kept across runs: a fleet's distinct images many times over (the bench has 40, a large
 * fleet a few thousand); past it the least recently used is asked again, one HEAD or GET more.
 */
export const KEPT_BY_DIGEST = 10_000;

interface Target {
  endpoint: URL;
  transport: TransportSettings;
}

/** The address an image's registry (its domain) is reached at, with the connection options of a saved registry there. */
function targetOf(domain: string, registries: RegistryRecord[]): Target {
  const host = registryApiHost(domain);
  for (const record of registries) {
    const endpoint = registryEndpoint(record.url);
    if (endpoint.host === host) return { endpoint, transport: { mode: record.connection ?? 'secure', caCertificates: record.caCertificate } };
  }
  return { endpoint: new URL(`https://${host}/v2/`), transport: { mode: 'secure' } };
}


const fingerprint = (parts: unknown[]): string => createHash('sha256').update(JSON.stringify(parts)).digest('hex');

/** Checks for one radar: the digest cache and the token services' tokens outlive runs, transports and limits are per run. */
export function createRegistryChecks(options: RegistryCheckOptions) {
  const kept = options.keptByDigest ?? KEPT_BY_DIGEST;
  const byDigest = createDigestCache<RegistryAnswer>(kept);
  const tokens = createBearerTokens(options.now ?? Date.now);
  // An index's platforms by registry and digest: a tag still naming a digest read before needs only its HEAD.
  const platformsByDigest = createDigestCache<string[]>(kept);
  // A single image's platform (from its config) by registry and digest, the read shared while in
  // flight: one manifest GET and one config GET per digest, however many tags and logins name it.
  const imagePlatforms = createDigestCache<Promise<string[]>>(kept);
  const imagePlatformOnce = (key: string, read: () => Promise<string[]>): Promise<string[]> => {
    let platforms = imagePlatforms.get(key);
    if (!platforms) {
      // An unread platform (refused, garbled) is asked again next time rather than kept.
      platforms = read().then((found) => {
        if (found.length === 0) imagePlatforms.delete(key);
        return found;
      });
      imagePlatforms.set(key, platforms);
    }
    return platforms;
  };

  function run(registries: RegistryRecord[], signal?: AbortSignal) {
    const transports = new Map<string, Transport>();
    const limits = new Map<string, ReturnType<typeof concurrencyLimit>>();
    const asked = new Map<string, Promise<RegistryAnswer>>();
    const timeoutMs = options.network.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let requests = 0;

    const transportFor = (target: Target): Transport => {
      const key = fingerprint([target.transport.mode, target.transport.caCertificates ?? '']);
      const transport = transports.get(key) ?? createTransport(target.transport, options.network);
      transports.set(key, transport);
      return transport;
    };

    async function once(image: ImageReference, target: Target, credentials: BasicCredentials | null): Promise<RegistryAnswer> {
      const http = createHttpExchange({ transport: transportFor(target), network: options.network, cancel: signal ?? new AbortController().signal, deadline: AbortSignal.timeout(timeoutMs), timeoutMs });
      const platformsKey = (digest: string) => fingerprint([target.endpoint.href, image.path, digest]);
      try {
        const answer = await checkManifest(http, {
          endpoint: target.endpoint,
          repository: image.path,
          reference: manifestReference(image),
          credentials,
          allowPlainHttp: target.transport.mode === 'insecure' || target.endpoint.protocol === 'http:',
          tokens,
          knownPlatforms: (digest) => platformsByDigest.get(platformsKey(digest)),
          imagePlatform: (digest, read) => imagePlatformOnce(platformsKey(digest), read),
        });
        if (answer.state === 'exists' && answer.digest && answer.platforms && answer.platforms.length > 0) platformsByDigest.set(platformsKey(answer.digest), answer.platforms);
        return answer;
      } catch (error) {
        if (!(error instanceof StepFailure)) throw error;
        return { state: 'unreachable', detail: error.failure.message };
      } finally {
        requests += http.roundTrips;
      }
    }

    async function withRetryAfter(image: ImageReference, target: Target, credentials: BasicCredentials | null): Promise<RegistryAnswer> {
      const limit = limits.get(target.endpoint.host) ?? concurrencyLimit(options.perRegistry);
      limits.set(target.endpoint.host, limit);
      for (let attempt = 0; ; attempt += 1) {
        const answer = await limit(() => once(image, target, credentials));
        const wait = answer.state === 'rate-limited' ? retryAfterMs(answer.retryAfter, Date.now()) : null;
        if (wait === null || wait > options.maxRetryAfterMs || attempt >= options.retries || signal?.aborted) return answer;
        await options.sleep(wait, signal);
      }
    }

    /**
     * One GET to a registry host's own API (not /v2/), through that host's transport, within its
     * concurrency limit; counted with the other registry requests. Null when it cannot be reached.
     */
    async function getApi(host: string, path: string, authorization: string): Promise<{ status: number; body: string } | null> {
      const target = targetOf(host, registries);
      const url = new URL(path, target.endpoint);
      const limit = limits.get(target.endpoint.host) ?? concurrencyLimit(options.perRegistry);
      limits.set(target.endpoint.host, limit);
      const http = createHttpExchange({ transport: transportFor(target), network: options.network, cancel: signal ?? new AbortController().signal, deadline: AbortSignal.timeout(timeoutMs), timeoutMs });
      try {
        // An empty authorization asks anonymously (Harbor's systeminfo answers anyone).
        const answer = await limit(() => http.send({ url, step: 'credentials', headers: authorization ? { authorization } : {} }));
        return { status: answer.status, body: answer.body };
      } catch (error) {
        if (!(error instanceof StepFailure)) throw error;
        return null;
      } finally {
        requests += http.roundTrips;
      }
    }

    return {
      getApi,
      ask(image: ImageReference, credentials: BasicCredentials | null): Promise<RegistryAnswer> {
        const target = targetOf(image.domain, registries);
        const key = fingerprint([target.endpoint.href, image.path, manifestReference(image), credentials?.username ?? null, credentials?.password ?? null]);
        const known = image.digest ? byDigest.get(key) : undefined;
        if (known) return Promise.resolve(known);
        let answer = asked.get(key);
        if (!answer) {
          answer = withRetryAfter(image, target, credentials).then((result) => {
            if (image.digest && result.state === 'exists') byDigest.set(key, result);
            return result;
          });
          asked.set(key, answer);
        }
        return answer;
      },
      /** Where a registry (an image's domain, a pull secret's host) is reached, for its certificate's expiry. */
      endpointOf: (domain: string): URL => targetOf(domain, registries).endpoint,
      get requests() {
        return requests;
      },
      async close(): Promise<void> {
        await Promise.all([...transports.values()].map((transport) => transport.close()));
      },
    };
  }
  return { run };
}
export type RegistryRun = ReturnType<ReturnType<typeof createRegistryChecks>['run']>;
