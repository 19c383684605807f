import type { IncomingMessage, ServerResponse } from 'node:http';
import { basicCredentials, listen } from './http-server';

/** A robot account as this stand-in keeps it: the name as Harbor stores it (without the prefix). */
export interface HarborRobot {
  id: number;
  /** `ci` (system level) or `shop+puller` (project level: `<project>+<name>`). */
  stored: string;
  secret: string;
  /** Seconds since the epoch; -1 for never. */
  expiresAt: number;
  /** May list robots of its own level (and project): Harbor grants this as the robot permission `list`. */
  mayList: boolean;
  /** May read the system configuration (a system robot granted `configuration` read): sees `robot_name_prefix`. */
  mayReadConfiguration?: boolean;
}

export interface RunningHarborApi {
  address: string;
  /** Requests by path (without the query), in arrival order. */
  requests(): string[];
  stop(): Promise<void>;
}

const DEFAULT_PREFIX = 'robot$';
const errors = (code: string, message: string) => JSON.stringify({ errors: [{ code, message }] });

/**
 * The slice of Harbor's v2.0 API the radar asks, shaped as goharbor/harbor's api/v2.0/swagger.yaml
 * and its robot handler answer: `GET /api/v2.0/robots` (operation ListRobot: `q` parsed as
 * `k=v,k=v`; without `Level` system robots only; `Level=project` needs `ProjectID`; an array of
 * `Robot` with the prefixed name, `expires_at` in seconds, `X-Total-Count`), `GET
 * /api/v2.0/projects/{name}` (`project_id`, `name`), robots authenticated with Basic, errors as
 * `{"errors":[{code,message}]}` with 401 UNAUTHORIZED, 403 FORBIDDEN, 400 BAD_REQUEST.
 * `GET /api/v2.0/systeminfo` (getSystemInfo, `GeneralInfo`) answers anyone, with `harbor_version`
 * and the rest of its protected part only to a login; `GET /api/v2.0/configurations`
 * (getConfigurations, `ConfigurationsResponse`: items as `{value, editable}`) only to a login with
 * system configuration read. `prefix` is the `robot_name_prefix` system setting: as in Harbor's
 * robot security middleware, a Basic login is a robot's only when its name starts with it, and the
 * rest of the name is the stored name; a robot whose `expires_at` has passed is refused (401), by
 * `now` (seconds; the test's clock).
 */
export async function startHarborApi(projects: Record<string, number>, robots: HarborRobot[], options: { prefix?: string; now?: () => number } = {}): Promise<RunningHarborApi> {
  const PREFIX = options.prefix ?? DEFAULT_PREFIX;
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const seen: string[] = [];
  let origin = '';
  const send = (response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(body);
  };
  const answer = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', origin);
    seen.push(url.pathname);
    const login = basicCredentials(request.headers.authorization);
    const robot = robots.find((candidate) => login?.username.startsWith(PREFIX) && candidate.stored === login.username.slice(PREFIX.length) && candidate.secret === login.password && (candidate.expiresAt === -1 || candidate.expiresAt > now()));
    if (url.pathname === '/api/v2.0/systeminfo') {
      const general = { auth_mode: 'db_auth', primary_auth_mode: false, self_registration: false, banner_message: '', oidc_provider_name: '' };
      return send(response, 200, JSON.stringify(robot ? { ...general, harbor_version: 'v2.13.0-stand-in', registry_url: origin.replace(/^https?:\/\//, ''), external_url: origin, read_only: false, has_ca_root: false, project_creation_restriction: 'everyone', notification_enable: true, current_time: new Date().toISOString() } : general));
    }
    if (!robot) return send(response, 401, errors('UNAUTHORIZED', 'unauthorized'));
    if (url.pathname === '/api/v2.0/configurations') {
      if (!robot.mayReadConfiguration) return send(response, 403, errors('FORBIDDEN', 'forbidden'));
      return send(response, 200, JSON.stringify({ auth_mode: { value: 'db_auth', editable: false }, robot_name_prefix: { value: PREFIX, editable: true }, robot_token_duration: { value: 30, editable: true }, read_only: { value: false, editable: true } }));
    }
    const project = /^\/api\/v2\.0\/projects\/([^/]+)$/.exec(url.pathname);
    if (project) {
      const name = decodeURIComponent(project[1]!);
      const id = projects[name];
      // A project robot reads its own project; anything else is not found to it.
      if (id === undefined || !robot.stored.startsWith(`${name}+`)) return send(response, 404, errors('NOT_FOUND', `project ${name} not found`));
      return send(response, 200, JSON.stringify({ project_id: id, name, owner_name: 'admin', repo_count: 1, metadata: { public: 'false' } }));
    }
    if (url.pathname !== '/api/v2.0/robots') return send(response, 404, errors('NOT_FOUND', 'not found'));
    const keywords = Object.fromEntries((url.searchParams.get('q') ?? '').split(',').filter(Boolean).map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)]));
    const level = keywords.Level ?? 'system';
    if (level === 'project' && !keywords.ProjectID) return send(response, 400, errors('BAD_REQUEST', 'must with project ID when to query project robots'));
    const projectOf = (stored: string) => (stored.includes('+') ? (projects[stored.slice(0, stored.indexOf('+'))] ?? -1) : 0);
    const scope = level === 'project' ? Number(keywords.ProjectID) : 0;
    if (!robot.mayList || projectOf(robot.stored) !== scope) return send(response, 403, errors('FORBIDDEN', 'forbidden'));
    const listed = robots.filter((candidate) => projectOf(candidate.stored) === scope && (keywords.name === undefined || candidate.stored === keywords.name));
    const body = listed.map((candidate) => ({
      id: candidate.id,
      name: `${PREFIX}${candidate.stored}`,
      description: '',
      level,
      duration: candidate.expiresAt === -1 ? -1 : 30,
      editable: true,
      disable: false,
      expires_at: candidate.expiresAt,
      permissions: [],
      creation_time: '2026-11-01T00:00:00.000Z',
      update_time: '2026-11-01T00:00:00.000Z',
    }));
    return send(response, 200, JSON.stringify(body), { 'x-total-count': String(body.length) });
  };
  const server = await listen(answer);
  origin = server.origin;
  return { address: `127.0.0.1:${server.port}`, requests: () => [...seen], stop: server.stop };
}
