import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildOciImages, pushImage } from '../registry-servers/oci-images';
import { startDockerRegistry, type RunningDockerRegistry } from '../registry-servers/docker-registry';
import { buildCredentialHelper, type BuiltHelper } from '../support/credential-helper-build';
import type { TestServices } from '../support/services';
import { startToolsHome } from '../support/tools-home';

// The screen's services on a home of its own, then real skopeo: containers' auth.json holds a
// plain-text login; the switch replaces it with credHelpers → registry-desk and the launcher the
// screen installs. skopeo then gets in with no password in any file, through the launcher on PATH.

const run = promisify(execFile);
const PASSWORD = `plain-${randomBytes(8).toString('hex')}`;
const b64 = (text: string) => Buffer.from(text).toString('base64');

let built: BuiltHelper;
let home: string;
let registry: RunningDockerRegistry;
let test: TestServices;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  built = await buildCredentialHelper();
  home = await mkdtemp(join('/tmp', 'rd-tools-'));
  registry = await startDockerRegistry({ users: { paul: PASSWORD } });
  const images = await buildOciImages({});
  await pushImage(images, 'single', { reference: `${registry.address}/team/app:1`, username: 'paul', password: PASSWORD });
  await images.remove();
  ({ env, test } = await startToolsHome(home, built, 'tools'));
  await test.services.registries.create({ type: 'other', name: 'Plain', url: `http://${registry.address}`, username: 'paul', password: PASSWORD, connection: 'insecure' });
  await mkdir(join(home, '.config', 'containers'), { recursive: true });
  await writeFile(join(home, '.config', 'containers', 'auth.json'), JSON.stringify({ auths: { [registry.address]: { auth: b64(`paul:${PASSWORD}`) } } }, null, 2), { mode: 0o600 });
}, 240_000);

afterAll(async () => {
  await test?.close();
  await registry?.stop();
  await built?.remove();
  if (home) await rm(home, { recursive: true, force: true });
});

const inspect = (authFile: string, extra: NodeJS.ProcessEnv = {}) =>
  run('skopeo', ['inspect', '--raw', '--tls-verify=false', '--authfile', authFile, `docker://${registry.address}/team/app:1`], { env: { ...env, ...extra }, timeout: 120_000 }).then(
    () => 'pulled',
    (error: { stderr?: string }) => error.stderr ?? 'failed',
  );

it('switches auth.json to the installed launcher, and skopeo pulls with no password in any file', async () => {
  const { tools } = test.services;
  const authFile = join(home, '.config', 'containers', 'auth.json');
  const before = await tools.overview();
  expect(before.plainTextTotal).toBe(1);
  expect(before.launcher).toMatchObject({ path: join(home, '.local', 'bin', 'docker-credential-registry-desk'), state: 'missing', onShellPath: true });

  expect((await tools.installHelper()).state).toBe('current');
  const preview = await tools.preview({ registryIds: [before.registries[0]!.registryId], removePlainText: true });
  expect(preview.plainTextLeft).toBe(0);
  expect(JSON.stringify(preview)).not.toContain(b64(`paul:${PASSWORD}`));
  await tools.apply(preview.previewId);

  const text = await readFile(authFile, 'utf8');
  expect(text).not.toContain(b64(`paul:${PASSWORD}`));
  expect(JSON.parse(text)).toEqual({ auths: { [registry.address]: {} }, credHelpers: { [registry.address]: 'registry-desk' } });
  expect((await tools.overview()).plainTextTotal).toBe(0);
  expect(await inspect(authFile)).toBe('pulled');

  // Control: a file without the helper entry, in a home whose own auth.json skopeo cannot fall back
  // to, is refused: the helper is what let skopeo in.
  const empty = join(home, 'empty-home');
  await mkdir(empty);
  const control = join(empty, 'control-auth.json');
  await writeFile(control, JSON.stringify({ auths: { [registry.address]: {} } }));
  expect(await inspect(control, { HOME: empty, XDG_CONFIG_HOME: join(empty, '.config') })).toMatch(/unauthorized|authentication required/i);
}, 240_000);

// Helm's registry config (the file `helm registry login` writes: docker's format, tab-indented by
// docker's config writer) gets the same switch, backup and undo. No helm binary here (Debian ships
// none and there is no internet), so skopeo stands in as the docker-format reader: helm loads the same
// file with the docker config loader (ORAS), where credHelpers[host] wins over auths[host] likewise.
it("switches helm's registry config like the others, keeping its fields and tabs, and undo restores it byte for byte", async () => {
  const { tools } = test.services;
  const helmFile = join(home, '.config', 'helm', 'registry', 'config.json');
  await mkdir(join(home, '.config', 'helm', 'registry'), { recursive: true });
  const original = JSON.stringify({ auths: { [registry.address]: { auth: b64(`paul:${PASSWORD}`) } }, HttpHeaders: { 'X-Team': 'a' } }, null, '\t');
  await writeFile(helmFile, original, { mode: 0o600 });

  const before = await tools.overview();
  expect(before.files.find((file) => file.path === helmFile)).toMatchObject({ kind: 'helm' });
  expect(before.plainTextTotal).toBe(1);
  const preview = await tools.preview({ registryIds: [before.registries[0]!.registryId], removePlainText: true });
  const { undoId } = await tools.apply(preview.previewId);

  const text = await readFile(helmFile, 'utf8');
  expect(text).toContain('\n\t"HttpHeaders"');
  expect(JSON.parse(text)).toEqual({ auths: { [registry.address]: {} }, HttpHeaders: { 'X-Team': 'a' }, credHelpers: { [registry.address]: 'registry-desk' } });
  expect(await inspect(helmFile)).toBe('pulled');

  await tools.undo(undoId);
  expect(await readFile(helmFile, 'utf8')).toBe(original);
}, 240_000);

// Docker Hub is the one host the tools spell differently: docker (and helm) look credHelpers up
// under `https://index.docker.io/v1/`, containers-image under `docker.io` only. Real skopeo shows
// which key it reads: a recording launcher ahead of the real one on PATH notes what it is asked,
// and a dead proxy stops skopeo before it reaches the Hub (it asks for credentials first).
it('switches Docker Hub under each tool’s own key, and real skopeo asks the helper for docker.io', async () => {
  const { tools, registries } = test.services;
  const hub = await registries.create({ type: 'docker', name: 'Hub', url: 'docker.io', username: 'hubuser', password: `hub-${randomBytes(6).toString('hex')}` });
  const authFile = join(home, '.config', 'containers', 'auth.json');
  await writeFile(authFile, JSON.stringify({ credHelpers: { 'https://index.docker.io/v1/': 'registry-desk' } }, null, 2), { mode: 0o600 });
  const overview = await tools.overview();
  // A containers file holding only docker's spelling is not switched: skopeo never reads that key.
  expect(overview.registries.find((row) => row.registryId === hub.id)?.switchedIn).not.toContain(authFile);

  const preview = await tools.preview({ registryIds: [hub.id], removePlainText: false });
  await tools.apply(preview.previewId);
  expect(JSON.parse(await readFile(authFile, 'utf8')).credHelpers).toMatchObject({ 'docker.io': 'registry-desk' });
  expect(JSON.parse(await readFile(join(home, '.docker', 'config.json'), 'utf8')).credHelpers).toMatchObject({ 'https://index.docker.io/v1/': 'registry-desk' });
  expect((await tools.overview()).registries.find((row) => row.registryId === hub.id)?.switchedIn).toEqual(expect.arrayContaining([authFile, join(home, '.docker', 'config.json')]));

  const recorder = join(home, 'recording-bin');
  const calls = join(home, 'helper-calls.log');
  await mkdir(recorder);
  await writeFile(
    join(recorder, 'docker-credential-registry-desk'),
    ['#!/bin/sh', 'request=$(cat)', `printf '%s %s\\n' "$1" "$request" >> '${calls}'`, `printf %s "$request" | exec '${join(home, '.local', 'bin', 'docker-credential-registry-desk')}' "$@"`, ''].join('\n'),
    { mode: 0o755 },
  );
  const deadProxy = 'http://127.0.0.1:9';
  await run('skopeo', ['inspect', '--raw', '--authfile', authFile, 'docker://docker.io/library/alpine:3'], {
    env: { ...env, PATH: [recorder, env.PATH].join(delimiter), HTTPS_PROXY: deadProxy, https_proxy: deadProxy, NO_PROXY: '' },
    timeout: 120_000,
  }).catch(() => undefined);
  expect((await readFile(calls, 'utf8')).split('\n').filter(Boolean)).toContain('get docker.io');
}, 240_000);
