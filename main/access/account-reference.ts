import type { StepOutcome } from '../../shared/access-contract';
import type { KubeApi } from '../kube/kube-api';
import { addedReferences, type ServiceAccountObject } from '../pull-secrets/service-account-references';
import { executeServiceAccount } from './service-account-writer';

export interface AccountReference {
  namespace: string;
  serviceAccount: string;
  secret: string;
  /** The registry whose mark the reference carries, so removing its access removes it again. */
  registryId: string;
}

/**
 * Adds one of a registry's pull secrets to a ServiceAccount, through the same writer Manage access
 * uses: read, merge-patch with the resourceVersion, retry on conflict, the registry's mark kept.
 */
export async function addAccountReference(api: KubeApi, reference: AccountReference, signal: AbortSignal): Promise<StepOutcome> {
  const { namespace, serviceAccount, secret, registryId } = reference;
  const path = `/api/v1/namespaces/${encodeURIComponent(namespace)}/serviceaccounts/${encodeURIComponent(serviceAccount)}`;
  const account = await api.get<ServiceAccountObject>(path, signal);
  const wanted = [...new Set([...addedReferences(account, registryId), secret])];
  const work = { step: { name: serviceAccount, action: 'add' as const, references: [secret] }, existing: account, wanted };
  return executeServiceAccount({ api, registryId, signal }, namespace, work, { serviceAccountWaitMs: 0 });
}
