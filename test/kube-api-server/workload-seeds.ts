// Seeding pods, nodes and events for tests: through the API's own create path (defaults,
// ServiceAccount admission, validation), with a pod's status then written as the kubelet writes
// it through pods/status.
import type { Cluster } from './cluster';
import { RESOURCES, type KubeObject, type ResourceName } from './resources';
import { KubeStatusError } from './status';
import { keyOf } from './store';

export interface WorkloadSeeds {
  /** Creates the pod, then sets its status (as its kubelet would); returns the stored pod (its uid for events). */
  pod(namespace: string, pod: object, status?: object): KubeObject;
  /** Replaces a pod's status, as the kubelet does while it retries a pull. */
  podStatus(namespace: string, name: string, status: object): void;
  node(node: object): void;
  event(namespace: string, event: object): void;
}

export function workloadSeeds(cluster: Cluster): WorkloadSeeds {
  const create = (resource: ResourceName, namespace: string, object: object): KubeObject => {
    try {
      return cluster.create(RESOURCES[resource], namespace, structuredClone(object), { dryRun: false, fieldValidation: 'Strict', warnings: [] });
    } catch (error) {
      throw error instanceof KubeStatusError ? new Error(`seed ${resource}: ${error.message}`) : error;
    }
  };
  const podStatus = (namespace: string, name: string, status: object): KubeObject => {
    const current = cluster.get(RESOURCES.pods, namespace, name);
    const next = { ...current, metadata: { ...current.metadata, resourceVersion: cluster.store.nextRevision() }, status: structuredClone(status) as KubeObject['status'] };
    cluster.store.put('pods', keyOf(namespace, name), next);
    return next;
  };
  return {
    pod: (namespace, pod, status) => {
      const created = create('pods', namespace, pod);
      return status ? podStatus(namespace, String(created.metadata.name), status) : created;
    },
    podStatus: (namespace, name, status) => void podStatus(namespace, name, status),
    node: (node) => void create('nodes', '', node),
    event: (namespace, event) => void create('events', namespace, event),
  };
}
