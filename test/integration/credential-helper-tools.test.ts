import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyConfigSwitch, planConfigSwitch } from '../../main/credential-helper';
import { buildOciImages, pushImage, type BuiltImages } from '../registry-servers/oci-images';
import { startDockerRegistry, type RunningDockerRegistry } from '../registry-servers/docker-registry';
import { buildCredentialHelper, installHelper, type BuiltHelper } from '../support/credential-helper-build';
import { makeCertificateAuthority, makeServerCertificate } from '../support/fixtures';
import { createTestWorkstation, type TestWorkstation } from '../support/import-workstation';
import { createTestServices, type TestServices } from '../support/services';

// Real clients against real docker-registry 2.8 instances with htpasswd, each told only
// `credHelpers[host] = "registry-desk"`: no password in any of their files. That they get in at
// all proves the helper answered; a control run without the helper is refused.

const run = promisify(execFile);
const password = (label: string) => `${label}-${randomBytes(8).toString('hex')}`;
const users = { tls: password('tls'), plain: password('plain'), login: password('login') };

let built: BuiltHelper;
let station: TestWorkstation;
let test: TestServices;
let images: BuiltImages;
let tls: RunningDockerRegistry;
/** The TLS registry on one of the machine's own non-loopback addresses, for the docker CLI (see below); null where there is none. */
let lan: RunningDockerRegistry | null = null;
let plain: RunningDockerRegistry;
let loginTarget: RunningDockerRegistry;
let certDir: string;
let authFile: string;
let env: NodeJS.ProcessEnv;
/** For containers-image: a HOME without docker's config.json, so only the --authfile given counts. */
let authFileOnly: NodeJS.ProcessEnv;
let storageRoot: string;

const tool = (command: string, args: string[], extra: NodeJS.ProcessEnv = {}) =>
  run(command, args, { env: { ...env, ...extra }, timeout: 120_000 }).then(
    (result) => ({ ok: true, output: `${result.stdout}${result.stderr}` }),
    (error: { stdout?: string; stderr?: string; message: string }) => ({ ok: false, output: `${error.stdout ?? ''}${error.stderr ?? error.message}` }),
  );

/**
 * An IPv4 address of this machine that is not loopback. The docker CLI treats 127.0.0.0/8, ::1 and
 * localhost as insecure registries (docker/docker registry config.go isInsecure): it skips the
 * certificate check there and never reads a CA, so its TLS with a test CA needs another address.
 */
const nonLoopbackAddress = () =>
  Object.values(networkInterfaces())
    .flat()
    .find((address) => address?.family === 'IPv4' && !address.internal)?.address ?? null;

const helpersFor = (...registries: RunningDockerRegistry[]) => ({ credHelpers: Object.fromEntries(registries.map((registry) => [registry.address, 'registry-desk'])) });

beforeAll(async () => {
  built = await buildCredentialHelper();
  station = await createTestWorkstation();
  const dataDir = join(station.home, 'registry-desk');
  test = await createTestServices({ dataDir, keychainService: `registry-desk-tools-${randomBytes(4).toString('hex')}` });
  await installHelper(station.bin, built, { dataDir, keychainService: test.keychainService });
  env = { ...station.workstation.env, DOCKER_CONFIG: join(station.home, '.docker') };
  authFileOnly = { HOME: join(station.home, 'containers-home'), DOCKER_CONFIG: undefined };
  await mkdir(authFileOnly.HOME!);
  // podman refuses a run root longer than 50 characters.
  storageRoot = await mkdtemp(join('/tmp', 'rd-'));

  const ca = makeCertificateAuthority();
  certDir = join(station.home, 'certs');
  await mkdir(certDir);
  await writeFile(join(certDir, 'ca.crt'), ca.certificate);
  const lanHost = nonLoopbackAddress();
  [tls, plain, loginTarget, lan] = await Promise.all([
    startDockerRegistry({ tls: makeServerCertificate(ca, { hosts: ['127.0.0.1', 'localhost'] }), users: { tess: users.tls } }),
    startDockerRegistry({ users: { paul: users.plain } }),
    startDockerRegistry({ users: { lena: users.login } }),
    lanHost ? startDockerRegistry({ tls: makeServerCertificate(ca, { hosts: [lanHost] }), users: { tess: users.tls }, listenHost: lanHost }) : null,
  ]);
  images = await buildOciImages({});
  await pushImage(images, 'single', { reference: `${plain.address}/team/app:1`, username: 'paul', password: users.plain });
  await pushImage(images, 'single', { reference: `${loginTarget.address}/team/app:1`, username: 'lena', password: users.login });
  const pushed = await tool('skopeo', ['copy', '--quiet', '--dest-cert-dir', certDir, '--dest-creds', `tess:${users.tls}`, `oci:${images.folder}:single`, `docker://${tls.address}/team/app:1`]);
  expect(pushed.output).toBe('');
  if (lan) {
    const pushedLan = await tool('skopeo', ['copy', '--quiet', '--dest-cert-dir', certDir, '--dest-creds', `tess:${users.tls}`, `oci:${images.folder}:single`, `docker://${lan.address}/team/app:1`]);
    expect(pushedLan.output).toBe('');
    await test.services.registries.create({ type: 'other', name: 'LAN', url: lan.address, username: 'tess', password: users.tls, connection: 'secure-with-ca', caCertificate: ca.certificate });
  }

  await test.services.registries.create({ type: 'other', name: 'TLS', url: tls.address, username: 'tess', password: users.tls, connection: 'secure-with-ca', caCertificate: ca.certificate });
  await test.services.registries.create({ type: 'other', name: 'Plain', url: `http://${plain.address}`, username: 'paul', password: users.plain, connection: 'insecure' });
  authFile = join(station.home, 'auth.json');
  await writeFile(authFile, JSON.stringify(helpersFor(tls, plain), null, 2));
  // docker's file as a `docker login` without helpers leaves it, switched by the screen's writer: helpers in, plain text out.
  const b64 = (text: string) => Buffer.from(text).toString('base64');
  await station.writeDockerConfig({ auths: { [tls.address]: { auth: b64(`tess:${users.tls}`) }, [plain.address]: { auth: b64(`paul:${users.plain}`) } } });
  const switched = [tls, plain, loginTarget, ...(lan ? [lan] : [])];
  const plan = planConfigSwitch(station.dockerConfig, await readFile(station.dockerConfig, 'utf8'), switched.map((registry) => registry.address), true);
  expect(plan).toMatchObject({ removedPlainText: [tls.address, plain.address], plainTextLeft: 0 });
  await applyConfigSwitch(plan);
  expect(JSON.parse(await readFile(station.dockerConfig, 'utf8'))).toMatchObject(helpersFor(...switched));
  expect(await readFile(station.dockerConfig, 'utf8')).not.toMatch(new RegExp(`${b64(`tess:${users.tls}`)}|${b64(`paul:${users.plain}`)}`));
}, 300_000);

afterAll(async () => {
  await Promise.all([tls?.stop(), plain?.stop(), loginTarget?.stop(), lan?.stop()]);
  await test?.close();
  await images?.remove();
  await built?.remove();
  await station?.close();
  if (storageRoot) await rm(storageRoot, { recursive: true, force: true });
});

describe('skopeo (containers-image) with --authfile naming only the helper', () => {
  it('inspects and copies from the TLS registry with the test CA', async () => {
    const inspected = await tool('skopeo', ['inspect', '--raw', '--cert-dir', certDir, '--authfile', authFile, `docker://${tls.address}/team/app:1`], authFileOnly);
    expect(inspected.output).toContain('schemaVersion');
    expect(inspected.ok).toBe(true);
    const copied = await tool('skopeo', ['copy', '--quiet', '--src-cert-dir', certDir, '--authfile', authFile, `docker://${tls.address}/team/app:1`, `oci:${join(station.home, 'copy')}:1`], authFileOnly);
    expect(copied).toEqual({ ok: true, output: '' });
  });

  it('inspects and copies from the plain-HTTP registry', async () => {
    const inspected = await tool('skopeo', ['inspect', '--raw', '--tls-verify=false', '--authfile', authFile, `docker://${plain.address}/team/app:1`], authFileOnly);
    expect(inspected.ok).toBe(true);
    const copied = await tool('skopeo', ['copy', '--quiet', '--src-tls-verify=false', '--authfile', authFile, `docker://${plain.address}/team/app:1`, `oci:${join(station.home, 'copy-plain')}:1`], authFileOnly);
    expect(copied).toEqual({ ok: true, output: '' });
  });

  it('is refused without the helper (the control)', async () => {
    const empty = join(station.home, 'empty-auth.json');
    await writeFile(empty, '{}');
    const inspected = await tool('skopeo', ['inspect', '--raw', '--tls-verify=false', '--authfile', empty, `docker://${plain.address}/team/app:1`], authFileOnly);
    expect(inspected.ok).toBe(false);
    expect(inspected.output).toMatch(/unauthorized|authentication required/i);
  });
});

describe('podman and buildah (Debian 12: podman 4.3, buildah 1.28, as root), with --authfile naming only the helper', () => {
  const storage = (command: string, label: string) => ['--root', join(storageRoot, `${command}-${label}`), '--runroot', join(storageRoot, `${command}-${label}-run`), '--storage-driver', 'vfs'];
  /** The same pull with the password on the command line: if that fails, the sandbox stops the tool, not the helper. */
  async function skipUnlessItPulls(command: string, context: { skip(note: string): void }) {
    const control = await tool(command, [...storage(command, 'control'), 'pull', '--quiet', '--tls-verify=false', '--creds', `paul:${users.plain}`, `docker://${plain.address}/team/app:1`], authFileOnly);
    if (!control.ok) context.skip(`${command} cannot pull in this sandbox even with --creds: ${control.output.trim().split('\n').pop()}`);
  }

  it.for(['podman', 'buildah'])('%s pulls over TLS checked against the test CA (--cert-dir), and is refused without the CA', async (command, context) => {
    await skipUnlessItPulls(command, context);
    const withoutCa = await tool(command, [...storage(command, 'no-ca'), 'pull', '--quiet', '--authfile', authFile, `docker://${tls.address}/team/app:1`], authFileOnly);
    expect(withoutCa.ok).toBe(false);
    expect(withoutCa.output).toMatch(/x509: certificate signed by unknown authority/);
    const pulled = await tool(command, [...storage(command, 'tls'), 'pull', '--quiet', '--cert-dir', certDir, '--authfile', authFile, `docker://${tls.address}/team/app:1`], authFileOnly);
    expect(pulled.output).not.toMatch(/unauthorized|error/i);
    expect(pulled.ok).toBe(true);
  });

  it.for(['podman', 'buildah'])('%s pulls from the plain-HTTP registry (--tls-verify=false, the insecure case)', async (command, context) => {
    await skipUnlessItPulls(command, context);
    const pulled = await tool(command, [...storage(command, 'helper'), 'pull', '--quiet', '--tls-verify=false', '--authfile', authFile, `docker://${plain.address}/team/app:1`], authFileOnly);
    expect(pulled.output).not.toMatch(/unauthorized|error/i);
    expect(pulled.ok).toBe(true);
  });
});

describe('the docker CLI with config.json switched to the helper (no password left in it)', () => {
  /**
   * docker 28 reads a registry's CA from `<certs dir>/<host:port>/ca.crt`, where the certs dir is
   * /etc/docker/certs.d, or $XDG_CONFIG_HOME/docker/certs.d when ROOTLESSKIT_STATE_DIR is set
   * (rootless docker; docker/docker registry config.go setCertsDir). The test uses the rootless
   * layout in its own home, so nothing outside it is touched. ~/.docker/certs.d is not read.
   */
  it('docker manifest inspect gets in over TLS checked against the test CA in docker\'s certs.d (no --insecure)', async (context) => {
    if (!lan) return context.skip('no non-loopback IPv4 address on this machine: docker skips certificate checks for 127.0.0.0/8 and localhost, so its CA handling cannot be shown');
    const certsHome = join(station.home, 'docker-certs');
    const rootless = { ROOTLESSKIT_STATE_DIR: join(certsHome, 'rootlesskit'), XDG_CONFIG_HOME: join(certsHome, 'xdg') };
    const reference = `${lan.address}/team/app:1`;
    // The control: the CA only where docker does not look (beside its config.json) is an unknown authority.
    await mkdir(join(env.DOCKER_CONFIG!, 'certs.d', lan.address), { recursive: true });
    await writeFile(join(env.DOCKER_CONFIG!, 'certs.d', lan.address, 'ca.crt'), await readFile(join(certDir, 'ca.crt')));
    const unknown = await tool('docker', ['manifest', 'inspect', reference], rootless);
    expect(unknown.ok).toBe(false);
    expect(unknown.output).toMatch(/x509: certificate signed by unknown authority/);
    await mkdir(join(rootless.XDG_CONFIG_HOME, 'docker', 'certs.d', lan.address), { recursive: true });
    await writeFile(join(rootless.XDG_CONFIG_HOME, 'docker', 'certs.d', lan.address, 'ca.crt'), await readFile(join(certDir, 'ca.crt')));
    const inspected = await tool('docker', ['manifest', 'inspect', reference], rootless);
    expect(inspected.output).toContain('schemaVersion');
    expect(inspected.ok).toBe(true);
  });

  it('docker manifest inspect --insecure gets in to the plain-HTTP registry', async () => {
    const inspected = await tool('docker', ['manifest', 'inspect', '--insecure', `${plain.address}/team/app:1`]);
    expect(inspected.output).toContain('schemaVersion');
    expect(inspected.ok).toBe(true);
  });

  it('docker login reaches store, and docker logout reaches erase', async () => {
    const login = await run('sh', ['-c', `printf %s "$PW" | docker login --username lena --password-stdin ${loginTarget.address}`], {
      env: { ...env, PW: users.login },
      timeout: 120_000,
    });
    expect(`${login.stdout}${login.stderr}`).toContain('Login Succeeded');
    const created = (await test.services.registries.list()).find((registry) => registry.url === `http://${loginTarget.address}`);
    expect(created).toMatchObject({ type: 'other', username: 'lena', addedBy: 'docker-login' });
    const config = await readFile(station.dockerConfig, 'utf8');
    expect(config).not.toContain(Buffer.from(`lena:${users.login}`).toString('base64'));
    expect(config).not.toContain(users.login);
    const inspected = await tool('docker', ['manifest', 'inspect', '--insecure', `${loginTarget.address}/team/app:1`]);
    expect(inspected.ok).toBe(true);

    const logout = await tool('docker', ['logout', loginTarget.address]);
    expect(logout.output).not.toMatch(/WARNING|error/i);
    expect((await test.services.registries.list()).find((registry) => registry.url === `http://${loginTarget.address}`)).toBeUndefined();
  });
});
