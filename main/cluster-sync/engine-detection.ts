import type { SyncEngine } from '../../shared/access-settings';
import type { EngineDetection } from '../../shared/cluster-sync-contract';
import type { KubeApi } from '../kube/kube-api';
import { clusterFailure, isStatus } from '../kube/kube-errors';

/**
 * What each engine's Helm chart is and which version of the engine the app was checked against.
 * Kyverno's chart numbers its releases apart from the engine (chart 3.9 ships Kyverno 1.19).
 */
export const ENGINE_INSTALL: Record<SyncEngine, EngineDetection['install']> = {
  'external-secrets': { repository: 'https://charts.external-secrets.io', chart: 'external-secrets/external-secrets', chartVersion: '2.9.0', appVersion: 'v2.9.0' },
  reflector: { repository: 'https://emberstack.github.io/helm-charts', chart: 'emberstack/reflector', chartVersion: '10.0.63', appVersion: 'v10.0.63' },
  kyverno: { repository: 'https://kyverno.github.io/kyverno/', chart: 'kyverno/kyverno', chartVersion: '3.9.0', appVersion: 'v1.19.0' },
};

/** The group versions and kinds the generated manifests use, per engine with CRDs. */
const REQUIRED: Record<'external-secrets' | 'kyverno', { groupVersion: string; resources: string[] }[]> = {
  'external-secrets': [
    { groupVersion: 'external-secrets.io/v1', resources: ['externalsecrets', 'clusterexternalsecrets', 'clustersecretstores'] },
    { groupVersion: 'generators.external-secrets.io/v1alpha1', resources: ['ecrauthorizationtokens', 'gcraccesstokens', 'acraccesstokens'] },
  ],
  kyverno: [{ groupVersion: 'policies.kyverno.io/v1', resources: ['generatingpolicies', 'mutatingpolicies'] }],
};

/** Reflector reads namespace label selectors from 10.0.38 on. */
const REFLECTOR_SELECTORS_SINCE = [10, 0, 38];

interface ApiGroup {
  name: string;
  versions: { groupVersion: string }[];
}

function detection(engine: SyncEngine, state: EngineDetection['state'], found: string[], error?: unknown, context = ''): EngineDetection {
  return { engine, state, found: [...found].sort(), install: ENGINE_INSTALL[engine], ...(error === undefined ? {} : { error: clusterFailure(error, { context }).appError }) };
}

async function groupEngine(api: KubeApi, engine: 'external-secrets' | 'kyverno', groups: ApiGroup[], signal?: AbortSignal): Promise<EngineDetection> {
  const groupNames = new Set(REQUIRED[engine].map((required) => required.groupVersion.split('/')[0]!));
  const served = groups.filter((group) => groupNames.has(group.name)).flatMap((group) => group.versions.map((version) => version.groupVersion));
  if (served.length === 0) return detection(engine, 'absent', []);
  for (const required of REQUIRED[engine]) {
    if (!served.includes(required.groupVersion)) return detection(engine, 'outdated', served);
    const list = await api.get<{ resources?: { name: string }[] }>(`/apis/${required.groupVersion}`, signal);
    const names = new Set((list.resources ?? []).map((resource) => resource.name));
    if (!required.resources.every((resource) => names.has(resource))) return detection(engine, 'outdated', served);
  }
  return detection(engine, 'present', served);
}

interface Deployment {
  metadata: { labels?: Record<string, string> };
  spec?: { template?: { spec?: { containers?: { image?: string }[] } } };
}

function reflectorVersion(deployment: Deployment): string | null {
  const label = deployment.metadata.labels?.['app.kubernetes.io/version'];
  if (label) return label;
  const image = deployment.spec?.template?.spec?.containers?.find((container) => container.image?.includes('reflector'))?.image;
  return image?.split(':')[1] ?? null;
}

function supportsSelectors(version: string): boolean {
  const parts = version.replace(/^v/, '').split('.').map(Number);
  for (let index = 0; index < REFLECTOR_SELECTORS_SINCE.length; index += 1) {
    const [have, need] = [parts[index] ?? 0, REFLECTOR_SELECTORS_SINCE[index]!];
    if (Number.isNaN(have)) return true;
    if (have !== need) return have > need;
  }
  return true;
}

/** Reflector has no API of its own: its Deployment, found by the chart's labels, if the user may list Deployments. */
async function reflector(api: KubeApi, context: string, signal?: AbortSignal): Promise<EngineDetection> {
  try {
    const deployments = await api.list<Deployment>('/apis/apps/v1/deployments', { labelSelector: 'app.kubernetes.io/name=reflector' }, signal);
    const versions = deployments.map(reflectorVersion).filter((version): version is string => version !== null);
    if (deployments.length === 0) return detection('reflector', 'absent', []);
    return detection('reflector', versions.every(supportsSelectors) ? 'present' : 'outdated', versions);
  } catch (error) {
    if (isStatus(error, 403)) return detection('reflector', 'forbidden', [], error, context);
    throw error;
  }
}

/** Every engine, unknown: the context refused discovery (403) or did not answer. */
export function undetected(context: string, error: unknown): EngineDetection[] {
  const state = isStatus(error, 403) ? 'forbidden' : 'unreachable';
  return (['external-secrets', 'reflector', 'kyverno'] as const).map((engine) => detection(engine, state, [], error, context));
}

/**
 * Which engines one context has: External Secrets and Kyverno by API discovery (the groups,
 * versions and kinds the app generates), Reflector by its Deployment. A refusal or a dead
 * context is reported per engine; nothing is ever installed.
 */
export async function detectEngines(api: KubeApi, signal?: AbortSignal): Promise<EngineDetection[]> {
  const context = api.context;
  let groups: ApiGroup[];
  try {
    groups = (await api.get<{ groups?: ApiGroup[] }>('/apis', signal)).groups ?? [];
  } catch (error) {
    return undetected(context, error);
  }
  const guarded = async (engine: SyncEngine, work: () => Promise<EngineDetection>): Promise<EngineDetection> => {
    try {
      return await work();
    } catch (error) {
      return detection(engine, isStatus(error, 403) ? 'forbidden' : 'unreachable', [], error, context);
    }
  };
  return Promise.all([
    guarded('external-secrets', () => groupEngine(api, 'external-secrets', groups, signal)),
    guarded('reflector', () => reflector(api, context, signal)),
    guarded('kyverno', () => groupEngine(api, 'kyverno', groups, signal)),
  ]);
}

export const isPresent = (engines: EngineDetection[], engine: SyncEngine): boolean => engines.some((found) => found.engine === engine && found.state === 'present');
