import type { AccessSettings, TargetScope } from '../../../../shared/access-settings';
import { useAccessFormStore } from '../access-form-store';
import { NamespaceSelectionField } from './NamespaceSelectionField';
import { scopeField, scopeOf, withScope, type ScopeOwner } from './scope-lens';
import { ServiceAccountField } from './ServiceAccountField';
import { domId } from '../../../ui/dom-id';

/** Namespaces and ServiceAccounts for every receiving cluster (owner null) or for one. */
export function ScopeEditor({ owner, settings, browse }: { owner: ScopeOwner; settings: AccessSettings; browse: string | null }) {
  const edit = useAccessFormStore((state) => state.edit);
  const scope = scopeOf(settings, owner);
  const field = scopeField(owner);
  const idPrefix = owner === null ? 'scope' : domId('scope', owner);
  const change = (next: Partial<TargetScope>, edited: string) =>
    edit((draft) => withScope(draft, owner, { ...scopeOf(draft, owner), ...next }), [edited]);

  return (
    <div className="scope-editor">
      <NamespaceSelectionField
        idPrefix={idPrefix}
        field={`${field}.namespaces`}
        selection={scope.namespaces}
        onChange={(namespaces, edited) => change({ namespaces }, edited)}
        browse={browse}
      />
      <ServiceAccountField
        idPrefix={idPrefix}
        field={`${field}.serviceAccounts`}
        selection={scope.serviceAccounts}
        onChange={(serviceAccounts, edited) => change({ serviceAccounts }, edited)}
      />
    </div>
  );
}
