// The in-process Kubernetes API test server: a kube-apiserver for namespaces, secrets and
// serviceaccounts, faithful on what the app relies on (see README.md beside this file).
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { AccessTable, type KubeUser } from './access';
import { issueClient, issueServing, makeAuthority } from './certificates';
import { Cluster } from './cluster';
import { Controls, type Counters, type Faults, type HeldRequest, type RecordedRequest } from './controls';
import { Discovery } from './discovery-routes';
import { requestListener } from './http';
import { type KubeconfigContext, writeKubeconfig as writeKubeconfigFile } from './kubeconfig';
import { RESOURCES, type ResourceName, type ResourceType, isResourceName } from './resources';
import { KubeStatusError } from './status';
import { keyOf } from './store';
import { type WorkloadSeeds, workloadSeeds } from './workload-seeds';

export type { RbacRule, KubeUser } from './access';
export type { Faults, HeldRequest, RecordedRequest } from './controls';
export type { KubeconfigContext } from './kubeconfig';

export interface KubeApiServerOptions {
  /** Bearer token → user. Absent: one user `admin` with token ADMIN_TOKEN allowed everything. */
  users?: Record<string, KubeUser>;
  latencyMs?: number;
  /** Reported by /version; default 'v1.31.4' (kubectl's dispatcher then picks kubectl 1.31). */
  gitVersion?: string;
  /** How long after a namespace appears its `default` ServiceAccount does; default 0 (at once). */
  defaultServiceAccountDelayMs?: number;
  /** How long a deleted namespace stays Terminating before it and its content go; default 0. */
  namespaceDeletionDelayMs?: number;
  /** Seed of the fault draws; default 1. */
  seed?: number;
  /** Also seed kube-system, kube-public, kube-node-lease and default, as every cluster has; default true. */
  systemNamespaces?: boolean;
  /** Keep every request's method, URL and body for `requests()`; default false. */
  recordRequests?: boolean;
}

export interface KubeApiServer {
  url: string;
  caPem: string;
  addUser(token: string, user: KubeUser): void;
  /** A client certificate (signed by the server's CA) that authenticates as `user`. */
  issueClientCertificate(user: KubeUser): Promise<{ certificatePem: string; keyPem: string }>;
  setLatency(ms: number): void;
  /**
   * Holds every request from now on (counted and recorded, not answered) until `releaseRequests()`:
   * a call is then surely still in flight when a test acts on it, with no latency to guess.
   */
  holdRequests(): void;
  releaseRequests(): void;
  /** The requests held since `holdRequests()`, in arrival order, each with whether its client has given up on it. */
  heldRequests(): HeldRequest[];
  setFaults(faults: Faults): void;
  counters(): Counters;
  resetCounters(): void;
  /** Every request since the start or the last `resetRequests()`, in arrival order (needs `recordRequests`). */
  requests(): RecordedRequest[];
  resetRequests(): void;
  seed: {
    namespace(name: string, labels?: Record<string, string>): void;
    secret(namespace: string, secret: object): void;
    serviceAccount(namespace: string, name: string, extra?: object): void;
    /** Any resource of a named group, e.g. ('apiextensions.k8s.io/v1', 'customresourcedefinitions', null, crd). */
    resource(apiVersion: string, plural: string, namespace: string | null, object: object): void;
  } & WorkloadSeeds;
  /**
   * The stored object as `kubectl get -o json` shows it (managedFields left out unless asked for);
   * `kind` is a core resource or a `plural.group` such as `externalsecrets.external-secrets.io`.
   */
  read(kind: ResourceName | `${string}.${string}`, namespace: string | null, name: string, options?: { managedFields?: boolean }): object | undefined;
  stop(): Promise<void>;
}

export const ADMIN_TOKEN = 'admin-token';
const ADMIN: KubeUser = { name: 'admin', rules: [{ verbs: ['*'], resources: ['*'], apiGroups: ['*'] }] };
const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

/** Seeds go through the API's own create path, so they are validated like any request. */
function seeding(cluster: Cluster): Omit<KubeApiServer['seed'], keyof WorkloadSeeds> {
  const options = () => ({ dryRun: false, fieldValidation: 'Strict' as const, warnings: [], manager: 'test-seed' });
  const create = (resource: ResourceName | ResourceType, namespace: string, object: object): void => {
    try {
      cluster.create(typeof resource === 'string' ? RESOURCES[resource] : resource, namespace, structuredClone(object), options());
    } catch (error) {
      throw error instanceof KubeStatusError ? new Error(`seed ${resource}: ${error.message}`) : error;
    }
  };
  return {
    namespace: (name, labels) => create('namespaces', '', { metadata: { name, ...(labels ? { labels } : {}) } }),
    secret: (namespace, secret) => create('secrets', namespace, secret),
    serviceAccount: (namespace, name, extra = {}) => {
      const { metadata = {}, ...rest } = extra as { metadata?: object };
      create('serviceaccounts', namespace, { ...rest, metadata: { ...metadata, name } });
    },
    resource: (apiVersion, plural, namespace, object) => {
      const [group = '', version = ''] = apiVersion.split('/');
      const type = cluster.groups.lookup(group, version, plural);
      if (!type) throw new Error(`seed: ${plural} is not served in ${apiVersion}`);
      create(type, namespace ?? '', object);
    },
  };
}

export async function startKubeApiServer(options: KubeApiServerOptions = {}): Promise<KubeApiServer> {
  const authority = await makeAuthority();
  const serving = await issueServing(authority);
  const access = new AccessTable();
  for (const [token, user] of Object.entries(options.users ?? { [ADMIN_TOKEN]: ADMIN })) access.addUser(token, user);
  const cluster = new Cluster({ defaultServiceAccountDelayMs: options.defaultServiceAccountDelayMs ?? 0, namespaceDeletionDelayMs: options.namespaceDeletionDelayMs ?? 0 });
  const controls = new Controls(options.latencyMs ?? 0, options.seed ?? 1, options.recordRequests ?? false);
  let address = '';
  const discovery = new Discovery(options.gitVersion ?? 'v1.31.4', () => address, cluster.groups);
  const server = createServer(
    { key: serving.keyPem, cert: serving.certificatePem, ca: [authority.certificatePem], requestCert: true, rejectUnauthorized: false, keepAliveTimeout: 60_000 },
    requestListener({ cluster, access, controls, discovery }),
  );
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  const seed = seeding(cluster);
  if (options.systemNamespaces ?? true) for (const name of SYSTEM_NAMESPACES) seed.namespace(name);

  return {
    url: `https://${address}`,
    caPem: authority.certificatePem,
    addUser: (token, user) => access.addUser(token, user),
    issueClientCertificate: async (user) => {
      access.addCertificateUser(user);
      return issueClient(authority, user.name);
    },
    setLatency: (ms) => {
      controls.latencyMs = ms;
    },
    holdRequests: () => controls.hold(),
    releaseRequests: () => controls.release(),
    heldRequests: () => controls.heldRequests(),
    setFaults: (faults) => {
      controls.faults = { ...faults };
    },
    counters: () => controls.counters(),
    resetCounters: () => controls.resetCounters(),
    requests: () => controls.requests(),
    resetRequests: () => controls.resetRequests(),
    seed: { ...seed, ...workloadSeeds(cluster) },
    read: (kind, namespace, name, readOptions = {}) => {
      const object = cluster.store.get(kind, keyOf(isResourceName(kind) && !RESOURCES[kind].namespaced ? null : namespace, name));
      if (!object) return undefined;
      const copy = structuredClone(object);
      if (!readOptions.managedFields) delete copy.metadata.managedFields;
      return copy;
    },
    stop: async () => {
      // Held requests would keep their connections, and so `close`, waiting.
      controls.release();
      cluster.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/** Writes a kubeconfig file (YAML) with one cluster+user+context per entry; returns its path. */
export function writeKubeconfig(path: string, contexts: KubeconfigContext[], currentContext?: string): string {
  return writeKubeconfigFile(path, contexts, currentContext);
}
