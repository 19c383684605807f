import { parseEcrHost, parseRegistryUrl } from '../../shared/registry-url';
import type { KubeObject } from '../kube/kube-api';
import type { RegistryLogin } from '../registry-credentials/registry-login';

/** The registry login a pull secret is made from (see CredentialSource). */
export type PullSecretLogin = RegistryLogin;

export interface SecretObject extends KubeObject {
  type?: string;
  data?: Record<string, string>;
  immutable?: boolean;
}

export const DOCKER_CONFIG_JSON = 'kubernetes.io/dockerconfigjson';
export const DOCKER_CONFIG_KEY = '.dockerconfigjson';
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const MANAGED_BY_VALUE = 'registry-desk';
/** Label (for selecting) and annotation (for people reading the secret) naming the registry. */
export const REGISTRY_KEY = 'registry-desk.io/registry';
export const EXPIRES_AT_ANNOTATION = 'registry-desk.io/expires-at';

/** kubectl's default `--docker-server`, and what kubelet expects for Docker Hub. */
export const DOCKER_HUB_KEY = 'https://index.docker.io/v1/';
const DOCKER_HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/** The `auths` key kubelet matches image references against, for the registry's stored URL. */
export function dockerServerKey(server: string): string {
  const parsed = parseRegistryUrl(server);
  if (typeof parsed === 'string') return server;
  if (DOCKER_HUB_HOSTS.has(parsed.host) && parsed.port === null && /^(\/v[12])?$/.test(parsed.path)) return DOCKER_HUB_KEY;
  if (parseEcrHost(parsed)) return parsed.host;
  return parsed.normalized;
}

/**
 * A JSON string as Go's json.Marshal writes it: JSON.stringify's escapes (Go ≥ 1.22 writes \b and
 * \f short too), plus Go's HTML-safe `<`, `>`, `&` and the line terminators U+2028 and U+2029.
 */
function goJsonString(text: string): string {
  return JSON.stringify(text).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The value of `.dockerconfigjson`, byte for byte what `kubectl create secret docker-registry`
 * writes: Go's json.Marshal of DockerConfigJSON, its fields in the struct's order (username,
 * password, auth), strings escaped as Go escapes them. kubectl refuses an empty username or
 * password, so Go's `omitempty` never applies.
 */
export function dockerConfigJson(serverKey: string, username: string, password: string): string {
  const auth = Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
  return `{"auths":{${goJsonString(serverKey)}:{"username":${goJsonString(username)},"password":${goJsonString(password)},"auth":${goJsonString(auth)}}}}`;
}

export const selectorForRegistry = (registryId: string) => `${MANAGED_BY_LABEL}=${MANAGED_BY_VALUE},${REGISTRY_KEY}=${registryId}`;

/**
 * `.dockerconfigjson` of each login object met (logins are never changed in place): a preview over
 * 1,500 namespaces built the same JSON and base64 1,500 times, more CPU time than its planning.
 */
const encodedConfigs = new WeakMap<PullSecretLogin, string>();

function encodedConfig(login: PullSecretLogin): string {
  let encoded = encodedConfigs.get(login);
  if (encoded === undefined) {
    encoded = Buffer.from(dockerConfigJson(dockerServerKey(login.server), login.username, login.password), 'utf8').toString('base64');
    encodedConfigs.set(login, encoded);
  }
  return encoded;
}

/** The pull secret the app writes: kubectl's format plus the app's mark (label + registry id, ECR expiry). */
export function pullSecret(name: string, namespace: string, login: PullSecretLogin): SecretObject {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name,
      namespace,
      labels: { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE, [REGISTRY_KEY]: login.registryId },
      annotations: { [REGISTRY_KEY]: login.registryId, ...(login.expiresAt ? { [EXPIRES_AT_ANNOTATION]: login.expiresAt } : {}) },
    },
    type: DOCKER_CONFIG_JSON,
    data: { [DOCKER_CONFIG_KEY]: encodedConfig(login) },
  };
}
