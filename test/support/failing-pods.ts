// Pods whose image pull fails, seeded on the Kubernetes API test server the way a kubelet leaves
// them: the container waiting with the pull reason, and the kubelet's events (Pulling, Failed,
// BackOff), with the Failed ones optionally expired.
import { randomBytes } from 'node:crypto';
import type { KubeApiServer } from '../kube-api-server';

export type ContainerKind = 'regular' | 'init' | 'ephemeral';

export interface FailingPod {
  name: string;
  image: string;
  pullSecrets?: string[];
  serviceAccount?: string;
  reason?: 'ErrImagePull' | 'ImagePullBackOff' | 'InvalidImageName' | 'ErrImageNeverPull' | 'RegistryUnavailable' | 'SignatureValidationFailed';
  /** What containerd said; the Failed event carries it. */
  pullError?: string;
  kind?: ContainerKind;
  node?: string;
  pullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  labels?: Record<string, string>;
  /** The Failed events have aged out (1 h TTL): only BackOff is left. */
  failedEventsExpired?: boolean;
  /** kubelet could not read these listed pull secrets (FailedToRetrieveImagePullSecret). */
  missingSecrets?: string[];
  owner?: { kind: string; name: string };
}

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');

function containerSpec(pod: FailingPod, name: string, image: string) {
  return { name, image, ...(pod.pullPolicy ? { imagePullPolicy: pod.pullPolicy } : {}) };
}

function podSpec(pod: FailingPod) {
  const kind = pod.kind ?? 'regular';
  const target = containerSpec(pod, 'app', pod.image);
  const main = kind === 'regular' ? target : { name: 'main', image: 'registry.k8s.io/pause:3.10' };
  return {
    ...(pod.serviceAccount ? { serviceAccountName: pod.serviceAccount } : {}),
    ...(pod.pullSecrets ? { imagePullSecrets: pod.pullSecrets.map((name) => ({ name })) } : {}),
    ...(pod.node ? { nodeName: pod.node } : {}),
    containers: [main],
    ...(kind === 'init' ? { initContainers: [target] } : {}),
    ...(kind === 'ephemeral' ? { ephemeralContainers: [{ ...target, name: 'debugger', targetContainerName: 'main' }] } : {}),
  };
}

function podStatus(pod: FailingPod) {
  const kind = pod.kind ?? 'regular';
  const reason = pod.reason ?? 'ImagePullBackOff';
  const message = reason === 'ImagePullBackOff' ? `Back-off pulling image "${pod.image}"` : (pod.pullError ?? `failed to pull "${pod.image}"`);
  const waiting = (name: string, image: string) => ({ name, image, imageID: '', ready: false, restartCount: 0, started: false, state: { waiting: { reason, message } } });
  const running = { name: 'main', image: 'registry.k8s.io/pause:3.10', imageID: 'registry.k8s.io/pause@sha256:' + 'e'.repeat(64), ready: true, restartCount: 0, started: true, state: { running: { startedAt: minutesAgo(30) } } };
  const statuses = {
    regular: { containerStatuses: [waiting(kind === 'regular' ? 'app' : 'main', pod.image)] },
    init: { initContainerStatuses: [waiting('app', pod.image)], containerStatuses: [{ ...running, ready: false, started: false, state: { waiting: { reason: 'PodInitializing' } } }] },
    ephemeral: { containerStatuses: [running], ephemeralContainerStatuses: [waiting('debugger', pod.image)] },
  }[kind];
  return { phase: kind === 'ephemeral' ? 'Running' : 'Pending', qosClass: 'BestEffort', startTime: minutesAgo(30), ...(pod.node ? { hostIP: '10.0.0.5' } : {}), ...statuses };
}

/** Creates the pod (through the API, so ServiceAccount admission runs) and the kubelet's events about it. */
export function seedFailingPod(server: KubeApiServer, namespace: string, pod: FailingPod): { uid: string } {
  const metadata = { name: pod.name, ...(pod.labels ? { labels: pod.labels } : {}), ...(pod.owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: pod.owner.kind, name: pod.owner.name, uid: `${pod.owner.name}-uid`, controller: true }] } : {}) };
  const stored = server.seed.pod(namespace, { metadata, spec: podSpec(pod) }, podStatus(pod));
  const uid = String(stored.metadata.uid);
  const container = (pod.kind ?? 'regular') === 'init' ? 'initContainers{app}' : pod.kind === 'ephemeral' ? 'ephemeralContainers{debugger}' : 'containers{app}';
  const event = (reason: string, type: 'Normal' | 'Warning', message: string, count: number, fieldPath = `spec.${container}`) =>
    server.seed.event(namespace, {
      metadata: { name: `${pod.name}.${randomBytes(8).toString('hex')}` },
      involvedObject: { kind: 'Pod', namespace, name: pod.name, uid, apiVersion: 'v1', fieldPath },
      reason,
      message,
      source: { component: 'kubelet', ...(pod.node ? { host: pod.node } : {}) },
      firstTimestamp: minutesAgo(30),
      lastTimestamp: minutesAgo(1),
      count,
      type,
      reportingComponent: 'kubelet',
      reportingInstance: pod.node ?? '',
    });
  if (pod.missingSecrets?.length) {
    event('FailedToRetrieveImagePullSecret', 'Warning', `Unable to retrieve some image pull secrets (${pod.missingSecrets.join(', ')}); attempting to pull the image may not succeed.`, 12, '');
  }
  event('Pulling', 'Normal', `Pulling image "${pod.image}"`, 6);
  if (!pod.failedEventsExpired) {
    event('Failed', 'Warning', `Failed to pull image "${pod.image}": ${pod.pullError ?? 'rpc error: code = Unknown'}`, 6);
    event('Failed', 'Warning', 'Error: ErrImagePull', 6);
  }
  event('BackOff', 'Normal', `Back-off pulling image "${pod.image}"`, 120);
  if (!pod.failedEventsExpired) event('Failed', 'Warning', 'Error: ImagePullBackOff', 120);
  return { uid };
}

/** A node as its kubelet registers it, with the platform the pull doctor compares indexes against. */
export function seedNode(server: KubeApiServer, name: string, platform: { os?: string; architecture: string }, extra: { labels?: Record<string, string> } = {}): void {
  server.seed.node({
    metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/arch': platform.architecture, 'kubernetes.io/os': platform.os ?? 'linux', ...extra.labels } },
    status: {
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
      addresses: [{ type: 'InternalIP', address: '10.0.0.5' }, { type: 'Hostname', address: name }],
      nodeInfo: {
        machineID: randomBytes(16).toString('hex'),
        systemUUID: randomBytes(16).toString('hex'),
        bootID: randomBytes(16).toString('hex'),
        kernelVersion: '6.1.0-18-cloud-amd64',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        containerRuntimeVersion: 'containerd://1.7.24',
        kubeletVersion: 'v1.31.4',
        kubeProxyVersion: 'v1.31.4',
        operatingSystem: platform.os ?? 'linux',
        architecture: platform.architecture,
      },
    },
  });
}
