import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { build } from 'vite';
import type { KubeApiServerOptions } from '../kube-api-server';
import type { SeedItem, WorkerCall } from './api-server-worker';

type Counters = { byVerb: Record<string, number>; byResource: Record<string, number>; total: number };
type CallBody = WorkerCall extends infer C ? (C extends { id: number } ? Omit<C, 'id'> : never) : never;

export interface RemoteApiServer {
  url: string;
  caPem: string;
  seed(items: SeedItem[]): Promise<void>;
  setLatency(ms: number): Promise<void>;
  counters(): Promise<Counters>;
  resetCounters(): Promise<void>;
  read(kind: 'namespaces' | 'secrets' | 'serviceaccounts', namespace: string | null, name: string): Promise<object | null>;
}

/** A worker thread hosting API test servers; the TypeScript server is bundled for it with Vite first. */
export async function startApiServerWorker(): Promise<{ start(options?: KubeApiServerOptions): Promise<RemoteApiServer>; cpu(): Promise<NodeJS.CpuUsage>; stop(): Promise<void> }> {
  const outDir = resolve('test-results/bench-worker');
  mkdirSync(outDir, { recursive: true });
  await build({
    configFile: false,
    logLevel: 'warn',
    ssr: { noExternal: true },
    build: { ssr: resolve(import.meta.dirname, 'api-server-worker.ts'), outDir, emptyOutDir: true, target: 'node20', rollupOptions: { output: { entryFileNames: 'api-server-worker.mjs' } } },
  });
  const worker = new Worker(join(outDir, 'api-server-worker.mjs'));
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  worker.on('message', (message: { id: number; value?: unknown; error?: string }) => {
    const entry = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.error !== undefined) entry?.reject(new Error(message.error));
    else entry?.resolve(message.value);
  });
  const call = <T>(body: CallBody): Promise<T> =>
    new Promise((resolveCall, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve: resolveCall as (value: unknown) => void, reject });
      worker.postMessage({ ...body, id });
    });
  const started: number[] = [];
  return {
    async start(options = {}) {
      const { index, url, caPem } = await call<{ index: number; url: string; caPem: string }>({ method: 'start', options });
      started.push(index);
      return {
        url,
        caPem,
        seed: (items) => call({ method: 'seed', server: index, items }),
        setLatency: (ms) => call({ method: 'setLatency', server: index, ms }),
        counters: () => call({ method: 'counters', server: index }),
        resetCounters: () => call({ method: 'resetCounters', server: index }),
        read: (kind, namespace, name) => call({ method: 'read', server: index, kind, namespace, name }),
      };
    },
    /** The worker thread's CPU time so far (user and system, µs): every API test server's work. */
    cpu: () => call({ method: 'cpu' }),
    async stop() {
      await Promise.all(started.map((index) => call({ method: 'stop', server: index })));
      await worker.terminate();
    },
  };
}
