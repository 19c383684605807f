import type { AccessSettings, ClusterSyncChoice, CredentialChoice, NamespaceSelection, ServiceAccountSelection, TargetScope } from './access-settings';
import type { FieldError } from './errors';
import type { ErrorCode } from './i18n/en';
import { parseLabelSelector } from './label-selector';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Namespace names are DNS-1123 labels. */
export const isNamespaceName = (name: string): boolean => name.length <= 63 && DNS_LABEL.test(name);

/** Secret and ServiceAccount names are DNS-1123 subdomains. */
export const isObjectName = (name: string): boolean => name.length <= 253 && DNS_SUBDOMAIN.test(name);

export type AccessSettingsCheck = { ok: true; value: AccessSettings } | { ok: false; errors: FieldError[] };

type Problems = FieldError[];
const problem = (field: string, code: ErrorCode, params?: FieldError['params']): FieldError =>
  params ? { field, code, params } : { field, code };

/** Trimmed, without blanks and repeats: what the operator meant by a list typed one per line. */
const tidy = (list: string[]): string[] => [...new Set(list.map((entry) => entry.trim()).filter((entry) => entry !== ''))];

function checkSecretName(field: string, name: string, problems: Problems): string {
  const trimmed = name.trim();
  if (trimmed === '') problems.push(problem(field, 'access.secretName.required'));
  else if (trimmed.length > 253) problems.push(problem(field, 'access.secretName.tooLong', { max: 253 }));
  else if (!isObjectName(trimmed)) problems.push(problem(field, 'access.secretName.format', { name: trimmed }));
  return trimmed;
}

function checkCredential(credential: CredentialChoice, problems: Problems): CredentialChoice {
  if (credential.type === 'registry-credentials') {
    return { ...credential, secretName: checkSecretName('credential.secretName', credential.secretName, problems) };
  }
  const secretNames = tidy(credential.secretNames);
  if (secretNames.length === 0) problems.push(problem('credential.secretNames', 'access.secretNames.required'));
  secretNames.forEach((secretName, index) => checkSecretName(`credential.secretNames.${index}`, secretName, problems));
  return { ...credential, secretNames };
}

function checkNamespaceNames(field: string, list: string[], problems: Problems): string[] {
  const tidied = tidy(list);
  tidied.forEach((name, index) => {
    if (!isNamespaceName(name)) problems.push(problem(`${field}.${index}`, 'access.namespace.format', { name }));
  });
  return tidied;
}

function checkNamespaces(field: string, selection: NamespaceSelection, problems: Problems): NamespaceSelection {
  switch (selection.kind) {
    case 'all':
      return { kind: 'all', excluded: checkNamespaceNames(`${field}.excluded`, selection.excluded, problems) };
    case 'list': {
      const names = checkNamespaceNames(`${field}.names`, selection.names, problems);
      if (names.length === 0) problems.push(problem(`${field}.names`, 'access.namespaces.required'));
      return { kind: 'list', names };
    }
    case 'selector': {
      const labelSelector = selection.labelSelector.trim();
      if (labelSelector === '') {
        problems.push(problem(`${field}.labelSelector`, 'access.labelSelector.required'));
      } else {
        const parsed = parseLabelSelector(labelSelector);
        if (!parsed.ok) problems.push(problem(`${field}.labelSelector`, 'access.labelSelector.invalid', { detail: parsed.detail }));
      }
      return { kind: 'selector', labelSelector };
    }
  }
}

function checkServiceAccounts(field: string, selection: ServiceAccountSelection, problems: Problems): ServiceAccountSelection {
  if (selection.kind !== 'list') return selection;
  const names = tidy(selection.names);
  if (names.length === 0) problems.push(problem(`${field}.names`, 'access.serviceAccounts.required'));
  names.forEach((name, index) => {
    if (!isObjectName(name)) problems.push(problem(`${field}.names.${index}`, 'access.serviceAccount.format', { name }));
  });
  return { kind: 'list', names };
}

function checkScope(field: string, scope: TargetScope, problems: Problems): TargetScope {
  return {
    namespaces: checkNamespaces(`${field}.namespaces`, scope.namespaces, problems),
    serviceAccounts: checkServiceAccounts(`${field}.serviceAccounts`, scope.serviceAccounts, problems),
  };
}

function checkClusterSyncChoice(field: string, choice: ClusterSyncChoice, problems: Problems): ClusterSyncChoice {
  const sourceNamespace = choice.sourceNamespace.trim();
  if (!isNamespaceName(sourceNamespace)) problems.push(problem(`${field}.sourceNamespace`, 'access.namespace.format', { name: sourceNamespace }));
  const { identity } = choice;
  if ('serviceAccount' in identity && !isObjectName(identity.serviceAccount.trim())) {
    problems.push(problem(`${field}.identity.serviceAccount`, 'access.serviceAccount.format', { name: identity.serviceAccount }));
  }
  if (identity.kind === 'gcp-workload-identity') {
    for (const key of ['projectId', 'clusterLocation', 'clusterName'] as const) {
      if (identity[key].trim() === '') problems.push(problem(`${field}.identity.${key}`, 'clusterSync.identityFieldRequired'));
    }
  }
  const trimmed = 'serviceAccount' in identity ? { ...identity, serviceAccount: identity.serviceAccount.trim() } : identity;
  return { ...choice, sourceNamespace, identity: trimmed };
}

function checkClusterSync(settings: AccessSettings, problems: Problems): NonNullable<AccessSettings['clusterSync']> {
  const choices = Object.entries(settings.clusterSync ?? {});
  if (choices.length > 0 && settings.credential.type !== 'registry-credentials') problems.push(problem('clusterSync', 'clusterSync.needsRegistryCredentials'));
  return Object.fromEntries(choices.map(([context, choice]) => [context, checkClusterSyncChoice(`clusterSync.${context}`, choice, problems)]));
}

/** Every rule of the access form, with a field path per problem; on success the tidied settings. */
export function checkAccessSettings(settings: AccessSettings): AccessSettingsCheck {
  const problems: Problems = [];
  const value: AccessSettings = {
    mode: settings.mode,
    allClusters: settings.allClusters,
    contexts: [...new Set(settings.contexts)],
    scope: checkScope('scope', settings.scope, problems),
    contextScopes: Object.fromEntries(
      Object.entries(settings.contextScopes).map(([context, scope]) => [context, checkScope(`contextScopes.${context}`, scope, problems)]),
    ),
    credential: checkCredential(settings.credential, problems),
    ...(settings.clusterSync ? { clusterSync: checkClusterSync(settings, problems) } : {}),
  };
  return problems.length === 0 ? { ok: true, value } : { ok: false, errors: problems };
}
