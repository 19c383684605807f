// Manage access shows, per object, what apply will send: the YAML of a created or replaced Secret
// (its data a placeholder) and the merge patch of a ServiceAccount. Asking for it sends nothing to
// the cluster and carries no spelling of the password; apply then sends exactly those bodies, the
// Secret's data aside.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Plan, SentObject } from '../../shared/access-contract';
import { defaultAccessSettings, type AccessSettings } from '../../shared/access-settings';
import { startKubeApiServer, type KubeApiServer, type RecordedRequest } from '../kube-api-server';
import { apply, kubeconfigFor, preview, valueOf } from '../support/access-flow';
import { createAccessFixture, type AccessFixture } from '../support/access-services';
import { secretSpellings } from '../support/sent-secrets';

const USERNAME = 'robot';
const URL = 'registry.example.com';
const PLACEHOLDER = '<secret data: read from the keychain on apply, not shown>';
const newPassword = () => `p&<>${randomBytes(12).toString('hex')}`;

describe('the objects a preview will send', () => {
  let server: KubeApiServer;
  let fixture: AccessFixture;
  let registryId: string;
  const first = newPassword();

  beforeAll(async () => {
    server = await startKubeApiServer({ recordRequests: true });
    for (const namespace of ['team-a', 'team-b']) server.seed.namespace(namespace);
    fixture = createAccessFixture({ keychainService: `registry-desk-test-sent-${randomBytes(4).toString('hex')}`, kubeconfigPaths: [kubeconfigFor([{ name: 'kind', server }])] });
    registryId = valueOf(await fixture.ipc.invoke('registries:create', { input: { type: 'docker', name: 'Sent', url: URL, username: USERNAME, password: first } })).id;
  });
  afterAll(async () => {
    await fixture.close();
    await server.stop();
  });

  const settings = (): AccessSettings => ({
    ...defaultAccessSettings('Sent', registryId),
    contexts: ['kind'],
    scope: { namespaces: { kind: 'list', names: ['team-a', 'team-b'] }, serviceAccounts: { kind: 'default' } },
    credential: { type: 'registry-credentials', secretName: 'sent-pull' },
  });

  /** The objects for team-a, asked through IPC as the window asks, with the cluster's request log watched. */
  async function objectsOf(plan: Plan, passwords: string[]): Promise<SentObject[]> {
    server.resetRequests();
    const answer = await fixture.ipc.invoke('access:preview-objects', { planId: plan.planId, context: 'kind', namespace: 'team-a' });
    expect(server.requests()).toEqual([]);
    const payload = JSON.stringify(answer);
    for (const spelling of passwords.flatMap((password) => secretSpellings(password, USERNAME))) expect(payload).not.toContain(spelling);
    return valueOf(answer).objects;
  }

  const sent = (requests: RecordedRequest[], method: string, path: string) => requests.find((request) => request.method === method && request.url.split('?')[0] === path);

  it('shows the created Secret with a placeholder and the ServiceAccount patch, and apply sends just those', async () => {
    const plan = await preview(fixture, registryId, settings());
    const objects = await objectsOf(plan, [first]);
    expect(objects.map(({ kind, name, request, path, format }) => ({ kind, name, request, path, format }))).toEqual([
      { kind: 'Secret', name: 'sent-pull', request: 'create', path: '/api/v1/namespaces/team-a/secrets', format: 'yaml' },
      { kind: 'ServiceAccount', name: 'default', request: 'merge-patch', path: '/api/v1/namespaces/team-a/serviceaccounts/default', format: 'json' },
    ]);
    const secret = parse(objects[0]!.body) as { data: Record<string, string>; metadata: { name: string } };
    expect(secret.data).toEqual({ '.dockerconfigjson': PLACEHOLDER });

    server.resetRequests();
    expect((await apply(fixture, plan)).counts.failed).toBe(0);
    const requests = server.requests();
    const created = JSON.parse(sent(requests, 'POST', objects[0]!.path)!.body) as { data: Record<string, string> };
    expect(created).toEqual({ ...secret, data: created.data });
    expect(created.data['.dockerconfigjson']).not.toBe(PLACEHOLDER);
    expect(JSON.parse(sent(requests, 'PATCH', objects[1]!.path)!.body)).toEqual(JSON.parse(objects[1]!.body));
  });

  it('shows the replacement of a changed Secret, with its resourceVersion and no password', async () => {
    const second = newPassword();
    valueOf(await fixture.ipc.invoke('registries:update', { id: registryId, input: { type: 'docker', name: 'Sent', url: URL, username: USERNAME, password: second } }));
    const plan = await preview(fixture, registryId);
    const objects = await objectsOf(plan, [first, second]);
    expect(objects.map(({ request, path }) => ({ request, path }))).toEqual([{ request: 'replace', path: '/api/v1/namespaces/team-a/secrets/sent-pull' }]);
    const replacement = parse(objects[0]!.body) as { data: Record<string, string>; metadata: { resourceVersion?: string } };
    expect(replacement.metadata.resourceVersion).toMatch(/^\d+$/);
    expect(replacement.data).toEqual({ '.dockerconfigjson': PLACEHOLDER });

    server.resetRequests();
    expect((await apply(fixture, plan)).counts.failed).toBe(0);
    const put = JSON.parse(sent(server.requests(), 'PUT', objects[0]!.path)!.body) as { data: Record<string, string> };
    expect(put).toEqual({ ...replacement, data: put.data });
  });

  it('answers an expired or unknown plan with a typed error, not an empty list', async () => {
    const answer = await fixture.ipc.invoke('access:preview-objects', { planId: 'plan_gone', context: 'kind', namespace: 'team-a' });
    expect(answer.ok ? 'ok' : answer.error.code).toBe('access.planNotFound');
  });
});
