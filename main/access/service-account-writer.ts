import type { StepOutcome } from '../../shared/access-contract';
import { AppFailure } from '../app-errors/app-failure';
import { isStatus } from '../kube/kube-errors';
import { sleep } from '../kube/retry';
import type { ServiceAccountWork } from './plan-work';
import type { WriteScope } from './secret-writer';
import { referenceChange, type ServiceAccountObject } from '../pull-secrets/service-account-references';

/** client-go's RetryOnConflict idea: read, patch with that resourceVersion, on 409 read again. */
const MAX_ATTEMPTS = 10;
const WAIT_POLL_MS = 250;

export const accountPath = (namespace: string, name: string) =>
  `/api/v1/namespaces/${encodeURIComponent(namespace)}/serviceaccounts/${encodeURIComponent(name)}`;

async function readAccount(scope: WriteScope, namespace: string, name: string): Promise<ServiceAccountObject | null> {
  try {
    return await scope.api.get<ServiceAccountObject>(accountPath(namespace, name), scope.signal);
  } catch (error) {
    if (isStatus(error, 404)) return null;
    throw error;
  }
}

/** A new namespace gets its `default` ServiceAccount from a controller a moment later. */
async function waitForAccount(scope: WriteScope, namespace: string, name: string, waitMs: number): Promise<ServiceAccountObject | null> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const account = await readAccount(scope, namespace, name);
    if (account || Date.now() + WAIT_POLL_MS > deadline) return account;
    await sleep(WAIT_POLL_MS, scope.signal);
  }
}

export interface AccountWriteOptions {
  /** How long to wait for a missing `default` ServiceAccount before reporting it. */
  serviceAccountWaitMs: number;
}

/** Makes this registry's references on the account exactly `work.wanted`, keeping every other entry. */
export async function executeServiceAccount(scope: WriteScope, namespace: string, work: ServiceAccountWork, options: AccountWriteOptions): Promise<StepOutcome> {
  const { name } = work.step;
  let account = work.existing ?? (await waitForAccount(scope, namespace, name, options.serviceAccountWaitMs));
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    if (!account) {
      if (work.wanted.length === 0) return 'unchanged';
      throw new AppFailure('access.serviceAccountMissing', { name, namespace });
    }
    const change = referenceChange(account, scope.registryId, work.wanted);
    if (!change) return attempt === 0 && work.existing ? 'unchanged' : 'done';
    try {
      await scope.api.mergePatch(accountPath(namespace, name), change.patch, scope.signal);
      return 'done';
    } catch (error) {
      if (!isStatus(error, 409) && !isStatus(error, 404)) throw error;
      await sleep(10 * 2 ** Math.min(attempt, 5) * (0.5 + Math.random()), scope.signal);
      account = await readAccount(scope, namespace, name);
    }
  }
  throw new AppFailure('cluster.apiError', { context: scope.api.context, status: 409, reason: 'Conflict', detail: 'the ServiceAccount kept changing' });
}
