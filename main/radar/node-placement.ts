// Which nodes a pod template can land on, as the scheduler's required rules decide it: its
// nodeSelector (every label equal) and its required node affinity (its nodeSelectorTerms ORed, each
// term's matchExpressions ANDed, with In / NotIn / Exists / DoesNotExist on any label). The radar
// then checks the image for the architectures of those nodes — a node pool label (`cloud.google.com/
// gke-nodepool: arm-pool`) selects the pool's architectures. A rule it does not evaluate (Gt / Lt,
// matchFields, an operator it does not know) is not guessed at: every node's architecture counts,
// and the workload says so. Preferred affinity and taints only order or forbid nodes a pod may still
// be given, so they do not narrow what must pull.
import type { ArchitecturesFrom } from '../../shared/radar-contract';

export const ARCH_LABEL = 'kubernetes.io/arch';
export const OS_LABEL = 'kubernetes.io/os';

/**
 * A node's platform as the radar names it: its architecture on Linux (`arm64`), the OS before it
 * elsewhere (`windows/amd64`), so a Linux-only image is not called pullable on a Windows pool.
 */
export function nodePlatform(os: string, architecture: string): string {
  if (!architecture) return '';
  return os === '' || os === 'linux' ? architecture : `${os}/${architecture}`;
}

/** The `os/architecture` an image's index must hold for a node platform named by nodePlatform. */
export const wantedPlatform = (platform: string): string => (platform.includes('/') ? platform : `linux/${platform}`);

type Raw = Record<string, unknown>;

export interface Requirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

export interface Placement {
  /** The nodeSelector's labels, each required as it is. */
  selector: Record<string, string>;
  /** The required affinity's terms (any of them), each a list of requirements (all of them); null: none. */
  terms: Requirement[][] | null;
  /** The template names a rule the radar does not evaluate. */
  tooComplex: boolean;
}

export interface LabelledNode {
  architecture: string;
  labels: Record<string, string>;
}

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);
const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
const records = (value: unknown): Raw[] => (Array.isArray(value) ? value.filter(isRecord) : []);

function requirementOf(expression: Raw): Requirement | null {
  const { key, operator, values } = expression;
  if (typeof key !== 'string' || typeof operator !== 'string' || !OPERATORS.has(operator)) return null;
  const texts = Array.isArray(values) ? values.filter((value): value is string => typeof value === 'string') : [];
  return { key, operator: operator as Requirement['operator'], values: texts };
}

/** What a pod spec requires of its node; `selector` holds only string labels (the API allows no other). */
export function placementOf(spec: Raw): Placement {
  const selector = Object.fromEntries(Object.entries(isRecord(spec.nodeSelector) ? spec.nodeSelector : {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  const nodeAffinity = isRecord(spec.affinity) && isRecord(spec.affinity.nodeAffinity) ? spec.affinity.nodeAffinity : {};
  const required = nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution;
  if (!isRecord(required)) return { selector, terms: null, tooComplex: false };
  let tooComplex = false;
  const terms = records(required.nodeSelectorTerms).map((term) => {
    if (records(term.matchFields).length > 0) tooComplex = true;
    return records(term.matchExpressions).flatMap((expression) => {
      const requirement = requirementOf(expression);
      if (!requirement) tooComplex = true;
      return requirement ? [requirement] : [];
    });
  });
  return { selector, terms, tooComplex };
}

function satisfies(labels: Record<string, string>, requirement: Requirement): boolean {
  const has = Object.hasOwn(labels, requirement.key);
  switch (requirement.operator) {
    case 'In':
      return has && requirement.values.includes(labels[requirement.key]!);
    case 'NotIn':
      return !has || !requirement.values.includes(labels[requirement.key]!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

/** Whether the scheduler may place the pod on a node with these labels (an empty term matches no node, as in Kubernetes). */
export function nodeFits(labels: Record<string, string>, placement: Placement): boolean {
  if (!Object.entries(placement.selector).every(([key, value]) => Object.hasOwn(labels, key) && labels[key] === value)) return false;
  if (placement.terms === null) return true;
  return placement.terms.some((term) => term.length > 0 && term.every((requirement) => satisfies(labels, requirement)));
}

/** The architectures the spec itself names (its nodeSelector's, or an In on the label in every term), for nodes not there yet. */
function namedArchitectures(placement: Placement): string[] | null {
  const selected = placement.selector[ARCH_LABEL];
  if (selected !== undefined) return [selected];
  if (placement.terms === null || placement.terms.length === 0) return null;
  const perTerm = placement.terms.map((term) => term.find((requirement) => requirement.key === ARCH_LABEL && requirement.operator === 'In')?.values ?? null);
  return perTerm.every((values) => values !== null) ? [...new Set(perTerm.flat() as string[])].sort() : null;
}

/**
 * The architectures a pod of this spec can run on: those of the nodes it fits; where none fits (a pool
 * scaled to zero, nodes not read) those the spec names; else, and for a rule too complex, all nodes'
 * (each case named, so the report says which).
 */
export function architecturesFor(placement: Placement, nodes: LabelledNode[]): { architectures: string[]; from: ArchitecturesFrom } {
  const all = [...new Set(nodes.map((node) => node.architecture).filter(Boolean))].sort();
  if (placement.tooComplex) return { architectures: all, from: 'too-complex' };
  const constrained = Object.keys(placement.selector).length > 0 || placement.terms !== null;
  if (!constrained) return { architectures: all, from: 'all-nodes' };
  const fitting = [...new Set(nodes.filter((node) => node.architecture && nodeFits(node.labels, placement)).map((node) => node.architecture))].sort();
  if (fitting.length > 0) return { architectures: fitting, from: 'matching-nodes' };
  const named = namedArchitectures(placement);
  return named ? { architectures: named, from: 'spec' } : { architectures: all, from: 'no-node-fits' };
}
