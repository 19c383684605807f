import { defaultAccessSettings, type AccessSettings, type NamespaceSelection, type ServiceAccountSelection } from './access-settings';
import type { Fix } from './pull-doctor-contract';
import type { RegistryView } from './schemas';
import { ownValue } from './own-property';

type AccessFix = Extract<Fix, { kind: 'inject' }>;

function withNamespace(selection: NamespaceSelection, namespace: string): NamespaceSelection {
  switch (selection.kind) {
    case 'all':
      return { kind: 'all', excluded: selection.excluded.filter((name) => name !== namespace) };
    case 'list':
      return selection.names.includes(namespace) ? selection : { kind: 'list', names: [...selection.names, namespace] };
    case 'selector':
      // Whether the namespace matches is for the preview to show; narrowing the selector would remove access elsewhere.
      return selection;
  }
}

function withAccount(selection: ServiceAccountSelection, account: string): ServiceAccountSelection {
  switch (selection.kind) {
    case 'none':
      return { kind: 'list', names: [account] };
    case 'default':
      return account === 'default' ? selection : { kind: 'list', names: ['default', account] };
    case 'list':
      return selection.names.includes(account) ? selection : { kind: 'list', names: [...selection.names, account] };
    case 'all':
      return selection;
  }
}

/** A registry with no access yet: this context and namespace only. */
function firstAccess(registry: RegistryView, fix: AccessFix): AccessSettings {
  const defaults = defaultAccessSettings(registry.name, registry.id);
  const namesTheirOwn = fix.pullSecrets.length > 0;
  return {
    ...defaults,
    contexts: [fix.context],
    scope: { namespaces: { kind: 'list', names: [fix.namespace] }, serviceAccounts: namesTheirOwn ? { kind: 'none' } : withAccount({ kind: 'none' }, fix.serviceAccount) },
    credential: namesTheirOwn ? { type: 'image-pull-secret', secretNames: fix.pullSecrets, createMissing: true } : defaults.credential,
  };
}

function withContext(settings: AccessSettings, context: string): Pick<AccessSettings, 'contexts'> {
  if (settings.mode === 'skip-selected') return { contexts: settings.contexts.filter((name) => name !== context) };
  return { contexts: settings.allClusters || settings.contexts.includes(context) ? settings.contexts : [...settings.contexts, context] };
}

/**
 * The registry's access settings with the failing pods' namespace (in their context) added: their
 * ServiceAccount patched when the pods take its secrets, or the secrets they name created when
 * they list their own. Only the preview decides; nothing is applied here.
 */
export function accessSettingsForFix(registry: RegistryView, fix: AccessFix): AccessSettings {
  if (!registry.access) return firstAccess(registry, fix);
  const base = registry.access;
  const scope = ownValue(base.contextScopes, fix.context) ?? base.scope;
  const namesTheirOwn = fix.pullSecrets.length > 0;
  const namespaces = withNamespace(scope.namespaces, fix.namespace);
  const serviceAccounts = namesTheirOwn ? scope.serviceAccounts : withAccount(scope.serviceAccounts, fix.serviceAccount);
  const credential: AccessSettings['credential'] =
    namesTheirOwn && base.credential.type === 'image-pull-secret'
      ? { ...base.credential, secretNames: [...new Set([...base.credential.secretNames, ...fix.pullSecrets])], createMissing: true }
      : base.credential;
  const unchanged = namespaces === scope.namespaces && serviceAccounts === scope.serviceAccounts;
  return {
    ...base,
    ...withContext(base, fix.context),
    contextScopes: unchanged ? base.contextScopes : { ...base.contextScopes, [fix.context]: { namespaces, serviceAccounts } },
    credential,
  };
}
