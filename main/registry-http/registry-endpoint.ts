import { parseRegistryUrl } from '../../shared/registry-url';

/** Docker Hub's names for people; its registry API lives on another host. */
const DOCKER_HUB_NAMES = new Set(['docker.io', 'index.docker.io', 'registry.hub.docker.com']);
const DOCKER_HUB_API = 'registry-1.docker.io';

/**
 * The `/v2/` address a login goes to. A path in the registry URL names a namespace, not the API,
 * so it is dropped; without a scheme the login goes over HTTPS, as `docker login` does.
 */
export function registryEndpoint(url: string): URL {
  const parsed = parseRegistryUrl(url);
  if (typeof parsed === 'string') throw new Error(`registry URL was not validated: ${parsed}`);
  const host = DOCKER_HUB_NAMES.has(parsed.host) && parsed.port === null ? DOCKER_HUB_API : parsed.host;
  const port = parsed.port === null ? '' : `:${parsed.port}`;
  return new URL(`${parsed.scheme ?? 'https'}://${host}${port}/v2/`);
}
