import { createHash } from 'node:crypto';
import type { RegistryAttempt } from '../../shared/pull-doctor-contract';
import type { RegistryRecord } from '../../shared/schemas';
import type { BasicCredentials } from '../registry-http/basic-credentials';
import { DEFAULT_TIMEOUT_MS, type ConnectionNetwork } from '../registry-http/connection-network';
import { checkGoogleKey } from '../registry-http/google-key-check';
import { createHttpExchange } from '../registry-http/http-exchange';
import { checkManifest } from '../registry-http/manifest-check';
import { registryEndpoint } from '../registry-http/registry-endpoint';
import { StepFailure } from '../registry-http/step-failure';
import { createTransport, type Transport, type TransportSettings } from '../registry-http/transport';
import { manifestReference, registryApiHost, type ImageReference } from '../pull-secrets/image-reference';

export type RegistryOutcome = Omit<RegistryAttempt, 'secret' | 'key' | 'username' | 'fallback'>;

export interface RegistryTarget {
  endpoint: URL;
  transport: TransportSettings;
  /** The saved registry at that address, whose connection options apply. */
  saved: RegistryRecord | null;
}

export interface RegistryProbeDependencies {
  network: ConnectionNetwork;
  registries: RegistryRecord[];
  /** Aborts every registry request of the run (the window cancelled it); absent: each runs to its timeout. */
  cancel?: AbortSignal;
}

/** The address an image is pulled from, with the connection options of a saved registry there. */
export function registryTarget(image: ImageReference, registries: RegistryRecord[]): RegistryTarget {
  const host = registryApiHost(image.domain);
  for (const record of registries) {
    const endpoint = registryEndpoint(record.url);
    if (endpoint.host === host) return { endpoint, transport: { mode: record.connection ?? 'secure', caCertificates: record.caCertificate }, saved: record };
  }
  return { endpoint: new URL(`https://${host}/v2/`), transport: { mode: 'secure' }, saved: null };
}

const fingerprint = (parts: unknown[]): string => createHash('sha256').update(JSON.stringify(parts)).digest('hex');

/**
 * Manifest checks for one run, through the connection test's transport (TLS modes, private CA,
 * proxy): each distinct (registry, repository, reference, credentials) is asked once, however
 * many pods share it. A single image's platform is read from its config (the radar's one reader,
 * registry-http/manifest-check.ts), so it is checked against the nodes as an index's platforms are.
 */
export function createRegistryProbe(deps: RegistryProbeDependencies) {
  const transports = new Map<string, Transport>();
  const checks = new Map<string, Promise<RegistryOutcome>>();
  const googleKeys = new Map<string, Promise<string | null>>();
  // A single image's platform (its config's) by registry and digest: read once per run, as the radar does.
  const imagePlatforms = new Map<string, Promise<string[]>>();
  const timeoutMs = deps.network.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const cancel = deps.cancel ?? new AbortController().signal;
  let requests = 0;

  function transportFor(target: RegistryTarget): Transport {
    const key = fingerprint([target.transport.mode, target.transport.caCertificates ?? '']);
    let transport = transports.get(key);
    if (!transport) {
      transport = createTransport(target.transport, deps.network);
      transports.set(key, transport);
    }
    return transport;
  }

  async function run(image: ImageReference, target: RegistryTarget, credentials: BasicCredentials | null): Promise<RegistryOutcome> {
    const http = createHttpExchange({ transport: transportFor(target), network: deps.network, cancel, deadline: AbortSignal.timeout(timeoutMs), timeoutMs });
    const endpoint = target.endpoint.href;
    try {
      const answer = await checkManifest(http, {
        endpoint: target.endpoint,
        repository: image.path,
        reference: manifestReference(image),
        credentials,
        allowPlainHttp: target.transport.mode === 'insecure' || target.endpoint.protocol === 'http:',
        imagePlatform: (digest, read) => {
          const key = fingerprint([endpoint, image.path, digest]);
          const platforms = imagePlatforms.get(key) ?? read();
          imagePlatforms.set(key, platforms);
          return platforms;
        },
      });
      return { ...answer, endpoint };
    } catch (error) {
      if (!(error instanceof StepFailure)) throw error;
      return { state: 'unreachable', error: error.failure.appError, endpoint };
    } finally {
      requests += http.roundTrips;
    }
  }

  return {
    target: (image: ImageReference) => registryTarget(image, deps.registries),
    check(image: ImageReference, credentials: BasicCredentials | null): Promise<RegistryOutcome> {
      const target = registryTarget(image, deps.registries);
      const key = fingerprint([target.endpoint.href, image.path, manifestReference(image), credentials?.username ?? null, credentials?.password ?? null]);
      let check = checks.get(key);
      if (!check) {
        check = run(image, target, credentials);
        checks.set(key, check);
      }
      return check;
    },
    /** Whether Google's token service accepts a service-account key: null, or what it said. */
    googleKeyRefusal(json: string): Promise<string | null> {
      const key = fingerprint([json]);
      let check = googleKeys.get(key);
      if (!check) {
        const transport = transportFor({ endpoint: new URL('https://oauth2.googleapis.com/'), transport: { mode: 'secure' }, saved: null });
        const options = { keyFrom: 'cluster' as const, transport, cancel, deadline: AbortSignal.timeout(timeoutMs), timeoutMs };
        check = checkGoogleKey(json, options).then(
          () => null,
          (error: unknown) => (error instanceof StepFailure ? error.failure.message : 'no answer'),
        );
        googleKeys.set(key, check);
      }
      return check;
    },
    get requests() {
      return requests;
    },
    async close(): Promise<void> {
      await Promise.all([...transports.values()].map((transport) => transport.close()));
    },
  };
}
export type RegistryProbe = ReturnType<typeof createRegistryProbe>;
