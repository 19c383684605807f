import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCKER_CONFIG_KEY, dockerServerKey, pullSecret } from '../../main/pull-secrets/pull-secret';
import { PULL_SECRET_CASES } from '../support/pull-secret-cases';

// The reference is kubectl itself: `kubectl create secret docker-registry --dry-run=client -o json`
// needs no server. An operator would pass kubectl the server key the registry documents
// (Docker Hub: https://index.docker.io/v1/, ECR: the host); the app starts from the URL stored
// for the registry, however it was spelled.

const cacheDir = mkdtempSync(join(tmpdir(), 'kubectl-format-'));

function kubectlSecret(server: string, username: string, password: string): { type: string; data: Record<string, string> } {
  const stdout = execFileSync(
    'kubectl',
    ['create', 'secret', 'docker-registry', 'reference', `--docker-server=${server}`, `--docker-username=${username}`, `--docker-password=${password}`, '--dry-run=client', '-o', 'json', '--cache-dir', cacheDir],
    { encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cacheDir } },
  );
  return JSON.parse(stdout) as { type: string; data: Record<string, string> };
}

const decoded = (data: Record<string, string>) => Buffer.from(data[DOCKER_CONFIG_KEY]!, 'base64');

describe('pull secret format', () => {
  it.each(PULL_SECRET_CASES)('$title: the bytes kubectl create secret docker-registry writes', ({ login, kubectlServer }) => {
    const ours = pullSecret('reference', 'default', { registryId: 'reg_0123456789abcdef', ...login });
    const reference = kubectlSecret(kubectlServer, login.username, login.password);
    expect(ours.type).toBe(reference.type);
    expect(Object.keys(ours.data!)).toEqual(Object.keys(reference.data));
    // Bytes, not parsed JSON: Go escapes & < > U+2028 U+2029, and a parse would hide the difference.
    expect(decoded(ours.data!).toString('utf8')).toBe(decoded(reference.data).toString('utf8'));
    expect(decoded(ours.data!).equals(decoded(reference.data))).toBe(true);
    expect(ours.data![DOCKER_CONFIG_KEY]).toBe(reference.data[DOCKER_CONFIG_KEY]);
  });

  it('marks the secret as the app’s, for this registry, with the ECR expiry', () => {
    const secret = pullSecret('hub', 'apps', { registryId: 'reg_0123456789abcdef', type: 'ecr', server: 'https://123456789012.dkr.ecr.eu-west-1.amazonaws.com', username: 'AWS', password: 't', expiresAt: '2030-01-01T00:00:00.000Z' });
    expect(secret.metadata).toEqual({
      name: 'hub',
      namespace: 'apps',
      labels: { 'app.kubernetes.io/managed-by': 'registry-desk', 'registry-desk.io/registry': 'reg_0123456789abcdef' },
      annotations: { 'registry-desk.io/registry': 'reg_0123456789abcdef', 'registry-desk.io/expires-at': '2030-01-01T00:00:00.000Z' },
    });
  });

  it.each([
    ['docker.io', 'https://index.docker.io/v1/'],
    ['https://docker.io', 'https://index.docker.io/v1/'],
    ['registry.hub.docker.com', 'https://index.docker.io/v1/'],
    ['https://index.docker.io/v2', 'https://index.docker.io/v1/'],
    ['docker.io:5000', 'docker.io:5000'],
    ['https://123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn', '123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn'],
    ['ghcr.io', 'ghcr.io'],
  ])('server key for %s is %s', (server, key) => {
    expect(dockerServerKey(server)).toBe(key);
  });
});
