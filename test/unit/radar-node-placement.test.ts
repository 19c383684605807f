// The architectures a workload can land on, from its nodeSelector and required node affinity on any
// label (node pools included), as the scheduler's required rules decide; too complex a rule is not
// guessed at, and says so.
import { describe, expect, it } from 'vitest';
import { architecturesFor, nodeFits, placementOf } from '../../main/radar/node-placement';

const POOL = 'cloud.google.com/gke-nodepool';
const node = (architecture: string, labels: Record<string, string>) => ({ architecture, labels: { 'kubernetes.io/arch': architecture, ...labels } });
const NODES = [
  node('amd64', { [POOL]: 'default-pool', 'topology.kubernetes.io/zone': 'a' }),
  node('amd64', { [POOL]: 'default-pool', 'topology.kubernetes.io/zone': 'b', gpu: 'true' }),
  node('arm64', { [POOL]: 'arm-pool', 'topology.kubernetes.io/zone': 'a' }),
  node('s390x', { [POOL]: 'mainframe', dedicated: 'batch' }),
];
const required = (...terms: object[][]) => ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms.map((matchExpressions) => ({ matchExpressions })) } } } });
const archsOf = (spec: object) => architecturesFor(placementOf(spec as Record<string, unknown>), NODES);

describe('the architectures a workload can land on', () => {
  it('maps a nodeSelector on a node pool label to the pool’s architectures', () => {
    expect(archsOf({ nodeSelector: { [POOL]: 'arm-pool' } })).toEqual({ architectures: ['arm64'], from: 'matching-nodes' });
    expect(archsOf({ nodeSelector: { [POOL]: 'default-pool' } })).toEqual({ architectures: ['amd64'], from: 'matching-nodes' });
    // Every label must match: zone a of the default pool only.
    expect(archsOf({ nodeSelector: { [POOL]: 'default-pool', 'topology.kubernetes.io/zone': 'a' } })).toEqual({ architectures: ['amd64'], from: 'matching-nodes' });
  });

  it('reads required affinity: terms ORed, expressions ANDed, In / NotIn / Exists / DoesNotExist on any label', () => {
    expect(archsOf(required([{ key: POOL, operator: 'In', values: ['arm-pool', 'mainframe'] }]))).toEqual({ architectures: ['arm64', 's390x'], from: 'matching-nodes' });
    expect(archsOf(required([{ key: POOL, operator: 'NotIn', values: ['default-pool'] }, { key: 'dedicated', operator: 'DoesNotExist' }]))).toEqual({ architectures: ['arm64'], from: 'matching-nodes' });
    expect(archsOf(required([{ key: 'gpu', operator: 'Exists' }]))).toEqual({ architectures: ['amd64'], from: 'matching-nodes' });
    expect(archsOf(required([{ key: 'gpu', operator: 'Exists' }], [{ key: 'dedicated', operator: 'In', values: ['batch'] }]))).toEqual({ architectures: ['amd64', 's390x'], from: 'matching-nodes' });
    // nodeSelector and affinity both apply.
    expect(archsOf({ nodeSelector: { 'topology.kubernetes.io/zone': 'a' }, ...required([{ key: POOL, operator: 'NotIn', values: ['default-pool'] }]) })).toEqual({ architectures: ['arm64'], from: 'matching-nodes' });
  });

  it('falls back to every node’s architecture for a rule it does not evaluate, and says so', () => {
    expect(archsOf(required([{ key: 'cpu-count', operator: 'Gt', values: ['8'] }]))).toEqual({ architectures: ['amd64', 'arm64', 's390x'], from: 'too-complex' });
    const byField = { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }] } } } };
    expect(archsOf(byField)).toEqual({ architectures: ['amd64', 'arm64', 's390x'], from: 'too-complex' });
    expect(archsOf({})).toEqual({ architectures: ['amd64', 'arm64', 's390x'], from: 'all-nodes' });
    // Preferred affinity does not narrow what must pull.
    expect(archsOf({ affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: { matchExpressions: [{ key: POOL, operator: 'In', values: ['arm-pool'] }] } }] } } })).toEqual({ architectures: ['amd64', 'arm64', 's390x'], from: 'all-nodes' });
  });

  it('uses the architectures the spec names when no node fits (a pool scaled to zero), and says when it names none', () => {
    expect(archsOf({ nodeSelector: { 'kubernetes.io/arch': 'riscv64' } })).toEqual({ architectures: ['riscv64'], from: 'spec' });
    expect(archsOf(required([{ key: 'kubernetes.io/arch', operator: 'In', values: ['riscv64'] }, { key: POOL, operator: 'In', values: ['new'] }]))).toEqual({ architectures: ['riscv64'], from: 'spec' });
    expect(archsOf({ nodeSelector: { [POOL]: 'scaled-to-zero' } })).toEqual({ architectures: ['amd64', 'arm64', 's390x'], from: 'no-node-fits' });
    expect(architecturesFor(placementOf({ nodeSelector: { 'kubernetes.io/arch': 'arm64' } }), [])).toEqual({ architectures: ['arm64'], from: 'spec' });
  });

  it('matches as Kubernetes does at the edges: an empty term matches no node, a missing label fails In and passes NotIn', () => {
    const labels = { [POOL]: 'arm-pool' };
    expect(nodeFits(labels, placementOf(required([])))).toBe(false);
    expect(nodeFits(labels, placementOf(required([{ key: 'zone', operator: 'In', values: ['a'] }])))).toBe(false);
    expect(nodeFits(labels, placementOf(required([{ key: 'zone', operator: 'NotIn', values: ['a'] }])))).toBe(true);
    // An inherited property is not a label.
    expect(nodeFits(labels, placementOf(required([{ key: 'toString', operator: 'Exists' }])))).toBe(false);
    expect(nodeFits(labels, placementOf({ nodeSelector: { constructor: 'x' } }))).toBe(false);
  });
});
