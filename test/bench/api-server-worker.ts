import { parentPort } from 'node:worker_threads';
import { startKubeApiServer, type KubeApiServer, type KubeApiServerOptions } from '../kube-api-server';
import { seedFailingPod, seedNode, type FailingPod } from '../support/failing-pods';

// Runs Kubernetes API test servers on a thread of their own, so the benchmark measures the app's
// side of the wire rather than two programs sharing one event loop. Bundled by worker-api-servers.ts.

export interface SeedItem {
  namespace: string;
  secrets?: object[];
  serviceAccounts?: { name: string; extra: object }[];
  /** Pods whose pull fails, with the kubelet's events (the pull doctor's benchmark). */
  failingPods?: FailingPod[];
  nodes?: { name: string; architecture: string }[];
  /** Objects of named API groups (Deployments, CronJobs, …), created through the API. */
  resources?: { apiVersion: string; plural: string; object: object }[];
}

export type WorkerCall =
  | { id: number; method: 'start'; options: KubeApiServerOptions }
  | { id: number; method: 'seed'; server: number; items: SeedItem[] }
  | { id: number; method: 'setLatency'; server: number; ms: number }
  | { id: number; method: 'counters' | 'resetCounters' | 'stop'; server: number }
  | { id: number; method: 'read'; server: number; kind: 'namespaces' | 'secrets' | 'serviceaccounts'; namespace: string | null; name: string }
  | { id: number; method: 'cpu' };

const servers: KubeApiServer[] = [];

function seed(server: KubeApiServer, items: SeedItem[]): void {
  for (const item of items) {
    server.seed.namespace(item.namespace);
    for (const secret of item.secrets ?? []) server.seed.secret(item.namespace, secret);
    for (const account of item.serviceAccounts ?? []) server.seed.serviceAccount(item.namespace, account.name, account.extra);
    for (const node of item.nodes ?? []) seedNode(server, node.name, { architecture: node.architecture });
    for (const pod of item.failingPods ?? []) seedFailingPod(server, item.namespace, pod);
    for (const resource of item.resources ?? []) server.seed.resource(resource.apiVersion, resource.plural, item.namespace, resource.object);
  }
}

async function run(call: WorkerCall): Promise<unknown> {
  // This thread's own CPU time (µs), so a benchmark can tell the servers' work from the app's.
  if (call.method === 'cpu') return process.threadCpuUsage();
  if (call.method === 'start') {
    const server = await startKubeApiServer(call.options);
    servers.push(server);
    return { index: servers.length - 1, url: server.url, caPem: server.caPem };
  }
  const server = servers[call.server]!;
  switch (call.method) {
    case 'seed':
      return seed(server, call.items);
    case 'setLatency':
      return server.setLatency(call.ms);
    case 'counters':
      return server.counters();
    case 'resetCounters':
      return server.resetCounters();
    case 'read':
      return server.read(call.kind, call.namespace, call.name) ?? null;
    case 'stop':
      return server.stop();
  }
}

parentPort!.on('message', (call: WorkerCall) => {
  run(call).then(
    (value) => parentPort!.postMessage({ id: call.id, value }),
    (error: unknown) => parentPort!.postMessage({ id: call.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
