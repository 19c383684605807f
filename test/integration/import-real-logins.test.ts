import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../shared/import-export-contract';
import { ADMIN_TOKEN, startKubeApiServer, type KubeApiServer } from '../kube-api-server';
import { kubectl } from '../kube-api-server/kubectl';
import { startDockerRegistry, type RunningDockerRegistry } from '../registry-servers/docker-registry';
import { kubeconfigFor } from '../support/access-flow';
import { createAccessFixture, type AccessFixture } from '../support/access-services';
import { makeCertificateAuthority, makeServerCertificate } from '../support/fixtures';
import { base64, createTestWorkstation, type TestWorkstation } from '../support/import-workstation';

// Real logins, as the tools write them: Debian's docker-credential-secretservice storing into the
// session keyring, `skopeo login --authfile` against the real registry, a docker config.json, and
// a `kubectl create secret docker-registry` secret in the Kubernetes API test server. Imported
// through IPC, tested against the registry, and looked for everywhere a secret must not be.

const run = promisify(execFile);
const HELPER = '/usr/bin/docker-credential-secretservice';
const passwords = {
  helper: `helper&${randomBytes(10).toString('hex')}<pw>`,
  podman: `podman-${randomBytes(10).toString('hex')}`,
  docker: `docker:${randomBytes(10).toString('hex')}`,
};

let ca: { certificate: string; privateKey: string };
let registry: RunningDockerRegistry;
let station: TestWorkstation;
const keychainService = `registry-desk-import-real-${randomBytes(4).toString('hex')}`;
let fixture: AccessFixture;
const responses: string[] = [];

function helperCall(command: 'store' | 'erase', input: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(HELPER, [command], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command}: ${output}`))));
    child.stdin.end(input);
  });
}

async function invoke<T>(channel: string, request: unknown): Promise<T> {
  const result = await fixture.ipc.call(channel, request);
  responses.push(JSON.stringify(result));
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value as T;
}

beforeAll(async () => {
  ca = makeCertificateAuthority();
  registry = await startDockerRegistry({
    tls: makeServerCertificate(ca, { hosts: ['127.0.0.1', 'localhost'] }),
    users: { 'helper-user': passwords.helper, 'podman-user': passwords.podman, 'docker-user': passwords.docker },
  });
  station = await createTestWorkstation();
  fixture = createAccessFixture({
    keychainService,
    workstation: station.workstation,
    pluginPath: station.pluginPath,
    connectionNetwork: { systemRoots: [ca.certificate] },
  });
});

afterAll(async () => {
  await helperCall('erase', `localhost:${registry?.port}`).catch(() => undefined);
  await fixture?.close();
  await station?.close();
  await registry?.stop();
});

describe('logins written by the real tools', () => {
  let preview: ImportPreview;

  beforeAll(async () => {
    await helperCall('store', JSON.stringify({ ServerURL: `localhost:${registry.port}`, Username: 'helper-user', Secret: passwords.helper }));
    const certDir = join(station.home, 'certs');
    await station.writeFile(join(certDir, 'ca.crt'), ca.certificate);
    const skopeo = spawn('skopeo', ['login', '--authfile', station.runtimeAuthFile, '--cert-dir', certDir, '--username', 'podman-user', '--password-stdin', registry.address]);
    skopeo.stdin.end(passwords.podman);
    expect(await new Promise((resolve) => skopeo.once('close', resolve))).toBe(0);
    await station.writeDockerConfig({
      auths: { [`localhost:${registry.port}`]: {}, [`https://${registry.address}`]: { auth: base64(`docker-user:${passwords.docker}`) } },
      credsStore: 'secretservice',
    });
    preview = await invoke<ImportPreview>('import:scan-workstation', {});
  });

  it('finds the helper login, the skopeo auth.json login and the config.json login', () => {
    expect(JSON.parse(JSON.stringify(preview.sources)).map(({ kind, state, found }: { kind: string; state: string; found: number }) => `${kind}:${state}:${found}`)).toEqual([
      'docker-config:read:2',
      'podman-auth:read:1',
      'podman-auth:absent:0',
      'credential-helper:read:1',
    ]);
    const rows = preview.candidates.map(({ origin, url, username, action, type, unusedByDocker }) => ({ kind: origin.kind, url, username, action, type, unusedByDocker }));
    // docker asks its credsStore for the config.json login's host too, and sends nothing when the store has none.
    expect(rows).toEqual([
      { kind: 'credential-helper', url: `localhost:${registry.port}`, username: 'helper-user', action: 'create', type: 'other', unusedByDocker: undefined },
      { kind: 'podman-auth', url: registry.address, username: 'podman-user', action: 'create', type: 'other', unusedByDocker: undefined },
      { kind: 'docker-config', url: registry.address, username: 'docker-user', action: 'create', type: 'other', unusedByDocker: { reason: 'storeHasNoLogin', helper: 'secretservice' } },
    ]);
  });

  it('imports them into the keychain, tests each against the registry, and no secret lands anywhere else', async () => {
    const { results } = await invoke<{ results: { outcome: string; connection?: { ok: boolean; auth?: string } }[] }>('import:apply', {
      scanId: preview.scanId,
      picks: preview.candidates.map((candidate) => ({ candidateId: candidate.candidateId, test: true, ...(candidate.unusedByDocker ? { importUnused: true as const } : {}) })),
    });
    expect(results.map((result) => [result.outcome, result.connection?.ok, result.connection?.auth])).toEqual([
      ['created', true, 'basic'],
      ['created', true, 'basic'],
      ['created', true, 'basic'],
    ]);
    await invoke('registries:list', {});
    await invoke('connection:last-results', {});

    const keychain = await run('secret-tool', ['search', '--all', 'service', keychainService], { encoding: 'utf8' });
    const settingsText = await readFile(fixture.services.settings.path, 'utf8');
    const logText = fixture.logLines.join('\n');
    for (const [label, password] of Object.entries(passwords)) {
      const spellings = [password, JSON.stringify(password).slice(1, -1), base64(password)];
      for (const spelling of spellings) {
        expect(settingsText.includes(spelling), `${label} in the settings file`).toBe(false);
        expect(logText.includes(spelling), `${label} in the log`).toBe(false);
        for (const response of responses) expect(response.includes(spelling), `${label} in an IPC response`).toBe(false);
      }
      expect(keychain.stdout, `${label} in the keychain`).toContain(`secret = ${password}`);
    }
  });
});

describe('a helper that never answers', () => {
  it('is killed after 10 s and only its logins fail', async () => {
    await station.writeHelper('hang', `echo $$ > "${station.home}/hang.pid"\nexec sleep 120`);
    await station.writeDockerConfig({ auths: { 'hang.example.com': {}, 'ok.example.com': { auth: base64('ok:fine') } }, credHelpers: { 'hang.example.com': 'hang' } });
    const started = Date.now();
    const scanned = await invoke<ImportPreview>('import:scan-workstation', {});
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(10_000);
    // Well short of the helper's 120 s sleep: killed at its timeout, with room for a loaded machine.
    expect(elapsed).toBeLessThan(40_000);
    expect(scanned.sources.find((source) => source.location === 'docker-credential-hang')).toMatchObject({
      state: 'failed',
      error: { code: 'import.helperTimeout', params: { seconds: 10 } },
    });
    expect(scanned.candidates.find((candidate) => candidate.serverKey === 'ok.example.com')).toMatchObject({ action: 'create' });
    const pid = Number(await readFile(join(station.home, 'hang.pid'), 'utf8'));
    expect(() => process.kill(pid, 0)).toThrow();
  }, 60_000);
});

describe('a pull secret in a cluster', () => {
  let server: KubeApiServer;
  let clusterFixture: AccessFixture;
  const regcredPassword = `regcred-${randomBytes(8).toString('hex')}`;

  beforeAll(async () => {
    server = await startKubeApiServer();
    server.seed.namespace('apps');
    const kubeconfig = kubeconfigFor([{ name: 'lab', server, token: ADMIN_TOKEN }]);
    // As the product document has operators do it (kubectl ≥ 1.32 sends protobuf, so the JSON goes through create -f).
    const manifest = await kubectl(kubeconfig, ['create', 'secret', 'docker-registry', 'regcred', '-n', 'apps', '--docker-server=harbor.corp:8443', '--docker-username=robot$ci', `--docker-password=${regcredPassword}`, '--dry-run=client', '-o', 'json']);
    expect(manifest.code, manifest.stderr).toBe(0);
    const created = await kubectl(kubeconfig, ['create', '-f', '-'], { stdin: manifest.stdout });
    expect(created.code, created.stderr).toBe(0);
    server.seed.secret('apps', { metadata: { name: 'opaque' }, type: 'Opaque', data: { password: base64('x') } });
    clusterFixture = createAccessFixture({ keychainService: `registry-desk-import-cluster-${randomBytes(4).toString('hex')}`, kubeconfigPaths: [kubeconfig] });
  });

  afterAll(async () => {
    await clusterFixture?.close();
    await server?.stop();
  });

  const scanSecret = async (name: string, namespace = 'apps', context = 'lab') => {
    const result = await clusterFixture.ipc.invoke('import:scan-cluster-secret', { context, namespace, name });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return result.value;
  };

  it('reads the regcred kubectl created and imports it', async () => {
    const scanned = await scanSecret('regcred');
    expect(scanned.sources).toEqual([{ kind: 'cluster-secret', location: 'lab/apps/regcred', state: 'read', found: 1 }]);
    expect(scanned.candidates[0]).toMatchObject({ url: 'harbor.corp:8443', username: 'robot$ci', type: 'other', action: 'create' });
    expect(JSON.stringify(scanned)).not.toContain(regcredPassword);
    const result = await clusterFixture.ipc.invoke('import:apply', { scanId: scanned.scanId, picks: [{ candidateId: scanned.candidates[0]!.candidateId, test: false }] });
    expect(result.ok && result.value.results[0]?.outcome).toBe('created');
    const [record] = clusterFixture.services.settings.read().registries;
    expect((await clusterFixture.services.registryLogins.forRegistry(record!.id)).password).toBe(regcredPassword);
  });

  it('says so for a secret of the wrong type, a missing secret and an unknown context', async () => {
    expect((await scanSecret('opaque')).sources[0]?.error).toMatchObject({ code: 'import.secretWrongType', params: { type: 'Opaque', name: 'opaque', namespace: 'apps' } });
    expect((await scanSecret('nope')).sources[0]?.error).toMatchObject({ code: 'import.secretNotFound' });
    expect((await scanSecret('regcred', 'apps', 'elsewhere')).sources[0]?.error).toMatchObject({ code: 'cluster.contextNotFound' });
  });
});
