import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorAnswer, DoctorTool, LoginDoctor } from '../../shared/workstation-tools-contract';
import { startDockerRegistry, type RunningDockerRegistry } from '../registry-servers/docker-registry';
import { buildOciImages, pushImage, type BuiltImages } from '../registry-servers/oci-images';
import { startRecordingProxy, type RecordingProxy } from '../registry-servers/recording-proxy';
import { base64, createTestWorkstation, type TestWorkstation } from '../support/import-workstation';
import { createTestServices, type TestServices } from '../support/services';
import { runTool } from '../support/tool-run';

// Where each tool finds its files, checked against what the real skopeo (1.9.3, containers/image
// 5.22) and docker CLI send through recording proxies. One login per file, so the user a client
// sends names the file it read:
//   judy  $XDG_RUNTIME_DIR/containers/auth.json       (P1)
//   kate  ~/.config/containers/auth.json              (P1 P2)
//   leo   $XDG_CONFIG_HOME/containers/auth.json       (P1 P2)
//   hank  ~/.docker/config.json, auths only, no credsStore (P1 P2 P3)
//   ivy   $DOCKER_CONFIG/config.json                  (P1 P2 P3)
//   mona  $REGISTRY_AUTH_FILE                         (P4)
//   gina  docker-credential-secretservice, docker's default store (P5, a Registry Desk registry)
// The same files are read under four environments of the app (and so of the tools).

const secret = (label: string) => `${label}-${randomBytes(8).toString('hex')}`;
const users = ['judy', 'kate', 'leo', 'hank', 'ivy', 'mona', 'gina'] as const;
type User = (typeof users)[number];
const passwords = Object.fromEntries(users.map((user) => [user, secret(user)])) as Record<User, string>;
type Host = 'P1' | 'P2' | 'P3' | 'P4' | 'P5';
type Setting = 'defaults' | 'xdgAndDockerConfig' | 'authFile' | 'noDockerLogins';

let station: TestWorkstation;
let registry: RunningDockerRegistry;
let images: BuiltImages;
let proxies: Record<Host, RecordingProxy>;
const settings = {} as Record<Setting, { env: NodeJS.ProcessEnv; test: TestServices; doctor: LoginDoctor }>;

/** Each case: the user docker and containers-image send to the host in that environment, or null for none. */
const cases: { setting: Setting; host: Host; docker: User | null; containers: User | null }[] = [
  // docker: ~/.docker/config.json's auths, no credsStore. containers-image: the runtime file, then ~/.config's, then docker's.
  { setting: 'defaults', host: 'P1', docker: 'hank', containers: 'judy' },
  { setting: 'defaults', host: 'P2', docker: 'hank', containers: 'kate' },
  { setting: 'defaults', host: 'P3', docker: 'hank', containers: 'hank' },
  { setting: 'defaults', host: 'P5', docker: null, containers: null },
  // DOCKER_CONFIG replaces ~/.docker for both; XDG_CONFIG_HOME replaces ~/.config for containers-image.
  { setting: 'xdgAndDockerConfig', host: 'P1', docker: 'ivy', containers: 'judy' },
  { setting: 'xdgAndDockerConfig', host: 'P2', docker: 'ivy', containers: 'leo' },
  { setting: 'xdgAndDockerConfig', host: 'P3', docker: 'ivy', containers: 'ivy' },
  // REGISTRY_AUTH_FILE takes the runtime file's place; c/image before 5.24 then reads on. docker ignores it.
  { setting: 'authFile', host: 'P4', docker: null, containers: 'mona' },
  { setting: 'authFile', host: 'P1', docker: 'hank', containers: 'kate' },
  { setting: 'authFile', host: 'P3', docker: 'hank', containers: 'hank' },
  // A docker config.json with no login at all: docker asks the default store, containers-image never does.
  { setting: 'noDockerLogins', host: 'P5', docker: 'gina', containers: null },
  { setting: 'noDockerLogins', host: 'P1', docker: null, containers: 'judy' },
];

const secretservice = (action: string, input: string) => runTool('docker-credential-secretservice', [action], station.workstation.env, input);
const auths = (entries: Partial<Record<Host, User>>) => ({
  auths: Object.fromEntries(Object.entries(entries).map(([host, user]) => [proxies[host as Host].address, { auth: base64(`${user}:${passwords[user]}`) }])),
});

async function doctorFor(env: NodeJS.ProcessEnv) {
  const dataDir = join(station.home, `registry-desk-${randomBytes(4).toString('hex')}`);
  const test = await createTestServices({ dataDir, keychainService: `registry-desk-files-${randomBytes(4).toString('hex')}`, workstation: { env, home: station.home, platform: 'linux' }, pluginPath: station.pluginPath });
  // Registry Desk holds P5, so the doctor has a row for it though no tool's file names it.
  await test.services.registries.create({ type: 'other', name: 'Gina', url: `http://${proxies.P5.address}`, username: 'gina', password: passwords.gina, connection: 'insecure' });
  return { env, test, doctor: await test.services.tools.doctor() };
}

beforeAll(async () => {
  station = await createTestWorkstation();
  registry = await startDockerRegistry({ users: passwords });
  images = await buildOciImages({});
  await pushImage(images, 'single', { reference: `${registry.address}/team/app:1`, username: 'hank', password: passwords.hank });
  const started = await Promise.all([1, 2, 3, 4, 5].map(() => startRecordingProxy(registry.port)));
  proxies = { P1: started[0]!, P2: started[1]!, P3: started[2]!, P4: started[3]!, P5: started[4]! };
  expect(await secretservice('store', JSON.stringify({ ServerURL: proxies.P5.address, Username: 'gina', Secret: passwords.gina }))).toEqual({ ok: true, output: '' });

  const { home } = station;
  await station.writeFile(station.runtimeAuthFile, auths({ P1: 'judy' }));
  await station.writeFile(join(home, '.config', 'containers', 'auth.json'), auths({ P1: 'kate', P2: 'kate' }));
  await station.writeFile(join(home, 'xdg', 'containers', 'auth.json'), auths({ P1: 'leo', P2: 'leo' }));
  await station.writeDockerConfig(auths({ P1: 'hank', P2: 'hank', P3: 'hank' }));
  await station.writeFile(join(home, 'docker-config', 'config.json'), auths({ P1: 'ivy', P2: 'ivy', P3: 'ivy' }));
  await station.writeFile(join(home, 'auth-file.json'), auths({ P4: 'mona' }));
  await station.writeFile(join(home, 'no-docker-logins', 'config.json'), { detachKeys: 'ctrl-e' });

  const base = station.workstation.env;
  settings.defaults = await doctorFor(base);
  settings.xdgAndDockerConfig = await doctorFor({ ...base, XDG_CONFIG_HOME: join(home, 'xdg'), DOCKER_CONFIG: join(home, 'docker-config') });
  settings.authFile = await doctorFor({ ...base, REGISTRY_AUTH_FILE: join(home, 'auth-file.json') });
  settings.noDockerLogins = await doctorFor({ ...base, DOCKER_CONFIG: join(home, 'no-docker-logins') });
}, 300_000);

afterAll(async () => {
  if (proxies) {
    await secretservice('erase', proxies.P5.address);
    await Promise.all(Object.values(proxies).map((proxy) => proxy.stop()));
  }
  await Promise.all(Object.values(settings).map(({ test }) => test.close()));
  await registry?.stop();
  await images?.remove();
  await station?.close();
});

function answerOf(setting: Setting, host: Host, tool: DoctorTool): DoctorAnswer {
  const row = settings[setting].doctor.hosts.find((candidate) => candidate.host === proxies[host].address);
  if (!row) throw new Error(`the doctor has no row for ${host} under ${setting}`);
  return row.answers.find((answer) => answer.tool === tool)!;
}

/** The Basic users one client run sent to the host, and whether it got the manifest. */
async function sentBy(host: Host, command: string, args: string[], env: NodeJS.ProcessEnv) {
  const mark = proxies[host].mark();
  const result = await runTool(command, args, env);
  return { ok: result.ok, output: result.output, users: proxies[host].basicUsers(mark) };
}

const expected = (user: User | null) => (user ? { ok: true, users: [user] } : { ok: false, users: [] });
const named = cases.map((one) => ({ ...one, name: `${one.setting} ${one.host}` }));

describe('what the real clients send, in each environment, matches the doctor', () => {
  it.for(named)('skopeo inspect, $name', async ({ setting, host, containers }) => {
    expect(answerOf(setting, host, 'containers').username).toBe(containers);
    const address = proxies[host].address;
    const sent = await sentBy(host, 'skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${address}/team/app:1`], settings[setting].env);
    expect({ ok: sent.ok, users: sent.users }, sent.output).toEqual(expected(containers));
  });

  it.for(named)('docker manifest inspect, $name', async ({ setting, host, docker }) => {
    expect(answerOf(setting, host, 'docker').username).toBe(docker);
    const address = proxies[host].address;
    const sent = await sentBy(host, 'docker', ['manifest', 'inspect', '--insecure', `${address}/team/app:1`], settings[setting].env);
    expect({ ok: sent.ok, users: sent.users }, sent.output).toEqual(expected(docker));
  });

  it('names the rule and the file that decided', () => {
    expect(answerOf('defaults', 'P1', 'docker')).toMatchObject({ via: 'auths', where: 'plain-text', file: station.dockerConfig });
    expect(answerOf('defaults', 'P2', 'containers')).toMatchObject({ via: 'auths', file: join(station.home, '.config', 'containers', 'auth.json') });
    expect(answerOf('xdgAndDockerConfig', 'P3', 'containers')).toMatchObject({ file: join(station.home, 'docker-config', 'config.json') });
    expect(answerOf('authFile', 'P4', 'containers')).toMatchObject({ file: join(station.home, 'auth-file.json') });
    expect(answerOf('noDockerLogins', 'P5', 'docker')).toMatchObject({ outcome: 'login', via: 'defaultStore', helper: 'secretservice', where: 'helper' });
    expect(answerOf('noDockerLogins', 'P1', 'docker')).toMatchObject({ outcome: 'none', via: 'defaultStore', helper: 'secretservice', note: 'helperLacksHost' });
  });
});
