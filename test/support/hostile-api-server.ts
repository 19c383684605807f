// An API server that answers every list as a hostile or runaway cluster could: pages of pods
// without end, a `continue` token that comes back, empty pages without end, one answer that
// never stops, or an answer cut off in the middle of its JSON. It serves `/version` and
// SelfSubjectAccessReviews like a real server and ignores `limit`. Plain HTTP on 127.0.0.1; the
// lists' JSON is a real server's (PodList envelope, items without kind). Used by
// test/integration/cluster-list-limits.test.ts, its memory worker and radar-hostile.test.ts.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type HostileMode = 'endless-pages' | 'repeated-continue' | 'empty-pages' | 'endless-answer' | 'broken-json';

export interface HostileApiServer {
  url: string;
  /** List answers started, whatever their mode. */
  listsServed(): number;
  stop(): Promise<void>;
}

/** A running pod as a real API server lists it (about 1.6 KB of JSON). */
export function runningPod(index: number): object {
  const name = `web-7d4b9c8f6d-${String(index).padStart(6, '0')}`;
  return {
    metadata: {
      name,
      generateName: 'web-7d4b9c8f6d-',
      namespace: `team-${index % 100}`,
      uid: `6f1c2a3e-0000-4000-8000-${String(index).padStart(12, '0')}`,
      resourceVersion: String(1000 + index),
      creationTimestamp: '2025-01-01T00:00:00Z',
      labels: { app: 'web', 'pod-template-hash': '7d4b9c8f6d' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4b9c8f6d', uid: '0a0b0c0d-0000-4000-8000-000000000001', controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      containers: [{
        name: 'web',
        image: 'registry.example.com/team/web:1.4.2',
        ports: [{ containerPort: 8080, protocol: 'TCP' }],
        env: [{ name: 'MODE', value: 'production' }],
        resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
        volumeMounts: [{ name: 'kube-api-access-abcde', readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }],
        imagePullPolicy: 'IfNotPresent',
      }],
      restartPolicy: 'Always',
      serviceAccountName: 'default',
      nodeName: `node-${index % 7}`,
      imagePullSecrets: [{ name: 'regcred' }],
    },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2025-01-01T00:00:05Z' }],
      hostIP: '10.0.0.7',
      podIP: `10.244.${index % 250}.${index % 200}`,
      startTime: '2025-01-01T00:00:00Z',
      containerStatuses: [{
        name: 'web',
        state: { running: { startedAt: '2025-01-01T00:00:04Z' } },
        ready: true,
        restartCount: 0,
        image: 'registry.example.com/team/web:1.4.2',
        imageID: `registry.example.com/team/web@sha256:${'ab'.repeat(32)}`,
        containerID: `containerd://${'cd'.repeat(32)}`,
      }],
    },
  };
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/** Pods without end, written as fast as the client reads them, until it hangs up. */
function endlessAnswer(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.write('{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"1"},"items":[');
  let index = 0;
  const pump = () => {
    while (!response.destroyed && response.write(`${index === 0 ? '' : ','}${JSON.stringify(runningPod(index))}`)) index += 1;
    index += 1;
  };
  response.on('drain', pump);
  pump();
}

export async function startHostileApiServer(options: { mode: HostileMode; itemsPerPage?: number }): Promise<HostileApiServer> {
  const count = options.itemsPerPage ?? 10_000;
  // One page's items, built once: the server's cost is not what the test measures.
  const items = Buffer.from(Array.from({ length: count }, (_, index) => JSON.stringify(runningPod(index))).join(','));
  let lists = 0;
  const page = (response: ServerResponse, token: string, withItems: boolean) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.write(`{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"1","continue":${JSON.stringify(token)}},"items":[`);
    if (withItems) response.write(items);
    response.end(']}');
  };
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path === '/version') return json(response, 200, { major: '1', minor: '31', gitVersion: 'v1.31.4' });
    if (request.method === 'POST' && path.endsWith('/selfsubjectaccessreviews')) {
      return json(response, 201, { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', status: { allowed: true } });
    }
    if (request.method !== 'GET') return json(response, 405, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'MethodNotAllowed', code: 405 });
    lists += 1;
    const fresh = Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: 1, start: `page-${lists}` })).toString('base64url');
    if (options.mode === 'endless-answer') return endlessAnswer(response);
    if (options.mode === 'broken-json') {
      response.writeHead(200, { 'content-type': 'application/json' });
      return response.end('{"kind":"SecretList","apiVersion":"v1","metadata":{},"items":[{"metadata":{"name":"a","namespace":"x"}},{"metadata":{"name":');
    }
    if (options.mode === 'repeated-continue') return page(response, 'eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6MSwic3RhcnQiOiJzYW1lIn0', true);
    return page(response, fresh, options.mode === 'endless-pages');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    listsServed: () => lists,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
