// TEST DOUBLES of the engines' controllers (External Secrets, Reflector, Kyverno) and of the
// garbage collector, for status-reading tests only. Each pass does, through the Kubernetes API
// test server's HTTP API like any other client, the part of the real controller that the app's
// status reads back: target secrets and mirrors, and the engines' status reports. They are NOT
// the engines and prove nothing about them; the manifests' validity is proven against the real
// CRD schemas instead (test/unit/cluster-sync-schemas.test.ts).
import { request } from 'node:https';
import { ADMIN_TOKEN, type KubeApiServer } from '../kube-api-server';
import { parseLabelSelector } from '../kube-api-server/selectors';
import { renderGoTemplate } from './go-template';

type Labels = Record<string, string>;
interface Meta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  labels?: Labels;
  annotations?: Record<string, string>;
  ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }[];
}
interface Obj {
  metadata: Meta;
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
  type?: string;
  status?: unknown;
}
interface Selector {
  matchLabels?: Labels;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

function call<T>(server: KubeApiServer, method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${ADMIN_TOKEN}`, 'User-Agent': 'engine-controller-double/1.0' };
  if (payload !== undefined) Object.assign(headers, { 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(payload)) });
  return new Promise((resolve, reject) => {
    const req = request(`${server.url}${path}`, { method, headers, ca: server.caPem }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => ((res.statusCode ?? 500) < 300 ? resolve(JSON.parse(text) as T) : reject(new Error(`${method} ${path}: ${res.statusCode} ${text}`))));
    });
    req.once('error', reject);
    req.end(payload);
  });
}

const list = async (server: KubeApiServer, path: string): Promise<Obj[]> => (await call<{ items: Obj[] }>(server, 'GET', path).catch(() => ({ items: [] }))).items;
const secretPath = (namespace: string, name = ''): string => `/api/v1/namespaces/${namespace}/secrets${name ? `/${name}` : ''}`;
const now = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

function matchesSelector(selector: Selector, labels: Labels): boolean {
  const equal = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  return equal && (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    const has = Object.hasOwn(labels, key);
    if (operator === 'In') return has && values.includes(labels[key]!);
    if (operator === 'NotIn') return !has || !values.includes(labels[key]!);
    if (operator === 'Exists') return has;
    return !has;
  });
}

async function putSecret(server: KubeApiServer, namespace: string, secret: Obj, existing: Obj | undefined, manager: string): Promise<void> {
  if (existing) await call(server, 'PUT', `${secretPath(namespace, secret.metadata.name)}?fieldManager=${manager}`, { ...secret, metadata: { ...secret.metadata, resourceVersion: existing.metadata.resourceVersion } });
  else await call(server, 'POST', `${secretPath(namespace)}?fieldManager=${manager}`, secret);
}

// ---------------------------------------------------------------- Reflector

const REFLECTOR = 'reflector.v1.k8s.emberstack.com';

/** One reconcile of Reflector's auto-mirroring: mirrors into matching namespaces, stale ones updated, unmatched ones deleted. */
export async function reflectorPass(server: KubeApiServer): Promise<void> {
  const [secrets, namespaces] = await Promise.all([list(server, '/api/v1/secrets'), list(server, '/api/v1/namespaces')]);
  const sources = secrets.filter((secret) => secret.metadata.annotations?.[`${REFLECTOR}/reflection-auto-enabled`] === 'true' && secret.metadata.annotations[`${REFLECTOR}/reflection-allowed`] === 'true');
  const sourceIds = new Set(sources.map((source) => `${source.metadata.namespace}/${source.metadata.name}`));
  for (const source of sources) {
    const id = `${source.metadata.namespace}/${source.metadata.name}`;
    const matcher = parseLabelSelector(source.metadata.annotations?.[`${REFLECTOR}/reflection-auto-namespaces-selector`] ?? '');
    for (const namespace of namespaces) {
      const name = namespace.metadata.name;
      if (name === source.metadata.namespace) continue;
      const existing = secrets.find((secret) => secret.metadata.namespace === name && secret.metadata.name === source.metadata.name);
      const isMirror = existing?.metadata.annotations?.[`${REFLECTOR}/reflects`] === id;
      if (!matcher(namespace.metadata.labels ?? {})) {
        if (isMirror) await call(server, 'DELETE', secretPath(name, source.metadata.name));
        continue;
      }
      if (existing && !isMirror) continue;
      if (isMirror && existing.metadata.annotations?.[`${REFLECTOR}/reflected-version`] === source.metadata.resourceVersion) continue;
      const annotations = { [`${REFLECTOR}/reflects`]: id, [`${REFLECTOR}/auto-reflects`]: 'True', [`${REFLECTOR}/reflected-version`]: source.metadata.resourceVersion!, [`${REFLECTOR}/reflected-at`]: JSON.stringify(now()) };
      await putSecret(server, name, { metadata: { name: source.metadata.name, annotations }, type: source.type, data: source.data }, existing, 'reflector');
    }
  }
  for (const secret of secrets) {
    const reflects = secret.metadata.annotations?.[`${REFLECTOR}/reflects`];
    if (reflects && !sourceIds.has(reflects)) await call(server, 'DELETE', secretPath(secret.metadata.namespace!, secret.metadata.name));
  }
}

// ---------------------------------------------------------------- External Secrets

const ESO = 'external-secrets.io/v1';

interface ExternalSecretSpec {
  secretStoreRef?: { kind: string; name: string };
  target?: { name?: string; template?: { type?: string; data?: Record<string, string> } };
  data?: { secretKey: string; remoteRef: { key: string; property?: string } }[];
  dataFrom?: { sourceRef?: { generatorRef?: { kind: string; name: string } } }[];
}

export interface GeneratorOutputs {
  /** What the generator kinds would return, e.g. ECRAuthorizationToken: { username, password, proxy_endpoint, expires_at }. */
  [kind: string]: Record<string, string>;
}

async function values(server: KubeApiServer, spec: ExternalSecretSpec, generated: GeneratorOutputs): Promise<Record<string, string>> {
  const generator = spec.dataFrom?.find((entry) => entry.sourceRef?.generatorRef)?.sourceRef?.generatorRef;
  if (generator) {
    if (!generated[generator.kind]) throw new Error(`no output for generator ${generator.kind}`);
    return generated[generator.kind]!;
  }
  const store = await call<{ spec: { provider: { kubernetes: { remoteNamespace: string } } } }>(server, 'GET', `/apis/${ESO}/clustersecretstores/${spec.secretStoreRef?.name ?? ''}`);
  const result: Record<string, string> = {};
  for (const entry of spec.data ?? []) {
    const remote = await call<Obj>(server, 'GET', secretPath(store.spec.provider.kubernetes.remoteNamespace, entry.remoteRef.key));
    result[entry.secretKey] = Buffer.from(remote.data?.[entry.remoteRef.property ?? ''] ?? '', 'base64').toString('utf8');
  }
  return result;
}

async function syncExternalSecret(server: KubeApiServer, externalSecret: Obj, generated: GeneratorOutputs): Promise<void> {
  const spec = externalSecret.spec as ExternalSecretSpec;
  const namespace = externalSecret.metadata.namespace!;
  const targetName = spec.target?.name ?? externalSecret.metadata.name;
  const statusPath = `/apis/${ESO}/namespaces/${namespace}/externalsecrets/${externalSecret.metadata.name}/status?fieldManager=external-secrets`;
  const condition = (status: 'True' | 'False', reason: string, message: string) => ({ status: { conditions: [{ type: 'Ready', status, reason, message, lastTransitionTime: now() }], refreshTime: now() } });
  const existing = await call<Obj>(server, 'GET', secretPath(namespace, targetName)).catch(() => undefined);
  if (existing && !(existing.metadata.ownerReferences ?? []).some((owner) => owner.uid === externalSecret.metadata.uid)) {
    await call(server, 'PATCH', statusPath, condition('False', 'SecretSyncedError', 'target secret already exists and is not managed by this ExternalSecret'), 'application/merge-patch+json');
    return;
  }
  try {
    const found = await values(server, spec, generated);
    const template = spec.target?.template;
    const data = Object.fromEntries(Object.entries(template?.data ?? found).map(([key, value]) => [key, Buffer.from(template?.data ? renderGoTemplate(value, found) : value).toString('base64')]));
    const owner = { apiVersion: ESO, kind: 'ExternalSecret', name: externalSecret.metadata.name, uid: externalSecret.metadata.uid!, controller: true };
    await putSecret(server, namespace, { metadata: { name: targetName, labels: { 'reconcile.external-secrets.io/managed': 'true' }, ownerReferences: [owner] }, type: template?.type ?? 'Opaque', data }, existing, 'external-secrets');
    await call(server, 'PATCH', statusPath, condition('True', 'SecretSynced', 'secret synced'), 'application/merge-patch+json');
  } catch (error) {
    await call(server, 'PATCH', statusPath, condition('False', 'SecretSyncedError', (error as Error).message.slice(0, 200)), 'application/merge-patch+json');
  }
}

interface ClusterExternalSecretSpec {
  externalSecretName?: string;
  externalSecretSpec: ExternalSecretSpec;
  namespaceSelectors?: Selector[];
}

/**
 * One reconcile of External Secrets: stores Ready, every ClusterExternalSecret's ExternalSecrets
 * in the matching namespaces (and gone from the others), every ExternalSecret's target secret
 * from its generator's outputs or the Kubernetes provider, and the status reports; also the
 * garbage collector's part (objects whose owner is gone are deleted).
 */
export async function externalSecretsPass(server: KubeApiServer, generated: GeneratorOutputs = {}): Promise<void> {
  for (const store of await list(server, `/apis/${ESO}/clustersecretstores`)) {
    const ready = { status: { conditions: [{ type: 'Ready', status: 'True', reason: 'Valid', message: 'store validated', lastTransitionTime: now() }], capabilities: 'ReadOnly' } };
    await call(server, 'PATCH', `/apis/${ESO}/clustersecretstores/${store.metadata.name}/status?fieldManager=external-secrets`, ready, 'application/merge-patch+json');
  }
  const namespaces = await list(server, '/api/v1/namespaces');
  const clusterExternalSecrets = await list(server, `/apis/${ESO}/clusterexternalsecrets`);
  for (const cluster of clusterExternalSecrets) {
    const spec = cluster.spec as unknown as ClusterExternalSecretSpec;
    const name = spec.externalSecretName ?? cluster.metadata.name;
    for (const namespace of namespaces) {
      const selected = (spec.namespaceSelectors ?? []).some((selector) => matchesSelector(selector, namespace.metadata.labels ?? {}));
      const path = `/apis/${ESO}/namespaces/${namespace.metadata.name}/externalsecrets`;
      const existing = await call<Obj>(server, 'GET', `${path}/${name}`).catch(() => undefined);
      if (!selected) {
        if (existing?.metadata.ownerReferences?.some((owner) => owner.uid === cluster.metadata.uid)) await call(server, 'DELETE', `${path}/${name}`);
        continue;
      }
      const owner = { apiVersion: ESO, kind: 'ClusterExternalSecret', name: cluster.metadata.name, uid: cluster.metadata.uid!, controller: true };
      const body = { apiVersion: ESO, kind: 'ExternalSecret', metadata: { name, ownerReferences: [owner] }, spec: spec.externalSecretSpec };
      await call(server, 'PATCH', `${path}/${name}?fieldManager=external-secrets&force=true`, body, 'application/apply-patch+yaml');
    }
  }
  await collectGarbage(server);
  for (const externalSecret of await list(server, `/apis/${ESO}/externalsecrets`)) await syncExternalSecret(server, externalSecret, generated);
  for (const cluster of clusterExternalSecrets) {
    const owned = (await list(server, `/apis/${ESO}/externalsecrets`)).filter((item) => item.metadata.ownerReferences?.some((owner) => owner.uid === cluster.metadata.uid));
    const ready = (item: Obj) => (item.status as { conditions?: { status: string }[] } | undefined)?.conditions?.[0]?.status === 'True';
    const status = {
      provisionedNamespaces: owned.filter(ready).map((item) => item.metadata.namespace!).sort(),
      failedNamespaces: owned.filter((item) => !ready(item)).map((item) => ({ namespace: item.metadata.namespace!, reason: 'external secret not ready' })),
      conditions: [{ type: 'Ready', status: 'True' }],
    };
    await call(server, 'PATCH', `/apis/${ESO}/clusterexternalsecrets/${cluster.metadata.name}/status?fieldManager=external-secrets`, { status }, 'application/merge-patch+json');
  }
  await collectGarbage(server);
}

/** The garbage collector's part: ExternalSecrets and Secrets whose controlling owner is gone are deleted. */
async function collectGarbage(server: KubeApiServer): Promise<void> {
  const owners = new Set([...(await list(server, `/apis/${ESO}/clusterexternalsecrets`)), ...(await list(server, `/apis/${ESO}/externalsecrets`))].map((owner) => owner.metadata.uid));
  for (const [collection, items] of [['externalsecrets', await list(server, `/apis/${ESO}/externalsecrets`)], ['secrets', await list(server, '/api/v1/secrets')]] as const) {
    for (const item of items) {
      const controller = item.metadata.ownerReferences?.find((owner) => owner.controller);
      if (!controller || owners.has(controller.uid)) continue;
      const base = collection === 'secrets' ? secretPath(item.metadata.namespace!) : `/apis/${ESO}/namespaces/${item.metadata.namespace}/externalsecrets`;
      await call(server, 'DELETE', `${base}/${item.metadata.name}`);
    }
  }
}

// ---------------------------------------------------------------- Kyverno

/** One background pass of Kyverno's GeneratingPolicies that clone a Secret (`resource.Get("v1", "secrets", ns, name)`). */
export async function kyvernoPass(server: KubeApiServer): Promise<void> {
  const [policies, namespaces] = await Promise.all([list(server, '/apis/policies.kyverno.io/v1/generatingpolicies'), list(server, '/api/v1/namespaces')]);
  for (const policy of policies) {
    const spec = policy.spec as { matchConstraints?: { namespaceSelector?: Selector }; variables?: { expression: string }[] };
    const get = spec.variables?.map((variable) => /resource\.Get\("v1", "secrets", "([^"]+)", "([^"]+)"\)/.exec(variable.expression)).find(Boolean);
    if (!get) continue;
    const source = await call<Obj>(server, 'GET', secretPath(get[1]!, get[2]!)).catch(() => undefined);
    if (!source) continue;
    for (const namespace of namespaces) {
      if (namespace.metadata.name === get[1] || !matchesSelector(spec.matchConstraints?.namespaceSelector ?? {}, namespace.metadata.labels ?? {})) continue;
      const existing = await call<Obj>(server, 'GET', secretPath(namespace.metadata.name, get[2]!)).catch(() => undefined);
      if (existing && existing.metadata.labels?.['generate.kyverno.io/policy-name'] !== policy.metadata.name) continue;
      const labels = { ...source.metadata.labels, 'app.kubernetes.io/managed-by': 'kyverno', 'generate.kyverno.io/policy-name': policy.metadata.name };
      await putSecret(server, namespace.metadata.name, { metadata: { name: get[2]!, labels }, type: source.type, data: source.data }, existing, 'kyverno-generate');
    }
  }
}
