import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NamespacePage } from '../../shared/access-contract';
import { startKubeApiServer, type KubeApiServer } from '../kube-api-server';
import { errorOf, kubeconfigFor, valueOf } from '../support/access-flow';
import { createAccessFixture, type AccessFixture } from '../support/access-services';

// The namespace picker over a cluster with 5,000 namespaces: listed from the API server with
// limit/continue, then searched, filtered and paged without a request per keystroke.

const COUNT = 5_000;

describe('namespace picker', () => {
  let server: KubeApiServer;
  let fixture: AccessFixture;

  beforeAll(async () => {
    server = await startKubeApiServer();
    for (let index = 0; index < COUNT; index += 1) {
      server.seed.namespace(`team-${String(index).padStart(4, '0')}`, index % 100 === 0 ? { tier: 'gold' } : { tier: 'standard' });
    }
    fixture = createAccessFixture({ keychainService: `registry-desk-test-${randomBytes(4).toString('hex')}`, kubeconfigPaths: [kubeconfigFor([{ name: 'big', server }])] });
  });

  afterAll(async () => {
    await fixture?.close();
    await server?.stop();
  });

  const page = async (request: { search?: string; labelSelector?: string; limit: number; continue?: string; refresh?: boolean }) =>
    valueOf(await fixture.ipc.invoke('clusters:namespaces', { context: 'big', ...request }));

  it('pages through every namespace in order, asking the cluster once', async () => {
    server.resetCounters();
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const next: NamespacePage = await page({ limit: 500, ...(token ? { continue: token } : {}) });
      seen.push(...next.items.map((item) => item.name));
      expect(next.total).toBe(COUNT + 4);
      token = next.continue ?? undefined;
      pages += 1;
    } while (token);
    expect(pages).toBe(11);
    expect(seen).toHaveLength(COUNT + 4);
    expect(seen).toEqual([...seen].sort());
    expect(server.counters().byVerb).toEqual({ list: 1 });
  });

  it('searches and filters by label selector without another request', async () => {
    server.resetCounters();
    const searched = await page({ search: 'TEAM-012', limit: 50 });
    expect(searched.matched).toBe(10);
    expect(searched.items.map((item) => item.name)).toEqual(Array.from({ length: 10 }, (_, index) => `team-012${index}`));
    const gold = await page({ labelSelector: 'tier=gold', limit: 1000 });
    expect(gold.matched).toBe(50);
    expect(gold.items.every((item) => item.labels.tier === 'gold')).toBe(true);
    expect(server.counters().total).toBe(0);
  });

  it('refresh lists the cluster again; a bad selector is refused with a field error', async () => {
    server.seed.namespace('zz-new');
    expect((await page({ search: 'zz-new', limit: 10 })).matched).toBe(0);
    expect((await page({ search: 'zz-new', limit: 10, refresh: true })).matched).toBe(1);
    const refused = await fixture.ipc.invoke('clusters:namespaces', { context: 'big', labelSelector: 'tier in (gold', limit: 10 });
    expect(errorOf(refused)).toMatchObject({ code: 'access.validation', fieldErrors: [{ field: 'labelSelector', code: 'access.labelSelector.invalid' }] });
    const unknown = await fixture.ipc.invoke('clusters:namespaces', { context: 'nope', limit: 10 });
    expect(errorOf(unknown)).toMatchObject({ code: 'cluster.contextNotFound', params: { context: 'nope' } });
  });
});
