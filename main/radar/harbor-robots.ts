// Harbor robot accounts' end, where the robot's own login may read it. Harbor names robots
// `robot$<name>` (system level) and `robot$<project>+<name>` (project level) and lists them with
// `GET /api/v2.0/robots`, whose `q` filters on the stored name (without the `robot$` prefix):
// system robots by default, a project's with `Level=project,ProjectID=<id>` (the id from
// `GET /api/v2.0/projects/<name>`). `expires_at` is in seconds, -1 for never. A robot that may not
// list robots keeps an "unknown" row rather than a guess.
import type { ExpiryRow } from '../../shared/radar-contract';
import { basicAuthorization } from '../registry-http/basic-credentials';
import { expiryState } from './expiry';

export const HARBOR_ROBOT_PREFIX = 'robot$';
/** Distinct robot logins asked per scan; the rest are "unknown" without a request. */
export const MAX_ROBOT_LOOKUPS = 50;

export interface RobotLogin {
  host: string;
  username: string;
  password: string;
  places: { context: string; namespace: string; secret: string }[];
}

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

/** `expires_at` of the robot named `username`, in seconds; -1 for never; null when it cannot be read. */
async function expiresAt(login: RobotLogin, get: RegistryApiGet): Promise<number | null> {
  const authorization = basicAuthorization(login);
  const stored = login.username.slice(HARBOR_ROBOT_PREFIX.length);
  const plus = stored.indexOf('+');
  const filters = [`name=${stored}`];
  if (plus > 0) {
    const project = parsed(await get(login.host, `/api/v2.0/projects/${encodeURIComponent(stored.slice(0, plus))}`, authorization));
    const id = isRecord(project) ? project.project_id : undefined;
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) return null;
    filters.unshift('Level=project', `ProjectID=${id}`);
  }
  const robots = parsed(await get(login.host, `/api/v2.0/robots?q=${encodeURIComponent(filters.join(','))}`, authorization));
  const robot = Array.isArray(robots) ? robots.find((candidate) => isRecord(candidate) && candidate.name === login.username) : undefined;
  return isRecord(robot) && typeof robot.expires_at === 'number' && Number.isSafeInteger(robot.expires_at) ? robot.expires_at : null;
}

/** One row per place a robot's login is kept: dated where Harbor told the robot, unknown where it did not; none for a robot that never expires. */
export async function harborRobotExpiries(logins: RobotLogin[], get: RegistryApiGet, now: Date, windowDays: number): Promise<ExpiryRow[]> {
  const answers = await Promise.all(logins.map((login, index) => (index < MAX_ROBOT_LOOKUPS ? expiresAt(login, get) : Promise.resolve(null))));
  return logins.flatMap((login, index) => {
    const seconds = answers[index]!;
    if (seconds === -1) return [];
    const at = seconds === null ? null : new Date(seconds * 1000);
    return login.places.map((place): ExpiryRow => ({
      what: 'harbor-robot',
      registry: login.host,
      username: login.username,
      ...place,
      expiresAt: at?.toISOString() ?? null,
      state: expiryState(at, now, windowDays),
      source: at ? 'harbor-api' : 'harbor-unreadable',
    }));
  });
}
