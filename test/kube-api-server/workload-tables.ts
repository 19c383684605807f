// The server-side Table rows of pods, nodes and events, as k8s.io/kubernetes/pkg/printers/internalversion
// prints them (always "wide": kubectl hides the priority-1 columns unless `-o wide`).
import type { Json } from './patch';
import type { KubeObject } from './resources';
import { humanDuration } from './table';

interface ContainerState {
  waiting?: { reason?: string };
  running?: object;
  terminated?: { reason?: string; exitCode?: number; signal?: number };
}
interface ContainerStatus {
  restartCount?: number;
  ready?: boolean;
  state?: ContainerState;
}
interface PodShape {
  spec?: { containers?: unknown[]; initContainers?: unknown[]; nodeName?: string; readinessGates?: unknown[] };
  status?: {
    phase?: string;
    reason?: string;
    podIP?: string;
    nominatedNodeName?: string;
    conditions?: { type?: string; status?: string }[];
    initContainerStatuses?: ContainerStatus[];
    containerStatuses?: ContainerStatus[];
  };
}

const column = (name: string, description: string, priority = 0, format = '') => ({ name, type: 'string', format, description, priority });
const NAME = column('Name', 'Name must be unique within a namespace.', 0, 'name');
const AGE = column('Age', 'CreationTimestamp is a timestamp representing the server time when this object was created.');
const since = (time: unknown, now: number): string => {
  const at = Date.parse(String(time ?? ''));
  return Number.isNaN(at) ? '<unknown>' : humanDuration(now - at);
};
const orNone = (value: unknown): string => (typeof value === 'string' && value !== '' ? value : '<none>');

function exitText(prefix: string, terminated: NonNullable<ContainerState['terminated']>): string {
  if (terminated.reason) return `${prefix}${terminated.reason}`;
  return terminated.signal ? `${prefix}Signal:${terminated.signal}` : `${prefix}ExitCode:${terminated.exitCode ?? 0}`;
}

/** printPod's STATUS: init containers first, then the regular ones from the last. */
function podReason(pod: PodShape & KubeObject): { reason: string; ready: number; restarts: number } {
  const status = pod.status ?? {};
  let reason = status.reason || status.phase || '';
  let restarts = 0;
  const inits = status.initContainerStatuses ?? [];
  for (const [index, init] of inits.entries()) {
    restarts += init.restartCount ?? 0;
    const state = init.state ?? {};
    if (state.terminated && (state.terminated.exitCode ?? 0) === 0) continue;
    if (state.terminated) reason = exitText('Init:', state.terminated);
    else if (state.waiting?.reason && state.waiting.reason !== 'PodInitializing') reason = `Init:${state.waiting.reason}`;
    else reason = `Init:${index}/${(pod.spec?.initContainers ?? []).length}`;
    return { reason, ready: 0, restarts };
  }
  let ready = 0;
  let running = false;
  for (const container of [...(status.containerStatuses ?? [])].reverse()) {
    restarts += container.restartCount ?? 0;
    const state = container.state ?? {};
    if (state.waiting?.reason) reason = state.waiting.reason;
    else if (state.terminated) reason = exitText('', state.terminated);
    else if (container.ready && state.running) {
      running = true;
      ready += 1;
    }
  }
  if (reason === 'Completed' && running) reason = status.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True') ? 'Running' : 'NotReady';
  if (pod.metadata.deletionTimestamp) reason = 'Terminating';
  return { reason, ready, restarts };
}

export const POD_COLUMNS = [
  NAME,
  column('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
  column('Status', 'The aggregate status of the containers in this pod.'),
  column('Restarts', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
  AGE,
  column('IP', 'podIP address allocated to the pod.', 1),
  column('Node', 'NodeName indicates in which node this pod is scheduled.', 1),
  column('Nominated Node', 'nominatedNodeName is set only when this pod preempts other pods on the node.', 1),
  column('Readiness Gates', 'If specified, all readiness gates will be evaluated for pod readiness.', 1),
];

export function podCells(object: KubeObject, now: number): Json[] {
  const pod = object as PodShape & KubeObject;
  const { reason, ready, restarts } = podReason(pod);
  const gates = (pod.spec?.readinessGates ?? []).length;
  return [
    String(pod.metadata.name),
    `${ready}/${(pod.spec?.containers ?? []).length}`,
    reason,
    restarts,
    since(pod.metadata.creationTimestamp, now),
    orNone(pod.status?.podIP),
    orNone(pod.spec?.nodeName),
    orNone(pod.status?.nominatedNodeName),
    gates === 0 ? '<none>' : `0/${gates}`,
  ];
}

export const NODE_COLUMNS = [
  NAME,
  column('Status', 'The status of the node'),
  column('Roles', 'The roles of the node'),
  AGE,
  column('Version', 'Kubelet Version reported by the node.'),
  column('Internal-IP', 'List of addresses reachable to the node.', 1),
  column('External-IP', 'List of addresses reachable to the node.', 1),
  column('OS-Image', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', 1),
  column('Kernel-Version', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1),
  column('Container-Runtime', 'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).', 1),
];

interface NodeShape {
  spec?: { unschedulable?: boolean };
  status?: {
    conditions?: { type?: string; status?: string }[];
    addresses?: { type?: string; address?: string }[];
    nodeInfo?: { kubeletVersion?: string; osImage?: string; kernelVersion?: string; containerRuntimeVersion?: string };
  };
}

function nodeRoles(labels: Record<string, string>): string {
  const roles = new Set<string>();
  for (const [key, value] of Object.entries(labels)) {
    if (key.startsWith('node-role.kubernetes.io/') && key.length > 'node-role.kubernetes.io/'.length) roles.add(key.slice('node-role.kubernetes.io/'.length));
    else if (key === 'kubernetes.io/role' && value !== '') roles.add(value);
  }
  return roles.size === 0 ? '<none>' : [...roles].sort().join(',');
}

export function nodeCells(object: KubeObject, now: number): Json[] {
  const node = object as NodeShape & KubeObject;
  const ready = node.status?.conditions?.find((condition) => condition.type === 'Ready')?.status;
  const state = ready === 'True' ? 'Ready' : ready === 'False' ? 'NotReady' : 'Unknown';
  const address = (type: string) => orNone(node.status?.addresses?.find((entry) => entry.type === type)?.address);
  const info = node.status?.nodeInfo ?? {};
  const unknown = (value: string | undefined) => value || '<unknown>';
  return [
    String(node.metadata.name),
    node.spec?.unschedulable ? `${state},SchedulingDisabled` : state,
    nodeRoles((node.metadata.labels as Record<string, string>) ?? {}),
    since(node.metadata.creationTimestamp, now),
    info.kubeletVersion ?? '',
    address('InternalIP'),
    address('ExternalIP'),
    unknown(info.osImage),
    unknown(info.kernelVersion),
    unknown(info.containerRuntimeVersion),
  ];
}

export const EVENT_COLUMNS = [
  column('Last Seen', 'The time at which the most recent occurrence of this event was recorded.'),
  column('Type', 'Type of this event (Normal, Warning), new types could be added in the future'),
  column('Reason', 'This should be a short, machine understandable string that gives the reason for the transition into the object\'s current status.'),
  column('Object', 'The object that this event is about.'),
  column('Subobject', 'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement.', 1),
  column('Source', 'The component reporting this event. Should be a short machine understandable string.', 1),
  column('Message', 'A human-readable description of the status of this operation.'),
  column('First Seen', 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)', 1),
  column('Count', 'The number of times this event has occurred.', 1),
  { ...NAME, priority: 1 },
];

interface EventShape {
  involvedObject?: { kind?: string; name?: string; fieldPath?: string };
  source?: { component?: string; host?: string };
  firstTimestamp?: string;
  lastTimestamp?: string;
  eventTime?: string;
  count?: number;
  type?: string;
  reason?: string;
  message?: string;
}

export function eventCells(object: KubeObject, now: number): Json[] {
  const event = object as EventShape & KubeObject;
  const first = since(event.firstTimestamp ?? event.eventTime, now);
  const last = event.lastTimestamp ? since(event.lastTimestamp, now) : first;
  const involved = event.involvedObject ?? {};
  const kind = (involved.kind ?? '').toLowerCase();
  const source = event.source?.component ? `${event.source.component}${event.source.host ? `, ${event.source.host}` : ''}` : '';
  return [
    last,
    event.type ?? '',
    event.reason ?? '',
    involved.name ? `${kind}/${involved.name}` : kind,
    involved.fieldPath ?? '',
    source,
    (event.message ?? '').trim(),
    first,
    event.count || 1,
    String(event.metadata.name),
  ];
}
