// A context whose nodes could not be listed: the architectures a workload can land on are not known
// (unless its spec names them), so its platform is not checked, and the workload says so rather
// than "pulls".
import { describe, expect, it } from 'vitest';
import type { FleetRead, WorkloadItem } from '../../main/radar/fleet-reads';
import { buildInventory } from '../../main/radar/inventory';
import { createPullChecks } from '../../main/radar/pull-verdicts';
import type { RegistryRun } from '../../main/radar/registry-checks';

const IMAGE = 'registry.example.com/team/app:1';
/** The tag names an index holding linux/amd64 only. */
const registry = { ask: async () => ({ state: 'exists', status: 200, digest: `sha256:${'a'.repeat(64)}`, platforms: ['linux/amd64'] }) } as unknown as RegistryRun;

const deployment = (name: string, selector: Record<string, string>): WorkloadItem => ({
  namespace: 'shop',
  name,
  labels: {},
  annotations: {},
  owners: [],
  created: null,
  kind: 'Deployment',
  template: { serviceAccount: 'default', pullSecrets: [], nodeName: null, placement: { selector, terms: null, tooComplex: false }, containers: [{ name: 'app', kind: 'regular', image: IMAGE, pullPolicy: 'IfNotPresent' }] },
  imageIds: new Map(),
});

async function verdicts(refusedNodes: boolean) {
  const read: FleetRead = {
    secrets: [],
    accounts: [],
    workloads: [deployment('anywhere', {}), deployment('on-arm', { 'kubernetes.io/arch': 'arm64' })],
    nodes: refusedNodes ? [] : [{ name: 'node-1', labels: {}, architecture: 'amd64' }],
    engineSecrets: [],
    refused: refusedNodes ? [{ resource: 'nodes', error: Object.assign(new Error('forbidden'), { status: 403 }) }] : [],
    byNamespace: new Map(),
    lists: 10,
  };
  const inventory = buildInventory(read);
  const checks = createPullChecks(registry);
  return Promise.all(
    inventory.workloads.map(async (workload) => {
      const check = await checks.check({ context: 'prod', inventory, workload, container: workload.containers[0]!, now: new Date() }, new Map()).check;
      return [workload.name, workload.architecturesFrom, check.verdict, check.reason.code];
    }),
  );
}

describe('a context whose nodes were refused', () => {
  it('says the platform was not checked where no architecture is known, and checks the one a spec names', async () => {
    expect(await verdicts(true)).toEqual([
      ['anywhere', 'nodes-unread', 'unknown', 'radar.verdict.platformUnchecked'],
      ['on-arm', 'spec', 'platform-missing', 'doctor.verdict.platform'],
    ]);
  });

  it('checks the platform as before when the nodes were read', async () => {
    expect((await verdicts(false))[0]).toEqual(['anywhere', 'all-nodes', 'pulls', 'radar.verdict.pulls']);
  });
});
