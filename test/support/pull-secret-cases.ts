import type { PullSecretLogin } from '../../main/pull-secrets/pull-secret';
import { makeServiceAccountKey } from './fixtures';

// The logins the pull-secret format is compared with kubectl on, byte for byte; the Secret manifest export uses the same.

const googleKey = JSON.stringify(JSON.parse(makeServiceAccountKey()));

export interface PullSecretCase {
  title: string;
  login: Omit<PullSecretLogin, 'registryId'>;
  /** What the operator would give kubectl as --docker-server. */
  kubectlServer: string;
}

export const PULL_SECRET_CASES: PullSecretCase[] = [
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
  { title: 'Other, & < > and U+2028/U+2029 in the password (Go writes \\u0026 \\u003c \\u003e \\u2028 \\u2029)', login: { type: 'other', server: 'registry.example.com', username: 'ci', password: 'a&&b<<c>>d\u2028e\u2029f&lt;' }, kubectlServer: 'registry.example.com' },
  { title: 'Other, < > & in the username and the server path', login: { type: 'other', server: 'registry.example.com/a&b', username: '<ci>&co', password: 'x' }, kubectlServer: 'registry.example.com/a&b' },
  { title: 'Other, control characters in the password (Go ≥ 1.22 writes \\b and \\f short)', login: { type: 'other', server: 'registry.example.com', username: 'ci', password: 'a\bb\fc\u0001d\u001fe\u007ff' }, kubectlServer: 'registry.example.com' },
];
