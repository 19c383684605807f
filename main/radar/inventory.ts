// One context's inventory from what was listed: the pull secrets with their makers and who names
// them, and the workloads whose pods pull images — controllers and bare pods, each counted once
// (a ReplicaSet of a Deployment, a Job of a CronJob and a pod of either belong to their owner),
// with the pull secrets their pods get and the digests their pods run.
import type { ArchitecturesFrom, PullSecretRow, Reference, SecretMaker, WorkloadKind } from '../../shared/radar-contract';
import { normalizedReference, parseImageReference } from '../pull-secrets/image-reference';
import { readPullSecret, DOCKER_CFG, type PullSecretReading } from '../pull-secrets/kubelet-keyring';
import { DOCKER_CONFIG_JSON, MANAGED_BY_LABEL, MANAGED_BY_VALUE } from '../pull-secrets/pull-secret';
import { readIn, type ContainerSpec, type FleetRead, type Meta, type SecretItem, type WorkloadItem } from './fleet-reads';
import { architecturesFor } from './node-placement';

export interface Workload {
  namespace: string;
  kind: WorkloadKind;
  name: string;
  serviceAccount: string;
  pullSecrets: string[];
  architectures: string[];
  architecturesFrom: ArchitecturesFrom;
  containers: (ContainerSpec & { running: string[] })[];
}

export interface PullSecretFacts {
  item: SecretItem;
  reading: PullSecretReading;
  row: Omit<PullSecretRow, 'context'>;
}

export interface Inventory {
  /** Whether the namespace's secrets were read: where they were not, nothing can be called missing. */
  secretsRead: (namespace: string) => boolean;
  /** Whether everything that names a pull secret (ServiceAccounts, every workload kind) was read there: else nothing can be called unused. */
  referencesRead: (namespace: string) => boolean;
  secrets: Map<string, SecretItem>;
  pullSecrets: PullSecretFacts[];
  /** namespace/name → the account's imagePullSecrets. */
  accounts: Map<string, string[]>;
  workloads: Workload[];
}

export const keyOf = (namespace: string, name: string): string => `${namespace}/${name}`;
const PULL_TYPES = new Set([DOCKER_CONFIG_JSON, DOCKER_CFG]);
export const isPullType = (type: string): boolean => PULL_TYPES.has(type);

/** Who made the secret, by the marks each tool leaves. */
export function makerOf(meta: Meta): SecretMaker {
  const { labels, annotations, owners } = meta;
  if (labels[MANAGED_BY_LABEL] === MANAGED_BY_VALUE) return 'registry-desk';
  if (owners.some((owner) => owner.kind === 'ExternalSecret') || Object.hasOwn(labels, 'reconcile.external-secrets.io/managed')) return 'external-secrets';
  if (Object.keys(annotations).some((key) => key.startsWith('reflector.v1.k8s.emberstack.com/reflects'))) return 'reflector';
  if (Object.hasOwn(labels, 'generate.kyverno.io/policy-name') || labels[MANAGED_BY_LABEL] === 'kyverno') return 'kyverno';
  if (labels[MANAGED_BY_LABEL] === 'Helm' || Object.hasOwn(annotations, 'meta.helm.sh/release-name')) return 'helm';
  return 'by-hand';
}

/** The lists whose items name pull secrets. */
const REFERRING = ['serviceaccounts', 'pods', 'deployments', 'statefulsets', 'daemonsets', 'replicasets', 'jobs', 'cronjobs'];

const CONTROLLED: Record<string, WorkloadKind[]> = { ReplicaSet: ['Deployment'], Job: ['CronJob'], Pod: ['ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job'] };

/** The workload that recreates this one, when it is listed: its own row then stands for both. */
function controllerOf(item: WorkloadItem, listed: Set<string>): string | null {
  const owner = item.owners.find((candidate) => candidate.controller) ?? item.owners[0];
  if (!owner || !(CONTROLLED[item.kind] ?? []).includes(owner.kind as WorkloadKind)) return null;
  const key = `${owner.kind}/${keyOf(item.namespace, owner.name)}`;
  return listed.has(key) ? key : null;
}

/** A container's name with the image it names, written one way: `app:2` and `docker.io/library/app:2` are one. */
function runsKey(container: string, image: string): string {
  const parsed = parseImageReference(image);
  return `${container}\n${parsed.ok ? normalizedReference(parsed.image) : image}`;
}

/**
 * Running digests rolled up to the workload at the top of the owner chain, by container and image:
 * mid-rollout, the old ReplicaSet's pods run the previous image, which says nothing about the
 * template's (neither that its tag moved nor that it is on the nodes).
 */
function runningDigests(items: WorkloadItem[], parents: Map<WorkloadItem, string | null>): Map<string, Map<string, Set<string>>> {
  const byKey = new Map(items.map((item) => [`${item.kind}/${keyOf(item.namespace, item.name)}`, item]));
  const top = (item: WorkloadItem): string => {
    let key = `${item.kind}/${keyOf(item.namespace, item.name)}`;
    for (let parent = parents.get(item), depth = 0; parent && depth < 4; parent = parents.get(byKey.get(parent)!) ?? null, depth += 1) key = parent;
    return key;
  };
  const digests = new Map<string, Map<string, Set<string>>>();
  for (const item of items) {
    if (item.imageIds.size === 0) continue;
    const byContainer = digests.get(top(item)) ?? new Map<string, Set<string>>();
    const images = new Map(item.template.containers.map((container) => [container.name, container.image]));
    for (const [container, id] of item.imageIds) {
      const image = images.get(container);
      if (image === undefined) continue;
      const key = runsKey(container, image);
      byContainer.set(key, (byContainer.get(key) ?? new Set()).add(id));
    }
    digests.set(top(item), byContainer);
  }
  return digests;
}

export function buildInventory(read: FleetRead): Inventory {
  const secrets = new Map(read.secrets.map((item) => [keyOf(item.namespace, item.name), item]));
  const accounts = new Map(read.accounts.map((item) => [keyOf(item.namespace, item.name), item.pullSecrets]));
  const nodeArch = new Map(read.nodes.map((node) => [node.name, node.architecture]));
  const listed = new Set(read.workloads.map((item) => `${item.kind}/${keyOf(item.namespace, item.name)}`));
  const parents = new Map(read.workloads.map((item) => [item, controllerOf(item, listed)]));
  const digests = runningDigests(read.workloads, parents);
  const nodesRead = !read.refused.some((refusal) => refusal.resource === 'nodes');
  const workloads: Workload[] = read.workloads
    .filter((item) => parents.get(item) === null)
    .map((item) => {
      const template = item.template;
      const pinned = template.nodeName ? nodeArch.get(template.nodeName) : undefined;
      const fitting = pinned ? { architectures: [pinned], from: 'node' as const } : architecturesFor(template.placement, read.nodes);
      // Nodes refused: no architecture is known unless the spec names one, and the platform is not checked.
      const placed = !nodesRead && fitting.architectures.length === 0 ? { architectures: [], from: 'nodes-unread' as const } : fitting;
      const running = digests.get(`${item.kind}/${keyOf(item.namespace, item.name)}`);
      return {
        namespace: item.namespace,
        kind: item.kind,
        name: item.name,
        serviceAccount: template.serviceAccount,
        // Admission copied the account's secrets into a pod when it was made; a template's future pods get the account's list now.
        pullSecrets: template.pullSecrets ?? (item.kind === 'Pod' ? [] : (accounts.get(keyOf(item.namespace, template.serviceAccount)) ?? [])),
        architectures: placed.architectures,
        architecturesFrom: placed.from,
        containers: template.containers.map((container) => ({ ...container, running: [...(running?.get(runsKey(container.name, container.image)) ?? [])].sort() })),
      };
    });
  const secretsRead = (namespace: string) => readIn(read, 'secrets', namespace);
  const referencesRead = (namespace: string) => REFERRING.every((resource) => readIn(read, resource, namespace));
  return { secretsRead, referencesRead, secrets, accounts, workloads, pullSecrets: pullSecretFacts(read, workloads) };
}

function pullSecretFacts(read: FleetRead, workloads: Workload[]): PullSecretFacts[] {
  const references = new Map<string, Reference[]>();
  const refer = (namespace: string, secret: string, reference: Reference) => {
    const key = keyOf(namespace, secret);
    // Appended in place: one secret named by thousands of workloads must not be copied per reference.
    const list = references.get(key);
    if (list) list.push(reference);
    else references.set(key, [reference]);
  };
  for (const account of read.accounts) for (const secret of new Set(account.pullSecrets)) refer(account.namespace, secret, { kind: 'ServiceAccount', name: account.name });
  for (const workload of workloads) for (const secret of new Set(workload.pullSecrets)) refer(workload.namespace, secret, { kind: workload.kind, name: workload.name });
  return read.secrets
    .filter((item) => isPullType(item.type))
    .map((item) => {
      const reading = readPullSecret({ metadata: { name: item.name }, type: item.type, data: item.data });
      return {
        item,
        reading,
        row: {
          namespace: item.namespace,
          name: item.name,
          type: item.type as PullSecretRow['type'],
          maker: makerOf(item),
          entries: reading.state === 'usable' ? reading.entries.map((entry) => ({ key: entry.key, username: entry.username })) : [],
          unparsable: reading.state === 'unparsable' ? reading.detail : null,
          referencedBy: references.get(keyOf(item.namespace, item.name)) ?? [],
        },
      };
    });
}
