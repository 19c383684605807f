import { create } from 'zustand';
import type { AdoptTarget, ApplyResult, AccessProgress, Plan, PreviewRequest } from '../../../shared/access-contract';
import type { AccessSettings } from '../../../shared/access-settings';
import type { AppError } from '../../../shared/errors';
import { callApi } from '../../api/call-api';
import { useRegistriesStore } from '../../data/registries';
import { useAccessFormStore } from './access-form-store';

/** `only`: one status row's repair or adoption, previewed for that namespace alone. */
export type PlanSource = { kind: 'apply'; registryId: string; settings?: AccessSettings; only?: { context: string; namespace: string } } | { kind: 'cleanup'; registryId: string };

interface Running {
  operationId: string;
  progress: AccessProgress | null;
  cancelling: boolean;
}

/** Preview, then apply: the plan on screen, the apply in flight and what it did. */
interface OperationState {
  source: PlanSource | null;
  plan: Plan | null;
  adopt: AdoptTarget[];
  previewing: boolean;
  /** The removals list waits for the operator's confirmation. */
  confirming: boolean;
  running: Running | null;
  result: ApplyResult | null;
  error: AppError | null;
  /** `adopt`: the conflicts to take over; absent: those already chosen for this registry. */
  preview: (source: PlanSource, adopt?: AdoptTarget[]) => Promise<boolean>;
  adoptConflict: (target: AdoptTarget) => Promise<void>;
  apply: () => Promise<void>;
  confirmRemovals: () => Promise<void>;
  cancelConfirmation: () => void;
  cancel: () => Promise<void>;
  reset: () => void;
  dismissError: () => void;
}

const IDLE = { source: null, plan: null, adopt: [], previewing: false, confirming: false, running: null, result: null, error: null };

async function fetchPlan(source: PlanSource, adopt: AdoptTarget[]) {
  if (source.kind === 'cleanup') return callApi('access:preview-cleanup', { registryId: source.registryId });
  const request: PreviewRequest = { registryId: source.registryId };
  if (source.settings) request.settings = source.settings;
  if (source.only) request.only = source.only;
  if (adopt.length > 0) request.adopt = adopt;
  return callApi('access:preview', request);
}

/** The apply in flight; aborting it cancels the apply in main. */
let applying: AbortController | null = null;

export const useOperationStore = create<OperationState>()((set, get) => {
  async function run(confirmRemovals: boolean): Promise<void> {
    const plan = get().plan;
    if (!plan || get().running) return;
    const operationId = crypto.randomUUID();
    set({ confirming: false, running: { operationId, progress: null, cancelling: false }, result: null, error: null });
    const stop = window.api.on('event:access-progress', (progress) => {
      const running = get().running;
      if (running?.operationId === progress.operationId) set({ running: { ...running, progress } });
    });
    applying = new AbortController();
    const result = await callApi('access:apply', { operationId, planId: plan.planId, confirmRemovals }, { signal: applying.signal });
    applying = null;
    stop();
    if (!result.ok) return set({ running: null, error: result.error });
    if (plan.kind === 'apply' && plan.settings) useAccessFormStore.getState().markSaved(plan.settings);
    set({ running: null, result: result.value, plan: null, adopt: [] });
    await useRegistriesStore.getState().load();
  }

  return {
    ...IDLE,
    preview: async (source, chosen) => {
      if (get().running) return false;
      const adopt = chosen ?? (get().source?.registryId === source.registryId ? get().adopt : []);
      set({ ...IDLE, source, adopt, previewing: true });
      const result = await fetchPlan(source, adopt);
      if (get().source !== source) return false;
      if (!result.ok) {
        if (source.kind === 'apply' && result.error.fieldErrors?.length) useAccessFormStore.getState().refuse(result.error);
        set({ previewing: false, error: result.error });
        return false;
      }
      set({ previewing: false, plan: result.value });
      return true;
    },
    adoptConflict: async (target) => {
      const source = get().source;
      if (!source) return;
      set((state) => ({ adopt: [...state.adopt, target] }));
      await get().preview(source);
    },
    apply: async () => {
      const plan = get().plan;
      if (!plan) return;
      if (plan.removals > 0) set({ confirming: true });
      else await run(false);
    },
    confirmRemovals: () => run(true),
    cancelConfirmation: () => set({ confirming: false }),
    cancel: async () => {
      const running = get().running;
      if (!running) return;
      set({ running: { ...running, cancelling: true } });
      applying?.abort();
    },
    reset: () => {
      if (!get().running) set(IDLE);
    },
    dismissError: () => set({ error: null }),
  };
});
