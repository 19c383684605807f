import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEcrEndpoint, type RunningEcrEndpoint } from '../registry-servers/ecr-endpoint';
import { buildCredentialHelper, callHelper, installHelper, type BuiltHelper, type HelperCall } from '../support/credential-helper-build';
import { makeServiceAccountKey } from '../support/fixtures';
import { createTestServices, type TestServices } from '../support/services';

// Where the helper finds AWS credentials it does not hold (the SDK's default chain: environment
// variables, then the shared credentials file), and what it answers when the token endpoints
// cannot be reached: no network at all (a network namespace with nothing in it, so the real AWS
// and Google names are asked for and fail as they do offline) and an endpoint that accepts the
// connection but never answers. Each is one line, exit 1, no secret, in bounded time.

const REGION = 'eu-west-1';
const ACCOUNT = '210987654321';
/** An ECR registry saved with "IAM role / default chain": no keys of its own. */
const ECR_HOST = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com`;
const ENV_KEYS = { accessKeyId: 'ASIAAMBIENTENV000001', secretAccessKey: `env-${randomBytes(12).toString('hex')}`, sessionToken: `session-${randomBytes(12).toString('hex')}` };
const FILE_KEYS = { accessKeyId: 'AKIAAMBIENTFILE00001', secretAccessKey: `file-${randomBytes(12).toString('hex')}` };
const CLIENT_EMAIL = 'offline@registry-desk-test.iam.gserviceaccount.com';
const SECRETS = [ENV_KEYS.secretAccessKey, ENV_KEYS.sessionToken, FILE_KEYS.secretAccessKey];

let built: BuiltHelper;
let folder: string;
let test: TestServices;
let ecrApi: RunningEcrEndpoint;
let silent: Server;
let silentUrl: string;
const held: Socket[] = [];
const issued: string[] = [];
let ecrId: string;
let dataDir: string;

/** The test runner's environment without any AWS setting of its own, so only the launcher's count. */
const cleanEnv = () => Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')));
/** Nothing outside what a launcher names: no ~/.aws of the runner, no instance metadata service. */
const NO_OTHER_SOURCES = { AWS_CONFIG_FILE: '/nonexistent/aws-config', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials', AWS_EC2_METADATA_DISABLED: 'true' };

async function launcher(name: string, env: Record<string, string>): Promise<string> {
  const bin = join(folder, name);
  await mkdir(bin);
  return installHelper(bin, built, { dataDir, keychainService: test.keychainService, env });
}

/** One call, timed; the helper's own limits are 10 s per attempt, callHelper's backstop 60 s. */
async function timed(helper: string, server: string): Promise<HelperCall & { seconds: number }> {
  const started = performance.now();
  const call = await callHelper(helper, 'get', server, cleanEnv());
  return { ...call, seconds: (performance.now() - started) / 1000 };
}

function expectOneLineFailure(call: HelperCall, words: RegExp): void {
  expect(call.code, `${call.stdout}${call.stderr}`).toBe(1);
  expect(call.stdout.split('\n').filter(Boolean)).toEqual([expect.stringMatching(words)]);
  expect(`${call.stdout}${call.stderr}`).not.toMatch(/\n\s+at |node:internal|PRIVATE KEY/);
  for (const secret of SECRETS) expect(`${call.stdout}${call.stderr}`).not.toContain(secret);
}

const forgetToken = () => test.secrets.delete(`${ecrId}/token`);

beforeAll(async () => {
  built = await buildCredentialHelper();
  folder = await mkdtemp(join(tmpdir(), 'registry-desk-helper-reach-'));
  ecrApi = await startEcrEndpoint({
    region: REGION,
    accountId: ACCOUNT,
    identities: [
      { ...ENV_KEYS, arn: `arn:aws:sts::${ACCOUNT}:assumed-role/puller/session`, allowed: true },
      { ...FILE_KEYS, arn: `arn:aws:iam::${ACCOUNT}:user/file-puller`, allowed: true },
    ],
    onIssue: async (password) => void issued.push(password),
  });
  // Accepts every connection and never answers: traffic into a black hole.
  silent = createServer((socket) => void held.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const address = silent.address();
  silentUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  dataDir = join(folder, 'data');
  test = await createTestServices({ dataDir, keychainService: `registry-desk-reach-${randomBytes(4).toString('hex')}` });
  ecrId = (await test.services.registries.create({ type: 'ecr', name: 'ECR (default chain)', url: ECR_HOST, authType: 'iam-role' })).id;
  // Google's own token_uri: offline, its name does not resolve.
  await test.services.registries.create({ type: 'artifact-registry', name: 'AR', url: 'europe-docker.pkg.dev', username: '_json_key', serviceAccountJson: makeServiceAccountKey({ client_email: CLIENT_EMAIL }) });
  const silentKey = makeServiceAccountKey({ client_email: CLIENT_EMAIL, token_uri: `${silentUrl}/token` });
  await test.services.registries.create({ type: 'gcr', name: 'GCR', url: 'gcr.io', username: '_json_key', serviceAccountJson: silentKey });
}, 180_000);

afterAll(async () => {
  for (const socket of held) socket.destroy();
  await new Promise((resolve) => silent?.close(resolve));
  await ecrApi?.stop();
  await test?.close();
  await built?.remove();
  await rm(folder, { recursive: true, force: true });
});

describe('ECR with no keys of its own: the ambient AWS chain', () => {
  it('environment variables (with a session token) mint the token', async () => {
    const helper = await launcher('env-bin', {
      ...NO_OTHER_SOURCES,
      AWS_ENDPOINT_URL_ECR: ecrApi.endpoint,
      AWS_ACCESS_KEY_ID: ENV_KEYS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: ENV_KEYS.secretAccessKey,
      AWS_SESSION_TOKEN: ENV_KEYS.sessionToken,
    });
    await forgetToken();
    const call = await callHelper(helper, 'get', ECR_HOST, cleanEnv());
    expect(call, call.stdout).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(call.stdout)).toEqual({ ServerURL: ECR_HOST, Username: 'AWS', Secret: issued.at(-1) });
    // The stand-in checks the signature and the session token: these keys signed the request.
    expect(ecrApi.requests().at(-1)).toMatchObject({ accessKeyId: ENV_KEYS.accessKeyId, status: 200 });
  });

  it('the shared credentials file and AWS_PROFILE mint the token', async () => {
    const credentials = join(folder, 'aws-credentials');
    await writeFile(credentials, `[default]\naws_access_key_id = AKIANOTTHISONE000001\naws_secret_access_key = wrong\n\n[desk]\naws_access_key_id = ${FILE_KEYS.accessKeyId}\naws_secret_access_key = ${FILE_KEYS.secretAccessKey}\n`);
    const helper = await launcher('file-bin', { ...NO_OTHER_SOURCES, AWS_ENDPOINT_URL_ECR: ecrApi.endpoint, AWS_SHARED_CREDENTIALS_FILE: credentials, AWS_PROFILE: 'desk' });
    await forgetToken();
    const call = await callHelper(helper, 'get', `https://${ECR_HOST}`, cleanEnv());
    expect(call, call.stdout).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(call.stdout)).toMatchObject({ Username: 'AWS', Secret: issued.at(-1) });
    expect(ecrApi.requests().at(-1)).toMatchObject({ accessKeyId: FILE_KEYS.accessKeyId, status: 200 });
  });

  it('no credentials anywhere in the chain: one line saying so, and the endpoint is never asked', async () => {
    const helper = await launcher('none-bin', { ...NO_OTHER_SOURCES, AWS_ENDPOINT_URL_ECR: ecrApi.endpoint });
    await forgetToken();
    const before = ecrApi.requests().length;
    expectOneLineFailure(await timed(helper, ECR_HOST), /No AWS credentials were found/);
    expect(ecrApi.requests()).toHaveLength(before);
  });
});

describe('no network: one line, quickly, no secret', () => {
  let offline: string;

  beforeAll(async () => {
    // A fresh network namespace has only a loopback that is down: DNS and every address fail at once.
    try {
      execFileSync('unshare', ['--net', 'true'], { stdio: 'pipe' });
    } catch (error) {
      throw new Error(`unshare --net is needed to run the helper without a network: ${(error as { stderr?: Buffer }).stderr?.toString().trim() || String(error)}`, { cause: error });
    }
    const online = await launcher('offline-inner-bin', { ...NO_OTHER_SOURCES, AWS_ACCESS_KEY_ID: ENV_KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: ENV_KEYS.secretAccessKey, AWS_SESSION_TOKEN: ENV_KEYS.sessionToken });
    offline = join(folder, 'docker-credential-offline');
    // D-Bus here is a path socket, which a network namespace does not cut: only the keychain is reachable.
    await writeFile(offline, `#!/bin/sh\nexec unshare --net '${online}' "$@"\n`, { mode: 0o755 });
  });

  it('ECR: the regional API cannot be reached, and a cached token due for renewal is not handed out instead', async () => {
    const record = test.services.settings.read().registries.find((entry) => entry.id === ecrId)!;
    const due = { stamp: record.updatedAt, username: 'AWS', password: 'cached-ten-minutes-left', expiresAt: new Date(Date.now() + 10 * 60_000).toISOString() };
    await test.secrets.set(`${ecrId}/token`, JSON.stringify(due));
    const call = await timed(offline, ECR_HOST);
    expect(call.stdout).not.toContain(due.password);
    expectOneLineFailure(call, /^The ECR API of region eu-west-1 could not be reached \((ENOTFOUND|EAI_AGAIN|ENETUNREACH|ECONNREFUSED)\)\.$/);
    expect(call.seconds).toBeLessThan(30);
  });

  it("Google: the key's token endpoint cannot be reached", async () => {
    const call = await timed(offline, 'europe-docker.pkg.dev');
    expectOneLineFailure(call, /^Google's token endpoint https:\/\/oauth2\.googleapis\.com could not be reached \((ENOTFOUND|EAI_AGAIN|ENETUNREACH|ECONNREFUSED)\)\.$/);
    expect(call.seconds).toBeLessThan(30);
  });
});

describe('an endpoint that never answers: the helper gives up on its own', () => {
  it('ECR and Google each time out into one line, well before a tool would give up', async () => {
    const helper = await launcher('silent-bin', {
      ...NO_OTHER_SOURCES,
      AWS_ENDPOINT_URL_ECR: silentUrl,
      AWS_ACCESS_KEY_ID: ENV_KEYS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: ENV_KEYS.secretAccessKey,
    });
    await forgetToken();
    const [ecr, google] = await Promise.all([timed(helper, ECR_HOST), timed(helper, 'gcr.io')]);
    expectOneLineFailure(ecr, /^The ECR API of region eu-west-1 could not be reached \(timed out\)\.$/);
    expectOneLineFailure(google, new RegExp(`^Google's token endpoint ${silentUrl.replaceAll('.', '\\.')} could not be reached \\(timed out\\)\\.$`));
    // 10 s per attempt (ECR tries twice): bounded by the helper, not by callHelper's 60 s backstop.
    expect(ecr.seconds).toBeLessThan(45);
    expect(google.seconds).toBeLessThan(45);
    expect(held.length).toBeGreaterThanOrEqual(2);
  }, 120_000);
});
