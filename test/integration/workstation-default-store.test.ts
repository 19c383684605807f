import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildOciImages, pushImage } from '../registry-servers/oci-images';
import { startDockerRegistry, type RunningDockerRegistry } from '../registry-servers/docker-registry';
import { startRecordingProxy, type RecordingProxy } from '../registry-servers/recording-proxy';
import { buildCredentialHelper, type BuiltHelper } from '../support/credential-helper-build';
import type { TestServices } from '../support/services';
import { startToolsHome } from '../support/tools-home';
import { runTool } from '../support/tool-run';

// docker (ContainsAuth) and helm (oras-go IsAuthConfigured) ask the default store
// (docker-credential-secretservice here) for every host only while their file holds no login at all.
// The real docker CLI, the real secretservice helper in the test keyring, and two recording proxies
// in front of one registry: B's login lives only in secretservice; the switch sends A to
// registry-desk. Without the tick docker stops sending B's login, as the preview warns; with
// "Keep using secretservice" the file gets credsStore and docker still sends it.

const secret = (label: string) => `${label}-${randomBytes(8).toString('hex')}`;
const passwords = { paul: secret('paul'), gina: secret('gina') };

let built: BuiltHelper;
let home: string;
let registry: RunningDockerRegistry;
let hostA: RecordingProxy;
let hostB: RecordingProxy;
let test: TestServices;
let env: NodeJS.ProcessEnv;
let registryId: string;
let dockerFile: string;
let helmFile: string;

const secretservice = (action: string, input: string) => runTool('docker-credential-secretservice', [action], env, input);

beforeAll(async () => {
  built = await buildCredentialHelper();
  home = await mkdtemp(join('/tmp', 'rd-default-store-'));
  registry = await startDockerRegistry({ users: passwords });
  const images = await buildOciImages({});
  await pushImage(images, 'single', { reference: `${registry.address}/team/app:1`, username: 'paul', password: passwords.paul });
  await images.remove();
  [hostA, hostB] = await Promise.all([startRecordingProxy(registry.port), startRecordingProxy(registry.port)]);
  ({ env, test } = await startToolsHome(home, built, 'default-store'));
  registryId = (await test.services.registries.create({ type: 'other', name: 'A', url: `http://${hostA.address}`, username: 'paul', password: passwords.paul, connection: 'insecure' })).id;
  expect(await secretservice('store', JSON.stringify({ ServerURL: hostB.address, Username: 'gina', Secret: passwords.gina }))).toEqual({ ok: true, output: '' });
  // B saved in Registry Desk too (as after an import), never switched: the doctor has a row for it.
  await test.services.registries.create({ type: 'other', name: 'B', url: `http://${hostB.address}`, username: 'gina', password: passwords.gina, connection: 'insecure' });
  expect((await test.services.tools.installHelper()).state).toBe('current');
  dockerFile = join(home, '.docker', 'config.json');
  helmFile = join(home, '.config', 'helm', 'registry', 'config.json');
}, 300_000);

afterAll(async () => {
  if (hostB) await secretservice('erase', hostB.address);
  await Promise.all([hostA?.stop(), hostB?.stop()]);
  await test?.close();
  await registry?.stop();
  await built?.remove();
  if (home) await rm(home, { recursive: true, force: true });
});

/** The Basic users `docker manifest inspect` sent to one host. */
async function dockerSends(host: RecordingProxy): Promise<string[]> {
  const mark = host.mark();
  await runTool('docker', ['manifest', 'inspect', '--insecure', `${host.address}/team/app:1`], env);
  return host.basicUsers(mark);
}

async function startFromEmptyConfig() {
  await mkdir(join(home, '.docker'), { recursive: true });
  await writeFile(dockerFile, '{}\n', { mode: 0o600 });
  await rm(helmFile, { force: true });
  // The control: with `{}`, docker asks secretservice and sends B's login.
  expect(await dockerSends(hostB)).toEqual(['gina']);
}

/** The doctor's docker and helm answers for host B. */
async function doctorForB() {
  const row = (await test.services.tools.doctor()).hosts.find((host) => host.host === hostB.address)!;
  const by = (tool: string) => row.answers.find((answer) => answer.tool === tool)!;
  return { docker: by('docker'), helm: by('helm') };
}

it('without the tick, the preview warns that docker and helm stop asking secretservice, and docker then sends B no login', async () => {
  await startFromEmptyConfig();
  const { tools } = test.services;
  // The doctor says what docker just did (B's login from secretservice), and that a switch ends it.
  const before = await doctorForB();
  expect(before.docker).toMatchObject({ outcome: 'login', via: 'defaultStore', helper: 'secretservice', username: 'gina', note: 'defaultStoreEnds' });
  expect(before.helm).toMatchObject({ outcome: 'login', via: 'defaultStore', helper: 'secretservice', username: 'gina', note: 'defaultStoreEnds' });
  const preview = await tools.preview({ registryIds: [registryId], removePlainText: true });
  expect(preview).toMatchObject({ defaultStore: 'secretservice', keepDefaultStore: false });
  const byPath = Object.fromEntries(preview.changes.map((change) => [change.path, change]));
  expect(byPath[dockerFile]).toMatchObject({ defaultStore: 'secretservice', keepsDefaultStore: false });
  expect(byPath[helmFile]).toMatchObject({ defaultStore: 'secretservice', keepsDefaultStore: false });
  // containers-image never asks a default store: its file has nothing to lose.
  expect(preview.changes.filter((change) => change.kind === 'containers').map((change) => change.defaultStore)).toEqual([null]);

  const { undoId } = await tools.apply(preview.previewId);
  expect(JSON.parse(await readFile(dockerFile, 'utf8'))).toEqual({ credHelpers: { [hostA.address]: 'registry-desk' } });
  expect(await dockerSends(hostB)).toEqual([]);
  expect(await dockerSends(hostA)).toEqual(['paul']);
  // As the note said: docker now sends B nothing, and the doctor agrees.
  expect((await doctorForB()).docker).toMatchObject({ outcome: 'none', note: null });

  await tools.undo(undoId);
  expect(await readFile(dockerFile, 'utf8')).toBe('{}\n');
  expect(await dockerSends(hostB)).toEqual(['gina']);
}, 240_000);

it('with "Keep using secretservice", credsStore is written beside the helper entry and docker still sends B its login', async () => {
  await startFromEmptyConfig();
  const { tools } = test.services;
  const preview = await tools.preview({ registryIds: [registryId], removePlainText: true, keepDefaultStore: true });
  expect(preview).toMatchObject({ defaultStore: 'secretservice', keepDefaultStore: true });
  expect(preview.changes.find((change) => change.path === dockerFile)).toMatchObject({ defaultStore: 'secretservice', keepsDefaultStore: true });

  const { undoId } = await tools.apply(preview.previewId);
  const expected = { credsStore: 'secretservice', credHelpers: { [hostA.address]: 'registry-desk' } };
  expect(JSON.parse(await readFile(dockerFile, 'utf8'))).toEqual(expected);
  expect(JSON.parse(await readFile(helmFile, 'utf8'))).toEqual(expected);
  expect(await dockerSends(hostB)).toEqual(['gina']);
  expect(await dockerSends(hostA)).toEqual(['paul']);
  // Kept as credsStore, the login no longer depends on the file holding nothing: no note.
  expect((await doctorForB()).docker).toMatchObject({ outcome: 'login', via: 'credsStore', username: 'gina', note: null });

  await tools.undo(undoId);
  expect(await readFile(dockerFile, 'utf8')).toBe('{}\n');
}, 240_000);
