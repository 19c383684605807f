import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DOCKER_CONFIG_KEY, dockerServerKey, pullSecret, type PullSecretLogin } from '../../main/injection/pull-secret';
import { makeServiceAccountKey } from '../support/fixtures';

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

const decoded = (data: Record<string, string>) => JSON.parse(Buffer.from(data[DOCKER_CONFIG_KEY]!, 'base64').toString('utf8')) as unknown;

const googleKey = JSON.stringify(JSON.parse(makeServiceAccountKey()));

interface Case {
  title: string;
  login: Omit<PullSecretLogin, 'registryId'>;
  /** What the operator would give kubectl as --docker-server. */
  kubectlServer: string;
}

const CASES: Case[] = [
  { title: 'Docker Hub as docker.io, password with colons', login: { type: 'docker', server: 'docker.io', username: 'octo', password: 'pa:ss:wo:rd' }, kubectlServer: 'https://index.docker.io/v1/' },
  { title: 'Docker Hub spelled https://index.docker.io/v1/, Go-escaped & < >', login: { type: 'docker', server: 'https://index.docker.io/v1', username: 'octo', password: 'a&b<c>d' }, kubectlServer: 'https://index.docker.io/v1/' },
  { title: 'Docker Hub as index.docker.io, unicode password', login: { type: 'docker', server: 'index.docker.io', username: 'octo', password: 'пароль密码🔑é' }, kubectlServer: 'https://index.docker.io/v1/' },
  { title: 'Docker Hub as registry-1.docker.io, quotes and backslashes', login: { type: 'docker', server: 'registry-1.docker.io', username: 'octo', password: 'a"b\\c\'d' }, kubectlServer: 'https://index.docker.io/v1/' },
  { title: 'Quay robot account with +', login: { type: 'quay', server: 'quay.io', username: 'acme+deployer', password: 'R0B0T+/=TOKEN' }, kubectlServer: 'quay.io' },
  {
    title: 'ECR by host, AWS token',
    login: { type: 'ecr', server: 'https://123456789012.dkr.ecr.eu-west-1.amazonaws.com', username: 'AWS', password: `eyJwYXlsb2FkIjoi${'x'.repeat(1800)}==`, expiresAt: '2030-01-01T00:00:00.000Z' },
    kubectlServer: '123456789012.dkr.ecr.eu-west-1.amazonaws.com',
  },
  { title: 'GCR with a service-account JSON key', login: { type: 'gcr', server: 'gcr.io', username: '_json_key', password: googleKey }, kubectlServer: 'gcr.io' },
  { title: 'Artifact Registry with a JSON key', login: { type: 'artifact-registry', server: 'europe-docker.pkg.dev', username: '_json_key', password: googleKey }, kubectlServer: 'europe-docker.pkg.dev' },
  { title: 'Azure, password with inner spaces and %', login: { type: 'azure', server: 'acme.azurecr.io', username: 'acme', password: 'pass word 100%' }, kubectlServer: 'acme.azurecr.io' },
  { title: 'Other on a port with a path, shell metacharacters', login: { type: 'other', server: 'harbor.corp:8443/team', username: 'robot$ci', password: '$(id)`whoami`;|*?' }, kubectlServer: 'harbor.corp:8443/team' },
  { title: 'Other over plain http', login: { type: 'other', server: 'http://10.0.0.5:5000', username: 'ユーザー', password: 'tab\tinside' }, kubectlServer: 'http://10.0.0.5:5000' },
  { title: 'Other with https:// kept as typed', login: { type: 'other', server: 'https://registry.example.com', username: 'u', password: '\\u0026 literal' }, kubectlServer: 'https://registry.example.com' },
];

describe('pull secret format', () => {
  it.each(CASES)('$title equals kubectl create secret docker-registry', ({ login, kubectlServer }) => {
    const ours = pullSecret('reference', 'default', { registryId: 'reg_0123456789abcdef', ...login });
    const reference = kubectlSecret(kubectlServer, login.username, login.password);
    expect(ours.type).toBe(reference.type);
    expect(Object.keys(ours.data!)).toEqual(Object.keys(reference.data));
    expect(decoded(ours.data!)).toEqual(decoded(reference.data));
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
