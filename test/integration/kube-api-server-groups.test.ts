// The Kubernetes API test server's named API groups, custom resources and server-side apply,
// checked against real kubectl (discovery, `apply --server-side`, conflicts and their wording,
// printers, RBAC refusals) and over HTTP for what kubectl does not show (managedFields, status
// subresource, generation, pruning and defaulting, 415 for strategic merge on custom resources).
import { request } from 'node:https';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installEngine, installReflector } from '../engine-crds';
import { ADMIN_TOKEN, type KubeApiServer, startKubeApiServer, writeKubeconfig } from '../kube-api-server';
import { kubectl } from '../kube-api-server/kubectl';

const ADMIN = { name: 'admin', rules: [{ verbs: ['*'], resources: ['*'], apiGroups: ['*'] }] };
const CORE_ONLY = { name: 'core-only', rules: [{ verbs: ['*'], resources: ['*'] }] };
const NO_DISCOVERY = { name: 'locked', rules: [{ verbs: ['*'], resources: ['*'], apiGroups: ['*'] }], discovery: false };

const EXTERNAL_SECRET = `apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: pull
  namespace: registry-desk
spec:
  refreshInterval: 1h
  target:
    name: pull
    template:
      type: kubernetes.io/dockerconfigjson
  dataFrom:
  - sourceRef:
      generatorRef:
        kind: ECRAuthorizationToken
        name: ecr
`;

function call(server: KubeApiServer, method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<{ status: number; json: () => Record<string, unknown> }> {
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${ADMIN_TOKEN}` };
  if (payload !== undefined) Object.assign(headers, { 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(payload)) });
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method, headers, ca: server.caPem }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: () => JSON.parse(text) as Record<string, unknown> }));
    });
    req.once('error', reject);
    req.end(payload);
  });
}

type Managed = { manager: string; operation: string; subresource?: string; fieldsV1: Record<string, unknown> }[];
const managersOf = (object: Record<string, unknown>): string[] =>
  ((object.metadata as { managedFields?: Managed }).managedFields ?? []).map((entry) => `${entry.manager}/${entry.operation}${entry.subresource ? `/${entry.subresource}` : ''}`);

describe('custom resources and server-side apply, as real kubectl sees them', () => {
  let server: KubeApiServer;
  let admin: string;
  let coreOnly: string;
  let locked: string;

  beforeAll(async () => {
    server = await startKubeApiServer({ users: { [ADMIN_TOKEN]: ADMIN, 'core-token': CORE_ONLY, 'locked-token': NO_DISCOVERY } });
    const dir = mkdtempSync(join(tmpdir(), 'kube-api-groups-'));
    const context = (name: string, token: string) => writeKubeconfig(join(dir, `${name}.yaml`), [{ name, server: server.url, caPem: server.caPem, token }]);
    admin = context('admin', ADMIN_TOKEN);
    coreOnly = context('core', 'core-token');
    locked = context('locked', 'locked-token');
    installEngine(server, 'external-secrets');
    installReflector(server);
    server.seed.namespace('registry-desk');
  });
  afterAll(() => server.stop());

  it('lists the CRDs’ resources in discovery, with short names, scope and the preferred version', async () => {
    const run = await kubectl(admin, ['api-resources', '--api-group=external-secrets.io', '--no-headers']);
    expect(run.stderr).toBe('');
    const rows = run.stdout.trim().split('\n').map((line) => line.split(/\s+/));
    expect(rows).toEqual([
      ['clusterexternalsecrets', 'ces', 'external-secrets.io/v1', 'false', 'ClusterExternalSecret'],
      ['clustersecretstores', 'css', 'external-secrets.io/v1', 'false', 'ClusterSecretStore'],
      ['externalsecrets', 'es', 'external-secrets.io/v1', 'true', 'ExternalSecret'],
    ]);
    const generators = (await call(server, 'GET', '/apis/generators.external-secrets.io')).json();
    expect(generators).toMatchObject({ kind: 'APIGroup', preferredVersion: { version: 'v1alpha1' } });
    const list = (await call(server, 'GET', '/apis/external-secrets.io/v1')).json() as { resources: { name: string }[] };
    expect(list.resources.map((resource) => resource.name)).toContain('externalsecrets/status');
    expect((await call(server, 'GET', '/apis/policies.kyverno.io/v1')).status).toBe(404);
  });

  it('applies server-side as kubectl does, prints with the CRD’s columns, and fills schema defaults', async () => {
    const applied = await kubectl(admin, ['apply', '--server-side', '-f', '-'], { stdin: EXTERNAL_SECRET });
    expect(applied.stdout.trim()).toBe('externalsecret.external-secrets.io/pull serverside-applied');
    const table = await kubectl(admin, ['get', 'es', '-n', 'registry-desk']);
    expect(table.stdout.split('\n')[0]!.split(/\s{2,}/)).toEqual(['NAME', 'STORETYPE', 'STORE', 'REFRESH INTERVAL', 'STATUS', 'READY', 'LAST SYNC', 'AGE']);
    const stored = server.read('externalsecrets.external-secrets.io', 'registry-desk', 'pull', { managedFields: true }) as Record<string, unknown> & { spec: { target: object } };
    expect(stored.spec.target).toEqual({ name: 'pull', creationPolicy: 'Owner', deletionPolicy: 'Retain', template: { type: 'kubernetes.io/dockerconfigjson', engineVersion: 'v2', mergePolicy: 'Replace' } });
    expect(managersOf(stored)).toEqual(['kubectl/Apply']);
    // The applier owns what it sent, not the defaults the server added.
    const fields = (stored.metadata as { managedFields: Managed }).managedFields[0]!.fieldsV1;
    expect(fields).toEqual({ 'f:spec': { 'f:dataFrom': {}, 'f:refreshInterval': {}, 'f:target': { 'f:name': {}, 'f:template': { 'f:type': {} } } } });
    expect((stored.metadata as { generation: number }).generation).toBe(1);
  });

  it('reports another manager’s field as a conflict in kubectl’s words, and takes it over with --force-conflicts', async () => {
    await kubectl(admin, ['patch', 'es', 'pull', '-n', 'registry-desk', '--type=merge', '-p', '{"spec":{"refreshInterval":"2h"}}']);
    const refused = await kubectl(admin, ['apply', '--server-side', '-f', '-'], { stdin: EXTERNAL_SECRET });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('error: Apply failed with 1 conflict: conflict with "kubectl-patch" using external-secrets.io/v1: .spec.refreshInterval');
    const forced = await kubectl(admin, ['apply', '--server-side', '--force-conflicts', '-f', '-'], { stdin: EXTERNAL_SECRET });
    expect(forced.stdout.trim()).toBe('externalsecret.external-secrets.io/pull serverside-applied');
    const stored = server.read('externalsecrets.external-secrets.io', 'registry-desk', 'pull', { managedFields: true }) as Record<string, unknown> & { spec: { refreshInterval: string } };
    expect(stored.spec.refreshInterval).toBe('1h');
    expect(managersOf(stored)).toEqual(['kubectl/Apply']);
  });

  it('changes nothing, not even the resourceVersion, when the same configuration is applied again', async () => {
    const before = server.read('externalsecrets.external-secrets.io', 'registry-desk', 'pull', { managedFields: true }) as { metadata: { resourceVersion: string } };
    await kubectl(admin, ['apply', '--server-side', '-f', '-'], { stdin: EXTERNAL_SECRET });
    expect(server.read('externalsecrets.external-secrets.io', 'registry-desk', 'pull', { managedFields: true })).toEqual(before);
  });

  it('refuses a configuration the CRD schema rejects with the 422 kubectl prints', async () => {
    const run = await kubectl(admin, ['apply', '--server-side', '-f', '-'], { stdin: EXTERNAL_SECRET.replace('  refreshInterval: 1h\n', '  refreshInterval: 1h\n  refreshPolicy: Sometimes\n') });
    expect(run.stderr.trim()).toBe('The ExternalSecret "pull" is invalid: spec.refreshPolicy: Unsupported value: "Sometimes": supported values: "CreatedOnce", "Periodic", "OnChange"');
  });

  it('finds Reflector’s Deployment by label across namespaces, and refuses a user without the apps group as RBAC does', async () => {
    const found = await kubectl(admin, ['get', 'deploy', '-A', '-l', 'app.kubernetes.io/name=reflector', '-o', 'jsonpath={.items[*].metadata.labels.app\\.kubernetes\\.io/version}']);
    expect(found.stdout).toBe('10.0.63');
    const refused = await kubectl(coreOnly, ['get', 'deploy', '-A']);
    expect(refused.stderr.trim()).toBe('Error from server (Forbidden): deployments.apps is forbidden: User "core-only" cannot list resource "deployments" in API group "apps" at the cluster scope');
    const can = await kubectl(coreOnly, ['auth', 'can-i', 'list', 'deployments.apps', '-A']);
    expect(can.stdout.trim()).toBe('no');
  });

  it('answers discovery with 403 for a user outside system:discovery', async () => {
    const run = await kubectl(locked, ['api-resources']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('Error from server (Forbidden)');
  });

  it('creates RBAC objects and keeps a RoleBinding’s roleRef immutable', async () => {
    const role = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: reader, namespace: registry-desk}\nrules:\n- apiGroups: [""]\n  resources: [secrets]\n  verbs: [get, list, watch]\n';
    const binding = (roleName: string) =>
      `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: reader, namespace: registry-desk}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: ${roleName}}\nsubjects:\n- {kind: ServiceAccount, name: store, namespace: registry-desk}\n`;
    expect((await kubectl(admin, ['apply', '--server-side', '-f', '-'], { stdin: `${role}---\n${binding('reader')}` })).stdout).toContain('rolebinding.rbac.authorization.k8s.io/reader serverside-applied');
    const changed = await kubectl(admin, ['apply', '--server-side', '-f', '-'], { stdin: binding('writer') });
    expect(changed.stderr).toContain('The RoleBinding "reader" is invalid: roleRef: Invalid value');
    const missingVerbs = await kubectl(admin, ['apply', '--server-side', '-f', '-'], { stdin: role.replace('verbs: [get, list, watch]', 'verbs: []') });
    expect(missingVerbs.stderr).toContain('rules[0].verbs: Required value: verbs must contain at least one value');
  });
});

describe('custom resources over HTTP: status subresource, generation, pruning, patch types', () => {
  let server: KubeApiServer;
  const path = '/apis/external-secrets.io/v1/namespaces/team/externalsecrets';

  beforeAll(async () => {
    server = await startKubeApiServer();
    installEngine(server, 'external-secrets');
    server.seed.namespace('team');
  });
  afterAll(() => server.stop());

  const body = { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'es' }, spec: { refreshInterval: '1h', target: { name: 'x' }, unknownField: 1 } };

  it('prunes unknown fields with a warning, ignores status on create and counts generations on spec changes only', async () => {
    const created = await call(server, 'POST', `${path}?fieldManager=tester`, { ...body, status: { refreshTime: '2020-01-01T00:00:00Z' } });
    expect(created.status).toBe(201);
    const object = created.json() as { spec: Record<string, unknown>; status?: unknown; metadata: { generation: number } };
    expect(object.spec).not.toHaveProperty('unknownField');
    expect(object).not.toHaveProperty('status');
    expect(object.metadata.generation).toBe(1);
    const status = await call(server, 'PATCH', `${path}/es/status?fieldManager=external-secrets`, { status: { conditions: [{ type: 'Ready', status: 'True', reason: 'SecretSynced' }] }, spec: { refreshInterval: '9h' } }, 'application/merge-patch+json');
    const afterStatus = status.json() as { spec: { refreshInterval: string }; status: object; metadata: { generation: number } };
    expect(afterStatus.spec.refreshInterval).toBe('1h');
    expect(afterStatus.status).toEqual({ conditions: [{ type: 'Ready', status: 'True', reason: 'SecretSynced' }] });
    expect(afterStatus.metadata.generation).toBe(1);
    expect(managersOf(afterStatus as unknown as Record<string, unknown>)).toEqual(['tester/Update', 'external-secrets/Update/status']);
    const main = await call(server, 'PATCH', `${path}/es?fieldManager=tester`, { spec: { refreshInterval: '2h' }, status: { conditions: [] } }, 'application/merge-patch+json');
    const afterMain = main.json() as { status: object; metadata: { generation: number } };
    expect(afterMain.status).toEqual(afterStatus.status);
    expect(afterMain.metadata.generation).toBe(2);
  });

  it('takes json and merge patches and server-side apply, but not strategic merge (415)', async () => {
    const strategic = await call(server, 'PATCH', `${path}/es`, { spec: {} }, 'application/strategic-merge-patch+json');
    expect(strategic.status).toBe(415);
    expect(strategic.json().message).toBe('the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml');
  });

  it('dry-runs an apply without storing it and reports a conflict with its field path and manager', async () => {
    const config = { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'es' }, spec: { refreshInterval: '5h', target: { name: 'y' } } };
    const dry = await call(server, 'PATCH', `${path}/es?fieldManager=registry-desk&dryRun=All`, config, 'application/apply-patch+yaml');
    expect(dry.status).toBe(409);
    expect(dry.json()).toEqual({
      kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Conflict', code: 409,
      message: 'Apply failed with 2 conflicts: conflicts with "tester" using external-secrets.io/v1:\n- .spec.refreshInterval\n- .spec.target.name',
      details: { causes: [
        { reason: 'FieldManagerConflict', message: 'conflict with "tester" using external-secrets.io/v1', field: '.spec.refreshInterval' },
        { reason: 'FieldManagerConflict', message: 'conflict with "tester" using external-secrets.io/v1', field: '.spec.target.name' },
      ] },
    });
    const forcedDry = await call(server, 'PATCH', `${path}/es?fieldManager=registry-desk&dryRun=All&force=true`, config, 'application/apply-patch+yaml');
    expect((forcedDry.json() as { spec: { refreshInterval: string } }).spec.refreshInterval).toBe('5h');
    expect((server.read('externalsecrets.external-secrets.io', 'team', 'es') as { spec: { refreshInterval: string } }).spec.refreshInterval).toBe('2h');
  });

  it('removes a field an applier stops applying when no one else owns it', async () => {
    const apply = (spec: object) => call(server, 'PATCH', `${path}/owned?fieldManager=registry-desk`, { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'owned', labels: { a: '1', b: '2' } }, spec }, 'application/apply-patch+yaml');
    expect((await apply({ refreshInterval: '1h', refreshPolicy: 'Periodic' })).status).toBe(201);
    const second = (await apply({ refreshInterval: '1h' })).json() as { spec: Record<string, unknown> };
    expect(second.spec).not.toHaveProperty('refreshPolicy');
  });
});
