import type { SyncObjectResult } from '../../shared/cluster-sync-contract';
import type { KubeApi } from '../kube/kube-api';
import { clusterFailure, isStatus } from '../kube/kube-errors';
import { objectPath } from './object-kinds';
import { FIELD_MANAGER } from './sync-marks';
import type { ObjectWork } from './sync-objects';

/**
 * Executes one context's objects in plan order: server-side apply (field manager `registry-desk`;
 * conflicting fields taken over only when the operator said so), deletes for removals. A failed
 * object is reported and the next one still runs.
 */
export async function applyObjects(api: KubeApi, objects: ObjectWork[], takeOver: boolean, signal?: AbortSignal): Promise<SyncObjectResult[]> {
  const results: SyncObjectResult[] = [];
  for (const { step, manifest } of objects) {
    const skip = step.action === 'foreign' || step.action === 'forbidden' || (step.action === 'conflict' && !takeOver);
    if (skip || step.action === 'unchanged') {
      results.push({ ...step, outcome: skip ? 'skipped' : 'unchanged' });
      continue;
    }
    const context = api.context;
    try {
      if (step.action === 'remove') {
        await api.remove(objectPath({ apiVersion: step.apiVersion, kind: step.kind, metadata: { name: step.name, namespace: step.namespace } }), undefined, signal).catch((error: unknown) => {
          if (!isStatus(error, 404)) throw error;
        });
      } else if (manifest) {
        await api.apply(objectPath(manifest), manifest, { fieldManager: FIELD_MANAGER, force: step.action === 'conflict' }, signal);
      }
      results.push({ ...step, outcome: 'done' });
    } catch (error) {
      results.push({ ...step, outcome: 'failed', error: clusterFailure(error, { context }).appError });
    }
  }
  return results;
}
