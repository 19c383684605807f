import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../main/app-errors/app-failure';
import { USER_AGENT } from '../../main/registry-http/user-agent';
import type { ConnectionResult } from '../../shared/connection-contract';
import type { RegistryInput } from '../../shared/schemas';
import { normalizeServiceAccountKey } from '../../shared/service-account-key';
import { createConnectionServices, type ConnectionServices } from '../registry-servers/connection-services';
import { startDockerRegistry, type RunningDockerRegistry } from '../registry-servers/docker-registry';
import { closedPort } from '../support/closed-port';
import { startEcrEndpoint, type RunningEcrEndpoint } from '../registry-servers/ecr-endpoint';
import { startGoogleTokenEndpoint, type RunningGoogleTokenEndpoint } from '../registry-servers/google-token-endpoint';
import { startTokenServer, type RunningTokenServer } from '../registry-servers/token-server';
import { makeCertificateAuthority, makeServerCertificate, makeServiceAccountKey, makeTokenSigningCertificate } from '../support/fixtures';

// ECR and Google registries without the internet: their public host names are dialled to local
// docker-registry instances whose certificates chain to a CA standing in for the OS trust store;
// AWS's ECR API and Google's token endpoint are local servers that check signatures like the real ones.
const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const ECR_HOST = `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com`;
const ECR_URL = `https://${ECR_HOST}`;
const KEYS = { accessKeyId: 'AKIAREGISTRYDESKTEST', secretAccessKey: randomBytes(30).toString('base64') };
const DENIED = { accessKeyId: 'AKIAREGISTRYDESKDENY', secretAccessKey: randomBytes(30).toString('base64') };
const CLIENT_EMAIL = 'puller@registry-desk-test.iam.gserviceaccount.com';
/** Username and password registries: the ECR test registry also knows these users. */
const PASSWORD_USERS = { octocat: `dckr_pat_${randomBytes(8).toString('hex')}`, 'acme+deployer': randomBytes(24).toString('base64'), contoso: randomBytes(16).toString('hex') };

let ecrRegistry: RunningDockerRegistry;
let ecrApi: RunningEcrEndpoint;
let googleRegistry: RunningDockerRegistry;
let googleTokens: RunningTokenServer;
let google: RunningGoogleTokenEndpoint;
let serviceAccountKey: string;
let app: ConnectionServices;
const issuedPasswords: string[] = [];
const results: ConnectionResult[] = [];

beforeAll(async () => {
  const ca = makeCertificateAuthority();
  const tls = makeServerCertificate(ca, {
    hosts: [ECR_HOST, 'gcr.io', 'europe-docker.pkg.dev', 'registry-1.docker.io', 'quay.io', 'contoso.azurecr.io', '127.0.0.1'],
  });
  ecrRegistry = await startDockerRegistry({ tls, users: PASSWORD_USERS });
  ecrApi = await startEcrEndpoint({
    region: REGION,
    accountId: ACCOUNT,
    identities: [
      { ...KEYS, arn: `arn:aws:iam::${ACCOUNT}:user/puller`, allowed: true },
      { ...DENIED, arn: `arn:aws:iam::${ACCOUNT}:user/no-policy`, allowed: false },
    ],
    onIssue: async (password) => {
      issuedPasswords.push(password);
      await ecrRegistry.setUsers({ ...PASSWORD_USERS, AWS: password });
    },
  });

  const rawKey = makeServiceAccountKey({ client_email: CLIENT_EMAIL, token_uri: 'replaced below' });
  google = await startGoogleTokenEndpoint({ accounts: [{ clientEmail: CLIENT_EMAIL, privateKey: (JSON.parse(rawKey) as { private_key: string }).private_key }] });
  serviceAccountKey = JSON.stringify({ ...(JSON.parse(rawKey) as object), token_uri: google.tokenUri }, null, 2);
  const compact = normalizeServiceAccountKey(serviceAccountKey);
  if (typeof compact === 'string') throw new Error(compact);
  const signer = makeTokenSigningCertificate();
  googleTokens = await startTokenServer({ users: { _json_key: compact.compactJson }, signer, service: 'gcr.io', issuer: 'gcr-test', tls });
  googleRegistry = await startDockerRegistry({
    tls,
    token: { realm: googleTokens.realm, service: 'gcr.io', issuer: 'gcr-test', rootCertBundle: signer.certificate },
  });

  const dialled: Record<string, RunningDockerRegistry> = {
    [`${ECR_HOST}:443`]: ecrRegistry,
    'gcr.io:443': googleRegistry,
    'europe-docker.pkg.dev:443': googleRegistry,
    'registry-1.docker.io:443': ecrRegistry,
    'quay.io:443': ecrRegistry,
    'contoso.azurecr.io:443': ecrRegistry,
  };
  app = await createConnectionServices({
    ecrEndpoint: ecrApi.endpoint,
    network: {
      systemRoots: [ca.certificate],
      connectTo: (host, port) => {
        const registry = dialled[`${host}:${port}`];
        return registry ? { host: '127.0.0.1', port: registry.port } : undefined;
      },
    },
  });
});

afterAll(async () => {
  await Promise.all([ecrRegistry?.stop(), ecrApi?.stop(), googleRegistry?.stop(), googleTokens?.stop(), google?.stop()]);
  await app?.close();
});

async function testForm(input: RegistryInput): Promise<ConnectionResult> {
  const result = await app.services.connection.testDraft(input, undefined, `t-${randomBytes(4).toString('hex')}`);
  results.push(result);
  return result;
}

const ecrUserAuth = (keys: { accessKeyId: string; secretAccessKey: string }, url = ECR_URL): RegistryInput => ({
  type: 'ecr',
  name: 'ecr',
  url,
  authType: 'user-auth',
  ...keys,
});

describe('Docker, Azure and Quay: username and password', () => {
  it.each([
    { type: 'docker' as const, url: 'docker.io', username: 'octocat', endpoint: 'https://registry-1.docker.io/v2/' },
    { type: 'azure' as const, url: 'contoso.azurecr.io', username: 'contoso', endpoint: 'https://contoso.azurecr.io/v2/' },
    { type: 'quay' as const, url: 'quay.io', username: 'acme+deployer', endpoint: 'https://quay.io/v2/' },
  ])('$type logs in at $endpoint', async ({ type, url, username, endpoint }) => {
    const password = PASSWORD_USERS[username as keyof typeof PASSWORD_USERS];
    const result = await testForm({ type, name: type, url, username, password });
    expect(result).toMatchObject({ ok: true, auth: 'basic', roundTrips: 2, endpoint, warnings: [] });
  });

  it('hints at the organisation+robot form when Quay refuses a robot account', async () => {
    const refused = await testForm({ type: 'quay', name: 'quay', url: 'quay.io', username: 'acme+deployer', password: 'not-the-token' });
    expect(refused).toMatchObject({ ok: false, step: 'credentials', error: { code: 'connection.credentialsRejected' }, hint: 'quayRobot' });
  });
});

describe('ECR: GetAuthorizationToken, then the registry login with AWS:<password>', () => {
  it('logs in with an access key pair and reports when the token expires', async () => {
    const apiBefore = ecrApi.requests().length;
    const since = ecrRegistry.mark();
    const result = await testForm(ecrUserAuth(KEYS));
    expect(result).toMatchObject({ ok: true, auth: 'basic', roundTrips: 2, endpoint: `${ECR_URL}/v2/` });
    const hoursLeft = (Date.parse(result.tokenExpiresAt!) - Date.now()) / 3600_000;
    expect(hoursLeft).toBeGreaterThan(11.9);
    expect(hoursLeft).toBeLessThanOrEqual(12);
    expect(ecrApi.requests().slice(apiBefore)).toEqual([
      { target: 'AmazonEC2ContainerRegistry_V20150921.GetAuthorizationToken', accessKeyId: KEYS.accessKeyId, status: 200 },
    ]);
    const logged = ecrRegistry.accessLog(since).filter((line) => line.userAgent === USER_AGENT);
    expect(logged.map((line) => line.status)).toEqual([401, 200]);
  });

  it.each([
    { name: 'an unknown access key ID', keys: { ...KEYS, accessKeyId: 'AKIAUNKNOWNKEY000000' }, code: 'aws.unrecognizedKey', hint: 'awsKey' },
    { name: 'a wrong secret access key', keys: { ...KEYS, secretAccessKey: `${KEYS.secretAccessKey}x` }, code: 'aws.wrongSecret', hint: 'awsKey' },
    { name: 'an identity without the ECR policy', keys: DENIED, code: 'aws.accessDenied', hint: 'awsPolicy' },
  ])('diagnoses $name at the AWS step, before any registry request', async ({ keys, code, hint }) => {
    const since = ecrRegistry.mark();
    const result = await testForm(ecrUserAuth(keys));
    expect(result).toMatchObject({ ok: false, step: 'aws', error: { code }, hint, roundTrips: 0 });
    expect(ecrRegistry.accessLog(since)).toEqual([]);
  });

  it('names the identity and the action when access is denied', async () => {
    const result = await testForm(ecrUserAuth(DENIED));
    expect(result.error?.message).toContain(`arn:aws:iam::${ACCOUNT}:user/no-policy is not authorized to perform: ecr:GetAuthorizationToken`);
  });

  it('says when the ECR API cannot be reached', async () => {
    const offline = await createConnectionServices({ ecrEndpoint: `http://127.0.0.1:${await closedPort()}` });
    try {
      const result = await offline.services.connection.testDraft(ecrUserAuth(KEYS), undefined, 'offline');
      expect(result).toMatchObject({ ok: false, step: 'aws', error: { code: 'aws.unreachable', params: { region: REGION, detail: 'ECONNREFUSED' } } });
    } finally {
      await offline.close();
    }
  });

  it('diagnoses a registry URL in another region than the credentials are accepted in', async () => {
    const result = await testForm(ecrUserAuth(KEYS, `https://${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com`));
    expect(result).toMatchObject({ ok: false, step: 'aws', error: { code: 'aws.regionMismatch', params: { region: 'us-east-1' } }, hint: 'awsRegion' });
  });
});

describe('ECR in EC2 IAM role mode: the SDK default credential chain', () => {
  const saved = { ...process.env };
  let home: string;

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'registry-desk-aws-'));
  });
  afterEach(() => {
    process.env = { ...saved };
  });
  afterAll(async () => {
    await rm(home, { recursive: true, force: true });
  });

  /**
   * Only what the test sets: no real ~/.aws, no instance metadata service to wait for. Each call
   * gets new file names because the SDK caches shared files by path for the life of the process.
   */
  async function isolatedAwsEnvironment(credentialsFile: string, extra: Record<string, string> = {}) {
    for (const name of Object.keys(process.env)) if (name.startsWith('AWS_')) delete process.env[name];
    const dir = await mkdtemp(join(home, 'aws-'));
    await writeFile(join(dir, 'config'), '');
    await writeFile(join(dir, 'credentials'), credentialsFile);
    Object.assign(process.env, {
      AWS_CONFIG_FILE: join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      ...extra,
    });
  }

  const iamRole: RegistryInput = { type: 'ecr', name: 'ecr', url: ECR_URL, authType: 'iam-role' };

  it('uses keys from the environment', async () => {
    await isolatedAwsEnvironment('', { AWS_ACCESS_KEY_ID: KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey });
    expect(await testForm(iamRole)).toMatchObject({ ok: true, auth: 'basic' });
  });

  it('uses a named profile of the shared credentials file', async () => {
    const profile = `[puller]\naws_access_key_id = ${KEYS.accessKeyId}\naws_secret_access_key = ${KEYS.secretAccessKey}\n`;
    await isolatedAwsEnvironment(profile, { AWS_PROFILE: 'puller' });
    const before = ecrApi.requests().length;
    expect(await testForm(iamRole)).toMatchObject({ ok: true, auth: 'basic' });
    expect(ecrApi.requests().slice(before).map((line) => line.accessKeyId)).toEqual([KEYS.accessKeyId]);
  });

  it('says that no credentials were found when the chain has none', async () => {
    await isolatedAwsEnvironment('');
    expect(await testForm(iamRole)).toMatchObject({ ok: false, step: 'aws', error: { code: 'aws.noCredentials' }, hint: 'awsChain' });
  });
});

describe('GCR and Artifact Registry: the JSON key is checked with Google first', () => {
  const googleRegistryInput = (type: 'gcr' | 'artifact-registry', url: string, key: string, username = '_json_key'): RegistryInput => ({
    type,
    name: type,
    url,
    username,
    serviceAccountJson: key,
  });

  it.each([
    { type: 'gcr' as const, url: 'gcr.io' },
    { type: 'artifact-registry' as const, url: 'europe-docker.pkg.dev' },
  ])('$type: the key gets an access token from its token_uri, then logs in as _json_key', async ({ type, url }) => {
    const googleBefore = google.requests().length;
    const tokensSince = googleTokens.mark();
    const result = await testForm(googleRegistryInput(type, url, `'${serviceAccountKey.replace(/\s+/g, '')}'`));
    expect(result).toMatchObject({ ok: true, auth: 'bearer', roundTrips: 3, endpoint: `https://${url}/v2/` });
    expect(google.requests().slice(googleBefore)).toEqual([{ clientEmail: CLIENT_EMAIL, status: 200 }]);
    expect(googleTokens.requests(tokensSince)).toEqual([{ method: 'GET', username: '_json_key', status: 200 }]);
  });

  it('diagnoses a key Google rejects as a key problem, and never asks the registry', async () => {
    const revoked = makeServiceAccountKey({ client_email: CLIENT_EMAIL, token_uri: google.tokenUri });
    const since = googleRegistry.mark();
    const result = await testForm(googleRegistryInput('gcr', 'gcr.io', revoked));
    expect(result).toMatchObject({ ok: false, step: 'google-key', error: { code: 'google.keyRejected' }, hint: 'googleKey', roundTrips: 0 });
    expect(result.error?.message).toContain('Invalid JWT Signature.');
    expect(google.requests().at(-1)).toMatchObject({ status: 400, error: 'invalid_grant' });
    expect(googleRegistry.accessLog(since)).toEqual([]);
  });

  it('says when the key\'s token endpoint cannot be reached', async () => {
    const port = await closedPort();
    const unreachable = JSON.stringify({ ...(JSON.parse(serviceAccountKey) as object), token_uri: `http://127.0.0.1:${port}/token` });
    const result = await testForm(googleRegistryInput('gcr', 'gcr.io', unreachable));
    expect(result).toMatchObject({ ok: false, step: 'google-key', error: { code: 'google.unreachable', params: { url: `http://127.0.0.1:${port}` } } });
  });

  it('diagnoses a good key the registry refuses as a registry credential problem', async () => {
    const result = await testForm(googleRegistryInput('gcr', 'gcr.io', serviceAccountKey, 'puller'));
    expect(result).toMatchObject({ ok: false, step: 'token', error: { code: 'connection.tokenRejected' }, hint: 'googleUsername' });
  });
});

describe('registry logins for saved registries (what pull secrets are made from)', () => {
  it('mints an ECR password from the stored access key and returns its expiry', async () => {
    const saved = await app.services.registries.create({ ...ecrUserAuth(KEYS), name: 'saved ecr' });
    const login = await app.services.registryLogins.forRegistry(saved.id);
    expect(login).toMatchObject({ registryId: saved.id, type: 'ecr', server: ECR_URL, username: 'AWS' });
    expect(login.password).toBe(issuedPasswords.at(-1));
    expect(Date.parse(login.expiresAt!)).toBeGreaterThan(Date.now() + 11.9 * 3600_000);
  });

  it('returns _json_key and the compact JSON key for Google registries', async () => {
    const saved = await app.services.registries.create({ type: 'gcr', name: 'saved gcr', url: 'gcr.io', username: '_json_key', serviceAccountJson: serviceAccountKey });
    const login = await app.services.registryLogins.forRegistry(saved.id);
    expect(login).toMatchObject({ type: 'gcr', server: 'gcr.io', username: '_json_key' });
    expect(JSON.parse(login.password)).toEqual(JSON.parse(serviceAccountKey));
    expect(login.password).not.toMatch(/\n\s/);
  });

  it('returns the stored username and password of other types, and fails clearly when the keychain lost it', async () => {
    const saved = await app.services.registries.create({ type: 'quay', name: 'saved quay', url: 'quay.io', username: 'org+robot', password: 'robot-token' });
    expect(await app.services.registryLogins.forRegistry(saved.id)).toEqual({
      registryId: saved.id,
      type: 'quay',
      server: 'quay.io',
      username: 'org+robot',
      password: 'robot-token',
    });
    await app.keychain.delete(`${saved.id}/password`);
    const lost = app.services.registryLogins.forRegistry(saved.id);
    await expect(lost).rejects.toBeInstanceOf(AppFailure);
    await expect(lost).rejects.toMatchObject({ appError: { code: 'credentials.missingPassword' } });
    const result = await app.services.connection.testRegistry(saved.id, 'lost-secret');
    expect(result).toMatchObject({ ok: false, step: 'credentials', error: { code: 'credentials.missingPassword' }, hint: 'storedSecret' });
  });

  it('keeps every secret out of results and logs', () => {
    const secrets = [KEYS.secretAccessKey, DENIED.secretAccessKey, ...issuedPasswords, (JSON.parse(serviceAccountKey) as { private_key: string }).private_key.split('\n')[1]!];
    for (const text of [JSON.stringify(results), ...app.logLines]) {
      for (const secret of secrets) expect(text).not.toContain(secret);
    }
  });
});
