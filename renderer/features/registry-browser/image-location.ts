import type { RegistryView } from '../../../shared/schemas';
import { parseRegistryUrl } from '../../../shared/registry-url';

/** Where the browser opens: a registry, and a repository and reference in it when known. */
export interface BrowseTarget {
  registryId: string;
  repository?: string;
  reference?: string;
}

const HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** `host[:port]` of a saved registry, as image references name it. */
function hostOf(registry: RegistryView): string | null {
  const parsed = parseRegistryUrl(registry.url);
  if (typeof parsed === 'string') return null;
  const host = parsed.port === null ? parsed.host : `${parsed.host}:${parsed.port}`;
  return HUB_HOSTS.has(host) ? 'docker.io' : host;
}

/**
 * Where a normalized reference (`docker.io/library/nginx:latest`, `host:5000/team/app@sha256:…`,
 * as the pull doctor gives it) is browsed: the saved registry serving its host, or the host no
 * saved registry serves. Plain string cuts, no pattern over the input.
 */
export function locateImage(normalized: string, registries: readonly RegistryView[]): { target: BrowseTarget } | { host: string } {
  const slash = normalized.indexOf('/');
  const host = slash === -1 ? '' : normalized.slice(0, slash);
  const rest = normalized.slice(slash + 1);
  const at = rest.indexOf('@');
  const named = at === -1 ? rest : rest.slice(0, at);
  const colon = named.lastIndexOf(':');
  const tagged = colon > named.lastIndexOf('/');
  const repository = tagged ? named.slice(0, colon) : named;
  const reference = at !== -1 ? rest.slice(at + 1) : tagged ? named.slice(colon + 1) : undefined;
  const registry = registries.find((candidate) => hostOf(candidate) === (HUB_HOSTS.has(host) ? 'docker.io' : host));
  if (!registry || !repository) return { host };
  return { target: { registryId: registry.id, repository, ...(reference ? { reference } : {}) } };
}
