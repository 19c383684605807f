// Pods, nodes and events (core v1), as far as the pull doctor and kubectl rely on them: wire
// shapes, defaults, ServiceAccount admission, validation, field selectors and table columns.
import { OBJECT_META, type Shape } from './decode';
import { annotationProblems, labelNameProblems, labelProblems, subdomainProblems } from './names';
import { type Json, deepEqual } from './patch';
import type { KubeObject, ResourceType } from './resources';
import { type FieldError, forbidden, forbiddenValue, invalidValue, requiredValue } from './status';
import { keyOf, type ObjectStore } from './store';
import { EVENT_COLUMNS, NODE_COLUMNS, POD_COLUMNS, eventCells, nodeCells, podCells } from './workload-tables';

const COMMON = { kind: 'string', apiVersion: 'string', metadata: OBJECT_META } as const;
const LIST_STRATEGIES = { 'metadata.finalizers': 'primitive-set', 'metadata.ownerReferences': { mergeKey: 'uid' } } as const;
const unsupported = (field: string): string => `field label not supported: ${field}`;
const text = (value: Json | undefined): string => (value === undefined || value === null ? '' : String(value));
const at = (object: KubeObject, path: string): Json | undefined =>
  path.split('.').reduce<Json | undefined>((value, key) => (value && typeof value === 'object' && !Array.isArray(value) ? value[key] : undefined), object);

function metaProblems(object: KubeObject): FieldError[] {
  const meta = object.metadata as { name?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  const errors: FieldError[] = [];
  if (!meta.name) errors.push(requiredValue('metadata.name', 'name or generateName is required'));
  else for (const problem of subdomainProblems(meta.name)) errors.push(invalidValue('metadata.name', meta.name, problem));
  return [...errors, ...labelProblems(meta.labels ?? {}), ...annotationProblems(meta.annotations ?? {})];
}

const CONTAINER: Shape = {
  fields: {
    name: 'string', image: 'string', imagePullPolicy: 'string', command: { list: 'string' }, args: { list: 'string' }, workingDir: 'string',
    ports: { list: 'any' }, env: { list: 'any' }, envFrom: { list: 'any' }, resources: 'any', resizePolicy: { list: 'any' }, restartPolicy: 'string',
    volumeMounts: { list: 'any' }, volumeDevices: { list: 'any' }, livenessProbe: 'any', readinessProbe: 'any', startupProbe: 'any', lifecycle: 'any',
    terminationMessagePath: 'string', terminationMessagePolicy: 'string', securityContext: 'any', stdin: 'bool', stdinOnce: 'bool', tty: 'bool',
    targetContainerName: 'string',
  },
};
const CONTAINER_STATE: Shape = {
  fields: {
    waiting: { fields: { reason: 'string', message: 'string' } },
    running: { fields: { startedAt: 'string' } },
    terminated: { fields: { exitCode: 'any', signal: 'int', reason: 'string', message: 'string', startedAt: 'string', finishedAt: 'string', containerID: 'string' } },
  },
};
const CONTAINER_STATUS: Shape = {
  fields: {
    name: 'string', state: CONTAINER_STATE, lastState: CONTAINER_STATE, ready: 'bool', restartCount: 'any', image: 'string', imageID: 'string',
    containerID: 'string', started: 'bool', allocatedResources: 'any', resources: 'any', volumeMounts: { list: 'any' }, user: 'any', allocatedResourcesStatus: { list: 'any' },
  },
};
const POD_SPEC: Record<string, Shape> = {
  containers: { list: CONTAINER }, initContainers: { list: CONTAINER }, ephemeralContainers: { list: CONTAINER }, imagePullSecrets: { list: { fields: { name: 'string' } } },
  serviceAccountName: 'string', serviceAccount: 'string', automountServiceAccountToken: 'bool', nodeName: 'string', nodeSelector: { map: 'string' },
  restartPolicy: 'string', terminationGracePeriodSeconds: 'any', activeDeadlineSeconds: 'int', dnsPolicy: 'string', hostNetwork: 'bool', hostPID: 'bool',
  hostIPC: 'bool', shareProcessNamespace: 'bool', securityContext: 'any', schedulerName: 'string', tolerations: { list: 'any' }, affinity: 'any',
  volumes: { list: 'any' }, priority: 'any', priorityClassName: 'string', enableServiceLinks: 'bool', preemptionPolicy: 'string', hostname: 'string',
  subdomain: 'string', runtimeClassName: 'string', topologySpreadConstraints: { list: 'any' }, overhead: 'any', readinessGates: { list: 'any' }, os: 'any',
  setHostnameAsFQDN: 'bool', hostAliases: { list: 'any' }, dnsConfig: 'any', hostUsers: 'bool', schedulingGates: { list: 'any' }, resourceClaims: { list: 'any' },
};
const POD_STATUS: Record<string, Shape> = {
  phase: 'string', conditions: { list: 'any' }, message: 'string', reason: 'string', nominatedNodeName: 'string', hostIP: 'string', hostIPs: { list: 'any' },
  podIP: 'string', podIPs: { list: 'any' }, startTime: 'string', qosClass: 'string', initContainerStatuses: { list: CONTAINER_STATUS },
  containerStatuses: { list: CONTAINER_STATUS }, ephemeralContainerStatuses: { list: CONTAINER_STATUS }, resize: 'string', resourceClaimStatuses: { list: 'any' },
};

type Container = Record<string, Json> & { name?: string; image?: string; imagePullPolicy?: string };
export type PodSpec = Record<string, Json> & { containers?: Container[]; initContainers?: Container[]; ephemeralContainers?: Container[]; serviceAccountName?: string; imagePullSecrets?: Json[] };
const specOf = (object: KubeObject): PodSpec => (object.spec ?? {}) as PodSpec;
const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/** The API's defaults (pkg/apis/core/v1/defaults.go): Always for `latest` (the default tag without a digest), else IfNotPresent. */
export function defaultContainer(container: Container): void {
  const [name = '', digest] = (container.image ?? '').split('@');
  const last = name.slice(name.lastIndexOf('/') + 1);
  const tag = last.includes(':') ? last.slice(last.indexOf(':') + 1) : digest === undefined ? 'latest' : '';
  container.imagePullPolicy ??= tag === 'latest' ? 'Always' : 'IfNotPresent';
  container.terminationMessagePath ??= '/dev/termination-log';
  container.terminationMessagePolicy ??= 'File';
}

/** The defaults of a PodSpec (SetDefaults_PodSpec), in a pod or in a controller's pod template. */
export function defaultPodSpec(spec: PodSpec): void {
  for (const list of CONTAINER_LISTS) for (const container of spec[list] ?? []) defaultContainer(container);
  spec.restartPolicy ??= 'Always';
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.schedulerName ??= 'default-scheduler';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.securityContext ??= {};
}

function preparePod(object: KubeObject, old?: KubeObject): void {
  const spec = specOf(object);
  object.spec = spec;
  defaultPodSpec(spec);
  // Status is the kubelet's, written through pods/status: a create starts Pending, an update keeps it.
  object.status = old ? (old.status ?? {}) : { phase: 'Pending', qosClass: 'BestEffort' };
}

/**
 * The ServiceAccount admission plugin: the pod runs as `default` unless it names another, that
 * account must exist, and its imagePullSecrets are copied only when the pod lists none.
 */
function admitPod(object: KubeObject, store: ObjectStore): void {
  const spec = specOf(object);
  const namespace = String(object.metadata.namespace ?? '');
  spec.serviceAccountName ||= (spec.serviceAccount as string | undefined) || 'default';
  spec.serviceAccount = spec.serviceAccountName;
  const account = store.get('serviceaccounts', keyOf(namespace, spec.serviceAccountName));
  if (!account) {
    throw forbidden('pods', text(object.metadata.name), `error looking up service account ${namespace}/${spec.serviceAccountName}: serviceaccount "${spec.serviceAccountName}" not found`);
  }
  const inherited = account.imagePullSecrets as Json[] | undefined;
  if ((spec.imagePullSecrets ?? []).length === 0 && inherited?.length) spec.imagePullSecrets = structuredClone(inherited);
}

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

export function containerProblems(spec: PodSpec, prefix = 'spec'): FieldError[] {
  const errors: FieldError[] = [];
  if ((spec.containers ?? []).length === 0) errors.push(requiredValue(`${prefix}.containers`));
  const names = new Set<string>();
  for (const list of CONTAINER_LISTS) {
    for (const [index, container] of (spec[list] ?? []).entries()) {
      const path = `${prefix}.${list}[${index}]`;
      if (!container.name) errors.push(requiredValue(`${path}.name`));
      else {
        for (const problem of labelNameProblems(container.name)) errors.push(invalidValue(`${path}.name`, container.name, problem));
        if (names.has(container.name)) errors.push({ type: 'FieldValueInvalid', field: `${path}.name`, body: `Duplicate value: ${JSON.stringify(container.name)}` });
        names.add(container.name);
      }
      if (!container.image) errors.push(requiredValue(`${path}.image`));
      else if (container.image.trim() !== container.image) errors.push(invalidValue(`${path}.image`, container.image, 'must not have leading or trailing whitespace'));
      if (container.imagePullPolicy && !PULL_POLICIES.includes(container.imagePullPolicy)) {
        errors.push({ type: 'FieldValueNotSupported', field: `${path}.imagePullPolicy`, body: `Unsupported value: ${JSON.stringify(container.imagePullPolicy)}: supported values: "Always", "IfNotPresent", "Never"` });
      }
    }
  }
  return errors;
}

/** A pod's spec is fixed once created, but for its images and a few scheduling fields. */
function podUpdateProblems(old: KubeObject, next: KubeObject): FieldError[] {
  const withoutImages = (spec: PodSpec): Json => {
    const copy = structuredClone(spec) as PodSpec;
    for (const list of CONTAINER_LISTS) for (const container of copy[list] ?? []) delete container.image;
    delete copy.activeDeadlineSeconds;
    delete copy.tolerations;
    return copy;
  };
  if (deepEqual(withoutImages(specOf(old)), withoutImages(specOf(next)))) return [];
  return [forbiddenValue('spec', 'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)')];
}

const POD_FIELD_SELECTORS = ['metadata.name', 'metadata.namespace', 'spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.nominatedNodeName'];

export const pods: ResourceType = {
  resource: 'pods',
  kind: 'Pod',
  singularName: 'pod',
  shortNames: ['po'],
  namespaced: true,
  fields: { ...COMMON, spec: { fields: POD_SPEC }, status: { fields: POD_STATUS } },
  listStrategies: { ...LIST_STRATEGIES, 'spec.containers': { mergeKey: 'name' }, 'spec.initContainers': { mergeKey: 'name' }, 'spec.imagePullSecrets': { mergeKey: 'name' } },
  fieldSelectors: POD_FIELD_SELECTORS,
  unsupportedField: unsupported,
  fieldsOf: (object) => Object.fromEntries(POD_FIELD_SELECTORS.map((field) => [field, field === 'spec.hostNetwork' ? String(at(object, field) === true) : text(at(object, field))])),
  prepare: preparePod,
  admit: admitPod,
  problems: (object) => [...metaProblems(object), ...containerProblems(specOf(object))],
  updateProblems: podUpdateProblems,
  columns: POD_COLUMNS,
  cells: () => [],
  rowCells: podCells,
};

export const nodes: ResourceType = {
  resource: 'nodes',
  kind: 'Node',
  singularName: 'node',
  shortNames: ['no'],
  namespaced: false,
  fields: {
    ...COMMON,
    spec: { fields: { podCIDR: 'string', podCIDRs: { list: 'string' }, providerID: 'string', unschedulable: 'bool', taints: { list: 'any' }, configSource: 'any', externalID: 'string' } },
    status: {
      fields: {
        capacity: 'any', allocatable: 'any', phase: 'string', conditions: { list: 'any' }, addresses: { list: 'any' }, daemonEndpoints: 'any', images: { list: 'any' },
        volumesInUse: { list: 'any' }, volumesAttached: { list: 'any' }, config: 'any', runtimeHandlers: { list: 'any' }, features: 'any',
        nodeInfo: {
          fields: {
            machineID: 'string', systemUUID: 'string', bootID: 'string', kernelVersion: 'string', osImage: 'string', containerRuntimeVersion: 'string',
            kubeletVersion: 'string', kubeProxyVersion: 'string', operatingSystem: 'string', architecture: 'string', swap: 'any',
          },
        },
      },
    },
  },
  listStrategies: LIST_STRATEGIES,
  fieldSelectors: ['metadata.name', 'spec.unschedulable'],
  unsupportedField: unsupported,
  fieldsOf: (object) => ({ 'metadata.name': text(object.metadata.name), 'spec.unschedulable': String(at(object, 'spec.unschedulable') === true) }),
  // A kubelet registers its node with its status: nodes, unlike pods, keep status on create.
  prepare: (object, old) => {
    if (old) object.status = old.status ?? {};
  },
  problems: metaProblems,
  updateProblems: () => [],
  columns: NODE_COLUMNS,
  cells: () => [],
  rowCells: nodeCells,
};

const EVENT_FIELD_SELECTORS = [
  'involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion',
  'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type', 'metadata.namespace', 'metadata.name',
];

/** legacyValidateEvent: the event lives in the namespace of the object it is about. */
function eventProblems(object: KubeObject): FieldError[] {
  const namespace = text(object.metadata.namespace);
  const involved = text(at(object, 'involvedObject.namespace'));
  const mismatch = involved === '' ? namespace !== '' && namespace !== 'default' : namespace !== involved;
  return [...metaProblems(object), ...(mismatch ? [invalidValue('involvedObject.namespace', involved, 'does not match event.namespace')] : [])];
}

export const events: ResourceType = {
  resource: 'events',
  kind: 'Event',
  singularName: 'event',
  shortNames: ['ev'],
  namespaced: true,
  fields: {
    ...COMMON,
    involvedObject: { fields: { kind: 'string', namespace: 'string', name: 'string', uid: 'string', apiVersion: 'string', resourceVersion: 'string', fieldPath: 'string' } },
    reason: 'string', message: 'string', source: { fields: { component: 'string', host: 'string' } }, firstTimestamp: 'string', lastTimestamp: 'string',
    count: 'int', type: 'string', eventTime: 'string', series: 'any', action: 'string', related: 'any', reportingComponent: 'string', reportingInstance: 'string',
  },
  listStrategies: LIST_STRATEGIES,
  fieldSelectors: EVENT_FIELD_SELECTORS,
  unsupportedField: unsupported,
  fieldsOf: (object) => Object.fromEntries(EVENT_FIELD_SELECTORS.map((field) => [field, text(at(object, field === 'source' ? 'source.component' : field))])),
  prepare: () => undefined,
  problems: eventProblems,
  updateProblems: () => [],
  columns: EVENT_COLUMNS,
  cells: () => [],
  rowCells: eventCells,
};
