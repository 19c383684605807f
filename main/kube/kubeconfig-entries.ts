import { dirname, isAbsolute, join } from 'node:path';

/** One `clusters[]` entry, paths made absolute against the file that names them (as kubectl does). */
export interface ClusterEntry {
  name: string;
  file: string;
  server?: string;
  certificateAuthority?: string;
  certificateAuthorityData?: string;
  insecureSkipTlsVerify: boolean;
  tlsServerName?: string;
}

export interface ExecConfig {
  command: string;
  args: string[];
  env: { name: string; value: string }[];
  apiVersion: string;
  provideClusterInfo: boolean;
}

export interface UserEntry {
  name: string;
  file: string;
  token?: string;
  tokenFile?: string;
  clientCertificate?: string;
  clientCertificateData?: string;
  clientKey?: string;
  clientKeyData?: string;
  username?: string;
  password?: string;
  exec?: ExecConfig;
  authProvider?: string;
}

export interface ContextEntry {
  name: string;
  file: string;
  cluster?: string;
  user?: string;
  namespace?: string;
}

export interface KubeconfigEntries {
  clusters: ClusterEntry[];
  users: UserEntry[];
  contexts: ContextEntry[];
  currentContext?: string;
}

type Node = Record<string, unknown>;

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const flag = (value: unknown): boolean => value === true || value === 'true';

/** Entries of a named list (`- name: x\n  cluster: {...}`); entries without a name are unusable and skipped. */
function named(list: unknown, inner: string): { name: string; body: Node }[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry) => {
    if (!isNode(entry) || !text(entry.name)) return [];
    return [{ name: entry.name as string, body: isNode(entry[inner]) ? entry[inner] : {} }];
  });
}

function absolute(base: string, path: string | undefined): string | undefined {
  return path === undefined || isAbsolute(path) ? path : join(base, path);
}

/** kubectl resolves an exec command against the kubeconfig only when it is a path, not a name looked up on PATH. */
function execConfig(value: unknown, base: string): ExecConfig | undefined {
  if (!isNode(value) || !text(value.command)) return undefined;
  const command = value.command as string;
  const env = Array.isArray(value.env)
    ? value.env.flatMap((item) => (isNode(item) && text(item.name) ? [{ name: item.name as string, value: String(item.value ?? '') }] : []))
    : [];
  return {
    command: command.includes('/') ? absolute(base, command)! : command,
    args: Array.isArray(value.args) ? value.args.map(String) : [],
    env,
    apiVersion: text(value.apiVersion) ?? 'client.authentication.k8s.io/v1beta1',
    provideClusterInfo: flag(value.provideClusterInfo),
  };
}

/** The entries of one parsed kubeconfig document. */
export function kubeconfigEntries(document: unknown, file: string): KubeconfigEntries {
  const root = isNode(document) ? document : {};
  const base = dirname(file);
  return {
    clusters: named(root.clusters, 'cluster').map(({ name, body }) => ({
      name,
      file,
      server: text(body.server),
      certificateAuthority: absolute(base, text(body['certificate-authority'])),
      certificateAuthorityData: text(body['certificate-authority-data']),
      insecureSkipTlsVerify: flag(body['insecure-skip-tls-verify']),
      tlsServerName: text(body['tls-server-name']),
    })),
    users: named(root.users, 'user').map(({ name, body }) => ({
      name,
      file,
      token: text(body.token),
      tokenFile: absolute(base, text(body.tokenFile)),
      clientCertificate: absolute(base, text(body['client-certificate'])),
      clientCertificateData: text(body['client-certificate-data']),
      clientKey: absolute(base, text(body['client-key'])),
      clientKeyData: text(body['client-key-data']),
      username: text(body.username),
      password: text(body.password),
      exec: execConfig(body.exec, base),
      authProvider: isNode(body['auth-provider']) ? text(body['auth-provider'].name) : undefined,
    })),
    contexts: named(root.contexts, 'context').map(({ name, body }) => ({
      name,
      file,
      cluster: text(body.cluster),
      user: text(body.user),
      namespace: text(body.namespace),
    })),
    currentContext: text(root['current-context']),
  };
}
