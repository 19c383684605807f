// Docker Hub has many names (`https://index.docker.io/v1/` in pull secrets, `registry-1.docker.io`
// for its API, `docker.io` in image references). The report's expiry rows name it as the cells do,
// `docker.io`: the screen's drawer, registry filter and timeline filter match rows to cells by that
// name (test/renderer/radar-filters.test.ts), so a Hub login's expiry is found under docker.io.
import { describe, expect, it } from 'vitest';
import { secretExpiries } from '../../main/radar/expiry';
import type { SecretItem } from '../../main/radar/fleet-reads';
import type { PullSecretFacts } from '../../main/radar/inventory';
import { readPullSecret } from '../../main/pull-secrets/kubelet-keyring';
import { registryOfKey } from '../../shared/radar-contract';

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
});
