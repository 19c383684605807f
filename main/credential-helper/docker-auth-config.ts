import { decodeAuth } from '../registry-import';

/*
 * DOCKER_AUTH_CONFIG, as the docker CLI 28.3 and later reads it (docker/cli cli/config/configfile
 * file.go GetCredentialsStore, configEnv; cli/config/memorystore store.go):
 * - unset or empty: not used.
 * - Otherwise decoded as a JSON object whose `auths` maps a key to `{ "auth": base64(user:password) }`;
 *   nothing else of it is read (no credHelpers, no credsStore, no identitytoken). Go's decoder
 *   matches field names case-insensitively.
 * - Those logins sit in a store in front of the one config.json chooses for the host: a key found
 *   there (exactly as docker asks: host[:port], Docker Hub https://index.docker.io/v1/) wins over
 *   credHelpers, credsStore and auths, and no helper is asked; any other key goes to config.json's
 *   store as before.
 * - Not JSON, a value of the wrong type, an entry without `auth`, or an `auth` that is not
 *   base64 user:password: docker prints "Failed to create credential store from
 *   DOCKER_AUTH_CONFIG" and ignores the whole variable, for every host.
 * podman, skopeo, buildah (containers/image) and helm (oras-go) do not read it.
 */

export const DOCKER_AUTH_CONFIG = 'DOCKER_AUTH_CONFIG';
/** An environment variable this large is no login list; the doctor does not parse it. */
const MAX_CHARS = 1024 * 1024;

export type EnvironmentAuths =
  | { state: 'unset' }
  | { state: 'unread' }
  | { state: 'ignored'; reason: string; entries: Map<string, unknown> }
  | { state: 'used'; logins: Map<string, { username: string; secret: string }>; entries: Map<string, unknown> };

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Go's encoding/json: the exact field name, else the first one equal to it ignoring case. */
function field(object: JsonObject, name: string): unknown {
  if (Object.hasOwn(object, name)) return object[name];
  const key = Object.keys(object).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : object[key];
}

/** What docker 28.3+ makes of the variable's value; `entries` are its raw `auths` entries, for the plain-text finding even when docker ignores them. */
export function readEnvironmentAuths(value: string | undefined): EnvironmentAuths {
  if (value === undefined || value === '') return { state: 'unset' };
  if (value.length > MAX_CHARS) return { state: 'unread' };
  const entries = new Map<string, unknown>();
  const ignored = (reason: string): EnvironmentAuths => ({ state: 'ignored', reason, entries });
  // Keys come from the variable: a reason names at most the start of one.
  const named = (key: string) => (key.length > 120 ? `${key.slice(0, 120)}…` : key);
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return ignored('not JSON');
  }
  // A JSON null decodes to nothing, as an empty object does.
  if (parsed === null) return { state: 'used', logins: new Map(), entries };
  if (!isObject(parsed)) return ignored('not a JSON object');
  const auths = field(parsed, 'auths');
  if (auths === undefined || auths === null) return { state: 'used', logins: new Map(), entries };
  if (!isObject(auths)) return ignored('auths is not an object');
  for (const [key, entry] of Object.entries(auths)) entries.set(key, entry);
  const logins = new Map<string, { username: string; secret: string }>();
  for (const [key, entry] of entries) {
    if (entry !== null && !isObject(entry)) return ignored(`the entry for ${named(key)} is not an object`);
    const auth = entry === null ? undefined : field(entry, 'auth');
    if (auth !== undefined && auth !== null && typeof auth !== 'string') return ignored(`auth for ${named(key)} is not a string`);
    if (!auth) return ignored(`no auth for ${named(key)}`);
    const decoded = decodeAuth(auth);
    if (!decoded) return ignored(`auth for ${named(key)} is not base64 user:password`);
    logins.set(key, { username: decoded.username, secret: decoded.password });
  }
  return { state: 'used', logins, entries };
}
