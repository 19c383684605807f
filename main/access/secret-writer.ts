import type { StepOutcome } from '../../shared/access-contract';
import { AppFailure } from '../app-errors/app-failure';
import type { KubeApi } from '../kube/kube-api';
import { isStatus } from '../kube/kube-errors';
import { sleep } from '../kube/retry';
import type { SecretWork } from './plan-work';
import type { SecretObject } from '../pull-secrets/pull-secret';
import { ownership, sameContent } from './secret-inspection';

/** Someone else keeps changing the secret between our read and our write: give up after this many tries. */
const MAX_ATTEMPTS = 6;

export interface WriteScope {
  api: KubeApi;
  registryId: string;
  signal: AbortSignal;
}

export const secretsPath = (namespace: string) => `/api/v1/namespaces/${encodeURIComponent(namespace)}/secrets`;
export const secretPath = (namespace: string, name: string) => `${secretsPath(namespace)}/${encodeURIComponent(name)}`;

/** Short random pause before re-reading after a conflict, so racing writers do not collide again. */
const jitter = (attempt: number, signal: AbortSignal) => sleep(10 + Math.random() * 40 * (attempt + 1), signal);

async function readSecret(scope: WriteScope, namespace: string, name: string): Promise<SecretObject | null> {
  try {
    return await scope.api.get<SecretObject>(secretPath(namespace, name), scope.signal);
  } catch (error) {
    if (isStatus(error, 404)) return null;
    throw error;
  }
}

function conflict(namespace: string, name: string): AppFailure {
  return new AppFailure('access.conflict', { name, namespace });
}

async function removeSecret(scope: WriteScope, namespace: string, work: SecretWork): Promise<StepOutcome> {
  let current: SecretObject | null = work.existing ?? null;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    if (!current) return attempt === 0 ? 'unchanged' : 'done';
    if (ownership(current, scope.registryId) !== 'ours') throw conflict(namespace, work.step.name);
    try {
      const preconditions = { resourceVersion: current.metadata.resourceVersion };
      await scope.api.remove(secretPath(namespace, work.step.name), { apiVersion: 'v1', kind: 'DeleteOptions', preconditions }, scope.signal);
      return 'done';
    } catch (error) {
      if (isStatus(error, 404)) return 'done';
      if (!isStatus(error, 409)) throw error;
      await jitter(attempt, scope.signal);
      current = await readSecret(scope, namespace, work.step.name);
    }
  }
  throw new AppFailure('cluster.apiError', { context: scope.api.context, status: 409, reason: 'Conflict', detail: 'the secret kept changing' });
}

async function replaceByRecreating(scope: WriteScope, namespace: string, current: SecretObject, desired: SecretObject): Promise<void> {
  const preconditions = { resourceVersion: current.metadata.resourceVersion };
  await scope.api.remove(secretPath(namespace, current.metadata.name), { apiVersion: 'v1', kind: 'DeleteOptions', preconditions }, scope.signal);
  await scope.api.create(secretsPath(namespace), desired, scope.signal);
}

/** Create or overwrite with the app's secret; after a 409 or 404 it reads again and decides again. */
async function writeSecret(scope: WriteScope, namespace: string, work: SecretWork): Promise<StepOutcome> {
  const desired = work.desired!;
  const adopting = work.step.reason === 'adopt';
  let current: SecretObject | null = work.step.action === 'create' ? null : (work.existing ?? null);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    try {
      if (!current) {
        await scope.api.create(secretsPath(namespace), desired, scope.signal);
        return 'done';
      }
      const ours = ownership(current, scope.registryId) === 'ours';
      if (!ours && !adopting) throw conflict(namespace, work.step.name);
      if (ours && attempt > 0 && sameContent(current, desired)) return 'unchanged';
      if (current.type !== desired.type) {
        // A secret's type is immutable: an adopted secret of another type is replaced, not updated.
        await replaceByRecreating(scope, namespace, current, desired);
        return 'done';
      }
      const replacement = { ...desired, metadata: { ...desired.metadata, resourceVersion: current.metadata.resourceVersion } };
      await scope.api.replace(secretPath(namespace, work.step.name), replacement, scope.signal);
      return 'done';
    } catch (error) {
      const racing = isStatus(error, 409) || (current !== null && isStatus(error, 404));
      if (!racing) throw error;
      await jitter(attempt, scope.signal);
      current = await readSecret(scope, namespace, work.step.name);
    }
  }
  throw new AppFailure('cluster.apiError', { context: scope.api.context, status: 409, reason: 'Conflict', detail: 'the secret kept changing' });
}

export function executeSecret(scope: WriteScope, namespace: string, work: SecretWork): Promise<StepOutcome> {
  return work.step.action === 'remove' ? removeSecret(scope, namespace, work) : writeSecret(scope, namespace, work);
}
