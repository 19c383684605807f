import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefreshState } from '../../shared/access-contract';
import { defaultAccessSettings } from '../../shared/access-settings';
import type { CredentialSource } from '../../main/access';
import { startKubeApiServer, type KubeApiServer } from '../kube-api-server';
import { apply, kubeconfigFor, preview, valueOf } from '../support/access-flow';
import { createAccessFixture, type AccessFixture } from '../support/access-services';
import { fakeTime } from '../support/fake-time';

// ECR tokens live 12 hours; the app renews the injected secrets at half-life while it runs.
// Time is a fake clock and timers fire when the test moves it; the cluster is real HTTP.

const HOUR = 3_600_000;
const T0 = Date.parse('2030-03-01T08:00:00Z');
const ECR_URL = 'https://123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const SECRET = 'ecr-pull-secret';

/** A stand-in for AWS: each call mints a new 12-hour token. */
function ecrTokens(clock: { now(): Date }): CredentialSource & { minted: number } {
  const source = {
    minted: 0,
    async forRegistry(registryId: string) {
      source.minted += 1;
      return { registryId, type: 'ecr' as const, server: ECR_URL, username: 'AWS', password: `ecr-token-${source.minted}-${randomBytes(8).toString('hex')}`, expiresAt: new Date(clock.now().getTime() + 12 * HOUR).toISOString() };
    },
  };
  return source;
}

async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not reached within 30 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

interface Secret {
  metadata: { annotations?: Record<string, string> };
  data: Record<string, string>;
}

const passwordIn = (secret: Secret) =>
  (JSON.parse(Buffer.from(secret.data['.dockerconfigjson']!, 'base64').toString()) as { auths: Record<string, { password: string }> }).auths['123456789012.dkr.ecr.eu-west-1.amazonaws.com']!.password;

describe('ECR token refresh', () => {
  let server: KubeApiServer;
  let kubeconfig: string;
  const time = fakeTime(T0);
  const tokens = ecrTokens(time.clock);
  let fixture: AccessFixture;
  let registryId: string;
  const keychainService = `registry-desk-test-${randomBytes(4).toString('hex')}`;

  const state = async (target: AccessFixture = fixture): Promise<RefreshState> => valueOf(await target.ipc.invoke('access:refresh-state', {}));
  const secrets = () => ['apps', 'web'].map((namespace) => server.read('secrets', namespace, SECRET) as Secret);

  beforeAll(async () => {
    server = await startKubeApiServer();
    for (const name of ['apps', 'web']) server.seed.namespace(name);
    kubeconfig = kubeconfigFor([{ name: 'eks', server }]);
    fixture = createAccessFixture({ keychainService, kubeconfigPaths: [kubeconfig], clock: time.clock, timers: time.timers, credentials: tokens });
    registryId = (await fixture.services.registries.create({ type: 'ecr', name: 'ECR', url: ECR_URL, authType: 'iam-role' })).id;
    const settings = {
      ...defaultAccessSettings('ECR', registryId),
      contexts: ['eks'],
      scope: { namespaces: { kind: 'list' as const, names: ['apps', 'web'] }, serviceAccounts: { kind: 'default' as const } },
      credential: { type: 'registry-credentials' as const, secretName: SECRET },
    };
    await apply(fixture, await preview(fixture, registryId, settings));
  });

  afterAll(async () => {
    await fixture?.close();
    await server?.stop();
  });

  it('injected secrets carry their expiry, and the countdown per cluster is right', async () => {
    const expiry = new Date(T0 + 12 * HOUR).toISOString();
    for (const secret of secrets()) expect(secret.metadata.annotations?.['registry-desk.io/expires-at']).toBe(expiry);
    expect(await state()).toEqual({
      registries: [{ registryId, state: 'scheduled', nextRefreshAt: new Date(T0 + 6 * HOUR).toISOString(), lastRefreshAt: null, contexts: [{ context: 'eks', expiresAt: expiry, namespaces: 2 }] }],
      stopsWhenAppCloses: true,
      now: new Date(T0).toISOString(),
    });
  });

  it('a fresh preview does not rewrite a token with more than half its life left', async () => {
    time.advance(5 * HOUR);
    expect((await preview(fixture, registryId)).writes).toBe(0);
  });

  it('renews the secrets at half-life, well before they expire', async () => {
    const before = secrets().map(passwordIn);
    time.advance(59 * 60_000);
    expect(secrets().map(passwordIn)).toEqual(before);
    time.advance(60_000);
    await until(async () => (await state()).registries[0]?.lastRefreshAt !== null);
    const renewedAt = T0 + 6 * HOUR;
    expect(renewedAt).toBeLessThan(T0 + 12 * HOUR);
    const after = secrets();
    for (const secret of after) {
      expect(passwordIn(secret)).not.toBe(before[0]);
      expect(secret.metadata.annotations?.['registry-desk.io/expires-at']).toBe(new Date(renewedAt + 12 * HOUR).toISOString());
    }
    expect(await state()).toMatchObject({
      registries: [{ state: 'scheduled', lastRefreshAt: new Date(renewedAt).toISOString(), nextRefreshAt: new Date(renewedAt + 6 * HOUR).toISOString(), contexts: [{ context: 'eks', expiresAt: new Date(renewedAt + 12 * HOUR).toISOString() }] }],
    });
    const refreshEvents = fixture.events.filter((entry) => entry.event === 'event:access-progress' && (entry.payload as { kind: string }).kind === 'refresh');
    expect(refreshEvents.at(-1)?.payload).toMatchObject({ state: 'finished', total: 2, done: 2, failed: 0 });
  });

  it('nothing is renewed once the app stops; the next start renews what expired meanwhile', async () => {
    fixture.services.access.stop();
    expect(time.pendingCount()).toBe(0);
    const minted = tokens.minted;
    time.advance(30 * HOUR);
    expect(tokens.minted).toBe(minted);

    const restarted = createAccessFixture({ keychainService, kubeconfigPaths: [kubeconfig], clock: time.clock, timers: time.timers, credentials: tokens });
    // Same settings file as before a restart: the registry and its access settings carry over.
    restarted.services.settings.update(() => fixture.services.settings.read());
    await restarted.services.access.start();
    time.advance(0);
    await until(async () => (await state(restarted)).registries[0]?.lastRefreshAt !== null);
    for (const secret of secrets()) {
      expect(Date.parse(secret.metadata.annotations!['registry-desk.io/expires-at']!)).toBe(time.clock.now().getTime() + 12 * HOUR);
    }
    restarted.services.access.stop();
    restarted.services.clusters.close();
  });
});
