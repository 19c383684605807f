import { stringify } from 'yaml';
import { SECRET_DATA_PLACEHOLDER, type SentObject } from '../../shared/access-contract';
import type { SecretObject } from '../pull-secrets/pull-secret';
import { referenceChange } from '../pull-secrets/service-account-references';
import { writesAccount, type NamespaceWork, type SecretWork, type ServiceAccountWork } from './plan-work';
import { secretPath, secretsPath } from './secret-writer';
import { accountPath } from './service-account-writer';


/** The object with every data value replaced: the copy that may leave main. */
function withPlaceholders(secret: SecretObject): SecretObject {
  const data = secret.data && Object.fromEntries(Object.keys(secret.data).map((key) => [key, SECRET_DATA_PLACEHOLDER]));
  return { ...secret, ...(data ? { data } : {}) };
}

const yamlOf = (value: unknown) => stringify(value, { lineWidth: 0 });

function deletion(namespace: string, current: SecretObject): SentObject {
  const options = { apiVersion: 'v1', kind: 'DeleteOptions', preconditions: { resourceVersion: current.metadata.resourceVersion } };
  return { kind: 'Secret', name: current.metadata.name, request: 'delete', path: secretPath(namespace, current.metadata.name), body: yamlOf(options), format: 'yaml' };
}

/** The requests secret-writer sends for this step when nothing races it (a race makes it read again and decide again). */
function secretRequests(namespace: string, work: SecretWork): SentObject[] {
  const { action, name } = work.step;
  if (action === 'remove') return work.existing ? [deletion(namespace, work.existing)] : [];
  if ((action !== 'create' && action !== 'update') || !work.desired) return [];
  const desired = withPlaceholders(work.desired);
  const create: SentObject = { kind: 'Secret', name, request: 'create', path: secretsPath(namespace), body: yamlOf(desired), format: 'yaml' };
  const current = action === 'update' ? work.existing : undefined;
  if (!current) return [create];
  // A secret's type is immutable: an adopted secret of another type is deleted and created again.
  if (current.type !== desired.type) return [deletion(namespace, current), create];
  const replacement = { ...desired, metadata: { ...desired.metadata, resourceVersion: current.metadata.resourceVersion } };
  return [{ kind: 'Secret', name, request: 'replace', path: secretPath(namespace, name), body: yamlOf(replacement), format: 'yaml' }];
}

/** The merge patch service-account-writer sends; for a `default` account still to appear, the patch against an empty one. */
function accountRequest(namespace: string, work: ServiceAccountWork, registryId: string): SentObject[] {
  if (!writesAccount(work) || work.step.action === 'forbidden') return [];
  const account = work.existing ?? { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: work.step.name, namespace } };
  const change = referenceChange(account, registryId, work.wanted);
  if (!change) return [];
  const name = work.step.name;
  return [{ kind: 'ServiceAccount', name, request: 'merge-patch', path: accountPath(namespace, name), body: JSON.stringify(change.patch, null, 2), format: 'json' }];
}

/** What apply would send for one namespace of a plan, built from the plan alone: no cluster or keychain is read. */
export function sentObjects(work: NamespaceWork, registryId: string): SentObject[] {
  return [
    ...work.secrets.flatMap((secret) => secretRequests(work.namespace, secret)),
    ...work.serviceAccounts.flatMap((account) => accountRequest(work.namespace, account, registryId)),
  ];
}
