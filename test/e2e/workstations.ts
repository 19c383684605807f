import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKubeApiServer, writeKubeconfig, type KubeApiServer, type KubeApiServerOptions, type KubeconfigContext } from '../kube-api-server';
import { createTestWorkstation, type TestWorkstation } from '../support/import-workstation';
import { test, type OpenAppOptions } from './harness';

// The workstations specs open the app on, in the operator's terms: what the kubeconfig reaches or
// what the home holds, and which registries are already saved. Each call sets up its spec file alone
// (its own server, folder and app options, started before its tests and removed after them).

/** A kubeconfig context; without `server` it reaches the spec's test API server, trusting its CA. */
export type ClusterContext = Omit<KubeconfigContext, 'server'> & { server?: string };

export interface WorkstationWithClusters {
  /** The Kubernetes API test server the contexts reach (started in beforeAll). */
  readonly server: KubeApiServer;
  /** The kubeconfig file the app reads (written in beforeAll). */
  readonly kubeconfig: string;
}

/**
 * A workstation whose kubeconfig lists `contexts` on one Kubernetes API test server holding
 * `namespaces`, and the app opened on it with what `seed` saves (registries, access settings).
 * A spec's own beforeAll written above the call runs first, so `prepare` and `seed` may use what it
 * started (a registry's address, an image's digest).
 */
export function useWorkstationWithClusters(options: {
  /** Names the temporary folder, so a leftover says which spec made it. */
  name: string;
  server?: KubeApiServerOptions;
  namespaces: string[];
  namespaceLabels?: Record<string, string>;
  /** What else the cluster holds before the app starts, e.g. a Secret someone else made. */
  prepare?: (server: KubeApiServer) => void;
  contexts: ClusterContext[];
  currentContext?: string;
  seed: NonNullable<OpenAppOptions['seed']>;
}): WorkstationWithClusters {
  let server: KubeApiServer | undefined;
  let folder: string | undefined;
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the ${what} is set up in beforeAll: read it in a test or a hook`);
    return value;
  };
  const workstation: WorkstationWithClusters = {
    get server() {
      return started(server, 'test API server');
    },
    get kubeconfig() {
      return join(started(folder, 'kubeconfig folder'), 'config.yaml');
    },
  };

  test.beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), `rd-e2e-${options.name}-`));
    const cluster = await startKubeApiServer(options.server);
    server = cluster;
    for (const namespace of options.namespaces) cluster.seed.namespace(namespace, options.namespaceLabels);
    options.prepare?.(cluster);
    const contexts = options.contexts.map((context) => ({ server: cluster.url, caPem: context.server ? undefined : cluster.caPem, ...context }));
    writeKubeconfig(workstation.kubeconfig, contexts, options.currentContext);
  });

  test.afterAll(async () => {
    await server?.stop();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  test.use({
    appOptions: {
      get kubeconfigPaths() {
        return [workstation.kubeconfig];
      },
      seed: options.seed,
    },
  });

  return workstation;
}

/**
 * A workstation with a home of its own (docker and podman logins, credential helpers first on
 * PATH) that `prepare` fills, and the app opened on it with what `seed` saves.
 */
export function useWorkstationWithHome(options: {
  prepare?: (station: TestWorkstation) => Promise<void>;
  /** Variables the app's own environment has besides the home's (DOCKER_AUTH_CONFIG, say). */
  env?: Record<string, string>;
  seed: NonNullable<OpenAppOptions['seed']>;
}): void {
  let station: TestWorkstation | undefined;
  const started = (value: TestWorkstation | undefined) => {
    if (!value) throw new Error('the workstation is set up in beforeAll: the app opens after it');
    return value;
  };

  test.beforeAll(async () => {
    station = await createTestWorkstation();
    await options.prepare?.(station);
  });

  test.afterAll(() => station?.close());

  test.use({
    appOptions: {
      // Never undefined: the app would then read this machine's own logins.
      get workstation() {
        const { workstation } = started(station);
        return options.env ? { ...workstation, env: { ...workstation.env, ...options.env } } : workstation;
      },
      get pluginPath() {
        return started(station).pluginPath;
      },
      seed: options.seed,
    },
  });
}
