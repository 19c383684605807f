import { parseRegistryUrl } from '../../shared/registry-url';
import type { RegistryRecord } from '../../shared/schemas';
import { errorText } from '../../shared/i18n';
import { AppFailure } from '../app-errors/app-failure';

/** Docker Hub's names, all one registry to docker: `docker login` stores it as `https://index.docker.io/v1/`. */
const HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);
export const HUB_SERVER_URL = 'https://index.docker.io/v1/';
const HUB_KEY = 'docker.io';

/** The paths that name the registry API rather than a repository; docker and kubelet ignore them. */
const API_PATHS = new Set(['', '/v1', '/v2']);

const keyOf = (host: string, port: number | null) => (port === null && HUB_HOSTS.has(host) ? HUB_KEY : port === null ? host : `${host}:${port}`);

/**
 * The registry host a tool asks about, as docker matches it: scheme and `/v1/` or `/v2/` ignored,
 * case folded, Docker Hub's spellings one. A URL with any other path is refused: tools ask per host.
 */
export function askedHost(serverUrl: string): string {
  const parsed = parseRegistryUrl(serverUrl);
  if (typeof parsed === 'string') throw new AppFailure('helper.badServerUrl', { server: serverUrl.slice(0, 200), reason: errorText('en', parsed) });
  if (!API_PATHS.has(parsed.path)) throw new AppFailure('helper.pathInServerUrl', { server: serverUrl.slice(0, 200) });
  return keyOf(parsed.host, parsed.port);
}

/** The host a saved registry answers for (its path, if any, is a repository prefix, not another host). */
export function registryHost(record: Pick<RegistryRecord, 'url'>): string | null {
  const parsed = parseRegistryUrl(record.url);
  return typeof parsed === 'string' ? null : keyOf(parsed.host, parsed.port);
}

/** How `list` names a host: Docker Hub by the URL docker stores it under, others by host[:port]. */
export const listedServerUrl = (host: string): string => (host === HUB_KEY ? HUB_SERVER_URL : host);

const hasNoPath = (record: RegistryRecord) => {
  const parsed = parseRegistryUrl(record.url);
  return typeof parsed !== 'string' && API_PATHS.has(parsed.path);
};

/**
 * The registry that answers for a host: several may share one (a path per project); the one
 * without a path wins, then the default, then the first saved.
 */
export function registryForHost(records: readonly RegistryRecord[], host: string): RegistryRecord | undefined {
  const matches = records.filter((record) => registryHost(record) === host);
  return matches.find(hasNoPath) ?? matches.find((record) => record.isDefault) ?? matches[0];
}
