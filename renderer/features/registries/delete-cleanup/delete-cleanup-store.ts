import { create } from 'zustand';
import type { Plan } from '../../../../shared/access-contract';
import type { AppError } from '../../../../shared/errors';
import { callApi } from '../../../api/call-api';

/** What deleting a registry removes from the clusters, and that removal while the dialog waits. */
interface DeleteCleanupState {
  registryId: string | null;
  plan: Plan | null;
  checking: boolean;
  /** The operator may delete the registry and leave its secrets in place (e.g. clusters out of reach). */
  removeFromClusters: boolean;
  removing: boolean;
  error: AppError | null;
  check: (registryId: string) => Promise<void>;
  choose: (removeFromClusters: boolean) => void;
  /** Removes the registry's secrets if chosen; false when that failed and the registry must stay. */
  run: () => Promise<boolean>;
}

const FAILED = new Set(['failed', 'cancelled']);

export const useDeleteCleanupStore = create<DeleteCleanupState>()((set, get) => ({
  registryId: null,
  plan: null,
  checking: false,
  removeFromClusters: true,
  removing: false,
  error: null,
  check: async (registryId) => {
    set({ registryId, plan: null, checking: true, removeFromClusters: true, removing: false, error: null });
    const result = await callApi('access:preview-cleanup', { registryId });
    if (get().registryId !== registryId) return;
    set(result.ok ? { plan: result.value, checking: false } : { error: result.error, checking: false });
  },
  choose: (removeFromClusters) => set({ removeFromClusters }),
  run: async () => {
    const { plan, removeFromClusters } = get();
    if (!removeFromClusters || !plan || plan.writes === 0) return true;
    set({ removing: true, error: null });
    const result = await callApi('access:apply', { operationId: crypto.randomUUID(), planId: plan.planId, confirmRemovals: true });
    if (!result.ok) {
      set({ removing: false, error: result.error });
      return false;
    }
    const failed = Object.entries(result.value.counts).some(([outcome, count]) => FAILED.has(outcome) && (count ?? 0) > 0);
    set({ removing: false });
    if (failed) await get().check(plan.registryId);
    return !failed;
  },
}));
