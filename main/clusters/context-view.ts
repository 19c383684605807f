import type { ContextAuth, ContextStatus, ContextView } from '../../shared/access-contract';
import type { AppError } from '../../shared/errors';
import { AppFailure } from '../app-errors/app-failure';
import type { Kubeconfig } from '../kube/kubeconfig';
import type { ClusterEntry, ContextEntry, UserEntry } from '../kube/kubeconfig-entries';

export interface ResolvedContext {
  entry: ContextEntry;
  cluster: (ClusterEntry & { server: string }) | null;
  user: UserEntry | null;
  /** Why the context cannot be used, if it cannot. */
  problem: AppFailure | null;
}

function authOf(user: UserEntry | null): ContextAuth {
  if (!user) return 'none';
  if (user.exec) return 'exec';
  if (user.authProvider) return 'auth-provider';
  if (user.token) return 'token';
  if (user.tokenFile) return 'token-file';
  if (user.clientCertificate || user.clientCertificateData) return 'client-certificate';
  if (user.username) return 'basic';
  return 'none';
}

function serverProblem(context: string, cluster: ClusterEntry): AppFailure | null {
  if (!cluster.server) return new AppFailure('cluster.noServer', { context, cluster: cluster.name });
  try {
    const url = new URL(cluster.server);
    if (url.protocol === 'https:' || url.protocol === 'http:') return null;
  } catch {
    // reported below, like any other unusable URL
  }
  return new AppFailure('cluster.badServer', { context, server: cluster.server });
}

/** The cluster and user a context names, or the reason it cannot be used. */
export function resolveContext(kubeconfig: Kubeconfig, entry: ContextEntry): ResolvedContext {
  const context = entry.name;
  const cluster = entry.cluster ? kubeconfig.clusters.get(entry.cluster) : undefined;
  const user = entry.user ? (kubeconfig.users.get(entry.user) ?? null) : null;
  const problem = !cluster
    ? new AppFailure('cluster.missingCluster', { context, cluster: entry.cluster ?? '' })
    : entry.user && !user
      ? new AppFailure('cluster.missingUser', { context, user: entry.user })
      : serverProblem(context, cluster);
  const usable = cluster && !problem ? { ...cluster, server: cluster.server! } : null;
  return { entry, cluster: usable, user, problem };
}

/** A context as the picker shows it: names and kinds only, never a token or key. */
export function contextView(kubeconfig: Kubeconfig, entry: ContextEntry, status: ContextStatus): ContextView {
  const resolved = resolveContext(kubeconfig, entry);
  const cluster = entry.cluster ? kubeconfig.clusters.get(entry.cluster) : undefined;
  const problem: AppError | undefined = resolved.problem?.appError;
  return {
    name: entry.name,
    cluster: entry.cluster ?? null,
    server: cluster?.server ?? null,
    user: entry.user ?? null,
    namespace: entry.namespace ?? 'default',
    isCurrent: kubeconfig.currentContext === entry.name,
    auth: authOf(resolved.user),
    ...(resolved.user?.exec ? { execCommand: resolved.user.exec.command.split('/').pop()! } : {}),
    insecureSkipTlsVerify: cluster?.insecureSkipTlsVerify ?? false,
    file: entry.file,
    ...(problem ? { problem } : {}),
    status,
  };
}
