import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DOCKER_CONFIG_KEY } from '../../main/pull-secrets/pull-secret';
import { MANIFEST_FORMATS } from '../../main/registry-export/secret-manifest';
import { createAccessFixture, type AccessFixture } from '../support/access-services';
import { PULL_SECRET_CASES } from '../support/pull-secret-cases';
import { createSaveDialogStandIn, type SaveDialogStandIn } from '../support/save-dialog-stand-in';

// The exported manifest against real kubectl (`create secret docker-registry … --dry-run=client -o
// yaml`), for the inputs of the pull-secret format test; then the file the app writes: 0600,
// only after the confirmation, through the save dialog.

const cacheDir = mkdtempSync(join(tmpdir(), 'kubectl-manifest-'));
const REGISTRY_ID = 'reg_0123456789abcdef';

interface Manifest {
  metadata: Record<string, unknown>;
  data: Record<string, string>;
  [key: string]: unknown;
}

function kubectlYaml(name: string, namespace: string, server: string, username: string, password: string): string {
  return execFileSync(
    'kubectl',
    ['create', 'secret', 'docker-registry', name, '-n', namespace, `--docker-server=${server}`, `--docker-username=${username}`, `--docker-password=${password}`, '--dry-run=client', '-o', 'yaml', '--cache-dir', cacheDir],
    { encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cacheDir } },
  );
}

/** The parsed manifest with the bytes of `.dockerconfigjson` decoded (Go's escapes must match too), the app's marks apart. */
function comparable(yamlText: string): { manifest: Manifest; dockerConfig: string; marks: unknown } {
  const manifest = parse(yamlText) as Manifest;
  const { labels, annotations, ...metadata } = manifest.metadata;
  const dockerConfig = Buffer.from(manifest.data[DOCKER_CONFIG_KEY]!, 'base64').toString('utf8');
  return { manifest: { ...manifest, metadata, data: {} }, dockerConfig, marks: { labels, annotations } };
}

describe('Secret manifest format', () => {
  it.each(PULL_SECRET_CASES)('$title: the YAML kubectl prints, plus the app’s labels', async ({ login, kubectlServer }) => {
    const ours = await MANIFEST_FORMATS['docker-config-json'].build({ registryId: REGISTRY_ID, name: 'reference', namespace: 'team-a' }, { logins: { forRegistry: async () => ({ registryId: REGISTRY_ID, ...login }) }, externalSecrets: () => { throw new Error('not this format'); } });
    const reference = kubectlYaml('reference', 'team-a', kubectlServer, login.username, login.password);
    const mine = comparable(ours);
    const theirs = comparable(reference);
    expect(mine.manifest).toEqual(theirs.manifest);
    expect(mine.dockerConfig).toBe(theirs.dockerConfig);
    expect((parse(ours) as Manifest).data).toEqual((parse(reference) as Manifest).data);
    expect(mine.marks).toMatchObject({ labels: { 'app.kubernetes.io/managed-by': 'registry-desk', 'registry-desk.io/registry': REGISTRY_ID } });
    // Same layout too: top-level keys in kubectl's order.
    expect(Object.keys(parse(ours) as object)).toEqual(Object.keys(parse(reference) as object));
  });
});

describe('saving the manifest', () => {
  const password = `dckr_pat_${randomBytes(12).toString('hex')}`;
  let folder: string;
  let dialog: SaveDialogStandIn;
  let fixture: AccessFixture;
  let registryId: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'registry-desk-export-'));
    dialog = createSaveDialogStandIn(folder);
    fixture = createAccessFixture({ keychainService: `registry-desk-export-${randomBytes(4).toString('hex')}`, saveDialog: dialog });
    registryId = (await fixture.services.registries.create({ type: 'docker', name: 'Hub', url: 'docker.io', username: 'octocat', password })).id;
  });

  afterAll(async () => {
    await fixture?.close();
    await rm(folder, { recursive: true, force: true });
  });

  const request = (extra: object = {}) => ({ registryId, format: 'docker-config-json' as const, name: 'hub-pull-secret', namespace: 'apps', confirmedContainsPassword: true, ...extra });

  it('is refused until the operator confirms the file contains the password', async () => {
    const result = await fixture.ipc.invoke('export:secret-manifest', request({ confirmedContainsPassword: false }));
    expect(result).toMatchObject({ ok: false, error: { code: 'export.confirmPassword' } });
    expect(dialog.requests).toHaveLength(0);
  });

  it('writes the file with mode 0600, also over a wider existing file', async () => {
    const path = join(folder, 'hub-pull-secret.yaml');
    await writeFile(path, 'old');
    await chmod(path, 0o644);
    const result = await fixture.ipc.invoke('export:secret-manifest', request());
    expect(result).toEqual({ ok: true, value: { saved: true, path } });
    expect(dialog.requests.at(-1)).toEqual({ title: 'Save Secret manifest', defaultName: 'hub-pull-secret.yaml', extensions: ['yaml', 'yml'] });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const written = comparable(await readFile(path, 'utf8'));
    expect(written.manifest).toMatchObject({ kind: 'Secret', type: 'kubernetes.io/dockerconfigjson', metadata: { name: 'hub-pull-secret', namespace: 'apps' } });
    expect(JSON.parse(written.dockerConfig)).toEqual({ auths: { 'https://index.docker.io/v1/': { username: 'octocat', password, auth: Buffer.from(`octocat:${password}`).toString('base64') } } });

    dialog.answers.push('fresh.yaml');
    await fixture.ipc.invoke('export:secret-manifest', request());
    expect((await stat(join(folder, 'fresh.yaml'))).mode & 0o777).toBe(0o600);
    expect(JSON.stringify(result) + fixture.logLines.join('\n')).not.toContain(password);
  });

  it('writes nothing when the dialog is cancelled, and names what is wrong otherwise', async () => {
    dialog.answers.push(null);
    expect(await fixture.ipc.invoke('export:secret-manifest', request({ name: 'cancelled' }))).toEqual({ ok: true, value: { saved: false } });
    await expect(stat(join(folder, 'cancelled.yaml'))).rejects.toThrow();
    const names = await fixture.ipc.invoke('export:secret-manifest', request({ name: 'Not_A_Name', namespace: 'apps!' }));
    expect(names).toMatchObject({ ok: false, error: { code: 'export.invalidNames', fieldErrors: [{ field: 'name' }, { field: 'namespace' }] } });
    dialog.answers.push('missing-folder/x.yaml');
    expect(await fixture.ipc.invoke('export:secret-manifest', request())).toMatchObject({ ok: false, error: { code: 'export.writeFailed', params: { detail: 'ENOENT' } } });
  });

  it('as External Secrets manifests: no password, so no confirmation; static credentials name the team\'s store', async () => {
    const store = { kind: 'ClusterSecretStore' as const, name: 'vault', remoteKey: 'registries/hub', usernameProperty: 'user', passwordProperty: 'token' };
    const esoRequest = { ...request({ confirmedContainsPassword: false }), format: 'external-secrets' as const, name: 'hub-via-eso' };
    expect(await fixture.ipc.invoke('export:secret-manifest', esoRequest)).toMatchObject({ ok: false, error: { code: 'clusterSync.storeRequired' } });
    const path = join(folder, 'hub-via-eso.yaml');
    expect(await fixture.ipc.invoke('export:secret-manifest', { ...esoRequest, externalSecretStore: store })).toEqual({ ok: true, value: { saved: true, path } });
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain(password);
    const externalSecret = parse(text) as { kind: string; metadata: { name: string; namespace: string }; spec: { secretStoreRef: object; data: { remoteRef: object }[]; target: { template: { type: string } } } };
    expect(externalSecret).toMatchObject({ kind: 'ExternalSecret', metadata: { name: 'hub-via-eso', namespace: 'apps' }, spec: { secretStoreRef: { kind: 'ClusterSecretStore', name: 'vault' } } });
    expect(externalSecret.spec.data.map((entry) => entry.remoteRef)).toEqual([
      { key: 'registries/hub', property: 'user' },
      { key: 'registries/hub', property: 'token' },
    ]);
    expect(externalSecret.spec.target.template.type).toBe('kubernetes.io/dockerconfigjson');
  });

  it('is refused where there is no save dialog (plain Node)', async () => {
    const bare = createAccessFixture({ keychainService: `registry-desk-export-bare-${randomBytes(4).toString('hex')}` });
    const id = (await bare.services.registries.create({ type: 'quay', name: 'Quay', url: 'quay.io', username: 'a+b', password: 'p' })).id;
    expect(await bare.ipc.invoke('export:secret-manifest', { ...request(), registryId: id })).toMatchObject({ ok: false, error: { code: 'export.noSaveDialog' } });
    await bare.close();
  });
});
