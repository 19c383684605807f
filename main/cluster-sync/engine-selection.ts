import type { TargetScope } from '../../shared/access-settings';
import { parseLabelSelector, type LabelRequirement } from '../../shared/label-selector';
import { syncNamespaceLabel } from './sync-marks';

/** metav1.LabelSelector, as ClusterExternalSecret, ClusterSecretStore and Kyverno policies take it. */
export interface LabelSelectorObject {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[];
}

/** The namespaces an engine fans out to, in the two forms the engines take, and the namespaces the app must label. */
export interface EngineSelection {
  selector: LabelSelectorObject;
  /** The same selection as a selector string (Reflector's annotations). */
  text: string;
  /** An explicit list becomes a label: these namespaces get it. */
  labelled: string[];
}

const NAME_LABEL = 'kubernetes.io/metadata.name';

function expression(requirement: LabelRequirement): NonNullable<LabelSelectorObject['matchExpressions']>[number] {
  switch (requirement.operator) {
    case 'exists':
      return { key: requirement.key, operator: 'Exists' };
    case 'not-exists':
      return { key: requirement.key, operator: 'DoesNotExist' };
    case 'not-equals':
      return { key: requirement.key, operator: 'NotIn', values: [requirement.value] };
    case 'in':
      return { key: requirement.key, operator: 'In', values: requirement.values };
    case 'not-in':
      return { key: requirement.key, operator: 'NotIn', values: requirement.values };
    case 'equals':
      return { key: requirement.key, operator: 'In', values: [requirement.value] };
  }
}

function fromText(text: string): LabelSelectorObject {
  const parsed = parseLabelSelector(text);
  if (!parsed.ok) return {};
  const matchLabels: Record<string, string> = {};
  const matchExpressions: NonNullable<LabelSelectorObject['matchExpressions']> = [];
  for (const requirement of parsed.requirements) {
    if (requirement.operator === 'equals') matchLabels[requirement.key] = requirement.value;
    else matchExpressions.push(expression(requirement));
  }
  return { ...(Object.keys(matchLabels).length ? { matchLabels } : {}), ...(matchExpressions.length ? { matchExpressions } : {}) };
}

/**
 * The access settings' namespace choice as an engine selection. The source namespace is always
 * left out: the source itself lives there under the same name.
 */
export function engineSelection(scope: TargetScope, registryId: string, sourceNamespace: string): EngineSelection {
  const selection = scope.namespaces;
  const notSource = { key: NAME_LABEL, operator: 'NotIn' as const, values: [sourceNamespace] };
  switch (selection.kind) {
    case 'all': {
      const excluded = [...new Set([...selection.excluded, sourceNamespace])].sort();
      return { selector: { matchExpressions: [{ key: NAME_LABEL, operator: 'NotIn', values: excluded }] }, text: `${NAME_LABEL} notin (${excluded.join(',')})`, labelled: [] };
    }
    case 'list': {
      const label = syncNamespaceLabel(registryId);
      return {
        selector: { matchLabels: { [label]: 'true' }, matchExpressions: [notSource] },
        text: `${label}=true,${NAME_LABEL}!=${sourceNamespace}`,
        labelled: [...new Set(selection.names)].filter((name) => name !== sourceNamespace).sort(),
      };
    }
    case 'selector': {
      const selector = fromText(selection.labelSelector);
      return {
        selector: { ...selector, matchExpressions: [...(selector.matchExpressions ?? []), notSource] },
        text: `${selection.labelSelector},${NAME_LABEL}!=${sourceNamespace}`,
        labelled: [],
      };
    }
  }
}
