// Harbor robot accounts' end, where the robot's own login may read it. Harbor names robots
// `<prefix><name>` (system level) and `<prefix><project>+<name>` (project level); the prefix is
// `robot$` unless an admin set `robot_name_prefix`, and Harbor takes a Basic login for a robot only
// when its name starts with that prefix (src/server/middleware/security/robot.go). A client learns
// the prefix only from `GET /api/v2.0/configurations` (system configuration read: an admin, or a
// system robot granted it); `/api/v2.0/systeminfo` does not carry it, but answers anyone with
// `auth_mode`, which tells a Harbor from another registry. So per registry host: is it a Harbor,
// and does any login there read the prefix; the default where none does.
// Robots are listed with `GET /api/v2.0/robots`, whose `q` filters on the stored name (without the
// prefix) and whose answer names them with it: system robots by default, a project's with
// `Level=project,ProjectID=<id>` (the id from `GET /api/v2.0/projects/<name>`). `expires_at` is in
// seconds, -1 for never. A robot that may not list robots keeps an "unknown" row rather than a guess.
import type { ExpiryRow } from '../../shared/radar-contract';
import type { RegistryRecord } from '../../shared/schemas';
import { basicAuthorization } from '../registry-http/basic-credentials';
import { expiryState, hostOfKey, readOrNull, type SavedSecretReader } from './expiry';

/** Harbor's default `robot_name_prefix`. */
export const HARBOR_ROBOT_PREFIX = 'robot$';
/** Distinct robot logins asked per scan; the rest are "unknown" without a request. */
export const MAX_ROBOT_LOOKUPS = 50;
/** Registry hosts asked whether they are a Harbor, per scan; beyond them only `robot$` names are taken for robots. */
export const MAX_HARBOR_HOSTS = 20;
/** Logins per Harbor host that try to read its configuration for the prefix. */
const PREFIX_TRIES = 3;
/** Docker Hub is no Harbor: not asked. */
const NOT_HARBOR = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** Where a login is kept: a cluster's pull secret, or a registry saved in Registry Desk. */
export type LoginPlace = { context: string; namespace: string; secret: string } | { savedAs: string };

/** A login seen in the fleet's pull secrets or saved in Registry Desk, with where it is kept. */
export interface FleetLogin {
  host: string;
  username: string;
  password: string;
  places: LoginPlace[];
}

/**
 * Registry Desk's saved username + password logins, placed by the name they are saved as: a robot
 * saved here is dated like one in a cluster. The password is read from the keychain and stays in main.
 */
export async function savedLogins(records: RegistryRecord[], secrets: SavedSecretReader | undefined): Promise<FleetLogin[]> {
  if (!secrets) return [];
  const logins: FleetLogin[] = [];
  for (const record of records) {
    // A Harbor is saved as "other": the named kinds (ECR, Docker Hub, ACR, Google, Quay) are no Harbor, so they are not asked.
    if (record.type !== 'other' || !record.username || !record.secrets.includes('password')) continue;
    const password = await readOrNull(() => secrets.readPassword(record.id));
    if (password) logins.push({ host: hostOfKey(record.url), username: record.username, password, places: [{ savedAs: record.name }] });
  }
  return logins;
}

const rowPlace = (place: LoginPlace) => ('savedAs' in place ? { context: null, namespace: null, secret: null, savedAs: place.savedAs } : place);

/** GET on the registry host's own API with this Authorization; null when the host cannot be reached. */
export type RegistryApiGet = (host: string, path: string, authorization: string) => Promise<{ status: number; body: string } | null>;

type Raw = Record<string, unknown>;
const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);

function parsed(answer: { status: number; body: string } | null): unknown {
  if (answer?.status !== 200) return null;
  try {
    return JSON.parse(answer.body) as unknown;
  } catch {
    return null;
  }
}

/** Whether `host` is a Harbor (its systeminfo answers with `auth_mode`, to anyone); null when it cannot be reached. */
async function isHarbor(host: string, get: RegistryApiGet): Promise<boolean | null> {
  const answer = await get(host, '/api/v2.0/systeminfo', '');
  if (!answer) return null;
  const info = parsed(answer);
  return isRecord(info) && typeof info.auth_mode === 'string';
}

/** The host's `robot_name_prefix` as the first login allowed to read the configuration sees it; null when none may. */
async function configuredPrefix(host: string, logins: FleetLogin[], get: RegistryApiGet): Promise<string | null> {
  for (const login of logins.slice(0, PREFIX_TRIES)) {
    const configuration = parsed(await get(host, '/api/v2.0/configurations', basicAuthorization(login)));
    const item = isRecord(configuration) ? configuration.robot_name_prefix : undefined;
    const value = isRecord(item) ? item.value : undefined;
    // Harbor refuses an empty or blank prefix (src/pkg/config/manager.go); such an answer is no prefix.
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return null;
}

/** The robot logins among `logins`, each with the prefix its Harbor puts before robot names. */
export async function robotLoginsOf(logins: FleetLogin[], get: RegistryApiGet): Promise<{ login: FleetLogin; prefix: string }[]> {
  const byHost = new Map<string, FleetLogin[]>();
  for (const login of logins) {
    const same = byHost.get(login.host);
    if (same) same.push(login);
    else byHost.set(login.host, [login]);
  }
  const hosts = [...byHost.keys()].filter((host) => !NOT_HARBOR.has(host));
  const asked = new Set(hosts.slice(0, MAX_HARBOR_HOSTS));
  const prefixes = new Map(
    await Promise.all(
      [...asked].map(async (host): Promise<[string, string | null]> => {
        const harbor = await isHarbor(host, get);
        // Not a Harbor: no robots there. Unreachable: a `robot$` name is still taken for one, and says "unknown".
        if (harbor === false) return [host, null];
        return [host, (harbor ? await configuredPrefix(host, byHost.get(host)!, get) : null) ?? HARBOR_ROBOT_PREFIX];
      }),
    ),
  );
  return logins.flatMap((login) => {
    const prefix = asked.has(login.host) ? prefixes.get(login.host) : NOT_HARBOR.has(login.host) ? null : HARBOR_ROBOT_PREFIX;
    return prefix && login.username.startsWith(prefix) && login.username.length > prefix.length ? [{ login, prefix }] : [];
  });
}

/** `expires_at` of the robot named `username`, in seconds; -1 for never; null when it cannot be read. */
async function expiresAt(login: FleetLogin, prefix: string, get: RegistryApiGet): Promise<number | null> {
  const authorization = basicAuthorization(login);
  const stored = login.username.slice(prefix.length);
  const plus = stored.indexOf('+');
  const filters = [`name=${stored}`];
  if (plus > 0) {
    const project = parsed(await get(login.host, `/api/v2.0/projects/${encodeURIComponent(stored.slice(0, plus))}`, authorization));
    const id = isRecord(project) ? project.project_id : undefined;
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) return null;
    filters.unshift('Level=project', `ProjectID=${id}`);
  }
  const robots = parsed(await get(login.host, `/api/v2.0/robots?q=${encodeURIComponent(filters.join(','))}`, authorization));
  // Harbor answers with the full name, prefix included: the same text as the login.
  const robot = Array.isArray(robots) ? robots.find((candidate) => isRecord(candidate) && candidate.name === login.username) : undefined;
  return isRecord(robot) && typeof robot.expires_at === 'number' && Number.isSafeInteger(robot.expires_at) ? robot.expires_at : null;
}

/**
 * One row per place a robot's login is kept: dated where Harbor told the robot, unknown where it
 * did not; none for a robot that never expires, nor for a login that is no robot.
 */
export async function harborRobotExpiries(logins: FleetLogin[], get: RegistryApiGet, now: Date, windowDays: number): Promise<ExpiryRow[]> {
  const robots = await robotLoginsOf(logins, get);
  const answers = await Promise.all(robots.map(({ login, prefix }, index) => (index < MAX_ROBOT_LOOKUPS ? expiresAt(login, prefix, get) : Promise.resolve(null))));
  return robots.flatMap(({ login }, index) => {
    const seconds = answers[index]!;
    if (seconds === -1) return [];
    const at = seconds === null ? null : new Date(seconds * 1000);
    return login.places.map((place): ExpiryRow => ({
      what: 'harbor-robot',
      registry: login.host,
      username: login.username,
      ...rowPlace(place),
      expiresAt: at?.toISOString() ?? null,
      state: expiryState(at, now, windowDays),
      source: at ? 'harbor-api' : 'harbor-unreadable',
    }));
  });
}
