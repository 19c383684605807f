import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLoginDoctor, type HelperAnswer } from '../../main/credential-helper/login-doctor';
import type { RegistryRecord } from '../../shared/schemas';
import type { DoctorTool } from '../../shared/workstation-tools-contract';

// The precedence cases the real clients do not cover in login-doctor-tools.test.ts (Docker Hub's
// keys, REGISTRY_AUTH_FILE, the runtime file first, helm's own file, a failing helper, tokens),
// each from the tools' sources as quoted in login-doctor.ts.

const HUB = 'https://index.docker.io/v1/';
const b64 = (text: string) => Buffer.from(text).toString('base64');
const jwt = (exp: number) => ['e30', Buffer.from(JSON.stringify({ exp })).toString('base64url'), 'c2ln'].join('.');

let home: string;
let env: Record<string, string | undefined>;
/** helper → server URL → answer; anything else is "not found". Every question asked is noted. */
let helperLogins: Record<string, Record<string, HelperAnswer>>;
let asked: string[];
let records: RegistryRecord[];
let onPath: string[];
/** What the installed podman, skopeo and buildah do with REGISTRY_AUTH_FILE (containers-tools.ts). */
let authFileAlone: boolean;
let platform: NodeJS.Platform;

const put = async (path: string, content: object | string) => {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content));
};

function doctor() {
  return createLoginDoctor({
    workstation: { env, home, platform },
    uid: 1000,
    registries: () => records,
    askHelper: async (helper, serverUrl) => {
      asked.push(`${helper} ${serverUrl}`);
      return helperLogins[helper]?.[serverUrl] ?? (onPath.includes(`docker-credential-${helper}`) ? { kind: 'none' } : { kind: 'missing' });
    },
    onPath: async (command) => onPath.includes(command),
    readsAuthFileAlone: async () => authFileAlone,
    registryLogin: async () => null,
    now: () => new Date('2026-12-01T00:00:00Z'),
  });
}

async function answers(host: string) {
  const result = await doctor().doctor();
  const row = result.hosts.find((candidate) => candidate.host === host);
  if (!row) throw new Error(`no row for ${host}: ${result.hosts.map((candidate) => candidate.host).join(', ')}`);
  const by = (tool: DoctorTool) => row.answers.find((answer) => answer.tool === tool)!;
  return { row, docker: by('docker'), containers: by('containers'), helm: by('helm') };
}

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'login-doctor-'));
  env = { HOME: home, XDG_RUNTIME_DIR: join(home, 'run') };
  helperLogins = {};
  asked = [];
  records = [];
  onPath = ['docker-credential-registry-desk', 'docker-credential-desktop'];
  authFileAlone = true;
  platform = 'linux';
});

afterEach(() => rm(home, { recursive: true, force: true }));

describe('Docker Hub', () => {
  it('is asked for under each tool\'s own key: docker and helm the /v1/ URL, containers-image docker.io', async () => {
    await put(join(home, '.docker', 'config.json'), { credHelpers: { [HUB]: 'desktop', 'docker.io': 'desktop' } });
    helperLogins.desktop = { [HUB]: { kind: 'login', username: 'hub-user', secret: 's1' }, 'docker.io': { kind: 'login', username: 'hub-user', secret: 's1' } };
    const { docker, containers, helm } = await answers(HUB);
    expect(docker).toMatchObject({ via: 'credHelpers', username: 'hub-user' });
    expect(containers).toMatchObject({ via: 'credHelpers', username: 'hub-user' });
    expect(helm).toMatchObject({ via: 'credHelpers', username: 'hub-user' });
    expect(asked.sort()).toEqual([`desktop ${HUB}`, 'desktop docker.io'].sort());
  });

  it('matches an auths key spelled docker.io for containers-image, and index.docker.io for docker', async () => {
    await put(join(home, '.docker', 'config.json'), { auths: { 'https://index.docker.io/v1/': { auth: b64('hubber:pw') } } });
    const { docker, containers } = await answers(HUB);
    expect(docker).toMatchObject({ via: 'auths', username: 'hubber' });
    expect(containers).toMatchObject({ via: 'auths', username: 'hubber' });
  });
});

describe('containers-image\'s files', () => {
  it('reads the runtime auth.json first; a helper there that has no login sends it on to the next file', async () => {
    await put(join(home, 'run', 'containers', 'auth.json'), { credHelpers: { 'r.example': 'registry-desk' } });
    await put(join(home, '.config', 'containers', 'auth.json'), { auths: { 'r.example': { auth: b64('second:pw') } } });
    const { containers } = await answers('r.example');
    expect(containers).toMatchObject({ via: 'auths', username: 'second', file: join(home, '.config', 'containers', 'auth.json') });
    helperLogins['registry-desk'] = { 'r.example': { kind: 'login', username: 'first', secret: 'x' } };
    expect((await answers('r.example')).containers).toMatchObject({ via: 'credHelpers', where: 'registry-desk', username: 'first', file: join(home, 'run', 'containers', 'auth.json') });
  });

  it('reads only REGISTRY_AUTH_FILE when it is set (c/image 5.24 and later)', async () => {
    env.REGISTRY_AUTH_FILE = join(home, 'mine.json');
    await put(env.REGISTRY_AUTH_FILE, { auths: { 'other.example': { auth: b64('x:y') } } });
    await put(join(home, '.docker', 'config.json'), { auths: { 'r.example': { auth: b64('docker-user:pw') } } });
    const { docker, containers } = await answers('r.example');
    expect(docker).toMatchObject({ username: 'docker-user' });
    expect(containers).toMatchObject({ outcome: 'none' });
  });

  it('goes on from REGISTRY_AUTH_FILE to the config folder\'s file and docker\'s with c/image before 5.24, never to the runtime file', async () => {
    authFileAlone = false;
    env.REGISTRY_AUTH_FILE = join(home, 'mine.json');
    await put(env.REGISTRY_AUTH_FILE, { auths: { 'mine.example': { auth: b64('mine-user:pw') } } });
    await put(join(home, 'run', 'containers', 'auth.json'), { auths: { 'r.example': { auth: b64('runtime-user:pw') }, 'd.example': { auth: b64('runtime-user:pw') } } });
    await put(join(home, '.config', 'containers', 'auth.json'), { auths: { 'r.example': { auth: b64('config-user:pw') } } });
    await put(join(home, '.docker', 'config.json'), { auths: { 'd.example': { auth: b64('docker-user:pw') } } });
    expect((await answers('mine.example')).containers).toMatchObject({ username: 'mine-user', file: env.REGISTRY_AUTH_FILE });
    expect((await answers('r.example')).containers).toMatchObject({ username: 'config-user', file: join(home, '.config', 'containers', 'auth.json') });
    expect((await answers('d.example')).containers).toMatchObject({ username: 'docker-user', file: join(home, '.docker', 'config.json') });
  });

  it('ignores username and password fields (only auth and identitytoken count), where docker reads them', async () => {
    await put(join(home, '.docker', 'config.json'), { auths: { 'r.example': { username: 'fields', password: 'pw' } } });
    const { docker, containers } = await answers('r.example');
    expect(docker).toMatchObject({ outcome: 'login', username: 'fields' });
    expect(containers).toMatchObject({ outcome: 'none' });
  });
});

describe('docker\'s default store', () => {
  beforeEach(() => {
    onPath.push('docker-credential-secretservice');
    helperLogins.secretservice = { 'r.example': { kind: 'login', username: 'kept', secret: 's' } };
    // No file names them: Registry Desk does, so the doctor has a row for each.
    const saved = (name: string): RegistryRecord => ({ id: `reg_${name.padEnd(16, '0')}`, name, type: 'other', url: `https://${name}.example`, isDefault: false, createdAt: '', updatedAt: '', secrets: [] });
    records = [saved('r'), saved('other')];
  });

  it('is asked when docker\'s file configures no auth, or is not there', async () => {
    expect((await answers('r.example')).docker).toMatchObject({ outcome: 'login', via: 'defaultStore', helper: 'secretservice', where: 'helper', username: 'kept' });
    await put(join(home, '.docker', 'config.json'), { auths: {}, detachKeys: 'ctrl-e' });
    expect((await answers('r.example')).docker).toMatchObject({ outcome: 'login', via: 'defaultStore', username: 'kept' });
    expect((await answers('other.example')).docker).toMatchObject({ outcome: 'none', via: 'defaultStore', helper: 'secretservice', note: 'helperLacksHost' });
  });

  it.for([
    ['darwin', 'osxkeychain'],
    ['win32', 'wincred'],
  ] as const)('is %s\'s own store there (%s), never secretservice, for docker and helm alike', async ([system, store]) => {
    platform = system;
    onPath.push(`docker-credential-${store}`);
    helperLogins[store] = { 'r.example': { kind: 'login', username: 'native', secret: 's' } };
    const { docker, helm } = await answers('r.example');
    expect(docker).toMatchObject({ outcome: 'login', via: 'defaultStore', helper: store, username: 'native' });
    expect(helm).toMatchObject({ outcome: 'login', via: 'defaultStore', helper: store, username: 'native' });
    expect(asked.filter((call) => call.startsWith('secretservice '))).toEqual([]);
  });

  it('is not asked once the file has any auth entry, even for another host', async () => {
    await put(join(home, '.docker', 'config.json'), { auths: { 'other.example': {} } });
    const { docker, helm } = await answers('r.example');
    expect(docker).toMatchObject({ outcome: 'none', via: 'none', helper: null });
    // helm's own registry config is not there: helm still asks the default store first.
    expect(helm).toMatchObject({ via: 'defaultStore', username: 'kept', file: join(home, '.config', 'helm', 'registry', 'config.json') });
  });
});

describe('a helper that fails', () => {
  it('makes docker send the file\'s auths entry, and stops containers-image and helm', async () => {
    await put(join(home, '.docker', 'config.json'), { credHelpers: { 'r.example': 'broken' }, auths: { 'r.example': { auth: b64('fallback:pw') } } });
    onPath.push('docker-credential-broken');
    helperLogins.broken = { 'r.example': { kind: 'failed' } };
    const { row, docker, containers, helm } = await answers('r.example');
    expect(docker).toMatchObject({ outcome: 'login', via: 'auths', username: 'fallback', note: 'helperFailed' });
    expect(containers).toMatchObject({ outcome: 'error', note: 'helperFailed' });
    expect(helm).toMatchObject({ outcome: 'error', note: 'helperFailed' });
    expect(row.flags).toEqual(['plainText']);
  });
});

describe('helm', () => {
  it('reads its own registry config first, and uses no default store once that file configures any auth', async () => {
    env.XDG_CONFIG_HOME = join(home, 'xdg');
    onPath.push('docker-credential-secretservice');
    await put(join(home, 'xdg', 'helm', 'registry', 'config.json'), { auths: { 'r.example': { auth: b64('helm-user:pw') } } });
    await put(join(home, '.docker', 'config.json'), { auths: { 'r.example': { auth: b64('docker-user:pw') } } });
    const { helm, docker } = await answers('r.example');
    expect(helm).toMatchObject({ via: 'auths', username: 'helm-user', file: join(home, 'xdg', 'helm', 'registry', 'config.json') });
    expect(docker).toMatchObject({ username: 'docker-user' });
    expect(asked).toEqual([]);
  });

  it('reads registry/config.json under HELM_CONFIG_HOME, and under ~/.config/helm when nothing says otherwise', async () => {
    await put(join(home, '.config', 'helm', 'registry', 'config.json'), { auths: { 'r.example': { auth: b64('default-home:pw') } } });
    expect((await answers('r.example')).helm).toMatchObject({ via: 'auths', username: 'default-home', file: join(home, '.config', 'helm', 'registry', 'config.json') });
    env.HELM_CONFIG_HOME = join(home, 'helm-home');
    await put(join(home, 'helm-home', 'registry', 'config.json'), { auths: { 'r.example': { auth: b64('helm-home:pw') } } });
    expect((await answers('r.example')).helm).toMatchObject({ via: 'auths', username: 'helm-home', file: join(home, 'helm-home', 'registry', 'config.json') });
  });

  it('honours HELM_REGISTRY_CONFIG', async () => {
    env.HELM_REGISTRY_CONFIG = join(home, 'helm.json');
    await put(env.HELM_REGISTRY_CONFIG, { auths: { 'https://r.example/': { auth: b64('legacy-key:pw') } } });
    expect((await answers('r.example')).helm).toMatchObject({ via: 'auths', username: 'legacy-key', file: env.HELM_REGISTRY_CONFIG });
  });
});

describe('findings', () => {
  it('flags an expired identity token and gives the token\'s expiry', async () => {
    const expired = jwt(Date.parse('2026-11-30T00:00:00Z') / 1000);
    await put(join(home, '.docker', 'config.json'), { auths: { 'r.example': { identitytoken: expired } } });
    const { row, docker } = await answers('r.example');
    expect(docker).toMatchObject({ username: '<token>', expiresAt: '2026-11-30T00:00:00.000Z' });
    // On disk it is a secret in plain text too, expired or not.
    expect(row.flags).toEqual(['plainText', 'expiredToken']);
  });

  it('shows a Registry Desk registry no file names, with no login from any tool', async () => {
    records = [{ id: 'reg_0123456789abcdef', name: 'Lab', type: 'other', url: 'http://lab.example:5000', isDefault: false, createdAt: '', updatedAt: '', secrets: [] }];
    const { row, docker, containers, helm } = await answers('lab.example:5000');
    expect(row).toMatchObject({ registryName: 'Lab', flags: [] });
    expect([docker.outcome, containers.outcome, helm.outcome]).toEqual(['none', 'none', 'none']);
  });

  it('shows a file that is not JSON as a problem and stops containers-image there', async () => {
    await put(join(home, 'run', 'containers', 'auth.json'), '{not json');
    await put(join(home, '.docker', 'config.json'), { auths: { 'r.example': { auth: b64('docker-user:pw') } } });
    const result = await doctor().doctor();
    expect(result.files.find((file) => file.path.endsWith(join('run', 'containers', 'auth.json')))?.problem).toMatchObject({ code: 'tools.configNotJson' });
    expect(result.hosts[0]!.answers.find((answer) => answer.tool === 'containers')).toMatchObject({ outcome: 'error' });
  });

  it('looks at no more than 500 hosts of a huge file', async () => {
    const auths = Object.fromEntries(Array.from({ length: 2000 }, (_, index) => [`h${index}.example`, {}]));
    await put(join(home, '.docker', 'config.json'), { auths });
    expect((await doctor().doctor()).hosts).toHaveLength(500);
  });
});

// DOCKER_AUTH_CONFIG (docker CLI 28.3 and later, docker/cli configfile GetCredentialsStore and
// memorystore): its auths sit in front of config.json's store. The docker CLI on the test machine
// (28.2.2) predates it, so these cases follow the source, not a recorded docker run.
describe('DOCKER_AUTH_CONFIG in the app\'s environment', () => {
  const environment = (auths: Record<string, unknown>) => JSON.stringify({ auths });
  const doctorRun = () => doctor().doctor();

  it('wins over credHelpers for the key docker asks; podman and helm do not read it', async () => {
    await put(join(home, '.docker', 'config.json'), { credHelpers: { 'r.example': 'desktop' } });
    helperLogins.desktop = { 'r.example': { kind: 'login', username: 'from-helper', secret: 'h' } };
    env.DOCKER_AUTH_CONFIG = environment({ 'r.example': { auth: b64('from-env:e') } });
    const { row, docker, containers, helm } = await answers('r.example');
    expect(docker).toMatchObject({ outcome: 'login', via: 'environment', where: 'environment', file: null, helper: null, username: 'from-env' });
    expect(containers).toMatchObject({ via: 'credHelpers', username: 'from-helper' });
    expect(helm).toMatchObject({ via: 'credHelpers', username: 'from-helper' });
    expect(row.flags).toEqual(['plainTextInEnvironment', 'conflict']);
    expect(row.plainTextIn).toEqual([]);
    expect((await doctorRun()).environment).toEqual({ state: 'used', hosts: 1, problem: null });
  });

  it('wins over credsStore and auths; hosts it does not name keep config.json\'s rules', async () => {
    await put(join(home, '.docker', 'config.json'), { credsStore: 'desktop', auths: { 'r.example': { auth: b64('file-user:f') }, 'other.example': { auth: b64('file-user:f') } } });
    env.DOCKER_AUTH_CONFIG = environment({ 'r.example': { auth: b64('env-user:e') } });
    expect((await answers('r.example')).docker).toMatchObject({ via: 'environment', username: 'env-user' });
    expect((await answers('other.example')).docker).toMatchObject({ outcome: 'none', via: 'credsStore', note: 'storeLacksHost' });
  });

  it('is looked up by the exact key: Docker Hub under its /v1/ URL, not a key with a scheme for another host', async () => {
    env.DOCKER_AUTH_CONFIG = environment({ [HUB]: { auth: b64('hub-env:e') }, 'https://r.example': { auth: b64('schemed:e') } });
    expect((await answers(HUB)).docker).toMatchObject({ via: 'environment', username: 'hub-env' });
    const { row, docker } = await answers('r.example');
    expect(docker).toMatchObject({ outcome: 'none', via: 'none' });
    // Not used by docker for this host, but a plain-text password in the environment all the same.
    expect(row.flags).toContain('plainTextInEnvironment');
  });

  it('matches its field names as Go does, ignoring case', async () => {
    env.DOCKER_AUTH_CONFIG = JSON.stringify({ Auths: { 'r.example': { Auth: b64('cased:e') } } });
    expect((await answers('r.example')).docker).toMatchObject({ via: 'environment', username: 'cased' });
  });

  it.each([
    ['not JSON', '{"auths": {', 'not JSON'],
    ['an entry without auth', environment({ 'r.example': { auth: b64('env-user:e') }, 'bad.example': { username: 'u', password: 'p' } }), 'no auth for bad.example'],
    ['an auth that is not user:password', environment({ 'r.example': { auth: b64('env-user:e') }, 'bad.example': { auth: b64('no-colon') } }), 'auth for bad.example is not base64 user:password'],
    ['auths that is not an object', JSON.stringify({ auths: ['r.example'] }), 'auths is not an object'],
  ])('is ignored as a whole by docker when it holds %s: config.json decides for every host', async (_case, value, detail) => {
    await put(join(home, '.docker', 'config.json'), { auths: { 'r.example': { auth: b64('file-user:f') } } });
    env.DOCKER_AUTH_CONFIG = value;
    expect((await answers('r.example')).docker).toMatchObject({ via: 'auths', username: 'file-user' });
    expect((await doctorRun()).environment).toMatchObject({ state: 'ignored', hosts: 0, problem: { code: 'tools.dockerAuthConfigIgnored', params: { detail } } });
  });

  it('is not there when unset or empty', async () => {
    await put(join(home, '.docker', 'config.json'), { auths: { 'r.example': { auth: b64('file-user:f') } } });
    expect((await doctorRun()).environment).toBeNull();
    env.DOCKER_AUTH_CONFIG = '';
    expect((await doctorRun()).environment).toBeNull();
    expect((await answers('r.example')).docker).toMatchObject({ via: 'auths' });
  });

  it('is not parsed past 1 MiB', async () => {
    env.DOCKER_AUTH_CONFIG = environment({ 'r.example': { auth: b64(`u:${'x'.repeat(1024 * 1024)}`) } });
    expect((await doctorRun()).environment).toMatchObject({ state: 'unread', problem: { code: 'tools.dockerAuthConfigTooLarge' } });
  });
});
