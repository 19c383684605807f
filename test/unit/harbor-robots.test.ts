// Which logins the radar takes for Harbor robots, and with which prefix: a host is a Harbor when its
// systeminfo answers with `auth_mode`; its `robot_name_prefix` comes from the configuration where a
// login may read it, else Harbor's default `robot$`. Harbor's answers here are canned per host
// and path; the integration test (radar-harbor) asks the HTTP stand-in.
import { describe, expect, it } from 'vitest';
import { HARBOR_ROBOT_PREFIX, MAX_HARBOR_HOSTS, harborRobotExpiries, robotLoginsOf, type FleetLogin, type RegistryApiGet } from '../../main/radar/harbor-robots';

const NOW = new Date('2026-12-01T12:00:00.000Z');
const GENERAL = JSON.stringify({ auth_mode: 'db_auth', primary_auth_mode: false, self_registration: false, banner_message: '', oidc_provider_name: '' });
const login = (host: string, username: string): FleetLogin => ({ host, username, password: `pw-${username}`, places: [{ context: 'lab', namespace: 'web', secret: `s-${username}` }] });

/** A fleet of hosts: per host, its answers by path (query included); anything else is 404, `null` host unreachable. */
function hosts(answers: Record<string, Record<string, { status: number; body: string }> | null>) {
  const asked: string[] = [];
  const get: RegistryApiGet = async (host, path) => {
    asked.push(`${host}${path}`);
    const known = answers[host];
    if (known === null) return null;
    return known?.[path] ?? { status: 404, body: '{"errors":[{"code":"NOT_FOUND","message":"not found"}]}' };
  };
  return { get, asked };
}

const ok = (body: unknown) => ({ status: 200, body: JSON.stringify(body) });
const configuration = (prefix: string) => ok({ robot_name_prefix: { value: prefix, editable: true }, auth_mode: { value: 'db_auth', editable: false } });
const names = (robots: { login: FleetLogin; prefix: string }[]) => robots.map(({ login: { host, username }, prefix }) => `${host} ${username} ${prefix}`);

describe('Harbor robot logins', () => {
  it('takes the prefix a login may read from the configuration, and only names that start with it', async () => {
    const fleet = hosts({ 'harbor.lab': { '/api/v2.0/systeminfo': { status: 200, body: GENERAL }, '/api/v2.0/configurations': configuration('harbor@') } });
    const robots = await robotLoginsOf([login('harbor.lab', 'harbor@ci'), login('harbor.lab', 'robot$ci'), login('harbor.lab', 'alice'), login('harbor.lab', 'harbor@')], fleet.get);
    expect(names(robots)).toEqual(['harbor.lab harbor@ci harbor@']);
  });

  it("falls back to Harbor's default where no login may read the configuration, or it is blank", async () => {
    const refused = { status: 403, body: '{"errors":[{"code":"FORBIDDEN","message":"forbidden"}]}' };
    const fleet = hosts({
      'a.lab': { '/api/v2.0/systeminfo': { status: 200, body: GENERAL }, '/api/v2.0/configurations': refused },
      'b.lab': { '/api/v2.0/systeminfo': { status: 200, body: GENERAL }, '/api/v2.0/configurations': configuration('  ') },
    });
    const robots = await robotLoginsOf([login('a.lab', 'robot$ci'), login('a.lab', 'svc-ci'), login('b.lab', 'robot$web')], fleet.get);
    expect(names(robots)).toEqual([`a.lab robot$ci ${HARBOR_ROBOT_PREFIX}`, `b.lab robot$web ${HARBOR_ROBOT_PREFIX}`]);
  });

  it('takes no robot from a registry that is no Harbor, and never asks Docker Hub', async () => {
    const fleet = hosts({ 'plain.lab': {}, 'index.docker.io': {} });
    expect(await robotLoginsOf([login('plain.lab', 'robot$ci'), login('index.docker.io', 'robot$ci')], fleet.get)).toEqual([]);
    expect(fleet.asked).toEqual(['plain.lab/api/v2.0/systeminfo']);
  });

  it('keeps a robot$ name at an unreachable host as a robot whose end is unknown', async () => {
    const fleet = hosts({ 'gone.lab': null });
    const rows = await harborRobotExpiries([login('gone.lab', 'robot$ci'), login('gone.lab', 'alice')], fleet.get, NOW, 14);
    expect(rows).toMatchObject([{ username: 'robot$ci', state: 'unknown', source: 'harbor-unreadable', expiresAt: null }]);
  });

  it('dates a robot of a custom prefix, looked up by its stored name and matched by its full name', async () => {
    const expires = Math.floor(NOW.getTime() / 1000) + 86_400;
    const fleet = hosts({
      'harbor.lab': {
        '/api/v2.0/systeminfo': { status: 200, body: GENERAL },
        '/api/v2.0/configurations': configuration('bot-'),
        '/api/v2.0/projects/shop': ok({ project_id: 7, name: 'shop' }),
        [`/api/v2.0/robots?q=${encodeURIComponent('Level=project,ProjectID=7,name=shop+puller')}`]: ok([{ id: 2, name: 'bot-shop+puller', level: 'project', expires_at: expires }]),
      },
    });
    const rows = await harborRobotExpiries([login('harbor.lab', 'bot-shop+puller')], fleet.get, NOW, 14);
    expect(rows).toMatchObject([{ username: 'bot-shop+puller', state: 'soon', source: 'harbor-api', expiresAt: new Date(expires * 1000).toISOString() }]);
  });

  it(`asks at most ${MAX_HARBOR_HOSTS} hosts whether they are a Harbor`, async () => {
    const fleet = hosts({});
    await robotLoginsOf(Array.from({ length: MAX_HARBOR_HOSTS + 5 }, (_, index) => login(`r${index}.lab`, 'robot$ci')), fleet.get);
    expect(fleet.asked.filter((path) => path.endsWith('/api/v2.0/systeminfo'))).toHaveLength(MAX_HARBOR_HOSTS);
  });
});
