import { randomBytes } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportCandidate, ImportPreview } from '../../shared/import-export-contract';
import { createAccessFixture, type AccessFixture } from '../support/access-services';
import { makeServiceAccountKey } from '../support/fixtures';
import { base64, createTestWorkstation, type TestWorkstation } from '../support/import-workstation';

// Docker config.json variants, credential helpers (stand-in scripts) and Podman auth.json files,
// read from real files of a workstation made for each test, through the IPC registration.

const secret = (label: string) => `${label}-${randomBytes(10).toString('hex')}`;
const googleKey = makeServiceAccountKey();

let station: TestWorkstation;
let fixture: AccessFixture;

beforeEach(async () => {
  station = await createTestWorkstation();
  fixture = createAccessFixture({
    keychainService: `registry-desk-import-${randomBytes(4).toString('hex')}`,
    workstation: station.workstation,
    pluginPath: station.pluginPath,
    // Long enough for a shell-script helper to start on a loaded machine, far short of the hanging one's 60 s.
    credentialHelperTimeoutMs: 5_000,
  });
});

afterEach(async () => {
  await fixture.close();
  await station.close();
});

async function scan(): Promise<ImportPreview> {
  const result = await fixture.ipc.invoke('import:scan-workstation', {});
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

const byKey = (preview: ImportPreview, serverKey: string): ImportCandidate => {
  const found = preview.candidates.find((candidate) => candidate.serverKey === serverKey);
  if (!found) throw new Error(`no candidate for ${serverKey}: ${preview.candidates.map((candidate) => candidate.serverKey).join(', ')}`);
  return found;
};

describe('docker config.json', () => {
  const secrets = { harbor: secret('harbor'), hub: secret('hub'), ecr: `eyJ${secret('ecr-token')}`, quay: `R0B0T+/=${secret('quay')}`, azure: secret('azure'), oauth: secret('ya29') };

  beforeEach(async () => {
    await station.writeDockerConfig({
      auths: {
        'https://index.docker.io/v1/': { auth: base64(`octocat:${secrets.hub}`) },
        'https://index.docker.io/v1/access-token': { auth: base64(`octocat:${secret('access')}`) },
        'https://index.docker.io/v1/refresh-token': { auth: base64(`octocat:${secret('refresh')}`) },
        'harbor.corp:8443': { auth: base64(`robot$ci:${secrets.harbor}`), email: 'ci@corp.example' },
        'id.example.com': { username: 'sso', identitytoken: secret('identity') },
        'reg.example.com': { registrytoken: secret('registry-token') },
        '123456789012.dkr.ecr.eu-west-1.amazonaws.com': { auth: base64(`AWS:${secrets.ecr}`) },
        'gcr.io': { auth: base64(`_json_key:${googleKey}`) },
        'europe-docker.pkg.dev': { auth: base64(`oauth2accesstoken:${secrets.oauth}`) },
        'acme.azurecr.io': { username: 'acme', password: secrets.azure },
        'quay.io': { auth: base64(`acme+deployer:${secrets.quay}`) },
        'http://10.0.0.5:5000': { auth: base64(`plain:${secret('plain')}`) },
        'bad.example.com': { auth: 'not base64 at all!' },
        'nocolon.example.com': { auth: base64('useronly') },
        'empty.example.com': {},
        'not a host': { auth: base64('u:p') },
      },
    });
  });

  it('makes each login a candidate whose type follows the host, and skips what cannot be imported, with the reason', async () => {
    const preview = await scan();
    expect(preview.sources).toContainEqual({ kind: 'docker-config', location: station.dockerConfig, state: 'read', found: 16 });
    const row = (key: string) => {
      const { type, url, username, action, skipReason, notice } = byKey(preview, key);
      return { type, url, username, action, skipReason, notice };
    };
    expect(row('https://index.docker.io/v1/')).toMatchObject({ type: 'docker', url: 'docker.io', username: 'octocat', action: 'create' });
    expect(row('https://index.docker.io/v1/access-token')).toMatchObject({ action: 'skip', skipReason: 'dockerHubOAuthToken' });
    expect(row('https://index.docker.io/v1/refresh-token')).toMatchObject({ action: 'skip', skipReason: 'dockerHubOAuthToken' });
    expect(row('harbor.corp:8443')).toMatchObject({ type: 'other', url: 'harbor.corp:8443', username: 'robot$ci', action: 'create' });
    expect(row('id.example.com')).toMatchObject({ action: 'skip', skipReason: 'identityToken', username: 'sso' });
    expect(row('reg.example.com')).toMatchObject({ action: 'skip', skipReason: 'identityToken' });
    expect(row('123456789012.dkr.ecr.eu-west-1.amazonaws.com')).toMatchObject({ type: 'ecr', action: 'create', notice: 'ecrToken' });
    expect(byKey(preview, '123456789012.dkr.ecr.eu-west-1.amazonaws.com').ecr).toEqual({ accountId: '123456789012', region: 'eu-west-1' });
    expect(row('gcr.io')).toMatchObject({ type: 'gcr', url: 'gcr.io', username: '_json_key', action: 'create', notice: 'googleJsonKey' });
    expect(row('europe-docker.pkg.dev')).toMatchObject({ type: 'artifact-registry', action: 'create', notice: 'googleAccessToken' });
    expect(row('acme.azurecr.io')).toMatchObject({ type: 'azure', username: 'acme', action: 'create' });
    expect(row('quay.io')).toMatchObject({ type: 'quay', username: 'acme+deployer', action: 'create' });
    expect(row('http://10.0.0.5:5000')).toMatchObject({ type: 'other', url: 'http://10.0.0.5:5000', action: 'create' });
    expect(row('bad.example.com')).toMatchObject({ action: 'skip', skipReason: 'invalidAuth' });
    expect(byKey(preview, 'bad.example.com').error).toMatchObject({ code: 'import.invalidAuth', params: { server: 'bad.example.com' } });
    expect(byKey(preview, 'nocolon.example.com').error).toMatchObject({ code: 'import.invalidAuth' });
    expect(row('empty.example.com')).toMatchObject({ action: 'skip', skipReason: 'noCredentials' });
    expect(row('not a host')).toMatchObject({ action: 'skip', skipReason: 'invalidServer' });
    expect(byKey(preview, 'https://index.docker.io/v1/').proposedName).toBe('Docker Hub');
    expect(byKey(preview, '123456789012.dkr.ecr.eu-west-1.amazonaws.com').proposedName).toBe('ECR 123456789012 eu-west-1');
    const text = JSON.stringify(preview);
    for (const value of [...Object.values(secrets), googleKey, JSON.stringify(googleKey).slice(1, -1)]) expect(text).not.toContain(value);
  });

  it('imports the picked logins into the keychain: an ECR token and a Google access token are never stored', async () => {
    const preview = await scan();
    const pick = (key: string, extra: object = {}) => ({ candidateId: byKey(preview, key).candidateId, test: false, ...extra });
    const result = await fixture.ipc.invoke('import:apply', {
      scanId: preview.scanId,
      picks: [
        pick('https://index.docker.io/v1/'),
        pick('quay.io', { name: 'Quay robots' }),
        pick('123456789012.dkr.ecr.eu-west-1.amazonaws.com'),
        pick('gcr.io'),
        pick('europe-docker.pkg.dev'),
        pick('http://10.0.0.5:5000'),
        pick('bad.example.com'),
      ],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const outcomes = result.value.results.map((entry) => [entry.outcome, entry.error?.code ?? null]);
    expect(outcomes).toEqual([
      ['created', null],
      ['created', null],
      ['created', null],
      ['created', null],
      ['failed', 'import.needsKey'],
      ['created', null],
      ['failed', 'import.notImportable'],
    ]);
    const records = fixture.services.settings.read().registries;
    expect(records.map(({ name, type, url, username, authType, connection }) => ({ name, type, url, username, authType, connection }))).toEqual([
      { name: 'Docker Hub', type: 'docker', url: 'docker.io', username: 'octocat', authType: undefined, connection: undefined },
      { name: 'Quay robots', type: 'quay', url: 'quay.io', username: 'acme+deployer', authType: undefined, connection: undefined },
      { name: 'ECR 123456789012 eu-west-1', type: 'ecr', url: '123456789012.dkr.ecr.eu-west-1.amazonaws.com', username: undefined, authType: 'iam-role', connection: undefined },
      { name: 'gcr.io', type: 'gcr', url: 'gcr.io', username: '_json_key', authType: undefined, connection: undefined },
      { name: '10.0.0.5:5000', type: 'other', url: 'http://10.0.0.5:5000', username: 'plain', authType: undefined, connection: 'insecure' },
    ]);
    const logins = await Promise.all(records.filter((record) => record.type !== 'ecr').map((record) => fixture.services.registryLogins.forRegistry(record.id)));
    expect(logins.map((login) => login.password)).toEqual([secrets.hub, secrets.quay, JSON.stringify(JSON.parse(googleKey)), expect.stringMatching(/^plain-/)]);
    expect(records.find((record) => record.type === 'ecr')?.secrets).toEqual([]);
  });

  it('offers the Google access token with its JSON key, and ECR with access keys, when the operator adds them', async () => {
    const preview = await scan();
    const awsSecret = `wJalrXUtnFEMI/${randomBytes(8).toString('hex')}+EXAMPLEKEY`;
    const result = await fixture.ipc.invoke('import:apply', {
      scanId: preview.scanId,
      picks: [
        { candidateId: byKey(preview, 'europe-docker.pkg.dev').candidateId, test: false, serviceAccountJson: googleKey },
        { candidateId: byKey(preview, '123456789012.dkr.ecr.eu-west-1.amazonaws.com').candidateId, test: false, ecr: { authType: 'user-auth', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: awsSecret } },
      ],
    });
    expect(result.ok && result.value.results.map((entry) => entry.outcome)).toEqual(['created', 'created']);
    const [google, ecr] = fixture.services.settings.read().registries;
    expect(google).toMatchObject({ type: 'artifact-registry', url: 'europe-docker.pkg.dev', username: '_json_key', serviceAccountEmail: 'puller@registry-desk-test.iam.gserviceaccount.com' });
    expect(ecr).toMatchObject({ type: 'ecr', authType: 'user-auth', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secrets: ['secretAccessKey'] });
    expect(JSON.stringify(result)).not.toContain(awsSecret);
  });

  it('proposes an update, never a duplicate, for a login a registry already has; the same secret is "unchanged"', async () => {
    const existing = await fixture.services.registries.create({ type: 'other', name: 'Harbor', url: 'https://harbor.corp:8443', username: 'robot$ci', password: 'old-password', connection: 'secure' });
    await fixture.services.registries.create({ type: 'azure', name: 'ACR', url: 'acme.azurecr.io', username: 'acme', password: secrets.azure });
    await fixture.services.registries.create({ type: 'docker', name: 'Docker Hub', url: 'docker.io', username: 'someone-else', password: 'x' });
    const preview = await scan();
    expect(byKey(preview, 'harbor.corp:8443')).toMatchObject({ action: 'update', existing: { id: existing.id, name: 'Harbor' }, proposedName: 'Harbor' });
    expect(byKey(preview, 'acme.azurecr.io')).toMatchObject({ action: 'skip', skipReason: 'unchanged', existing: { name: 'ACR' } });
    // Another user on Docker Hub is another login: a new registry, named apart from the existing one.
    expect(byKey(preview, 'https://index.docker.io/v1/')).toMatchObject({ action: 'create', proposedName: 'Docker Hub (octocat)' });
    const result = await fixture.ipc.invoke('import:apply', { scanId: preview.scanId, picks: [{ candidateId: byKey(preview, 'harbor.corp:8443').candidateId, test: false }] });
    expect(result.ok && result.value.results[0]).toMatchObject({ outcome: 'updated', registry: { id: existing.id } });
    expect((await fixture.services.registryLogins.forRegistry(existing.id)).password).toBe(secrets.harbor);
    expect(fixture.services.settings.read().registries).toHaveLength(3);
    // Picking it again in the same preview does not import it twice.
    const again = await fixture.ipc.invoke('import:apply', { scanId: preview.scanId, picks: [{ candidateId: byKey(preview, 'harbor.corp:8443').candidateId, test: false }] });
    expect(again.ok && again.value.results[0]).toMatchObject({ outcome: 'failed', error: { code: 'import.notImportable' } });
  });
});

describe('credential helpers', () => {
  const storeSecret = secret('store');
  const gcloudSecret = secret('gcloud');

  beforeEach(async () => {
    await station.writeHelper(
      'standin',
      `case "$1" in
  list) printf '{"https://store.example.com":"alice","https://index.docker.io/v1/access-token":"octocat","https://gone.example.com":"bob"}' ;;
  get) read -r server || true
    case "$server" in
      https://store.example.com) printf '{"ServerURL":"%s","Username":"alice","Secret":"${storeSecret}"}' "$server" ;;
      idtoken.example.com) printf '{"ServerURL":"%s","Username":"<token>","Secret":"${secret('identity')}"}' "$server" ;;
      *) printf 'credentials not found in native keychain\\n'; exit 1 ;;
    esac ;;
  *) exit 2 ;;
esac`,
    );
    await station.writeHelper('gcloudish', `read -r server || true\nprintf '{"ServerURL":"%s","Username":"oauth2accesstoken","Secret":"${gcloudSecret}"}' "$server"`);
  });

  it('reads credsStore and credHelpers side by side: list then get, placeholders included', async () => {
    await station.writeDockerConfig({
      auths: { 'https://store.example.com': {}, 'idtoken.example.com': {}, 'gcr.io': {}, 'plain.example.com': { auth: base64('carol:inline-pass') } },
      credsStore: 'standin',
      credHelpers: { 'gcr.io': 'gcloudish', 'us-docker.pkg.dev': 'gcloudish' },
    });
    const preview = await scan();
    expect(preview.sources.map(({ kind, location, state, found }) => ({ kind, location, state, found }))).toEqual([
      { kind: 'docker-config', location: station.dockerConfig, state: 'read', found: 4 },
      { kind: 'podman-auth', location: station.runtimeAuthFile, state: 'absent', found: 0 },
      { kind: 'podman-auth', location: `${station.home}/.config/containers/auth.json`, state: 'absent', found: 0 },
      { kind: 'credential-helper', location: 'docker-credential-standin', state: 'read', found: 4 },
      { kind: 'credential-helper', location: 'docker-credential-gcloudish', state: 'read', found: 2 },
    ]);
    expect(byKey(preview, 'https://store.example.com')).toMatchObject({ origin: { kind: 'credential-helper' }, username: 'alice', action: 'create', type: 'other' });
    expect(byKey(preview, 'https://index.docker.io/v1/access-token')).toMatchObject({ skipReason: 'dockerHubOAuthToken' });
    expect(byKey(preview, 'idtoken.example.com')).toMatchObject({ skipReason: 'identityToken' });
    expect(byKey(preview, 'https://gone.example.com')).toMatchObject({ skipReason: 'helperFailed', error: { code: 'import.helperNotFound' } });
    expect(byKey(preview, 'gcr.io')).toMatchObject({ type: 'gcr', notice: 'googleAccessToken', action: 'create' });
    expect(byKey(preview, 'us-docker.pkg.dev')).toMatchObject({ type: 'artifact-registry', notice: 'googleAccessToken' });
    expect(byKey(preview, 'plain.example.com')).toMatchObject({ origin: { kind: 'docker-config' }, username: 'carol', action: 'create' });
    expect(JSON.stringify(preview)).not.toContain(storeSecret);
    expect(JSON.stringify(preview)).not.toContain(gcloudSecret);

    const result = await fixture.ipc.invoke('import:apply', { scanId: preview.scanId, picks: [{ candidateId: byKey(preview, 'https://store.example.com').candidateId, test: false }] });
    expect(result.ok && result.value.results[0]?.outcome).toBe('created');
    const [record] = fixture.services.settings.read().registries;
    expect(await fixture.services.registryLogins.forRegistry(record!.id)).toMatchObject({ server: 'store.example.com', username: 'alice', password: storeSecret });
  });

  it('gives a missing, hanging, failing or garbage-printing helper its own error while every other source imports', async () => {
    await station.writeHelper('hang', `echo $$ > "${station.home}/hang.pid"\nexec sleep 60`);
    await station.writeHelper('fails', `printf 'error getting credentials - err: exit status 1, out: the vault is sealed\\n'\nexit 1`);
    await station.writeHelper('garbage', `printf '<html>not json, but here is a Secret: hunter2</html>'`);
    await station.writeDockerConfig({
      auths: { 'hang.example.com': {}, 'fails.example.com': {}, 'garbage.example.com': {}, 'missing.example.com': {}, 'fine.example.com': { auth: base64('dave:fine-pass') } },
      credHelpers: { 'hang.example.com': 'hang', 'fails.example.com': 'fails', 'garbage.example.com': 'garbage', 'missing.example.com': 'not-installed' },
    });
    await station.writeFile(station.runtimeAuthFile, { auths: { 'podman.example.com': { auth: base64('erin:podman-pass') } } });
    const started = Date.now();
    const preview = await scan();
    // Bounded by the helper timeout, not by the hanging helper's 60 s sleep.
    expect(Date.now() - started).toBeLessThan(30_000);
    const helper = (name: string) => preview.sources.find((source) => source.location === `docker-credential-${name}`);
    expect(helper('hang')).toMatchObject({ state: 'failed', error: { code: 'import.helperTimeout', params: { helper: 'hang', command: 'get', seconds: 5 } } });
    expect(helper('fails')).toMatchObject({
      state: 'failed',
      error: { code: 'import.helperFailed', params: { detail: 'error getting credentials - err: exit status 1, out: the vault is sealed (exit code 1)' } },
    });
    expect(helper('garbage')).toMatchObject({ state: 'failed', error: { code: 'import.helperGarbage', params: { helper: 'garbage', command: 'get' } } });
    expect(helper('not-installed')).toMatchObject({ state: 'failed', error: { code: 'import.helperMissing', params: { helper: 'not-installed' } } });
    expect(JSON.stringify(preview)).not.toContain('hunter2');
    expect(byKey(preview, 'hang.example.com')).toMatchObject({ action: 'skip', skipReason: 'helperFailed', error: { code: 'import.helperTimeout' } });
    expect(byKey(preview, 'fine.example.com')).toMatchObject({ action: 'create', username: 'dave' });
    expect(byKey(preview, 'podman.example.com')).toMatchObject({ action: 'create', username: 'erin', origin: { kind: 'podman-auth', location: station.runtimeAuthFile } });
    // The hanging helper was killed, not left behind.
    const { readFile } = await import('node:fs/promises');
    const pid = Number(await readFile(`${station.home}/hang.pid`, 'utf8'));
    expect(() => process.kill(pid, 0)).toThrow();
  });
});

describe('auths keys that name built-in members', () => {
  it('runs no helper for __proto__, constructor, toString or hasOwnProperty, as docker runs none', async () => {
    const runs = `${station.home}/helper-runs`;
    const recorder = `printf '%s %s\\n' "$(basename "$0")" "$1" >> "${runs}"\nprintf 'credentials not found in native keychain'\nexit 1`;
    // What a lookup on a plain object would have named: Object.prototype and Object itself, as text.
    for (const name of ['[object Object]', 'function Object() { [native code] }', 'recorder']) await station.writeHelper(name, recorder);
    await station.writeDockerConfig({
      auths: { __proto__: {}, constructor: {}, toString: {}, hasOwnProperty: { auth: base64('hasown:own-pass') }, 'fine.example.com': { auth: base64('dave:fine-pass') } },
      credHelpers: { 'real.example.com': 'recorder' },
    });
    // JSON.stringify drops a literal __proto__ key, so it goes into the text by hand.
    const { readFile, writeFile } = await import('node:fs/promises');
    await writeFile(station.dockerConfig, (await readFile(station.dockerConfig, 'utf8')).replace('"auths": {', '"auths": {\n    "__proto__": {},'));
    const preview = await scan();
    expect(await readFile(runs, 'utf8')).toBe('docker-credential-recorder get\n');
    expect(preview.sources.filter((source) => source.kind === 'credential-helper').map((source) => source.location)).toEqual(['docker-credential-recorder']);
    for (const key of ['__proto__', 'constructor', 'toString']) expect(byKey(preview, key)).toMatchObject({ action: 'skip', skipReason: 'noCredentials' });
    expect(byKey(preview, 'hasOwnProperty')).toMatchObject({ action: 'create', username: 'hasown' });
    expect(byKey(preview, 'fine.example.com')).toMatchObject({ action: 'create', username: 'dave' });
  });
});

describe('bad files', () => {
  it('reports malformed JSON, an unreadable file and a file that is no config, and still imports the other sources', async () => {
    await station.writeDockerConfig('{"auths": {"a.example.com": {"auth": "c2VjcmV0LXBhc3N3b3Jk"}} "credsStore": 1}');
    // A folder where auth.json should be: reading it fails (root reads every file, so no chmod trick).
    await mkdir(`${station.home}/.config/containers/auth.json`, { recursive: true });
    await station.writeFile(station.runtimeAuthFile, { auths: { 'ok.example.com': { username: 'frank', password: 'frank-pass' } } });
    const preview = await scan();
    const source = (location: string) => preview.sources.find((entry) => entry.location === location);
    expect(source(station.dockerConfig)).toMatchObject({ state: 'failed', error: { code: 'import.malformedJson', params: { detail: 'line 1, column 63' } } });
    expect(JSON.stringify(preview)).not.toContain('c2VjcmV0LXBhc3N3b3Jk');
    expect(source(`${station.home}/.config/containers/auth.json`)).toMatchObject({ state: 'failed', error: { code: 'import.unreadableFile', params: { detail: 'EISDIR' } } });
    expect(byKey(preview, 'ok.example.com')).toMatchObject({ action: 'create', username: 'frank' });

    await station.writeDockerConfig({ auths: ['not', 'a', 'map'] });
    expect((await scan()).sources[0]).toMatchObject({ state: 'failed', error: { code: 'import.notAuthFile' } });
  });

  it('reads REGISTRY_AUTH_FILE and keeps a repository path in the key', async () => {
    const authFile = `${station.home}/elsewhere/auth.json`;
    station.workstation.env = { ...station.workstation.env, REGISTRY_AUTH_FILE: authFile };
    await fixture.close();
    fixture = createAccessFixture({ keychainService: `registry-desk-import-${randomBytes(4).toString('hex')}`, workstation: station.workstation, pluginPath: station.pluginPath });
    await station.writeFile(authFile, { auths: { 'quay.io/team-a': { auth: base64('team-a+bot:tok') }, 'quay.io/team-b': { auth: base64('team-b+bot:tok2') } } });
    const preview = await scan();
    expect(preview.sources[1]).toMatchObject({ kind: 'podman-auth', location: authFile, state: 'read', found: 2 });
    expect(byKey(preview, 'quay.io/team-a')).toMatchObject({ type: 'quay', url: 'quay.io/team-a', proposedName: 'quay.io/team-a', action: 'create' });
    expect(byKey(preview, 'quay.io/team-b')).toMatchObject({ type: 'quay', url: 'quay.io/team-b', action: 'create' });
  });

  it('pasted text: malformed JSON is an error of that source; placeholders have no credentials', async () => {
    const bad = await fixture.ipc.invoke('import:scan-text', { text: '{"auths": {', label: 'config.json' });
    expect(bad.ok && bad.value.sources).toEqual([{ kind: 'pasted', location: 'config.json', state: 'failed', found: 0, error: expect.objectContaining({ code: 'import.malformedJson' }) }]);
    const good = await fixture.ipc.invoke('import:scan-text', {
      text: JSON.stringify({ auths: { 'ghcr.io': { auth: base64('octo:ghp_token') }, 'x.example.com': {} }, credsStore: 'desktop' }),
      label: 'pasted',
    });
    expect(good.ok && good.value.candidates.map(({ serverKey, action, skipReason }) => ({ serverKey, action, skipReason }))).toEqual([
      { serverKey: 'ghcr.io', action: 'create', skipReason: undefined },
      { serverKey: 'x.example.com', action: 'skip', skipReason: 'noCredentials' },
    ]);
  });
});
