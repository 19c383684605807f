// The Kubernetes API test server checked against the real clients: kubectl (its own request
// shapes, error texts and printers) and @kubernetes/client-node, plus direct HTTP for the
// semantics kubectl does not reach: conflicts, 415, 422, immutability, faults, latency, counters.
import { request } from 'node:https';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, type KubeApiServer, startKubeApiServer, writeKubeconfig } from '../kube-api-server';
import { KUBECTL_1_31, kubectl } from '../kube-api-server/kubectl';

const MANAGED = { 'app.kubernetes.io/managed-by': 'registry-desk' };
const ADMIN = { name: 'admin', rules: [{ verbs: ['*'], resources: ['*'] }] };
const ALICE = {
  name: 'alice',
  rules: [
    { verbs: ['get', 'list'], resources: ['secrets', 'serviceaccounts'] },
    { verbs: ['create', 'patch'], resources: ['secrets'], namespaces: ['team-a'] },
  ],
};

interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: () => Record<string, unknown>;
}

function call(server: KubeApiServer, method: string, path: string, body?: unknown, options: { token?: string | null; contentType?: string; accept?: string } = {}): Promise<Response> {
  const token = options.token === undefined ? ADMIN_TOKEN : options.token;
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Record<string, string> = { Accept: options.accept ?? 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (payload !== undefined) {
    headers['Content-Type'] = options.contentType ?? 'application/json';
    // Node sends a DELETE body unframed unless told its length.
    headers['Content-Length'] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method, headers, ca: server.caPem }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: () => JSON.parse(text) as Record<string, unknown> }));
    });
    req.once('error', reject);
    req.end(payload);
  });
}

const names = (list: Record<string, unknown>): string[] => (list.items as { metadata: { name: string } }[]).map((item) => item.metadata.name);
const dockerConfig = (auths: object): string => Buffer.from(JSON.stringify({ auths })).toString('base64');

describe('the Kubernetes API test server, as real kubectl sees it', () => {
  let server: KubeApiServer;
  let admin: string;
  let alice: string;

  beforeAll(async () => {
    server = await startKubeApiServer({ users: { [ADMIN_TOKEN]: ADMIN, 'alice-token': ALICE } });
    const dir = mkdtempSync(join(tmpdir(), 'kube-api-server-test-'));
    admin = writeKubeconfig(join(dir, 'admin.yaml'), [{ name: 'admin', server: server.url, caPem: server.caPem, token: ADMIN_TOKEN }]);
    alice = writeKubeconfig(join(dir, 'alice.yaml'), [{ name: 'alice', server: server.url, caPem: server.caPem, token: 'alice-token', namespace: 'team-a' }]);
    server.seed.namespace('team-a', { team: 'a', tier: 'web' });
    server.seed.namespace('team-b', { team: 'b' });
    server.seed.namespace('team-c');
    server.seed.secret('team-a', { metadata: { name: 'pull-a', labels: MANAGED }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': dockerConfig({}) } });
    server.seed.secret('team-b', { metadata: { name: 'pull-b', labels: MANAGED }, type: 'kubernetes.io/dockerconfigjson', data: { '.dockerconfigjson': dockerConfig({}) } });
    server.seed.secret('team-b', { metadata: { name: 'unrelated' }, stringData: { token: 'x' } });
    for (const name of ['p1', 'p2', 'p3', 'p4', 'p5']) server.seed.secret('team-c', { metadata: { name }, stringData: { v: name } });
  });
  afterAll(() => server.stop());

  it('lists namespaces with the table kubectl prints, in name order', async () => {
    const run = await kubectl(admin, ['get', 'ns']);
    expect(run.stderr).toBe('');
    const rows = run.stdout.trim().split('\n').map((line) => line.split(/\s+/));
    expect(rows[0]).toEqual(['NAME', 'STATUS', 'AGE']);
    expect(rows.slice(1).map((row) => row[0])).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system', 'team-a', 'team-b', 'team-c']);
    expect(rows.slice(1).every((row) => row[1] === 'Active' && /^\d+s$/.test(row[2]!))).toBe(true);
  });

  it('get -o json returns the stored objects, with the labels a real server adds', async () => {
    const run = await kubectl(admin, ['get', 'ns', 'team-a', '-o', 'json']);
    const namespace = JSON.parse(run.stdout) as { metadata: { labels: Record<string, string>; resourceVersion: string }; spec: unknown; status: unknown };
    expect(namespace.metadata.labels).toEqual({ team: 'a', tier: 'web', 'kubernetes.io/metadata.name': 'team-a' });
    expect(namespace.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(namespace.status).toEqual({ phase: 'Active' });
    expect(namespace).toEqual(server.read('namespaces', null, 'team-a'));
    const secret = JSON.parse((await kubectl(admin, ['get', 'secret', 'unrelated', '-n', 'team-b', '-o', 'json'])).stdout) as { data: Record<string, string>; type: string };
    expect(secret).toEqual(server.read('secrets', 'team-b', 'unrelated'));
    expect(secret.data).toEqual({ token: Buffer.from('x').toString('base64') });
    expect(secret.type).toBe('Opaque');
  });

  it('finds the managed secrets across all namespaces by label', async () => {
    const run = await kubectl(admin, ['get', 'secrets', '-A', '-l', 'app.kubernetes.io/managed-by=registry-desk']);
    const rows = run.stdout.trim().split('\n').map((line) => line.split(/\s+/));
    expect(rows[0]).toEqual(['NAMESPACE', 'NAME', 'TYPE', 'DATA', 'AGE']);
    expect(rows.slice(1).map((row) => row.slice(0, 4))).toEqual([
      ['team-a', 'pull-a', 'kubernetes.io/dockerconfigjson', '1'],
      ['team-b', 'pull-b', 'kubernetes.io/dockerconfigjson', '1'],
    ]);
  });

  it("answers client-go's metadata-only list (PartialObjectMetadataList) with kubectl's view of the same objects' metadata, paged", async () => {
    const metadataList = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1';
    const shown = JSON.parse((await kubectl(admin, ['get', 'secrets', '-A', '-l', 'app.kubernetes.io/managed-by=registry-desk', '-o', 'json', '--show-managed-fields'])).stdout) as { items: { metadata: object }[] };
    const query = `labelSelector=${encodeURIComponent('app.kubernetes.io/managed-by=registry-desk')}`;
    // With a selector a page may come back short, and a real server still hands out continue until its scan is done.
    const pages: Record<string, unknown>[] = [];
    for (let token = ''; pages.length === 0 || token !== ''; ) {
      const path = `/api/v1/secrets?${query}&limit=1${token ? `&continue=${encodeURIComponent(token)}` : ''}`;
      pages.push((await call(server, 'GET', path, undefined, { accept: pages.length === 0 ? `${metadataList},application/json` : metadataList })).json());
      token = (pages.at(-1)!.metadata as { continue?: string }).continue ?? '';
    }
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(page).toMatchObject({ kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: expect.any(String) } });
    const items = pages.flatMap((page) => page.items as object[]);
    expect(items).toEqual(shown.items.map((item) => ({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: item.metadata })));
    expect(items.every((item) => Array.isArray((item as { metadata: { managedFields?: unknown } }).metadata.managedFields))).toBe(true);
    // One object asks for as=PartialObjectMetadata; the list form fits no get, so without a plain fallback it is 406.
    const one = await call(server, 'GET', '/api/v1/namespaces/team-a/secrets/pull-a', undefined, { accept: 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1' });
    expect(one.json()).toEqual({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: shown.items[0]!.metadata });
    expect((await call(server, 'GET', '/api/v1/namespaces/team-a/secrets/pull-a', undefined, { accept: metadataList })).status).toBe(406);
    expect((await call(server, 'GET', '/api/v1/namespaces/team-a/secrets/pull-a', undefined, { accept: `${metadataList},application/json` })).json()).toMatchObject({ kind: 'Secret', type: 'kubernetes.io/dockerconfigjson' });
  });

  it('supports every label selector operator the way kubectl sends them', async () => {
    const select = async (selector: string): Promise<string[]> => {
      const run = await kubectl(admin, ['get', 'ns', '-l', selector, '-o', 'jsonpath={.items[*].metadata.name}']);
      expect(run.stderr).toBe('');
      return run.stdout.split(' ').filter(Boolean);
    };
    expect(await select('team=a')).toEqual(['team-a']);
    expect(await select('team==b')).toEqual(['team-b']);
    expect(await select('team!=a')).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system', 'team-b', 'team-c']);
    expect(await select('team in (a,b)')).toEqual(['team-a', 'team-b']);
    expect(await select('team notin (a),tier')).toEqual([]);
    expect(await select('team')).toEqual(['team-a', 'team-b']);
    expect(await select('!team,kubernetes.io/metadata.name notin (default,kube-public)')).toEqual(['kube-node-lease', 'kube-system', 'team-c']);
    const bad = await kubectl(admin, ['get', 'ns', '-l', 'team in (a']);
    expect(bad.code).not.toBe(0);
  });

  it('pages with --chunk-size through limit/continue and returns every item once, in order', async () => {
    const run = await kubectl(admin, ['get', 'secrets', '-n', 'team-c', '--chunk-size=2', '-v=6']);
    const pages = run.stderr.split('\n').filter((line) => /GET https:\/\/\S+\/namespaces\/team-c\/secrets\?/.test(line));
    expect(pages).toHaveLength(3);
    expect(pages[0]).toMatch(/limit=2 200 OK/);
    expect(pages.slice(1).every((line) => /continue=[\w-]+/.test(line))).toBe(true);
    expect(run.stdout.trim().split('\n').slice(1).map((line) => line.split(/\s+/)[0])).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
  });

  it("creates kubectl's own dry-run secret, then refuses the second create with kubectl's AlreadyExists text", async () => {
    const generate = ['create', 'secret', 'docker-registry', 'regcred', '-n', 'team-a', '--docker-server=quay.io', '--docker-username=org+robot', '--docker-password=p:&<ü', '--dry-run=client', '-o', 'json'];
    const manifest = (await kubectl(admin, generate, { binary: KUBECTL_1_31 })).stdout;
    const first = await kubectl(admin, ['create', '-f', '-'], { stdin: manifest, binary: KUBECTL_1_31 });
    expect(first.stderr).toBe('');
    expect(first.stdout.trim()).toBe('secret/regcred created');
    const stored = server.read('secrets', 'team-a', 'regcred') as { data: Record<string, string>; type: string };
    expect(stored.type).toBe('kubernetes.io/dockerconfigjson');
    expect(stored.data).toEqual((JSON.parse(manifest) as { data: unknown }).data);
    const second = await kubectl(admin, ['create', '-f', '-'], { stdin: manifest, binary: KUBECTL_1_31 });
    expect(second.code).toBe(1);
    expect(second.stderr.trim()).toBe('Error from server (AlreadyExists): error when creating "STDIN": secrets "regcred" already exists');
  });

  it('rejects what a real server rejects when kubectl creates it (422 with the field and reason)', async () => {
    const manifest = JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'broken', namespace: 'team-a' }, type: 'kubernetes.io/dockerconfigjson', data: { other: 'eA==' } });
    const run = await kubectl(admin, ['create', '-f', '-'], { stdin: manifest, binary: KUBECTL_1_31 });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('The Secret "broken" is invalid: data[.dockerconfigjson]: Required value');
    const unknownField = JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'typo', namespace: 'team-a' }, dta: { a: 'eA==' } });
    const strict = await kubectl(admin, ['create', '-f', '-'], { stdin: unknownField, binary: KUBECTL_1_31 });
    expect(strict.stderr.trim()).toBe('Error from server (BadRequest): error when creating "STDIN": Secret in version "v1" cannot be handled as a Secret: strict decoding error: unknown field "dta"');
    expect(server.read('secrets', 'team-a', 'typo')).toBeUndefined();
  });

  it('patches a ServiceAccount as kubectl does: strategic merge and merge replace imagePullSecrets, json patch appends', async () => {
    server.seed.serviceAccount('team-b', 'builder', { imagePullSecrets: [{ name: 'theirs' }], secrets: [{ name: 'token-a' }] });
    const patch = (args: string[]) => kubectl(admin, ['patch', 'sa', 'builder', '-n', 'team-b', ...args, '-o', 'json']);
    const strategic = JSON.parse((await patch(['-p', '{"imagePullSecrets":[{"name":"x"}],"secrets":[{"name":"token-b"}]}'])).stdout) as Record<string, unknown>;
    expect(strategic.imagePullSecrets).toEqual([{ name: 'x' }]);
    expect(strategic.secrets).toEqual([{ name: 'token-a' }, { name: 'token-b' }]);
    const json = JSON.parse((await patch(['--type=json', '-p', '[{"op":"add","path":"/imagePullSecrets/-","value":{"name":"y"}}]'])).stdout) as Record<string, unknown>;
    expect(json.imagePullSecrets).toEqual([{ name: 'x' }, { name: 'y' }]);
    const merge = JSON.parse((await patch(['--type=merge', '-p', '{"imagePullSecrets":[{"name":"z"}]}'])).stdout) as Record<string, unknown>;
    expect(merge.imagePullSecrets).toEqual([{ name: 'z' }]);
    expect(server.read('serviceaccounts', 'team-b', 'builder')).toEqual(merge);
    const failed = await patch(['--type=json', '-p', '[{"op":"test","path":"/imagePullSecrets/0/name","value":"nope"}]']);
    expect(failed.code).toBe(1);
    expect(failed.stderr.trim()).toBe('The request is invalid: the server rejected our request due to an error in our request');
  });

  it('answers kubectl auth can-i from the same rules that guard requests', async () => {
    const canI = (args: string[]) => kubectl(alice, ['auth', 'can-i', ...args]);
    expect(await canI(['create', 'secrets', '-n', 'team-a'])).toMatchObject({ code: 0, stdout: 'yes\n' });
    expect(await canI(['create', 'secrets', '-n', 'team-b'])).toMatchObject({ code: 1, stdout: 'no\n' });
    expect(await canI(['list', 'secrets', '--all-namespaces'])).toMatchObject({ code: 0, stdout: 'yes\n' });
    expect(await canI(['delete', 'secrets', '-n', 'team-a'])).toMatchObject({ code: 1, stdout: 'no\n' });
    expect(await canI(['patch', 'serviceaccounts', '-n', 'team-a'])).toMatchObject({ code: 1, stdout: 'no\n' });
  });

  it('refuses forbidden requests with the messages kubectl prints from a real server', async () => {
    const create = await kubectl(alice, ['create', 'secret', 'generic', 'nope', '-n', 'team-b', '--from-literal=a=b'], { binary: KUBECTL_1_31 });
    expect(create.stderr.trim()).toBe('error: failed to create secret secrets is forbidden: User "alice" cannot create resource "secrets" in API group "" in the namespace "team-b"');
    const list = await kubectl(alice, ['get', 'ns']);
    expect(list.stderr.trim()).toBe('Error from server (Forbidden): namespaces is forbidden: User "alice" cannot list resource "namespaces" in API group "" at the cluster scope');
    const remove = await kubectl(alice, ['delete', 'secret', 'pull-a']);
    expect(remove.stderr.trim()).toBe('Error from server (Forbidden): secrets "pull-a" is forbidden: User "alice" cannot delete resource "secrets" in API group "" in the namespace "team-a"');
    expect(server.read('secrets', 'team-a', 'pull-a')).toBeDefined();
    const allowed = await kubectl(alice, ['create', 'secret', 'generic', 'mine', '--from-literal=a=b'], { binary: KUBECTL_1_31 });
    expect(allowed.stdout.trim()).toBe('secret/mine created');
  });

  it('deletes a namespace the way a real one goes: Terminating, then gone with its content', async () => {
    server.seed.namespace('short-lived');
    server.seed.secret('short-lived', { metadata: { name: 'inside' }, stringData: { a: 'b' } });
    const run = await kubectl(admin, ['delete', 'ns', 'short-lived']);
    expect(run.stdout.trim()).toBe('namespace "short-lived" deleted');
    expect(server.read('namespaces', null, 'short-lived')).toBeUndefined();
    expect(server.read('secrets', 'short-lived', 'inside')).toBeUndefined();
    expect(server.read('serviceaccounts', 'short-lived', 'default')).toBeUndefined();
  });

  it('authenticates kubectl by client certificate, exec plugin, and token over insecure-skip-tls-verify', async () => {
    const certificate = await server.issueClientCertificate({ name: 'carol', rules: [{ verbs: ['list'], resources: ['namespaces'] }] });
    const dir = mkdtempSync(join(tmpdir(), 'kube-api-server-cert-'));
    const carol = writeKubeconfig(join(dir, 'carol.yaml'), [{ name: 'carol', server: server.url, caPem: server.caPem, clientCertificatePem: certificate.certificatePem, clientKeyPem: certificate.keyPem }]);
    const listed = await kubectl(carol, ['get', 'ns', '-o', 'name']);
    expect(listed.stdout).toContain('namespace/team-a');
    expect((await kubectl(carol, ['get', 'secrets', '-A'])).stderr).toContain('User "carol" cannot list resource "secrets"');
    const insecure = writeKubeconfig(join(dir, 'insecure.yaml'), [{ name: 'insecure', server: server.url, token: ADMIN_TOKEN, insecureSkipTlsVerify: true }]);
    expect((await kubectl(insecure, ['get', 'ns', 'team-a', '-o', 'name'])).stdout.trim()).toBe('namespace/team-a');
    const plugin = join(dir, 'token-plugin');
    writeFileSync(plugin, '#!/bin/sh\necho \'{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"exec-token"}}\'\n', { mode: 0o755 });
    server.addUser('exec-token', { name: 'dave', rules: [{ verbs: ['get'], resources: ['namespaces'] }] });
    const exec = writeKubeconfig(join(dir, 'exec.yaml'), [{ name: 'exec', server: server.url, caPem: server.caPem, exec: { command: plugin } }]);
    expect((await kubectl(exec, ['get', 'ns', 'team-b', '-o', 'name'])).stdout.trim()).toBe('namespace/team-b');
    expect((await kubectl(exec, ['get', 'ns'])).stderr).toContain('User "dave" cannot list resource "namespaces"');
    const untrusted = writeKubeconfig(join(dir, 'untrusted.yaml'), [{ name: 'untrusted', server: server.url, token: ADMIN_TOKEN }]);
    expect((await kubectl(untrusted, ['get', 'ns'])).stderr).toMatch(/certificate signed by unknown authority/);
  });
});

describe('the Kubernetes API test server over HTTP', () => {
  let server: KubeApiServer;

  beforeAll(async () => {
    server = await startKubeApiServer({ users: { [ADMIN_TOKEN]: ADMIN, 'alice-token': ALICE } });
    server.seed.namespace('apps');
  });
  afterAll(() => server.stop());

  const secrets = '/api/v1/namespaces/apps/secrets';

  it('refuses a write with a stale resourceVersion with 409 Conflict, and keeps unchanged writes free', async () => {
    const created = (await call(server, 'POST', secrets, { metadata: { name: 'rv' }, stringData: { a: '1' } })).json() as { metadata: { resourceVersion: string } };
    const stale = created.metadata.resourceVersion;
    const updated = await call(server, 'PUT', `${secrets}/rv`, { metadata: { name: 'rv', resourceVersion: stale }, data: { a: 'Mg==' } });
    expect(updated.status).toBe(200);
    const fresh = (updated.json() as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
    expect(Number(fresh)).toBeGreaterThan(Number(stale));
    const conflict = await call(server, 'PUT', `${secrets}/rv`, { metadata: { name: 'rv', resourceVersion: stale }, data: { a: 'Mw==' } });
    expect(conflict.status).toBe(409);
    expect(conflict.json()).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Conflict', code: 409,
      message: 'Operation cannot be fulfilled on secrets "rv": the object has been modified; please apply your changes to the latest version and try again',
      details: { name: 'rv', kind: 'secrets' },
    });
    const patched = await call(server, 'PATCH', `${secrets}/rv`, { metadata: { resourceVersion: stale }, data: { a: 'NA==' } }, { contentType: 'application/merge-patch+json' });
    expect(patched.status).toBe(409);
    const same = await call(server, 'PATCH', `${secrets}/rv`, { data: { a: 'Mg==' } }, { contentType: 'application/merge-patch+json' });
    expect((same.json() as { metadata: { resourceVersion: string } }).metadata.resourceVersion).toBe(fresh);
  });

  it('answers create of an existing name with AlreadyExists and a missing object with NotFound', async () => {
    await call(server, 'POST', secrets, { metadata: { name: 'twice' }, stringData: { a: '1' } });
    const again = await call(server, 'POST', secrets, { metadata: { name: 'twice' }, stringData: { a: '1' } });
    expect(again.json()).toMatchObject({ reason: 'AlreadyExists', code: 409, message: 'secrets "twice" already exists', details: { name: 'twice', kind: 'secrets' } });
    const missing = await call(server, 'GET', `${secrets}/nothing`);
    expect(missing.json()).toMatchObject({ reason: 'NotFound', code: 404, message: 'secrets "nothing" not found' });
    const nowhere = await call(server, 'POST', '/api/v1/namespaces/nowhere/secrets', { metadata: { name: 'a' } });
    expect(nowhere.json()).toMatchObject({ reason: 'NotFound', code: 404, message: 'namespaces "nowhere" not found', details: { name: 'nowhere', kind: 'namespaces' } });
  });

  it('accepts only the four patch content types, and only JSON or YAML bodies (415 otherwise)', async () => {
    await call(server, 'POST', secrets, { metadata: { name: 'types' }, stringData: { a: '1' } });
    for (const contentType of ['application/json', 'text/plain']) {
      const response = await call(server, 'PATCH', `${secrets}/types`, { data: {} }, { contentType });
      expect(response.status).toBe(415);
      expect(response.json()).toMatchObject({ reason: 'UnsupportedMediaType', message: expect.stringContaining('application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml') });
    }
    const unnamedApply = await call(server, 'PATCH', `${secrets}/types`, { data: {} }, { contentType: 'application/apply-patch+yaml' });
    expect(unnamedApply.json()).toMatchObject({ code: 400, message: 'fieldManager is required for apply requests' });
    const protobuf = await call(server, 'POST', secrets, 'k8s\u0000', { contentType: 'application/vnd.kubernetes.protobuf' });
    expect(protobuf.status).toBe(415);
    const yaml = await call(server, 'POST', secrets, 'metadata:\n  name: from-yaml\nstringData:\n  a: b\n', { contentType: 'application/yaml' });
    expect(yaml.status).toBe(201);
    const warned = await call(server, 'POST', secrets, { metadata: { name: 'warned' }, stringData: { a: 'b' }, extra: 1 });
    expect(warned.status).toBe(201);
    expect(warned.headers.warning).toBe('299 - "unknown field \\"extra\\""');
  });

  it('validates names and dockerconfigjson secrets with 422 Invalid bodies naming the field', async () => {
    const badName = (await call(server, 'POST', secrets, { metadata: { name: 'Bad_Name' } })).json();
    expect(badName).toMatchObject({ code: 422, reason: 'Invalid', details: { name: 'Bad_Name', kind: 'Secret', causes: [{ reason: 'FieldValueInvalid', field: 'metadata.name' }] } });
    expect(badName.message).toMatch(/^Secret "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of/);
    const badNamespace = (await call(server, 'POST', '/api/v1/namespaces', { metadata: { name: 'a.b' } })).json();
    expect(badNamespace.message).toMatch(/^Namespace "a\.b" is invalid: metadata\.name: Invalid value: "a\.b": a lowercase RFC 1123 label must consist of/);
    const missingKey = (await call(server, 'POST', secrets, { metadata: { name: 'dc' }, type: 'kubernetes.io/dockerconfigjson', data: {} })).json();
    expect(missingKey).toMatchObject({ code: 422, message: 'Secret "dc" is invalid: data[.dockerconfigjson]: Required value', details: { causes: [{ reason: 'FieldValueRequired', field: 'data[.dockerconfigjson]' }] } });
    const notJson = (await call(server, 'POST', secrets, { metadata: { name: 'dc' }, type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': 'oops' } })).json();
    expect(notJson.message).toBe(`Secret "dc" is invalid: data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": invalid character 'o' looking for beginning of value`);
    const array = (await call(server, 'POST', secrets, { metadata: { name: 'dc' }, type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': '[]' } })).json();
    expect(array.message).toContain('json: cannot unmarshal array into Go value of type map[string]interface {}');
    const badKey = (await call(server, 'POST', secrets, { metadata: { name: 'k' }, stringData: { 'a key': 'v' } })).json();
    expect(badKey).toMatchObject({ code: 422, details: { causes: [{ field: 'data[a key]' }] } });
    const badBase64 = await call(server, 'POST', secrets, { metadata: { name: 'b' }, data: { a: 'not base64!' } });
    expect(badBase64.json()).toMatchObject({ code: 400, reason: 'BadRequest', message: 'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3' });
    const badLabel = (await call(server, 'POST', secrets, { metadata: { name: 'l', labels: { ok: 'not ok' } } })).json();
    expect(badLabel).toMatchObject({ code: 422, details: { causes: [{ field: 'metadata.labels' }] } });
  });

  it('folds stringData into data and keeps type and immutable secrets immutable', async () => {
    const created = (await call(server, 'POST', secrets, { metadata: { name: 'frozen' }, immutable: true, data: { a: 'YQ==' }, stringData: { b: 'ü' } })).json();
    expect(created).toMatchObject({ data: { a: 'YQ==', b: Buffer.from('ü').toString('base64') }, type: 'Opaque', immutable: true });
    expect(created).not.toHaveProperty('stringData');
    const change = (await call(server, 'PATCH', `/api/v1/namespaces/apps/secrets/frozen`, { data: { a: 'Yg==' } }, { contentType: 'application/merge-patch+json' })).json();
    expect(change).toMatchObject({ code: 422, message: 'Secret "frozen" is invalid: data: Forbidden: field is immutable when `immutable` is set' });
    const thaw = (await call(server, 'PATCH', `/api/v1/namespaces/apps/secrets/frozen`, { immutable: false }, { contentType: 'application/merge-patch+json' })).json();
    expect(thaw.message).toBe('Secret "frozen" is invalid: immutable: Forbidden: field is immutable when `immutable` is set');
    const retype = (await call(server, 'PATCH', `/api/v1/namespaces/apps/secrets/from-yaml`, { type: 'example.com/custom' }, { contentType: 'application/merge-patch+json' })).json();
    expect(retype.message).toBe('Secret "from-yaml" is invalid: type: Invalid value: "example.com/custom": field is immutable');
    const both = (await call(server, 'PATCH', `/api/v1/namespaces/apps/secrets/from-yaml`, { type: 'kubernetes.io/basic-auth' }, { contentType: 'application/merge-patch+json' })).json();
    expect(both.message).toBe('Secret "from-yaml" is invalid: [type: Invalid value: "kubernetes.io/basic-auth": field is immutable, data[username]: Required value, data[password]: Required value]');
  });

  it('pages lists with limit/continue and filters with field selectors, sorted by namespace then name', async () => {
    server.seed.namespace('zz');
    server.seed.namespace('a-b');
    for (const namespace of ['zz', 'a-b']) for (const name of ['s2', 's1']) server.seed.secret(namespace, { metadata: { name, labels: MANAGED }, stringData: { a: 'b' } });
    const all = (await call(server, 'GET', `/api/v1/secrets?labelSelector=${encodeURIComponent('app.kubernetes.io/managed-by=registry-desk')}`)).json();
    expect(all.kind).toBe('SecretList');
    expect((all.items as { metadata: { namespace: string; name: string } }[]).map((item) => `${item.metadata.namespace}/${item.metadata.name}`)).toEqual(['a-b/s1', 'a-b/s2', 'zz/s1', 'zz/s2']);
    expect(all.items as object[]).not.toContainEqual(expect.objectContaining({ kind: 'Secret' }));
    const first = (await call(server, 'GET', '/api/v1/namespaces/zz/secrets?limit=1')).json() as { items: object[]; metadata: { continue: string; remainingItemCount: number } };
    expect(names(first)).toEqual(['s1']);
    expect(first.metadata.remainingItemCount).toBe(1);
    const second = (await call(server, 'GET', `/api/v1/namespaces/zz/secrets?limit=1&continue=${first.metadata.continue}`)).json();
    expect(names(second)).toEqual(['s2']);
    expect(second.metadata).not.toHaveProperty('continue');
    const bad = await call(server, 'GET', '/api/v1/namespaces/zz/secrets?limit=1&continue=garbage');
    expect(bad.json()).toMatchObject({ code: 400, reason: 'BadRequest' });
    const fields = (await call(server, 'GET', `/api/v1/secrets?fieldSelector=${encodeURIComponent('metadata.name=s2,metadata.namespace!=zz')}`)).json();
    expect(names(fields)).toEqual(['s2']);
    const byType = (await call(server, 'GET', `/api/v1/namespaces/apps/secrets?fieldSelector=type%3Dkubernetes.io%2Fdockerconfigjson`)).json();
    expect(names(byType)).toEqual([]);
  });

  it('creates the default ServiceAccount after the configured delay, and again when it is deleted', async () => {
    // The delay outlasts two requests on a loaded machine; the account's arrival is then awaited, not slept for.
    const slow = await startKubeApiServer({ defaultServiceAccountDelayMs: 3_000, systemNamespaces: false });
    const defaultAccount = () => slow.read('serviceaccounts', 'fresh', 'default');
    try {
      await call(slow, 'POST', '/api/v1/namespaces', { metadata: { name: 'fresh' } });
      expect(defaultAccount()).toBeUndefined();
      const early = await call(slow, 'PATCH', '/api/v1/namespaces/fresh/serviceaccounts/default', { imagePullSecrets: [{ name: 'x' }] }, { contentType: 'application/strategic-merge-patch+json' });
      expect(early.status).toBe(404);
      await expect.poll(defaultAccount, { timeout: 20_000 }).toMatchObject({ metadata: { name: 'default', namespace: 'fresh' } });
      await call(slow, 'DELETE', '/api/v1/namespaces/fresh/serviceaccounts/default');
      expect(defaultAccount()).toBeUndefined();
      await expect.poll(defaultAccount, { timeout: 20_000 }).toBeDefined();
    } finally {
      await slow.stop();
    }
  });

  it('refuses new content in a terminating namespace, as NamespaceLifecycle admission does', async () => {
    const slow = await startKubeApiServer({ namespaceDeletionDelayMs: 10_000, systemNamespaces: false });
    try {
      slow.seed.namespace('going');
      const deleted = (await call(slow, 'DELETE', '/api/v1/namespaces/going')).json();
      expect(deleted).toMatchObject({ kind: 'Namespace', status: { phase: 'Terminating' }, metadata: { deletionTimestamp: expect.any(String) } });
      const refused = (await call(slow, 'POST', '/api/v1/namespaces/going/secrets', { metadata: { name: 'late' } })).json();
      expect(refused).toMatchObject({ code: 403, reason: 'Forbidden', message: 'secrets "late" is forbidden: unable to create new content in namespace going because it is being terminated' });
    } finally {
      await slow.stop();
    }
  });

  it('honours delete preconditions', async () => {
    const created = (await call(server, 'POST', secrets, { metadata: { name: 'guarded' }, stringData: { a: '1' } })).json() as { metadata: { uid: string } };
    const wrong = await call(server, 'DELETE', `${secrets}/guarded`, { preconditions: { uid: 'someone-else' } });
    expect(wrong.json()).toMatchObject({ code: 409, reason: 'Conflict', message: expect.stringContaining('Precondition failed: UID in precondition: someone-else') });
    const right = (await call(server, 'DELETE', `${secrets}/guarded`, { preconditions: { uid: created.metadata.uid } })).json();
    expect(right).toMatchObject({ kind: 'Status', status: 'Success', details: { name: 'guarded', kind: 'secrets', uid: created.metadata.uid } });
  });

  it('authenticates by bearer token: unknown tokens get 401, anonymous callers only /version', async () => {
    expect((await call(server, 'GET', '/api/v1/namespaces', undefined, { token: 'wrong' })).json()).toMatchObject({ code: 401, reason: 'Unauthorized', message: 'Unauthorized' });
    expect((await call(server, 'GET', '/version', undefined, { token: null })).json()).toMatchObject({ gitVersion: 'v1.31.4', major: '1', minor: '31' });
    expect((await call(server, 'GET', '/api', undefined, { token: null })).json()).toMatchObject({ code: 403, message: 'forbidden: User "system:anonymous" cannot get path "/api"' });
    expect((await call(server, 'GET', '/api/v1/configmaps')).json()).toMatchObject({ code: 404, reason: 'NotFound', message: 'the server could not find the requested resource' });
  });

  it('answers SelfSubjectAccessReviews for the caller', async () => {
    const ask = async (namespace: string, verb: string) => {
      const body = { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { namespace, verb, resource: 'secrets' } } };
      const response = await call(server, 'POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', body, { token: 'alice-token' });
      expect(response.status).toBe(201);
      return (response.json().status as { allowed: boolean }).allowed;
    };
    expect(await ask('team-a', 'create')).toBe(true);
    expect(await ask('apps', 'create')).toBe(false);
    expect(await ask('', 'list')).toBe(true);
  });

  it('injects 5xx and 429 faults at the set rates, reproducibly for a seed', async () => {
    const statuses = async (seed: number): Promise<number[]> => {
      const flaky = await startKubeApiServer({ seed, systemNamespaces: false });
      try {
        flaky.setFaults({ serverErrorRate: 0.2, tooManyRequestsRate: 0.2, retryAfterSeconds: 3 });
        const codes: number[] = [];
        for (let index = 0; index < 120; index += 1) {
          const response = await call(flaky, 'GET', '/api/v1/namespaces');
          if (response.status === 429) {
            expect(response.headers['retry-after']).toBe('3');
            expect(response.text).toBe('Too many requests, please try again later.\n');
          }
          if (response.status >= 500) expect(response.json()).toMatchObject({ kind: 'Status', reason: expect.stringMatching(/^(InternalError|ServiceUnavailable)$/) });
          codes.push(response.status);
        }
        flaky.setFaults({});
        expect((await call(flaky, 'GET', '/api/v1/namespaces')).status).toBe(200);
        return codes;
      } finally {
        await flaky.stop();
      }
    };
    const first = await statuses(7);
    expect(await statuses(7)).toEqual(first);
    expect(await statuses(8)).not.toEqual(first);
    const share = (code: (status: number) => boolean) => first.filter(code).length / first.length;
    expect(share((status) => status === 429)).toBeGreaterThan(0.08);
    expect(share((status) => status === 429)).toBeLessThan(0.35);
    expect(share((status) => status >= 500)).toBeGreaterThan(0.05);
    expect(share((status) => status === 200)).toBeGreaterThan(0.45);
  });

  it('injects conflicts on writes as a concurrent writer would: the resourceVersion moves on', async () => {
    await call(server, 'POST', secrets, { metadata: { name: 'contended' }, stringData: { a: '1' } });
    const before = (server.read('secrets', 'apps', 'contended') as { metadata: { resourceVersion: string } }).metadata.resourceVersion;
    server.setFaults({ conflictRate: 1 });
    const refused = await call(server, 'PATCH', `${secrets}/contended`, { data: { a: 'Mg==' } }, { contentType: 'application/merge-patch+json' });
    server.setFaults({});
    expect(refused.json()).toMatchObject({ code: 409, reason: 'Conflict' });
    const after = server.read('secrets', 'apps', 'contended') as { metadata: { resourceVersion: string }; data: Record<string, string> };
    expect(after.metadata.resourceVersion).not.toBe(before);
    expect(after.data).toEqual({ a: 'MQ==' });
    const retried = await call(server, 'PATCH', `${secrets}/contended`, { metadata: { resourceVersion: before }, data: { a: 'Mg==' } }, { contentType: 'application/merge-patch+json' });
    expect(retried.status).toBe(409);
  });

  it('recovers after maxInARow faulted requests in a row on one path, and never when told so', async () => {
    const statuses = async (count: number, path: string) => {
      const codes: number[] = [];
      for (let index = 0; index < count; index += 1) codes.push((await call(server, 'GET', path)).status);
      return codes;
    };
    server.setFaults({ serverErrorRate: 1 });
    const served = await statuses(8, '/api/v1/namespaces');
    expect(served.map((status) => status >= 500)).toEqual([true, true, true, false, true, true, true, false]);
    expect(served.filter((status) => status < 500)).toEqual([200, 200]);
    // The streak is per method and path: another object's requests start their own.
    expect((await statuses(4, '/api/v1/namespaces/apps/secrets')).map((status) => status >= 500)).toEqual([true, true, true, false]);
    server.setFaults({ tooManyRequestsRate: 1, maxInARow: 1 });
    expect(await statuses(4, '/api/v1/namespaces')).toEqual([429, 200, 429, 200]);
    server.setFaults({ serverErrorRate: 1, maxInARow: Infinity });
    expect((await statuses(6, '/api/v1/namespaces')).every((status) => status >= 500)).toBe(true);
    server.setFaults({});
    expect((await call(server, 'GET', '/api/v1/namespaces')).status).toBe(200);
  });

  it('adds the set latency to every request', async () => {
    server.setLatency(120);
    const started = performance.now();
    await Promise.all([call(server, 'GET', '/api/v1/namespaces'), call(server, 'GET', '/api/v1/namespaces')]);
    const elapsed = performance.now() - started;
    server.setLatency(0);
    expect(elapsed).toBeGreaterThanOrEqual(115);
  });

  it('holds requests until released, and tells which ones their client gave up on', async () => {
    server.holdRequests();
    let answered = false;
    const kept = call(server, 'GET', '/api/v1/namespaces').then((response) => {
      answered = true;
      return response;
    });
    const givenUp = request(`${server.url}/api/v1/namespaces/apps`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` }, ca: server.caPem });
    givenUp.once('error', () => undefined);
    givenUp.end();
    await expect.poll(() => server.heldRequests().length).toBe(2);
    givenUp.destroy();
    const held = () => server.heldRequests().map((entry) => `${entry.method} ${entry.url} ${entry.abandoned ? 'abandoned' : 'waiting'}`).sort();
    await expect.poll(held).toEqual(['GET /api/v1/namespaces waiting', 'GET /api/v1/namespaces/apps abandoned']);
    expect(answered).toBe(false);
    server.releaseRequests();
    expect((await kept).status).toBe(200);
    expect(server.heldRequests()).toEqual([]);
  });

  it('counts requests by verb and resource, and resets', async () => {
    server.resetCounters();
    await call(server, 'GET', '/api/v1/namespaces');
    await call(server, 'GET', '/api/v1/namespaces/apps/secrets/frozen');
    await call(server, 'POST', secrets, { metadata: { name: 'counted' }, stringData: { a: '1' } });
    await call(server, 'PATCH', `${secrets}/counted`, [{ op: 'add', path: '/data/b', value: 'Yg==' }], { contentType: 'application/json-patch+json' });
    await call(server, 'PUT', `${secrets}/counted`, { metadata: { name: 'counted' }, data: { a: 'MQ==' } });
    await call(server, 'DELETE', `${secrets}/counted`);
    await call(server, 'GET', '/api/v1/namespaces/apps/serviceaccounts?limit=5');
    await call(server, 'GET', '/api');
    expect(server.counters()).toEqual({
      byVerb: { list: 2, get: 2, create: 1, patch: 1, update: 1, delete: 1 },
      byResource: { namespaces: 1, secrets: 5, serviceaccounts: 1, discovery: 1 },
      total: 8,
    });
    server.resetCounters();
    expect(server.counters()).toEqual({ byVerb: {}, byResource: {}, total: 0 });
  });
});

describe('the Kubernetes API test server, as @kubernetes/client-node 2.x sees it', () => {
  let server: KubeApiServer;
  let core: k8s.CoreV1Api;

  beforeAll(async () => {
    server = await startKubeApiServer();
    server.seed.namespace('one');
    server.seed.namespace('two');
    const config = new k8s.KubeConfig();
    config.loadFromFile(writeKubeconfig(join(mkdtempSync(join(tmpdir(), 'kube-api-server-cn-')), 'config.yaml'), [{ name: 'test', server: server.url, caPem: server.caPem, token: ADMIN_TOKEN }]));
    core = config.makeApiClient(k8s.CoreV1Api);
  });
  afterAll(() => server.stop());

  it('lists, creates and reads typed objects', async () => {
    const namespaces = await core.listNamespace({ limit: 2 });
    expect(namespaces.items.map((item) => item.metadata?.name)).toEqual(['default', 'kube-node-lease']);
    expect(namespaces.metadata?._continue).toBeTruthy();
    const created = await core.createNamespacedSecret({
      namespace: 'one',
      body: { metadata: { name: 'pull', labels: MANAGED }, type: 'kubernetes.io/dockerconfigjson', stringData: { '.dockerconfigjson': '{"auths":{}}' } },
    });
    expect(created.metadata?.resourceVersion).toBeTruthy();
    expect(created.data?.['.dockerconfigjson']).toBe(Buffer.from('{"auths":{}}').toString('base64'));
    const listed = await core.listSecretForAllNamespaces({ labelSelector: 'app.kubernetes.io/managed-by=registry-desk' });
    expect(listed.items.map((item) => `${item.metadata?.namespace}/${item.metadata?.name}`)).toEqual(['one/pull']);
    const read = await core.readNamespacedServiceAccount({ name: 'default', namespace: 'two' });
    expect(read.metadata?.uid).toBeTruthy();
  });

  it('patches with json-patch by default and with merge types when the content type is set', async () => {
    server.seed.serviceAccount('two', 'deployer', { imagePullSecrets: [{ name: 'theirs' }] });
    const appended = await core.patchNamespacedServiceAccount({ name: 'deployer', namespace: 'two', body: [{ op: 'add', path: '/imagePullSecrets/-', value: { name: 'ours' } }] });
    expect(appended.imagePullSecrets).toEqual([{ name: 'theirs' }, { name: 'ours' }]);
    const strategic = await core.patchNamespacedServiceAccount(
      { name: 'deployer', namespace: 'two', body: { metadata: { resourceVersion: appended.metadata?.resourceVersion }, imagePullSecrets: [{ name: 'theirs' }] } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch),
    );
    expect(strategic.imagePullSecrets).toEqual([{ name: 'theirs' }]);
    const stale = core.patchNamespacedServiceAccount(
      { name: 'deployer', namespace: 'two', body: { metadata: { resourceVersion: appended.metadata?.resourceVersion }, imagePullSecrets: [] } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    await expect(stale).rejects.toMatchObject({ code: 409 });
    const error = await stale.catch((caught: k8s.ApiException<string>) => caught);
    expect(JSON.parse((error as k8s.ApiException<string>).body)).toMatchObject({ kind: 'Status', reason: 'Conflict' });
  });

  it('authenticates client-node by client certificate and by exec plugin, as kubectl and the app do', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'kube-api-server-cn-auth-'));
    const certificate = await server.issueClientCertificate({ name: 'cert-user', rules: [{ verbs: ['list'], resources: ['namespaces'] }] });
    const plugin = join(folder, 'token-plugin');
    writeFileSync(
      plugin,
      // Unlike kubectl (and the app), client-node 2.0 does not pass KUBERNETES_EXEC_INFO to plugins.
      `#!/bin/sh\nprintf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s"}}' "$PLUGIN_TOKEN"\n`,
      { mode: 0o755 },
    );
    const file = writeKubeconfig(join(folder, 'config.yaml'), [
      { name: 'by-certificate', server: server.url, caPem: server.caPem, clientCertificatePem: certificate.certificatePem, clientKeyPem: certificate.keyPem },
      { name: 'by-plugin', server: server.url, caPem: server.caPem, exec: { command: plugin, env: [{ name: 'PLUGIN_TOKEN', value: ADMIN_TOKEN }] } },
    ]);
    const namesAs = async (context: string) => {
      const config = new k8s.KubeConfig();
      config.loadFromFile(file);
      config.setCurrentContext(context);
      const list = await config.makeApiClient(k8s.CoreV1Api).listNamespace();
      return list.items.map((item) => item.metadata?.name);
    };
    expect(await namesAs('by-certificate')).toEqual(expect.arrayContaining(['one', 'two']));
    expect(await namesAs('by-plugin')).toEqual(expect.arrayContaining(['one', 'two']));
  });

  it('surfaces 403 and 404 Status bodies through ApiException', async () => {
    server.addUser('reader', { name: 'reader', rules: [{ verbs: ['get'], resources: ['secrets'] }] });
    const config = new k8s.KubeConfig();
    config.loadFromOptions({
      clusters: [{ name: 'c', server: server.url, caData: Buffer.from(server.caPem).toString('base64') }],
      users: [{ name: 'reader', token: 'reader' }],
      contexts: [{ name: 'c', cluster: 'c', user: 'reader' }],
      currentContext: 'c',
    });
    const reader = config.makeApiClient(k8s.CoreV1Api);
    const forbidden = await reader.deleteNamespacedSecret({ name: 'pull', namespace: 'one' }).catch((caught: k8s.ApiException<string>) => caught);
    expect(forbidden).toMatchObject({ code: 403 });
    expect(JSON.parse((forbidden as k8s.ApiException<string>).body).message).toBe('secrets "pull" is forbidden: User "reader" cannot delete resource "secrets" in API group "" in the namespace "one"');
    const missing = await reader.readNamespacedSecret({ name: 'absent', namespace: 'one' }).catch((caught: k8s.ApiException<string>) => caught);
    expect(missing).toMatchObject({ code: 404 });
  });
});
