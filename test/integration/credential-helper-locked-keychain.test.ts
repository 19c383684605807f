import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeytarSecretStore } from '../../main/keychain/keytar-secret-store';
import type { SecretStore } from '../../main/keychain/secret-store';
import { bundleEntry } from '../support/bundled-entry';
import { buildCredentialHelper, callHelper, installHelper, type BuiltHelper, type HelperCall } from '../support/credential-helper-build';
import { keytar } from '../support/real-keytar';
import { createTestServices, type TestServices } from '../support/services';

// A locked gnome-keyring, for real: each call starts a D-Bus session and keyring of its own (the
// shared test keyring stays unlocked for the other test files), seeds the registries' secrets
// with keytar, locks the login collection over the Secret Service API as a screen lock does, and
// only then runs the helper. No prompter can be shown here, so libsecret's unlock prompt fails at
// once and the lookup answers "no such item": the helper must say the keychain is locked, not that
// the password is missing, and must neither hang nor print a secret.

const ROOT = join(import.meta.dirname, '..', '..');
const quayPassword = `quay-${randomBytes(8).toString('hex')}`;
const awsSecret = `aws-${randomBytes(12).toString('hex')}`;

let built: BuiltHelper;
let folder: string;
let test: TestServices;
let helper: string;
let seedFile: string;
let launcher: string;
/** What the app stored, kept here so each private keyring can be seeded with it. */
const stored = new Map<string, string>();

const memoryStore: SecretStore = {
  get: async (account) => stored.get(account) ?? null,
  set: async (account, secret) => void stored.set(account, secret),
  delete: async (account) => stored.delete(account),
  status: async () => ({ available: true, backend: 'memory' }),
};

/**
 * Runs as a credential helper: starts a D-Bus session of its own, unlocks a keyring in it, seeds
 * it, locks it when LOCK=1, then hands the call (action and stdin) to the real helper.
 */
const PRIVATE_KEYRING_LAUNCHER = [
  '#!/bin/sh',
  'set -e',
  'if [ -z "${IN_PRIVATE_SESSION:-}" ]; then IN_PRIVATE_SESSION=1 exec dbus-run-session -- "$0" "$@"; fi',
  'printf %s "$KEYRING_PW" | gnome-keyring-daemon --unlock --components=secrets >/dev/null',
  'unset KEYRING_PW',
  '"$NODE" "$SEED_SCRIPT"',
  // The Secret Service's own Lock, as a screen locker calls it; it asks for no prompt.
  'if [ "$LOCK" = 1 ]; then dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets org.freedesktop.Secret.Service.Lock array:objpath:/org/freedesktop/secrets/collection/login >/dev/null; fi',
  'exec "$HELPER" "$@"',
  '',
].join('\n');

/** One helper call (`get` unless told), inside a keyring of its own that is locked (or not) after seeding. */
async function getInPrivateKeyring(server: string, lock: boolean, seeded = [...stored], action = 'get', executable = helper): Promise<HelperCall> {
  const home = await mkdtemp(join(folder, 'home-'));
  await mkdir(join(home, 'runtime'), { mode: 0o700 });
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_RUNTIME_DIR: join(home, 'runtime'),
    KEYRING_PW: randomBytes(12).toString('hex'),
    LOCK: lock ? '1' : '0',
    NODE: process.execPath,
    SEED_SCRIPT: seedFile,
    SEED: JSON.stringify(seeded),
    KEYCHAIN_SERVICE: test.keychainService,
    HELPER: executable,
  };
  // callHelper kills a call after 60 s: a hang shows as code null, not as a test timeout.
  return callHelper(launcher, action, server, env);
}

beforeAll(async () => {
  built = await buildCredentialHelper();
  folder = await mkdtemp(join(tmpdir(), 'registry-desk-helper-locked-'));
  const dataDir = join(folder, 'data');
  test = await createTestServices({ dataDir, keychainService: `registry-desk-locked-${randomBytes(4).toString('hex')}`, secrets: memoryStore });
  helper = await installHelper(folder, built, { dataDir, keychainService: test.keychainService });
  await test.services.registries.create({ type: 'quay', name: 'Quay', url: 'quay.io', username: 'team+ci', password: quayPassword });
  await test.services.registries.create({
    type: 'ecr',
    name: 'ECR',
    url: '123456789012.dkr.ecr.eu-west-1.amazonaws.com',
    authType: 'user-auth',
    accessKeyId: 'AKIALOCKEDTEST000001',
    secretAccessKey: awsSecret,
  });
  launcher = join(folder, 'private-keyring-helper');
  await writeFile(launcher, PRIVATE_KEYRING_LAUNCHER, { mode: 0o755 });
  seedFile = join(folder, 'seed.cjs');
  await writeFile(
    seedFile,
    [
      `const keytar = require(${JSON.stringify(join(ROOT, 'node_modules', 'keytar'))});`,
      'const service = process.env.KEYCHAIN_SERVICE;',
      'const entries = JSON.parse(process.env.SEED);',
      'Promise.all(entries.map(([account, secret]) => keytar.setPassword(service, account, secret))).catch((error) => { console.error(error.message); process.exit(1); });',
    ].join('\n'),
  );
}, 180_000);

afterAll(async () => {
  await test?.close();
  await built?.remove();
  await rm(folder, { recursive: true, force: true });
});

describe('a locked keychain', () => {
  it('unlocked, the same private keyring answers (the seeding and the helper reach it)', async () => {
    const call = await getInPrivateKeyring('quay.io', false);
    expect(call.code, call.stderr).toBe(0);
    expect(JSON.parse(call.stdout)).toEqual({ ServerURL: 'quay.io', Username: 'team+ci', Secret: quayPassword });
  });

  it('unlocked, a secret that is really gone is still named as missing, not as a locked keychain', async () => {
    const quay = test.services.settings.read().registries.find((record) => record.url === 'quay.io')!;
    const call = await getInPrivateKeyring('quay.io', false, [...stored].filter(([account]) => !account.startsWith(quay.id)));
    expect(call.code, call.stderr).toBe(1);
    expect(call.stdout).toBe('The keychain holds no password/token for this registry.\n');
  });

  it.each([
    ['a stored password (Quay)', 'quay.io'],
    ['an AWS secret key (ECR)', '123456789012.dkr.ecr.eu-west-1.amazonaws.com'],
  ])('%s: one line saying the keychain is locked, exit 1, no secret', async (_what, server) => {
    const call = await getInPrivateKeyring(server, true);
    expect(call.code, call.stderr).toBe(1);
    expect(call.stdout.split('\n').filter(Boolean)).toEqual([expect.stringMatching(/keychain is locked/)]);
    expect(call.stdout).not.toMatch(/missing|no password|not found/i);
    expect(`${call.stdout}${call.stderr}`).not.toMatch(/\n\s+at |node:internal/);
    for (const secret of [quayPassword, awsSecret]) expect(`${call.stdout}${call.stderr}`).not.toContain(secret);
  });

  it('docker login (store) into a locked keychain: one line saying so, exit 1, the settings unchanged', async () => {
    const settingsBefore = await readFile(test.settingsFile, 'utf8');
    const secret = `login-${randomBytes(8).toString('hex')}`;
    const call = await getInPrivateKeyring(JSON.stringify({ ServerURL: 'new.example:5000', Username: 'ci', Secret: secret }), true, [...stored], 'store');
    expect(call.code, call.stderr).toBe(1);
    expect(call.stdout.split('\n').filter(Boolean)).toEqual([expect.stringMatching(/keychain is locked/)]);
    expect(`${call.stdout}${call.stderr}`).not.toContain(secret);
    expect(await readFile(test.settingsFile, 'utf8')).toBe(settingsBefore);
  });
});

describe('the probe that tells a locked keychain from a missing secret', () => {
  it('leaves nothing in an open keychain', async () => {
    // The shared test keyring, open; this test's records have no secrets under this service there.
    const service = `registry-desk-probe-${randomBytes(4).toString('hex')}`;
    const bin = join(folder, 'probe-bin');
    await mkdir(bin);
    const probing = await installHelper(bin, built, { dataDir: join(folder, 'data'), keychainService: service });
    const call = await callHelper(probing, 'get', 'quay.io');
    expect(call).toMatchObject({ code: 1, stdout: 'The keychain holds no password/token for this registry.\n' });
    expect(await keytar.findCredentials(service)).toEqual([]);
  });
});

describe("the app's keychain status (Settings, diagnostics) on a locked keychain", () => {
  let statusScript: string;
  let removeBundle: () => Promise<void>;

  beforeAll(async () => {
    // The app's own SecretStore, bundled as the helper is (keytar stays a native import from node_modules).
    const bundle = await bundleEntry('keychain-status-entry.ts', ['keytar']);
    removeBundle = bundle.remove;
    statusScript = join(folder, 'keychain-status');
    await writeFile(statusScript, `#!/bin/sh\nexec "${process.execPath}" "${bundle.path}"\n`, { mode: 0o755 });
  }, 120_000);

  afterAll(async () => removeBundle?.());

  it('open: available, and the probe leaves nothing behind', async () => {
    const call = await getInPrivateKeyring('', false, [...stored], 'status', statusScript);
    expect(call.code, call.stderr).toBe(0);
    expect(JSON.parse(call.stdout)).toMatchObject({ available: true });
  });

  it('open, asked several times at once (the About screen and its report ask together): available every time, nothing left behind', async () => {
    const service = `registry-desk-probe-${randomBytes(4).toString('hex')}`;
    const store = createKeytarSecretStore(service, keytar);
    const answers = await Promise.all([store.status(), store.status(), store.status(), store.status()]);
    expect(answers).toEqual(Array.from({ length: 4 }, () => expect.objectContaining({ available: true })));
    expect(await keytar.findCredentials(service)).toEqual([]);
  });

  it('locked, with items in it: says locked instead of crashing the process (keytar findCredentials segfaulted here)', async () => {
    expect(stored.size).toBeGreaterThan(0);
    const call = await getInPrivateKeyring('', true, [...stored], 'status', statusScript);
    expect(call.code, call.stderr).toBe(0);
    expect(JSON.parse(call.stdout)).toMatchObject({ available: false, error: { code: 'keychain.locked' } });
  });
});
