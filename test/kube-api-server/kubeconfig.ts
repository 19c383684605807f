// A kubeconfig file as kubectl writes one: a cluster, a user and a context per entry, each named
// after the context.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { stringify } from 'yaml';

export interface KubeconfigContext {
  name: string;
  server: string;
  caPem?: string;
  token?: string;
  namespace?: string;
  insecureSkipTlsVerify?: boolean;
  clientCertificatePem?: string;
  clientKeyPem?: string;
  exec?: { command: string; args?: string[]; env?: { name: string; value: string }[] };
}

const base64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

function userOf(entry: KubeconfigContext): Record<string, unknown> {
  const user: Record<string, unknown> = {};
  if (entry.token) user.token = entry.token;
  if (entry.clientCertificatePem) user['client-certificate-data'] = base64(entry.clientCertificatePem);
  if (entry.clientKeyPem) user['client-key-data'] = base64(entry.clientKeyPem);
  if (entry.exec) user.exec = { apiVersion: 'client.authentication.k8s.io/v1', interactiveMode: 'Never', ...entry.exec };
  return user;
}

export function writeKubeconfig(path: string, contexts: KubeconfigContext[], currentContext?: string): string {
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: contexts.map((entry) => ({
      name: entry.name,
      cluster: {
        server: entry.server,
        ...(entry.caPem ? { 'certificate-authority-data': base64(entry.caPem) } : {}),
        ...(entry.insecureSkipTlsVerify ? { 'insecure-skip-tls-verify': true } : {}),
      },
    })),
    users: contexts.map((entry) => ({ name: entry.name, user: userOf(entry) })),
    contexts: contexts.map((entry) => ({
      name: entry.name,
      context: { cluster: entry.name, user: entry.name, ...(entry.namespace ? { namespace: entry.namespace } : {}) },
    })),
    'current-context': currentContext ?? contexts[0]?.name ?? '',
    preferences: {},
  };
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, stringify(config), { mode: 0o600 });
  return path;
}
