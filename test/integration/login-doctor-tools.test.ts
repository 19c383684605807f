import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DoctorAnswer, DoctorHost, DoctorTool, LoginDoctor } from '../../shared/workstation-tools-contract';
import type { Workstation } from '../../main/registry-import/workstation';
import { startDockerRegistry, type RunningDockerRegistry } from '../registry-servers/docker-registry';
import { buildOciImages, pushImage, type BuiltImages } from '../registry-servers/oci-images';
import { startRecordingProxy, type RecordingProxy } from '../registry-servers/recording-proxy';
import { buildCredentialHelper, installHelper, type BuiltHelper } from '../support/credential-helper-build';
import { base64, createTestWorkstation, type TestWorkstation } from '../support/import-workstation';
import { createTestServices, type TestServices } from '../support/services';
import { runTool } from '../support/tool-run';

// The login doctor's answers checked against what the real clients send. One htpasswd registry
// sits behind five recording proxies, one host per precedence case, all in the same files:
//   A  docker credHelpers → registry-desk (alice), auths holds bob in plain text
//   B  docker credsStore (secretservice) lacks B, auths holds bob
//   C  credsStore holds carol; containers' $XDG_CONFIG_HOME auth.json holds dave
//   D  credHelpers → a helper missing from PATH, auths holds bob
//   E  only in Registry Desk (erin): no tool's file names it
// Each client's run through a proxy shows the Authorization it really sent.

const secret = (label: string) => `${label}-${randomBytes(8).toString('hex')}`;
const passwords = { alice: secret('alice'), bob: secret('bob'), carol: secret('carol'), dave: secret('dave'), erin: secret('erin') };

let built: BuiltHelper;
let station: TestWorkstation;
let test: TestServices;
let images: BuiltImages;
let registry: RunningDockerRegistry;
let proxies: Record<'A' | 'B' | 'C' | 'D' | 'E', RecordingProxy>;
let env: NodeJS.ProcessEnv;
let doctor: LoginDoctor;

const tool = (command: string, args: string[], input?: string) => runTool(command, args, env, input);

const secretservice = (action: string, input: string) => tool('docker-credential-secretservice', [action], input);

const hostOf = (address: string): DoctorHost => {
  const found = doctor.hosts.find((host) => host.host === address);
  if (!found) throw new Error(`the doctor has no row for ${address}`);
  return found;
};
const answerOf = (address: string, which: DoctorTool): DoctorAnswer => hostOf(address).answers.find((answer) => answer.tool === which)!;

beforeAll(async () => {
  built = await buildCredentialHelper();
  station = await createTestWorkstation();
  const dataDir = join(station.home, 'registry-desk');
  const dockerDir = join(station.home, 'docker-config');
  const xdgConfig = join(station.home, 'xdg-config');
  env = { ...station.workstation.env, DOCKER_CONFIG: dockerDir, XDG_CONFIG_HOME: xdgConfig };
  const workstation: Workstation = { ...station.workstation, env };
  test = await createTestServices({ dataDir, keychainService: `registry-desk-doctor-${randomBytes(4).toString('hex')}`, workstation, pluginPath: station.pluginPath });
  await installHelper(station.bin, built, { dataDir, keychainService: test.keychainService });

  registry = await startDockerRegistry({ users: passwords });
  images = await buildOciImages({});
  await pushImage(images, 'single', { reference: `${registry.address}/team/app:1`, username: 'alice', password: passwords.alice });
  const [A, B, C, D, E] = await Promise.all([1, 2, 3, 4, 5].map(() => startRecordingProxy(registry.port)));
  proxies = { A: A!, B: B!, C: C!, D: D!, E: E! };

  await test.services.registries.create({ type: 'other', name: 'Alice', url: `http://${proxies.A.address}`, username: 'alice', password: passwords.alice, connection: 'insecure' });
  await test.services.registries.create({ type: 'other', name: 'Erin', url: `http://${proxies.E.address}`, username: 'erin', password: passwords.erin, connection: 'insecure' });
  const stored = await secretservice('store', JSON.stringify({ ServerURL: proxies.C.address, Username: 'carol', Secret: passwords.carol }));
  expect(stored).toEqual({ ok: true, output: '' });

  const auth = (user: keyof typeof passwords) => ({ auth: base64(`${user}:${passwords[user]}`) });
  await mkdir(dockerDir, { recursive: true });
  await writeFile(
    join(dockerDir, 'config.json'),
    JSON.stringify({
      credsStore: 'secretservice',
      credHelpers: { [proxies.A.address]: 'registry-desk', [proxies.D.address]: 'nowhere' },
      auths: { [proxies.A.address]: auth('bob'), [proxies.B.address]: auth('bob'), [proxies.C.address]: {}, [proxies.D.address]: auth('bob') },
    }),
  );
  await station.writeFile(join(xdgConfig, 'containers', 'auth.json'), { auths: { [proxies.C.address]: auth('dave') } });
  doctor = await test.services.tools.doctor();
}, 300_000);

afterAll(async () => {
  if (proxies) {
    await secretservice('erase', proxies.C.address);
    await Promise.all(Object.values(proxies).map((proxy) => proxy.stop()));
  }
  await registry?.stop();
  await test?.close();
  await images?.remove();
  await built?.remove();
  await station?.close();
});

describe('the login doctor', () => {
  it('answers each precedence case as the tools\' sources decide', () => {
    const { A, B, C, D, E } = proxies;
    expect(answerOf(A.address, 'docker')).toMatchObject({ outcome: 'login', via: 'credHelpers', helper: 'registry-desk', where: 'registry-desk', username: 'alice' });
    expect(answerOf(B.address, 'docker')).toMatchObject({ outcome: 'none', via: 'credsStore', helper: 'secretservice', note: 'storeLacksHost' });
    expect(answerOf(C.address, 'docker')).toMatchObject({ outcome: 'login', via: 'credsStore', helper: 'secretservice', where: 'helper', username: 'carol' });
    expect(answerOf(D.address, 'docker')).toMatchObject({ outcome: 'login', via: 'auths', helper: 'nowhere', where: 'plain-text', username: 'bob', note: 'helperMissing' });
    // credsStore is for every host without its own helper: E too, and the store lacks it.
    expect(answerOf(E.address, 'docker')).toMatchObject({ outcome: 'none', via: 'credsStore', note: 'storeLacksHost' });

    // containers-image never reads credsStore: B's plain-text bob is what skopeo sends.
    expect(answerOf(A.address, 'containers')).toMatchObject({ outcome: 'login', via: 'credHelpers', where: 'registry-desk', username: 'alice', file: join(env.DOCKER_CONFIG!, 'config.json') });
    expect(answerOf(B.address, 'containers')).toMatchObject({ outcome: 'login', via: 'auths', where: 'plain-text', username: 'bob', file: join(env.DOCKER_CONFIG!, 'config.json') });
    expect(answerOf(C.address, 'containers')).toMatchObject({ outcome: 'login', via: 'auths', where: 'plain-text', username: 'dave', file: join(env.XDG_CONFIG_HOME!, 'containers', 'auth.json') });
    expect(answerOf(D.address, 'containers')).toMatchObject({ outcome: 'error', via: 'credHelpers', helper: 'nowhere', note: 'helperMissing' });
    expect(answerOf(E.address, 'containers')).toMatchObject({ outcome: 'none' });

    // helm (no helm here, so from oras-go's rules only): no registry config, so the detected default store (secretservice) first.
    expect(answerOf(C.address, 'helm')).toMatchObject({ outcome: 'login', via: 'defaultStore', helper: 'secretservice', username: 'carol' });
    expect(answerOf(A.address, 'helm')).toMatchObject({ outcome: 'login', via: 'credHelpers', where: 'registry-desk', username: 'alice' });
    expect(answerOf(B.address, 'helm')).toMatchObject({ outcome: 'none' });
    expect(answerOf(D.address, 'helm')).toMatchObject({ outcome: 'error', note: 'helperMissing' });
  });

  it('flags plain text, a missing helper and different logins for one host', () => {
    const { A, B, C, D, E } = proxies;
    expect(hostOf(A.address)).toMatchObject({ registryName: 'Alice', flags: ['plainText', 'conflict'] });
    expect(hostOf(B.address).flags).toEqual(['plainText']);
    expect(hostOf(C.address).flags).toEqual(['plainText', 'conflict']);
    expect(answerOf(C.address, 'docker').login).not.toBe(answerOf(C.address, 'containers').login);
    expect(hostOf(D.address).flags).toEqual(['plainText', 'helperMissing']);
    expect(hostOf(E.address)).toMatchObject({ registryName: 'Erin', flags: [] });
  });

  it('never hands a password to the window', () => {
    const text = JSON.stringify(doctor);
    for (const password of Object.values(passwords)) {
      expect(text).not.toContain(password);
      expect(text).not.toContain(base64(password).slice(0, 12));
    }
  });

  it('tests the login a tool would send with the existing connection test', async () => {
    const result = await test.services.tools.doctorTest(proxies.A.address, 'docker');
    expect(result).toMatchObject({ ok: true, registryId: hostOf(proxies.A.address).registryId });
    await expect(test.services.tools.doctorTest(proxies.B.address, 'docker')).rejects.toMatchObject({ appError: { code: 'tools.doctorNoLogin' } });
    // Logins only the tools hold, on a host only they know: tested as they reach it, over plain HTTP.
    expect(await test.services.tools.doctorTest(proxies.B.address, 'containers')).toMatchObject({ ok: true, warnings: expect.arrayContaining(['plainHttp']) });
    expect(await test.services.tools.doctorTest(proxies.C.address, 'docker')).toMatchObject({ ok: true });
    // The proxy saw the login the doctor named for that tool: containers-image's dave for C.
    const mark = proxies.C.mark();
    expect(await test.services.tools.doctorTest(proxies.C.address, 'containers')).toMatchObject({ ok: true });
    expect(proxies.C.basicUsers(mark)).toEqual(['dave']);
  });
});

/** What one real client sent through a host's proxy: the Basic users, and whether the client got the manifest. */
async function clientRun(address: string, command: () => Promise<{ ok: boolean; output: string }>) {
  const proxy = Object.values(proxies).find((candidate) => candidate.address === address)!;
  const mark = proxy.mark();
  const result = await command();
  return { ok: result.ok, output: result.output, users: proxy.basicUsers(mark) };
}

/** The doctor's answer, as what must reach the registry: the user, nobody, or no request with a login at all (the tool stopped). */
function expected(answer: DoctorAnswer): { ok: boolean; users: string[] } {
  return answer.outcome === 'login' ? { ok: true, users: [answer.username!] } : { ok: false, users: [] };
}

describe('what the real clients send matches the doctor', () => {
  const hosts = ['A', 'B', 'C', 'D', 'E'] as const;

  it.for(hosts)('skopeo inspect through host %s', async (name) => {
    const address = proxies[name].address;
    const sent = await clientRun(address, () => tool('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${address}/team/app:1`]));
    const answer = answerOf(address, 'containers');
    expect({ ok: sent.ok, users: sent.users }, sent.output).toEqual(expected(answer));
    if (answer.outcome === 'error') expect(sent.output).toMatch(/docker-credential-nowhere/);
  });

  it.for(hosts)('docker manifest inspect through host %s', async (name) => {
    const address = proxies[name].address;
    const sent = await clientRun(address, () => tool('docker', ['manifest', 'inspect', '--insecure', `${address}/team/app:1`]));
    expect({ ok: sent.ok, users: sent.users }, sent.output).toEqual(expected(answerOf(address, 'docker')));
  });

  // The image is no chart, so helm fails after its manifest request; the login on that request is what counts.
  it.for(hosts)('helm pull through host %s', async (name, context) => {
    const helm = await tool('helm', ['version', '--short']);
    if (!helm.ok) return context.skip('no helm on PATH (Debian 12 packages none): helm\'s answers above follow oras-go\'s source only');
    const address = proxies[name].address;
    const sent = await clientRun(address, () => tool('helm', ['pull', `oci://${address}/team/app`, '--version', '1', '--plain-http', '--destination', station.home]));
    expect(sent.users, sent.output).toEqual(expected(answerOf(address, 'helm')).users);
  });
});
