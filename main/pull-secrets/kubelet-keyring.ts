// Which pull-secret entries kubelet tries for an image, and in which order: a faithful reading of
// kubelet's pkg/credentialprovider (keyring.go `Add`/`Lookup`/`URLsMatch`, config.go's entry
// decoding) and pkg/credentialprovider/secrets (which secret types count). Pure: no I/O.
import { describeJsonMistake } from '../app-errors/json-mistake';
import { DOCKER_CONFIG_JSON, DOCKER_CONFIG_KEY } from './pull-secret';
import { parseImageReference } from './image-reference';
import { goGlobMatch, parseGoUrl, splitHostPort } from './go-url';

export const DOCKER_CFG = 'kubernetes.io/dockercfg';
export const DOCKER_CFG_KEY = '.dockercfg';
const DEFAULT_REGISTRY_HOST = 'index.docker.io';

/** A Secret as the API returns it (base64 `data`). */
export interface PullSecretObject {
  metadata: { name: string };
  type?: string;
  data?: Record<string, string>;
}

/** One `auths` entry after kubelet decoded it: `auth` (when present) has replaced username and password. */
export interface PullSecretEntry {
  secret: string;
  /** The key exactly as written in the secret. */
  key: string;
  username: string;
  password: string;
}

export type PullSecretReading =
  | { secret: string; state: 'usable'; entries: PullSecretEntry[] }
  /** Another type, or the type's data key absent or empty: kubelet skips it without a word. */
  | { secret: string; state: 'ignored'; type: string }
  /** kubelet fails the whole pull on it. */
  | { secret: string; state: 'unparsable'; detail: string };

/** What kubelet does instead of pulling. */
export class KubeletPullFailure extends Error {
  constructor(
    readonly reason: 'InvalidImageName' | 'UnparsablePullSecret',
    readonly detail: string,
    readonly secret?: string,
  ) {
    super(`${reason}: ${detail}`);
    this.name = 'KubeletPullFailure';
  }
}

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const goKind = (value: unknown): string => (Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value === 'boolean' ? 'bool' : typeof value);

/** encoding/json fills a struct field from every key equal to its name ignoring case; the last one wins. */
function goField(object: JsonObject, field: string): unknown {
  let found: unknown;
  for (const [key, value] of Object.entries(object)) if (key.toLowerCase() === field && value !== null) found = value;
  return found;
}

function stringField(entry: JsonObject, field: string): string {
  const value = goField(entry, field);
  if (value === undefined) return '';
  if (typeof value !== 'string') throw new Error(`json: cannot unmarshal ${goKind(value)} into Go struct field dockerConfigEntryWithAuth.${field} of type string`);
  return value;
}

/** decodeDockerConfigFieldAuth: padded base64 if it ends with `=`, raw otherwise; `user:pass`. */
function decodeAuth(field: string): { username: string; password: string } {
  const text = field.replace(/[\r\n]/g, '');
  const padded = field.trim().endsWith('=');
  const valid = padded ? /^[A-Za-z0-9+/]*={0,2}$/.test(text) && text.length % 4 === 0 : /^[A-Za-z0-9+/]*$/.test(text) && text.length % 4 !== 1;
  if (!valid) throw new Error('illegal base64 data in "auth"');
  const decoded = Buffer.from(text, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) throw new Error('must be formatted as base64(username:password)');
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function decodeEntries(secret: string, config: unknown): PullSecretEntry[] {
  if (config === null || config === undefined) return [];
  if (!isObject(config)) throw new Error(`json: cannot unmarshal ${goKind(config)} into Go value of type credentialprovider.DockerConfig`);
  return Object.entries(config).map(([key, value]) => {
    if (value !== null && !isObject(value)) throw new Error(`json: cannot unmarshal ${goKind(value)} into Go value of type credentialprovider.DockerConfigEntry`);
    const entry = value ?? {};
    const auth = stringField(entry, 'auth');
    const login = auth === '' ? { username: stringField(entry, 'username'), password: stringField(entry, 'password') } : decodeAuth(auth);
    // Decoded only for its type: a non-string email fails the secret as it does in kubelet.
    stringField(entry, 'email');
    return { secret, key, ...login };
  });
}

/** secretsToTrackedDockerConfigs for one secret. */
export function readPullSecret(secret: PullSecretObject): PullSecretReading {
  const name = secret.metadata.name;
  const type = secret.type ?? '';
  const dataKey = type === DOCKER_CONFIG_JSON ? DOCKER_CONFIG_KEY : type === DOCKER_CFG ? DOCKER_CFG_KEY : null;
  const encoded = dataKey ? secret.data?.[dataKey] : undefined;
  if (!encoded) return { secret: name, state: 'ignored', type };
  const text = Buffer.from(encoded, 'base64').toString('utf8');
  let parsed: unknown;
  try {
    // Go's decoder takes no byte-order mark either, so the text is parsed as it is.
    parsed = JSON.parse(text) as unknown;
  } catch {
    return { secret: name, state: 'unparsable', detail: describeJsonMistake(text) };
  }
  try {
    if (type === DOCKER_CFG) return { secret: name, state: 'usable', entries: decodeEntries(name, parsed) };
    if (parsed !== null && !isObject(parsed)) throw new Error(`json: cannot unmarshal ${goKind(parsed)} into Go value of type credentialprovider.DockerConfigJSON`);
    return { secret: name, state: 'usable', entries: decodeEntries(name, parsed === null ? null : goField(parsed, 'auths')) };
  } catch (error) {
    return { secret: name, state: 'unparsable', detail: (error as Error).message };
  }
}

/**
 * Lookup keys already parsed: a fleet holds a few distinct `auths` keys in thousands of secrets,
 * and the radar's hygiene, expiry and matrix each ask for every entry's key (Go URL parsing is the cost).
 */
const keyringKeys = new Map<string, string | null>();
const KEYRING_KEYS_KEPT = 1_000;

/** BasicDockerKeyring.Add: the lookup key of an `auths` key (scheme dropped, `/v1/` or `/v2/` ignored), or null if it is not a URL. */
export function keyringKey(key: string): string | null {
  let known = keyringKeys.get(key);
  if (known === undefined) {
    // Bounded: hostile secrets could hold any number of distinct keys.
    if (keyringKeys.size >= KEYRING_KEYS_KEPT) keyringKeys.clear();
    keyringKeys.set(key, (known = parseKeyringKey(key)));
  }
  return known;
}

function parseKeyringKey(key: string): string | null {
  const parsed = parseGoUrl(/^https?:\/\//.test(key) ? key : `https://${key}`);
  if (!parsed) return null;
  const path = parsed.path.startsWith('/v2/') || parsed.path.startsWith('/v1/') ? parsed.path.slice(3) : parsed.path;
  return path !== '' && path !== '/' ? parsed.host + path : parsed.host;
}

/** URLsMatch: equal ports, as many host labels each matching as a glob, the key's path a prefix. */
function urlsMatch(glob: string, target: string): boolean {
  const globUrl = parseGoUrl(`https://${glob}`);
  const targetUrl = parseGoUrl(`https://${target}`);
  if (!globUrl || !targetUrl) return false;
  const [globHost, globPort] = splitHostPort(globUrl.host);
  const [targetHost, targetPort] = splitHostPort(targetUrl.host);
  if (globPort !== targetPort) return false;
  const globLabels = globHost.split('.');
  const targetLabels = targetHost.split('.');
  if (globLabels.length !== targetLabels.length || !targetUrl.path.startsWith(globUrl.path)) return false;
  return globLabels.every((label, index) => goGlobMatch(label, targetLabels[index]!));
}

/** isDefaultRegistryMatch: would this image be pulled from Docker Hub? */
function isDefaultRegistryMatch(image: string): boolean {
  const slash = image.indexOf('/');
  const first = slash === -1 ? image : image.slice(0, slash);
  if (first === '') return false;
  if (slash === -1 || first === 'docker.io' || first === DEFAULT_REGISTRY_HOST) return true;
  return !/[.:]/.test(first);
}

const byteOrder = (a: string, b: string): number => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

export interface KeyringMatch extends PullSecretEntry {
  /** Matched only through Docker Hub's `index.docker.io` fallback. */
  fallback: boolean;
}

/** BasicDockerKeyring.Lookup over the secrets' keyring, for a normalised name (`docker.io/library/nginx`). */
export function lookupEntries(name: string, readings: PullSecretReading[]): KeyringMatch[] {
  const credentials = new Map<string, PullSecretEntry[]>();
  for (const reading of readings) {
    if (reading.state !== 'usable') continue;
    for (const entry of reading.entries) {
      const key = keyringKey(entry.key);
      if (key !== null) credentials.set(key, [...(credentials.get(key) ?? []), entry]);
    }
  }
  const index = [...credentials.keys()].sort(byteOrder).reverse();
  const matched = index.filter((key) => urlsMatch(key, name)).flatMap((key) => credentials.get(key)!);
  if (matched.length > 0) return matched.map((entry) => ({ ...entry, fallback: false }));
  const hub = isDefaultRegistryMatch(name) ? credentials.get(DEFAULT_REGISTRY_HOST) : undefined;
  return (hub ?? []).map((entry) => ({ ...entry, fallback: true }));
}

/**
 * The entries kubelet tries for `image` (as written in the pod), given the pod's pull secrets in
 * its `imagePullSecrets` order: more specific keys first, the same key in pod order, Docker Hub's
 * `index.docker.io` only when nothing else matched. Throws KubeletPullFailure where kubelet
 * fails the pull instead (an invalid reference, a secret that does not parse).
 */
export function kubeletCredentials(image: string, secrets: PullSecretObject[]): { secret: string; key: string }[] {
  const parsed = parseImageReference(image);
  if (!parsed.ok) throw new KubeletPullFailure('InvalidImageName', parsed.reason);
  const readings = secrets.map(readPullSecret);
  const broken = readings.find((reading) => reading.state === 'unparsable');
  if (broken?.state === 'unparsable') throw new KubeletPullFailure('UnparsablePullSecret', broken.detail, broken.secret);
  return lookupEntries(parsed.image.name, readings).map(({ secret, key }) => ({ secret, key }));
}

/**
 * An image kubelet would look up under a registry's `auths` key (the key's host and path plus a
 * repository), so "does this secret serve this registry" is answered by the same lookup.
 */
export function registryProbeImage(serverKey: string): string {
  const key = keyringKey(serverKey) ?? serverKey;
  const probe = `${key.replace(/\/+$/, '')}/registry-desk-probe`;
  return parseImageReference(probe).ok ? probe : `${key.split('/')[0]}/registry-desk-probe`;
}
