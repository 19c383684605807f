import type { ImportNotice } from '../../shared/import-export-contract';
import type { RegistryType } from '../../shared/registry-types';
import { GOOGLE_JSON_KEY_USERNAME } from '../../shared/registry-types';
import { parseEcrHost, parseRegistryUrl, type EcrRegistryAddress } from '../../shared/registry-url';
import { DOCKER_HUB_KEY, dockerServerKey } from '../pull-secrets/pull-secret';

/** What a login's server key makes of it: the registry type its host implies and the URL to save. */
export interface ClassifiedLogin {
  type: RegistryType;
  url: string;
  /** Plain http:// keys can only be an "Other" registry with the insecure connection. */
  insecure: boolean;
  ecr?: EcrRegistryAddress;
  notice?: ImportNotice;
  /** The username the registry would be saved with (none for ECR, `_json_key` for Google). */
  importedUsername: string;
}

function typeOfHost(host: string): Exclude<RegistryType, 'ecr' | 'docker'> {
  if (host.endsWith('.azurecr.io')) return 'azure';
  if (host.endsWith('-docker.pkg.dev')) return 'artifact-registry';
  if (host === 'gcr.io' || host.endsWith('.gcr.io')) return 'gcr';
  if (host === 'quay.io') return 'quay';
  return 'other';
}

/** The host → type table of the issue; null when the key is no registry address at all. */
export function classifyLogin(serverKey: string, username: string): ClassifiedLogin | null {
  const parsed = parseRegistryUrl(serverKey);
  if (typeof parsed === 'string') return null;
  if (dockerServerKey(parsed.normalized) === DOCKER_HUB_KEY) return { type: 'docker', url: 'docker.io', insecure: false, importedUsername: username };
  const ecr = parseEcrHost(parsed);
  if (ecr) return { type: 'ecr', url: parsed.host, insecure: false, ecr, notice: 'ecrToken', importedUsername: '' };
  // kubelet drops a leading /v1 or /v2 from a key: it names the API, not a repository.
  const path = /^\/v[12]$/.test(parsed.path) ? '' : parsed.path;
  const hostAndPort = parsed.port === null ? parsed.host : `${parsed.host}:${parsed.port}`;
  const insecure = parsed.scheme === 'http';
  const url = `${insecure ? 'http://' : ''}${hostAndPort}${path}`;
  const type = insecure ? 'other' : typeOfHost(parsed.host);
  if (type === 'gcr' || type === 'artifact-registry') {
    const notice = username === GOOGLE_JSON_KEY_USERNAME ? 'googleJsonKey' : 'googleAccessToken';
    return { type, url, insecure, notice, importedUsername: GOOGLE_JSON_KEY_USERNAME };
  }
  return { type, url, insecure, importedUsername: username };
}

/** Same host (as kubelet keys it) and same user: the same login, whatever the spelling of the URL. */
export function loginIdentity(url: string, username: string): string {
  return `${dockerServerKey(url).replace(/^https?:\/\//, '').toLowerCase()}\n${username}`;
}
