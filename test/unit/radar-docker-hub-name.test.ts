// Docker Hub has many names (`https://index.docker.io/v1/` in pull secrets, `registry-1.docker.io`
// for its API, `docker.io` in image references). The report names it one way, as the cells do, so
// a Hub login's expiry is found in the docker.io drawer, under the registry filter and in the
// timeline filtered to docker.io.
import { describe, expect, it } from 'vitest';
import { secretExpiries } from '../../main/radar/expiry';
import type { SecretItem } from '../../main/radar/fleet-reads';
import type { PullSecretFacts } from '../../main/radar/inventory';
import { readPullSecret } from '../../main/pull-secrets/kubelet-keyring';
import { RadarReportSchema, registryOfKey } from '../../shared/radar-contract';
import { cellDetail, matrixRows, timeline } from '../../renderer/features/radar/radar-view';

const NOW = new Date('2026-12-06T12:00:00Z');
const DAY = 86_400_000;
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (exp: Date) => `${b64url({ alg: 'RS256' })}.${b64url({ exp: Math.floor(exp.getTime() / 1000) })}.c2ln`;

function hubExpiries() {
  const password = jwt(new Date(NOW.getTime() + 3 * DAY));
  const auths = Object.fromEntries(['https://index.docker.io/v1/', 'registry-1.docker.io', 'docker.io'].map((key, index) => [key, { username: `robot${index}`, password }]));
  const data = { '.dockerconfigjson': b64(JSON.stringify({ auths })) };
  const item: SecretItem = { namespace: 'shop', name: 'hub', labels: {}, annotations: {}, owners: [], created: null, type: 'kubernetes.io/dockerconfigjson', data };
  const reading = readPullSecret({ metadata: { name: 'hub' }, type: item.type, data });
  return secretExpiries('prod', [{ item, reading } as PullSecretFacts], NOW, 14);
}

describe('Docker Hub in the radar report', () => {
  it('names every Hub host docker.io, as image references do', () => {
    expect(['https://index.docker.io/v1/', 'registry-1.docker.io', 'REGISTRY.HUB.DOCKER.COM', 'docker.io'].map(registryOfKey)).toEqual(['docker.io', 'docker.io', 'docker.io', 'docker.io']);
    expect(registryOfKey('https://Registry.Example:5000/v2/')).toBe('registry.example:5000');
    expect(hubExpiries().map((row) => row.registry)).toEqual(['docker.io', 'docker.io', 'docker.io']);
  });

  it('shows a Hub login’s expiry in the docker.io drawer, registry filter and timeline', () => {
    const expiries = hubExpiries();
    const report = RadarReportSchema.parse({
      generatedAt: NOW.toISOString(),
      contexts: [{ context: 'prod', state: 'read', error: null, refused: [], apiRequests: 10 }],
      pullSecrets: [{ context: 'prod', namespace: 'shop', name: 'hub', type: 'kubernetes.io/dockerconfigjson', maker: 'by-hand', entries: [{ key: 'https://index.docker.io/v1/', username: 'robot0' }], unparsable: null, referencedBy: [] }],
      workloads: [],
      checks: [],
      expiries,
      findings: [],
      cells: [{ context: 'prod', namespace: 'shop', registry: 'docker.io', worst: 'warn', workloads: 0, secrets: 1, unread: [] }],
      registryRequests: 0,
    });
    expect(cellDetail(report, { context: 'prod', namespace: 'shop', registry: 'docker.io' }).expiries).toHaveLength(3);
    expect(timeline(report, NOW.getTime(), 14, 'docker.io')).toHaveLength(3);
    expect(matrixRows(report, { show: 'all', registry: 'docker.io', windowDays: 14 }, NOW.getTime()).map((row) => row.namespace)).toEqual(['shop']);
  });
});
