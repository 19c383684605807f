// Context names are the kubeconfig's to choose: `constructor` or `toString` is a context like any
// other, never a member of the settings objects that are keyed by context name.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAccessSettings, type AccessSettings } from '../../shared/access-settings';
import { startKubeApiServer, type KubeApiServer } from '../kube-api-server';
import { kubeconfigFor, planFor, preview, valueOf } from '../support/access-flow';
import { createAccessFixture, type AccessFixture } from '../support/access-services';

const SPECIAL = ['constructor', 'toString', 'valueOf'];

describe('contexts named like built-in members', () => {
  let server: KubeApiServer;
  let fixture: AccessFixture;
  let hub: string;
  let settings: AccessSettings;

  beforeAll(async () => {
    server = await startKubeApiServer();
    server.seed.namespace('team-a');
    const kubeconfig = kubeconfigFor([...SPECIAL, 'synced'].map((name) => ({ name, server })));
    fixture = createAccessFixture({ keychainService: `registry-desk-test-names-${randomBytes(4).toString('hex')}`, kubeconfigPaths: [kubeconfig] });
    hub = valueOf(await fixture.ipc.invoke('registries:create', { input: { type: 'docker', name: 'Team', url: 'registry.example.com', username: 'robot', password: 'pw' } })).id;
    settings = {
      ...defaultAccessSettings('Team', hub),
      contexts: [...SPECIAL, 'synced'],
      scope: { namespaces: { kind: 'list', names: ['team-a'] }, serviceAccounts: { kind: 'none' } },
      credential: { type: 'registry-credentials', secretName: 'team-pull' },
      // One context kept in sync by an engine: the others are the app's to write.
      clusterSync: { synced: { engine: 'reflector', sourceNamespace: 'registry-desk', identity: { kind: 'source-secret' }, wireServiceAccounts: false } },
    };
  });
  afterAll(async () => {
    await fixture.close();
    await server.stop();
  });

  it('Manage access writes the secret there itself', async () => {
    const plan = await preview(fixture, hub, settings);
    for (const context of SPECIAL) expect(planFor(plan, context, 'team-a')?.secrets.map(({ action }) => action)).toEqual(['create']);
  });

  it('Keep in sync in the cluster leaves them out', async () => {
    const plan = valueOf(await fixture.ipc.invoke('cluster-sync:preview', { registryId: hub, settings }));
    expect(plan.contexts.map(({ context }) => context)).toEqual(['synced']);
  });
});
