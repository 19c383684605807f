import type { AccessSettings, CredentialChoice, TargetScope } from '../../shared/access-settings';
import { ownValue } from '../../shared/own-property';

/**
 * Which contexts receive the credentials, each with its namespaces and ServiceAccounts; null for
 * a context that must hold nothing of this registry. Contexts the settings name but the
 * kubeconfig no longer has are ignored.
 */
export function contextTargets(settings: AccessSettings | null, contexts: string[]): Map<string, TargetScope | null> {
  const picked = new Set(settings?.allClusters ? contexts : (settings?.contexts ?? []));
  return new Map(
    contexts.map((context) => {
      const targeted = settings !== null && (settings.mode === 'inject-selected' ? picked.has(context) : !picked.has(context));
      return [context, targeted ? (ownValue(settings.contextScopes, context) ?? settings.scope) : null];
    }),
  );
}

export const secretNamesOf = (credential: CredentialChoice): string[] =>
  credential.type === 'registry-credentials' ? [credential.secretName] : credential.secretNames;
