import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEcrEndpoint, type RunningEcrEndpoint } from '../registry-servers/ecr-endpoint';
import { startGoogleTokenEndpoint, type RunningGoogleTokenEndpoint } from '../registry-servers/google-token-endpoint';
import { buildCredentialHelper, callHelper, installHelper, type BuiltHelper, type HelperCall } from '../support/credential-helper-build';
import { makeServiceAccountKey } from '../support/fixtures';
import { createTestServices, type TestServices } from '../support/services';

// Fresh cloud tokens through the helper process, against the ECR and Google stand-ins: cached in
// the keychain, renewed when less than 15 minutes remain, never returned expired, and a refused
// renewal is one line (the old token is not handed out instead).

const REGION = 'eu-west-1';
const ACCOUNT = '123456789012';
const ECR_HOST = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com`;
const KEYS = { accessKeyId: 'AKIAHELPERTEST000001', secretAccessKey: `secret-${randomBytes(12).toString('hex')}` };
// Temporary keys whose session has ended (read by the SDK's default chain from the environment),
// and keys whose tokens come back already expired: each on its own ECR host.
const SESSION_HOST = `210987654321.dkr.ecr.${REGION}.amazonaws.com`;
const SESSION = {
  AWS_ACCESS_KEY_ID: 'ASIAHELPERTEST000002',
  AWS_SECRET_ACCESS_KEY: `secret-${randomBytes(12).toString('hex')}`,
  AWS_SESSION_TOKEN: `session-${randomBytes(24).toString('hex')}`,
};
const CLOCK_HOST = `345678901234.dkr.ecr.${REGION}.amazonaws.com`;
const CLOCK_KEYS = { accessKeyId: 'AKIAHELPERTEST000003', secretAccessKey: `secret-${randomBytes(12).toString('hex')}` };
const CLIENT_EMAIL = 'helper@registry-desk-test.iam.gserviceaccount.com';

let built: BuiltHelper;
let folder: string;
let test: TestServices;
let ecrApi: RunningEcrEndpoint;
let google: RunningGoogleTokenEndpoint;
let helper: string;
const issued: string[] = [];
let ecrId: string;
let artifactId: string;
let gcrId: string;
let clockId: string;

const get = (server: string) => callHelper(helper, 'get', server);
const answer = (call: HelperCall) => {
  expect(call, call.stdout).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(call.stdout) as { ServerURL: string; Username: string; Secret: string };
};
const minutes = (count: number) => new Date(Date.now() + count * 60_000).toISOString();

/** Puts a token in the helper's cache as if an earlier run had minted it. */
async function cache(id: string, password: string, expiresAt: string, username = 'AWS'): Promise<void> {
  const record = test.services.settings.read().registries.find((entry) => entry.id === id)!;
  await test.secrets.set(`${id}/token`, JSON.stringify({ stamp: record.updatedAt, username, password, expiresAt }));
}

beforeAll(async () => {
  built = await buildCredentialHelper();
  folder = await mkdtemp(join(tmpdir(), 'registry-desk-helper-tokens-'));
  ecrApi = await startEcrEndpoint({
    region: REGION,
    accountId: ACCOUNT,
    identities: [
      { ...KEYS, arn: `arn:aws:iam::${ACCOUNT}:user/puller`, allowed: true },
      {
        accessKeyId: SESSION.AWS_ACCESS_KEY_ID,
        secretAccessKey: SESSION.AWS_SECRET_ACCESS_KEY,
        sessionToken: SESSION.AWS_SESSION_TOKEN,
        arn: `arn:aws:sts::${ACCOUNT}:assumed-role/puller/session`,
        allowed: true,
        expired: true,
      },
      { ...CLOCK_KEYS, arn: `arn:aws:iam::${ACCOUNT}:user/clock`, allowed: true, tokenLifetimeMs: -60_000 },
    ],
    onIssue: async (password) => void issued.push(password),
  });
  const rawKey = makeServiceAccountKey({ client_email: CLIENT_EMAIL });
  google = await startGoogleTokenEndpoint({ accounts: [{ clientEmail: CLIENT_EMAIL, privateKey: (JSON.parse(rawKey) as { private_key: string }).private_key }] });
  const dataDir = join(folder, 'data');
  test = await createTestServices({ dataDir, keychainService: `registry-desk-tokens-${randomBytes(4).toString('hex')}` });
  // AWS_ENDPOINT_URL_ECR is the AWS SDK's own setting for the ECR API's address.
  helper = await installHelper(folder, built, { dataDir, keychainService: test.keychainService, env: { AWS_ENDPOINT_URL_ECR: ecrApi.endpoint } });
  ecrId = (await test.services.registries.create({ type: 'ecr', name: 'ECR', url: ECR_HOST, authType: 'user-auth', ...KEYS })).id;
  await test.services.registries.create({ type: 'ecr', name: 'ECR session', url: SESSION_HOST, authType: 'iam-role' });
  clockId = (await test.services.registries.create({ type: 'ecr', name: 'ECR clock', url: CLOCK_HOST, authType: 'user-auth', ...CLOCK_KEYS })).id;
  const key = JSON.stringify({ ...(JSON.parse(rawKey) as object), token_uri: google.tokenUri });
  artifactId = (await test.services.registries.create({ type: 'artifact-registry', name: 'AR', url: 'europe-docker.pkg.dev', username: '_json_key', serviceAccountJson: key })).id;
  const revoked = makeServiceAccountKey({ client_email: CLIENT_EMAIL, token_uri: google.tokenUri });
  gcrId = (await test.services.registries.create({ type: 'gcr', name: 'GCR', url: 'gcr.io', username: '_json_key', serviceAccountJson: revoked })).id;
}, 180_000);

afterAll(async () => {
  await Promise.all([ecrApi?.stop(), google?.stop()]);
  await test?.close();
  await built?.remove();
  await rm(folder, { recursive: true, force: true });
});

describe('ECR: GetAuthorizationToken, cached in the keychain', () => {
  it('mints once, then answers from the cache', async () => {
    const first = answer(await get(ECR_HOST));
    expect(first).toEqual({ ServerURL: ECR_HOST, Username: 'AWS', Secret: issued.at(-1) });
    expect(ecrApi.requests()).toHaveLength(1);
    expect(answer(await get(`https://${ECR_HOST}`)).Secret).toBe(first.Secret);
    expect(ecrApi.requests()).toHaveLength(1);
    const cached = JSON.parse((await test.secrets.get(`${ecrId}/token`))!) as { expiresAt: string };
    expect(Date.parse(cached.expiresAt) - Date.now()).toBeGreaterThan(11 * 3600_000);
  });

  it('reuses a cached token with 20 minutes left', async () => {
    await cache(ecrId, 'twenty-minutes-left', minutes(20));
    expect(answer(await get(ECR_HOST)).Secret).toBe('twenty-minutes-left');
  });

  it('renews a token with less than 15 minutes left', async () => {
    const before = ecrApi.requests().length;
    await cache(ecrId, 'ten-minutes-left', minutes(10));
    const renewed = answer(await get(ECR_HOST));
    expect(renewed.Secret).not.toBe('ten-minutes-left');
    expect(renewed.Secret).toBe(issued.at(-1));
    expect(ecrApi.requests()).toHaveLength(before + 1);
  });

  it('never returns an expired token', async () => {
    await cache(ecrId, 'expired', minutes(-1));
    expect(answer(await get(ECR_HOST)).Secret).toBe(issued.at(-1));
  });

  it('loads the cloud SDKs only to mint: a get answered from the cache parses the bundle and keytar, no AWS SDK', async () => {
    // Every module the helper process loads (ESM, CommonJS and Node's own), noted as it exits.
    const hook = join(folder, 'note-modules.mjs');
    const log = join(folder, 'modules.txt');
    await writeFile(
      hook,
      [
        "import { registerHooks } from 'node:module';",
        "import { writeFileSync } from 'node:fs';",
        'const loaded = [];',
        'registerHooks({ load(url, context, next) { loaded.push(url); return next(url, context); } });',
        // Built-in modules pass no hook: Node's own list names them ("NativeModule crypto").
        "const builtIn = () => process.moduleLoadList.filter((name) => /^NativeModule [^/]+$/.test(name)).map((name) => `node:${name.slice(13)}`);",
        "process.on('exit', () => writeFileSync(process.env.NOTED_MODULES, [...loaded, ...builtIn()].join('\\n')));",
      ].join('\n'),
    );
    const loadedBy = async (server: string) => {
      await rm(log, { force: true });
      answer(await callHelper(helper, 'get', server, { ...process.env, NODE_OPTIONS: `--import ${pathToFileURL(hook).href}`, NOTED_MODULES: log }));
      return (await readFile(log, 'utf8')).split('\n').filter((url) => url.startsWith('file:') || url.startsWith('node:'));
    };
    const cloud = (urls: string[]) => urls.filter((url) => /\/node_modules\/(@aws-sdk|@smithy|google-auth-library|gaxios|undici)\//.test(url));

    await cache(ecrId, 'an-hour-left', minutes(60));
    const cached = await loadedBy(ECR_HOST);
    expect(cloud(cached)).toEqual([]);
    // The hook sees CommonJS too: keytar is there, so an SDK would have been.
    expect(cached.filter((url) => url.includes('/node_modules/keytar/'))).not.toEqual([]);
    expect(cached.filter((url) => url.startsWith('file:')).length).toBeLessThan(10);
    // Nor what only store and erase need (helper-writer.ts: the registry catalogue, import's
    // validation with node:crypto, conf): loading and building it cost every cached get CPU.
    expect(cached.filter((url) => /\/helper-writer-[\w-]+\.mjs$|^node:crypto$|\/node_modules\/conf\//.test(url))).toEqual([]);

    await cache(ecrId, 'expired', minutes(-1));
    const minting = await loadedBy(ECR_HOST);
    expect(cloud(minting).filter((url) => url.includes('/@aws-sdk/client-ecr/'))).not.toEqual([]);
    // The AWS SDK signs with node:crypto: seen here, so it would have been seen above.
    expect(minting).toContain('node:crypto');
  });

  it('a refused renewal is one line, and the old token is not handed out', async () => {
    const record = test.services.settings.read().registries.find((entry) => entry.id === ecrId)!;
    await test.services.registries.update(ecrId, { type: 'ecr', name: record.name, url: ECR_HOST, authType: 'user-auth', accessKeyId: KEYS.accessKeyId, secretAccessKey: 'wrong-secret-key' });
    await cache(ecrId, 'ten-minutes-left', minutes(10));
    const refused = await get(ECR_HOST);
    expect(refused.code).toBe(1);
    expect(refused.stdout.trim().split('\n')).toHaveLength(1);
    expect(refused.stdout).toMatch(/secret access key/i);
    expect(refused.stdout).not.toContain('ten-minutes-left');
    expect(`${refused.stdout}${refused.stderr}`).not.toContain('wrong-secret-key');
  });
});

describe('ECR: a mint that cannot give a usable token', () => {
  it('expired AWS session keys (ExpiredTokenException) are one line and exit 1, with no key or session token', async () => {
    const before = ecrApi.requests().length;
    const refused = await callHelper(helper, 'get', SESSION_HOST, { ...process.env, ...SESSION });
    expect(ecrApi.requests().slice(before)).toEqual([expect.objectContaining({ accessKeyId: SESSION.AWS_ACCESS_KEY_ID, status: 403, error: 'ExpiredTokenException' })]);
    expect(refused.code).toBe(1);
    expect(refused.stdout.trim().split('\n')).toHaveLength(1);
    expect(refused.stdout).toContain('The AWS credentials have expired (session token or SSO login).');
    expect(`${refused.stdout}${refused.stderr}`).not.toMatch(new RegExp(`${SESSION.AWS_SECRET_ACCESS_KEY}|${SESSION.AWS_SESSION_TOKEN}|\\n\\s+at `));
  });

  it('a freshly minted token that is already expired is never handed out nor cached', async () => {
    const before = ecrApi.requests().length;
    const refused = await get(CLOCK_HOST);
    expect(ecrApi.requests().slice(before)).toEqual([expect.objectContaining({ accessKeyId: CLOCK_KEYS.accessKeyId, status: 200 })]);
    expect(refused.code).toBe(1);
    expect(refused.stdout.trim().split('\n')).toHaveLength(1);
    expect(refused.stdout).toMatch(new RegExp(`The token minted for ${CLOCK_HOST} was already expired \\(.+\\): check this computer's clock`));
    expect(`${refused.stdout}${refused.stderr}`).not.toContain(issued.at(-1));
    expect(`${refused.stdout}${refused.stderr}`).not.toContain(CLOCK_KEYS.secretAccessKey);
    expect(await test.secrets.get(`${clockId}/token`)).toBeNull();
  });
});

describe('Artifact Registry and GCR: OAuth access tokens from the JSON key', () => {
  it('mints an oauth2accesstoken login once, then answers from the cache', async () => {
    const first = answer(await get('europe-docker.pkg.dev'));
    expect(first).toMatchObject({ Username: 'oauth2accesstoken', Secret: expect.stringMatching(/^ya29\./) });
    expect(answer(await get('europe-docker.pkg.dev')).Secret).toBe(first.Secret);
    expect(google.requests().filter((line) => line.status === 200)).toHaveLength(1);
  });

  const minted = () => google.requests().filter((line) => line.status === 200).length;
  const GOOGLE_USER = 'oauth2accesstoken';

  it('reuses a cached access token with 20 minutes left', async () => {
    const before = minted();
    await cache(artifactId, 'ya29.twenty-minutes-left', minutes(20), GOOGLE_USER);
    expect(answer(await get('europe-docker.pkg.dev'))).toMatchObject({ Username: GOOGLE_USER, Secret: 'ya29.twenty-minutes-left' });
    expect(minted()).toBe(before);
  });

  it('renews an access token with less than 15 minutes left, and caches the new one for about an hour', async () => {
    const before = minted();
    await cache(artifactId, 'ya29.ten-minutes-left', minutes(10), GOOGLE_USER);
    const renewed = answer(await get('europe-docker.pkg.dev'));
    expect(renewed.Secret).not.toBe('ya29.ten-minutes-left');
    expect(google.issuedTo(renewed.Secret)).toBe(CLIENT_EMAIL);
    expect(minted()).toBe(before + 1);
    const cached = JSON.parse((await test.secrets.get(`${artifactId}/token`))!) as { password: string; expiresAt: string };
    expect(cached.password).toBe(renewed.Secret);
    expect(Date.parse(cached.expiresAt) - Date.now()).toBeGreaterThan(50 * 60_000);
    // The renewed token is the one the next call gets, without another mint.
    expect(answer(await get('europe-docker.pkg.dev')).Secret).toBe(renewed.Secret);
    expect(minted()).toBe(before + 1);
  });

  it('never returns an expired access token', async () => {
    const before = minted();
    await cache(artifactId, 'ya29.expired', minutes(-1), GOOGLE_USER);
    const fresh = answer(await get('europe-docker.pkg.dev'));
    expect(fresh.Secret).not.toBe('ya29.expired');
    expect(google.issuedTo(fresh.Secret)).toBe(CLIENT_EMAIL);
    expect(minted()).toBe(before + 1);
  });

  it('a refused renewal is one line, and the old access token is not handed out', async () => {
    // gcr.io's key is one the endpoint does not know (deleted in the console): renewal is refused.
    await cache(gcrId, 'ya29.gcr-ten-minutes-left', minutes(10), GOOGLE_USER);
    const refused = await get('gcr.io');
    expect(refused.code).toBe(1);
    expect(refused.stdout.trim().split('\n')).toHaveLength(1);
    expect(refused.stdout).toContain('Google refused the service-account key');
    expect(`${refused.stdout}${refused.stderr}`).not.toContain('ya29.gcr-ten-minutes-left');
    expect(`${refused.stdout}${refused.stderr}`).not.toMatch(/PRIVATE KEY|private_key/);
  });

  it('a key Google refuses is one line', async () => {
    const refused = await get('gcr.io');
    expect(refused.code).toBe(1);
    expect(refused.stdout.trim().split('\n')).toHaveLength(1);
    expect(refused.stdout).toContain('Google refused the service-account key');
    expect(refused.stdout).not.toMatch(/PRIVATE KEY/);
  });
});
