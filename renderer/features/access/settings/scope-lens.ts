import type { AccessSettings, TargetScope } from '../../../../shared/access-settings';
import { ownValue } from '../../../../shared/own-property';

/** null: the scope every receiving context uses unless it has its own. */
export type ScopeOwner = string | null;

export const scopeField = (owner: ScopeOwner): string => (owner === null ? 'scope' : `contextScopes.${owner}`);

export const scopeOf = (settings: AccessSettings, owner: ScopeOwner): TargetScope =>
  owner === null ? settings.scope : (ownValue(settings.contextScopes, owner) ?? settings.scope);

export function withScope(settings: AccessSettings, owner: ScopeOwner, scope: TargetScope): AccessSettings {
  if (owner === null) return { ...settings, scope };
  return { ...settings, contextScopes: { ...settings.contextScopes, [owner]: scope } };
}

export function withoutOwnScope(settings: AccessSettings, context: string): AccessSettings {
  const { [context]: _dropped, ...others } = settings.contextScopes;
  return { ...settings, contextScopes: others };
}

/** The contexts that receive the credentials under these settings, among the kubeconfig's. */
export function receivingContexts(settings: AccessSettings, known: string[]): string[] {
  const picked = new Set(settings.contexts);
  if (settings.mode === 'inject-selected') return settings.allClusters ? known : known.filter((name) => picked.has(name));
  return settings.allClusters ? [] : known.filter((name) => !picked.has(name));
}

/** Names typed one per line (commas and spaces also separate them), as the rules tidy them later. */
export const namesFromText = (text: string): string[] => text.split(/[\n,]/);
export const textFromNames = (names: string[]): string => names.join('\n');
