import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDockerRegistry, type RunningDockerRegistry } from '../registry-servers/docker-registry';
import { buildOciImages, pushImage, type BuiltImages } from '../registry-servers/oci-images';
import { buildCredentialHelper, installHelper, type BuiltHelper } from '../support/credential-helper-build';
import { createTestWorkstation, type TestWorkstation } from '../support/import-workstation';
import { createTestServices, type TestServices } from '../support/services';

// `docker login` to a plain-HTTP registry, with the real docker CLI (client only: with no daemon it
// logs in client side, and 127.0.0.0/8 is an insecure registry to it, so it falls back to HTTP).
// docker hands the helper's `store` the address exactly as typed: `http://127.0.0.1:PORT` or
// `127.0.0.1:PORT`. Either way the registry Registry Desk creates must be the plain-HTTP one
// docker reached, or its own connection test and the cluster secrets would try HTTPS.

const password = (label: string) => `${label}-${randomBytes(8).toString('hex')}`;
const users = { scheme: password('scheme'), bare: password('bare') };

let built: BuiltHelper;
let station: TestWorkstation;
let test: TestServices;
let images: BuiltImages;
let withScheme: RunningDockerRegistry;
let bare: RunningDockerRegistry;
let env: NodeJS.ProcessEnv;

const tool = (command: string, args: string[], input?: string) =>
  new Promise<{ ok: boolean; output: string }>((resolve) => {
    const child = execFile(command, args, { env, timeout: 120_000 }, (error, stdout, stderr) => resolve({ ok: !error, output: `${stdout}${stderr}` }));
    if (input !== undefined) child.stdin?.end(input);
  });

beforeAll(async () => {
  built = await buildCredentialHelper();
  station = await createTestWorkstation();
  const dataDir = join(station.home, 'registry-desk');
  test = await createTestServices({ dataDir, keychainService: `registry-desk-insecure-${randomBytes(4).toString('hex')}` });
  await installHelper(station.bin, built, { dataDir, keychainService: test.keychainService });
  const dockerDir = join(station.home, 'docker');
  env = { ...station.workstation.env, DOCKER_CONFIG: dockerDir };
  [withScheme, bare] = await Promise.all([startDockerRegistry({ users: { sam: users.scheme } }), startDockerRegistry({ users: { bea: users.bare } })]);
  images = await buildOciImages({});
  await pushImage(images, 'single', { reference: `${withScheme.address}/team/app:1`, username: 'sam', password: users.scheme });
  await pushImage(images, 'single', { reference: `${bare.address}/team/app:1`, username: 'bea', password: users.bare });
  await mkdir(dockerDir, { recursive: true });
  // Both spellings docker may be given go to the helper: credHelpers keys are matched as typed.
  await writeFile(
    join(dockerDir, 'config.json'),
    JSON.stringify({ credHelpers: { [`http://${withScheme.address}`]: 'registry-desk', [withScheme.address]: 'registry-desk', [bare.address]: 'registry-desk' } }),
  );
}, 300_000);

afterAll(async () => {
  await Promise.all([withScheme?.stop(), bare?.stop()]);
  await test?.close();
  await images?.remove();
  await built?.remove();
  await station?.close();
});

const saved = async (address: string) => (await test.services.registries.list()).find((registry) => registry.url.replace(/^http:\/\//, '') === address);

describe('docker login to a plain-HTTP registry reaches store', () => {
  it.for([
    ['http://HOST', 'sam', 'scheme'],
    ['HOST', 'bea', 'bare'],
  ] as const)('typed as %s', async ([typed, user, key]) => {
    const registry = key === 'scheme' ? withScheme : bare;
    const login = await tool('docker', ['login', '--username', user, '--password-stdin', typed.replace('HOST', registry.address)], users[key]);
    expect(login.output).toContain('Login Succeeded');
    const created = await saved(registry.address);
    expect(created).toMatchObject({ type: 'other', url: `http://${registry.address}`, connection: 'insecure', username: user, addedBy: 'docker-login' });
    expect(await test.services.connection.testRegistry(created!.id, 'insecure-login')).toMatchObject({ ok: true, warnings: expect.arrayContaining(['plainHttp']) });
    const config = await readFile(join(env.DOCKER_CONFIG!, 'config.json'), 'utf8');
    expect(config).not.toContain(users[key]);
    const inspected = await tool('docker', ['manifest', 'inspect', '--insecure', `${registry.address}/team/app:1`]);
    expect(inspected.ok, inspected.output).toBe(true);
    const logout = await tool('docker', ['logout', typed.replace('HOST', registry.address)]);
    expect(logout.output).not.toMatch(/WARNING|error/i);
    expect(await saved(registry.address)).toBeUndefined();
  });
});
