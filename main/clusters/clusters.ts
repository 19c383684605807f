import type { ContextList, ContextStatus, NamespacePage, NamespacePageRequest } from '../../shared/access-contract';
import { AppFailure } from '../app-errors/app-failure';
import type { EventSink } from '../events/event-sink';
import { DEFAULT_CLUSTER_LIMITS, type ClusterLimits } from '../kube/cluster-limits';
import type { Clock } from '../logging/clock';
import type { Logger } from '../logging/logger';
import { contextView, resolveContext } from './context-view';
import { createExecCredentials } from '../kube/exec-credentials';
import { kubeApi, type KubeApi } from '../kube/kube-api';
import { openKubeConnection, type KubeConnection } from '../kube/kube-connection';
import { clusterFailure } from '../kube/kube-errors';
import { loadKubeconfig, type Kubeconfig } from '../kube/kubeconfig';
import type { KubeconfigLocation } from '../kube/kubeconfig-files';
import { watchKubeconfigFiles } from '../kube/kubeconfig-watch';
import { createNamespacePages } from '../kube/namespace-pages';
import type { PluginPath } from '../plugin-path/plugin-path';
import type { RetryPolicy } from '../kube/retry';

export interface ClustersDependencies {
  location: KubeconfigLocation;
  pluginPath: PluginPath;
  clock: Clock;
  logger: Logger;
  events: EventSink;
  probeTimeoutMs?: number;
  retryPolicy?: RetryPolicy;
  /** What one context may send (bytes per answer, items and pages per list); absent: DEFAULT_CLUSTER_LIMITS. */
  limits?: Partial<ClusterLimits>;
}

const DEFAULT_PROBE_TIMEOUT_MS = 5_000;

/** The one order contexts are listed in, on every screen. */
const byContextName = (a: string, b: string): number => a.localeCompare(b);

/**
 * The contexts of the operator's kubeconfig and a connection to each. The kubeconfig is read
 * again after its files change; connections whose cluster or user changed are replaced.
 */
export function createClusters(deps: ClustersDependencies) {
  const probeTimeoutMs = deps.probeTimeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
  const limits: ClusterLimits = { ...DEFAULT_CLUSTER_LIMITS, ...deps.limits };
  const execCredentials = createExecCredentials({ pluginPath: deps.pluginPath, clock: deps.clock });
  const statuses = new Map<string, ContextStatus>();
  const connections = new Map<string, { fingerprint: string; connection: KubeConnection; api: KubeApi }>();
  let loaded: Promise<Kubeconfig> | undefined;
  let stopWatching: (() => void) | undefined;

  const kubeconfig = () => (loaded ??= loadKubeconfig(deps.location));

  function reload(): void {
    loaded = undefined;
    namespacePages.forget();
  }

  /** The API of one context; throws AppFailure when the context is unknown or broken. */
  async function api(context: string): Promise<KubeApi> {
    const config = await kubeconfig();
    const entry = config.contexts.get(context);
    if (!entry) throw new AppFailure('cluster.contextNotFound', { context });
    const resolved = resolveContext(config, entry);
    if (resolved.problem || !resolved.cluster) throw resolved.problem ?? new AppFailure('cluster.contextNotFound', { context });
    const fingerprint = JSON.stringify([resolved.cluster, resolved.user]);
    const existing = connections.get(context);
    if (existing?.fingerprint === fingerprint) return existing.api;
    existing?.connection.close();
    const connection = openKubeConnection({ context, cluster: resolved.cluster, user: resolved.user }, execCredentials, limits);
    const created = { fingerprint, connection, api: kubeApi(connection, deps.retryPolicy, limits) };
    connections.set(context, created);
    return created.api;
  }

  const namespacePages = createNamespacePages({ clock: deps.clock, api });

  function setStatus(context: string, status: ContextStatus): ContextStatus {
    statuses.set(context, status);
    deps.events.emit('event:context-status', { context, status });
    return status;
  }

  async function probeOne(context: string): Promise<ContextStatus> {
    setStatus(context, { state: 'checking' });
    const started = Date.now();
    try {
      const version = await (await api(context)).version(AbortSignal.timeout(probeTimeoutMs + 1000), probeTimeoutMs);
      return setStatus(context, {
        state: 'reachable',
        serverVersion: version.gitVersion ?? 'unknown',
        checkedAt: deps.clock.now().toISOString(),
        latencyMs: Date.now() - started,
      });
    } catch (error) {
      const failure = clusterFailure(error, { context, timeoutSeconds: probeTimeoutMs / 1000 });
      return setStatus(context, { state: 'unreachable', error: failure.appError, checkedAt: deps.clock.now().toISOString() });
    }
  }

  return {
    api,
    /** In the Clusters page's order, so every screen lists contexts alike. */
    async contextNames(): Promise<string[]> {
      return [...(await kubeconfig()).contexts.keys()].sort(byContextName);
    },
    /** Reads the files again: listing is how the window refreshes, watched or not. */
    async list(): Promise<ContextList> {
      loaded = undefined;
      const config = await kubeconfig();
      const contexts = [...config.contexts.values()]
        .sort((a, b) => byContextName(a.name, b.name))
        .map((entry) => contextView(config, entry, statuses.get(entry.name) ?? { state: 'unchecked' }));
      return { contexts, currentContext: config.currentContext, files: config.files, source: config.source };
    },
    /** Each context on its own, with its own timeout: a dead one delays nothing but itself. */
    async probe(only?: string[]): Promise<Record<string, ContextStatus>> {
      const names = only ?? [...(await kubeconfig()).contexts.keys()];
      const results = await Promise.all(names.map(async (name) => [name, await probeOne(name)] as const));
      return Object.fromEntries(results);
    },
    namespaces: (request: NamespacePageRequest): Promise<NamespacePage> => namespacePages.page(request),
    /** Starts reloading on kubeconfig changes (and telling the window); idempotent. */
    watch(): void {
      stopWatching ??= watchKubeconfigFiles(deps.location.files, () => {
        reload();
        deps.logger.info('kubeconfig changed', { files: deps.location.files.length });
        deps.events.emit('event:kubeconfig-changed', { files: deps.location.files });
      });
    },
    close(): void {
      stopWatching?.();
      stopWatching = undefined;
      for (const { connection } of connections.values()) connection.close();
      connections.clear();
    },
  };
}
export type Clusters = ReturnType<typeof createClusters>;
