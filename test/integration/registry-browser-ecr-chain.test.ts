import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createKeytarSecretStore } from '../../main/keychain/keytar-secret-store';
import type { SecretStore } from '../../main/keychain/secret-store';
import { startEcrEndpoint, type EcrImage, type RunningEcrEndpoint } from '../registry-servers/ecr-endpoint';
import { browsingTranscript } from '../support/browsing-transcript';
import { failureOf } from '../support/failure-of';
import { createTestServices, type TestServices } from '../support/services';

/**
 * ECR listing for a registry saved without access keys (IAM role mode): the AWS SDK's default
 * credentials chain signs DescribeRepositories and DescribeImages — the environment's keys, or a
 * profile of the shared credentials file. The ECR stand-in checks every SigV4 signature against the
 * secret of the key id it names, as it does for saved keys, and logs that key id. Beside it sits a
 * registry with saved keys (another identity), so a saved secret used by mistake would show in the log.
 */

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const ECR_URL = `https://${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com`;
/** An operation as the stand-in logs it: AWS JSON 1.1's `X-Amz-Target`. */
const ECR_API = (operation: string) => `AmazonEC2ContainerRegistry_V20150921.${operation}`;
const key = (id: string) => ({ accessKeyId: id, secretAccessKey: `chain/${randomBytes(12).toString('hex')}` });
const ENV_KEYS = key('AKIACHAINENV00000001');
const PROFILE_KEYS = key('AKIACHAINPROFILE0001');
const SAVED_KEYS = key('AKIASAVEDKEYS0000001');
/** An identity whose IAM policy grants no ECR action: the stand-in answers AccessDeniedException as AWS does. */
const DENIED_KEYS = key('AKIADENIEDKEYS000001');
const IMAGES: EcrImage[] = Array.from({ length: 30 }, (_, index) => ({ digest: `sha256:${index.toString(16).padStart(64, '0')}`, tags: [`v${index}`], pushedAt: new Date(Date.UTC(2026, 10, 1, 0, index)), size: 1000 }));
const REPOSITORIES = { 'team/app': IMAGES, 'team/api': [], 'infra/proxy': [] };

const savedEnvironment = { ...process.env };
const signal = () => new AbortController().signal;
let ecr: RunningEcrEndpoint;
let app: TestServices;
let home: string;
let chainId: string;
let savedId: string;
let deniedId: string;
/** Every keychain account read, in order. */
const keychainReads: string[] = [];

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'registry-desk-ecr-chain-'));
  ecr = await startEcrEndpoint({
    region: REGION,
    accountId: ACCOUNT,
    identities: [
      ...[ENV_KEYS, PROFILE_KEYS, SAVED_KEYS].map((keys, index) => ({ ...keys, arn: `arn:aws:iam::${ACCOUNT}:user/browser-${index}`, allowed: true })),
      { ...DENIED_KEYS, arn: `arn:aws:iam::${ACCOUNT}:user/puller-only`, allowed: false },
    ],
    onIssue: async () => undefined,
    repositories: REPOSITORIES,
  });
  const keychainService = `registry-desk-ecr-chain-${randomBytes(4).toString('hex')}`;
  const keychain = createKeytarSecretStore(keychainService, keytar);
  // The session keychain itself, with its reads recorded: which saved secrets a listing looked up.
  const secrets: SecretStore = { ...keychain, get: (account) => (keychainReads.push(account), keychain.get(account)) };
  app = await createTestServices({ dataDir: join(home, 'data'), keychainService, secrets, ecrEndpoint: ecr.endpoint });
  savedId = (await app.services.registries.create({ type: 'ecr', name: 'ECR with saved keys', url: ECR_URL, authType: 'user-auth', ...SAVED_KEYS })).id;
  chainId = (await app.services.registries.create({ type: 'ecr', name: 'ECR through the chain', url: ECR_URL, authType: 'iam-role' })).id;
  deniedId = (await app.services.registries.create({ type: 'ecr', name: 'ECR without listing rights', url: ECR_URL, authType: 'user-auth', ...DENIED_KEYS })).id;
});

afterEach(() => {
  process.env = { ...savedEnvironment };
});

afterAll(async () => {
  await app?.services.registryBrowser.close();
  await app?.close();
  await ecr?.stop();
  if (home) await rm(home, { recursive: true, force: true });
});

/**
 * Only what the test sets: no real ~/.aws, no instance metadata service. New file names each time:
 * the SDK caches shared files by path for the life of the process.
 */
async function awsEnvironment(credentialsFile: string, variables: Record<string, string> = {}): Promise<void> {
  for (const name of Object.keys(process.env)) if (name.startsWith('AWS_')) delete process.env[name];
  const dir = await mkdtemp(join(home, 'aws-'));
  await writeFile(join(dir, 'config'), '');
  await writeFile(join(dir, 'credentials'), credentialsFile);
  Object.assign(process.env, { AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'), AWS_EC2_METADATA_DISABLED: 'true', ...variables });
}

/** Lists the chain registry's repositories and a repository's tags; returns what ECR's API logged and the keychain reads. */
async function listThroughTheChain() {
  const since = ecr.requests().length;
  const readsSince = keychainReads.length;
  const repositories: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await app.services.registryBrowser.repositories({ registryId: chainId, pageSize: 2, ...(cursor ? { cursor } : {}) }, signal());
    if (page.outcome !== 'page') throw new Error(`listing unavailable: ${page.reason.message}`);
    repositories.push(...page.repositories);
    cursor = page.next ?? undefined;
  } while (cursor);
  const tags: string[] = [];
  do {
    const page = await app.services.registryBrowser.tags({ registryId: chainId, repository: 'team/app', pageSize: 20, ...(cursor ? { cursor } : {}) }, signal());
    tags.push(...page.tags.map((tag) => tag.name));
    cursor = page.next ?? undefined;
  } while (cursor);
  return { repositories, tags, api: ecr.requests().slice(since), keychainReads: keychainReads.slice(readsSince) };
}

describe('ECR listing through the default AWS credentials chain', () => {
  it('signs with the environment’s AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, and reads no saved secret', async () => {
    await awsEnvironment('', { AWS_ACCESS_KEY_ID: ENV_KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: ENV_KEYS.secretAccessKey });
    const listed = await listThroughTheChain();
    expect(listed.repositories).toEqual(['infra/proxy', 'team/api', 'team/app']);
    expect([...listed.tags].sort()).toEqual(IMAGES.map((image) => image.tags[0]).sort());
    // 2 repositories a page → 2 DescribeRepositories; 30 tags at 20 a page → 2 DescribeImages. Every one verified and signed by the chain's key.
    expect(listed.api).toEqual([
      { target: ECR_API('DescribeRepositories'), accessKeyId: ENV_KEYS.accessKeyId, status: 200 },
      { target: ECR_API('DescribeRepositories'), accessKeyId: ENV_KEYS.accessKeyId, status: 200 },
      { target: ECR_API('DescribeImages'), accessKeyId: ENV_KEYS.accessKeyId, status: 200 },
      { target: ECR_API('DescribeImages'), accessKeyId: ENV_KEYS.accessKeyId, status: 200 },
    ]);
    expect(listed.keychainReads).toEqual([]);
  });

  it('signs with the key of the AWS_PROFILE named in the shared credentials file', async () => {
    await awsEnvironment(`[default]\naws_access_key_id = ${ENV_KEYS.accessKeyId}\naws_secret_access_key = ${ENV_KEYS.secretAccessKey}\n\n[puller]\naws_access_key_id = ${PROFILE_KEYS.accessKeyId}\naws_secret_access_key = ${PROFILE_KEYS.secretAccessKey}\n`, { AWS_PROFILE: 'puller' });
    const listed = await listThroughTheChain();
    expect(listed.repositories).toEqual(['infra/proxy', 'team/api', 'team/app']);
    expect(listed.tags).toHaveLength(IMAGES.length);
    expect(new Set(listed.api.map((line) => `${line.accessKeyId} ${line.status}`))).toEqual(new Set([`${PROFILE_KEYS.accessKeyId} 200`]));
    expect(listed.keychainReads).toEqual([]);
  });

  it('is refused when the chain’s secret does not match its key id: the signature is checked, not just the key id', async () => {
    await awsEnvironment('', { AWS_ACCESS_KEY_ID: ENV_KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: `${ENV_KEYS.secretAccessKey}-wrong` });
    const since = ecr.requests().length;
    expect(await failureOf(app.services.registryBrowser.repositories({ registryId: chainId, pageSize: 2 }, signal()))).toMatchObject({ code: 'aws.wrongSecret' });
    expect(ecr.requests().slice(since)).toEqual([{ target: ECR_API('DescribeRepositories'), accessKeyId: ENV_KEYS.accessKeyId, status: 400, error: 'InvalidSignatureException' }]);
  });

  it('says no credentials were found when the chain has none, rather than reaching for a saved key', async () => {
    await awsEnvironment('');
    const since = ecr.requests().length;
    expect(await failureOf(app.services.registryBrowser.repositories({ registryId: chainId, pageSize: 2 }, signal()))).toMatchObject({ code: 'aws.noCredentials' });
    expect(ecr.requests().slice(since)).toEqual([]);
  });

  it('while the registry with saved keys still signs with its own', async () => {
    await awsEnvironment('', { AWS_ACCESS_KEY_ID: ENV_KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: ENV_KEYS.secretAccessKey });
    const since = ecr.requests().length;
    await app.services.registryBrowser.repositories({ registryId: savedId, pageSize: 50 }, signal());
    expect(ecr.requests().slice(since)).toEqual([{ target: ECR_API('DescribeRepositories'), accessKeyId: SAVED_KEYS.accessKeyId, status: 200 }]);
  });
});

describe('ECR listing refused by IAM', () => {
  it('says plainly this login cannot list repositories, with AWS’s reason, so a repository is typed; asked once per session', async () => {
    const since = ecr.requests().length;
    const page = await app.services.registryBrowser.repositories({ registryId: deniedId, pageSize: 50 }, signal());
    expect(page).toMatchObject({ outcome: 'unavailable', reason: { code: 'browse.ecrListingDenied' } });
    if (page.outcome !== 'unavailable') throw new Error('listed');
    expect(page.reason.params?.reason).toContain(`User: arn:aws:iam::${ACCOUNT}:user/puller-only is not authorized to perform: ecr:DescribeRepositories`);
    expect(page.reason.message).toContain('ecr:DescribeRepositories');
    expect(page.reason.message).not.toContain(DENIED_KEYS.secretAccessKey);
    // The next call says so again without asking AWS.
    const again = await app.services.registryBrowser.repositories({ registryId: deniedId, pageSize: 50 }, signal());
    expect(again).toEqual(page);
    expect(ecr.requests().slice(since)).toEqual([{ target: ECR_API('DescribeRepositories'), accessKeyId: DENIED_KEYS.accessKeyId, status: 400, error: 'AccessDeniedException' }]);
  });
});

describe('an ECR nextToken too long to carry between pages', () => {
  it('is said when the page arrives (browse.cursorTooLong), not refused as an invalid request when the window asks for the next page', async () => {
    ecr.setNextTokenLength(5000);
    try {
      const { answers } = await browsingTranscript(app, [
        ['browse:repositories', { registryId: savedId, pageSize: 2 }],
        ['browse:tags', { registryId: savedId, repository: 'team/app', pageSize: 20 }],
      ]);
      for (const answer of answers) expect(answer).toMatchObject({ ok: false, error: { code: 'browse.cursorTooLong', params: { length: 5000, max: 4096 } } });
    } finally {
      ecr.setNextTokenLength(0);
    }
    // Tokens of a length the window can carry page on as before.
    const { answers } = await browsingTranscript(app, [['browse:repositories', { registryId: savedId, pageSize: 2 }]]);
    expect(answers).toEqual([{ ok: true, value: expect.objectContaining({ outcome: 'page', next: expect.any(String) }) }]);
  });
});
