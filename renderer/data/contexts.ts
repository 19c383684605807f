import { create } from 'zustand';
import type { ContextList, ContextStatus, ContextView } from '../../shared/access-contract';
import { callApi } from '../api/call-api';
import { IDLE, reload, withoutError, type Resource } from './resource';

/** The kubeconfig's contexts and their reachability, followed from app start for every screen. */
interface ContextsState {
  contexts: Resource<ContextList>;
  probing: boolean;
  load: () => Promise<void>;
  /** Reachability and server version; absent names: every context. */
  probe: (contexts?: string[]) => Promise<void>;
  /** Follows main's status events and kubeconfig changes; returns the function that stops. */
  follow: () => () => void;
  dismissError: () => void;
}

function withStatus(list: ContextList, context: string, status: ContextStatus): ContextList {
  return { ...list, contexts: list.contexts.map((entry) => (entry.name === context ? { ...entry, status } : entry)) };
}

/** One empty list for selectors: a new `[]` per call would make React render forever. */
const NO_CONTEXTS: readonly ContextView[] = [];

export const selectContexts = (state: ContextsState): readonly ContextView[] => state.contexts.data?.contexts ?? NO_CONTEXTS;

export const useContextsStore = create<ContextsState>()((set, get) => ({
  contexts: IDLE,
  probing: false,
  load: () => reload((change) => set((state) => ({ contexts: change(state.contexts) })), () => callApi('clusters:list', {})),
  probe: async (contexts) => {
    set({ probing: true });
    const result = await callApi('clusters:probe', contexts ? { contexts } : {});
    const current = get().contexts;
    if (!result.ok) return set({ probing: false, contexts: { status: 'failed', data: current.data, error: result.error } });
    if (!current.data) return set({ probing: false });
    const updated = Object.entries(result.value).reduce((list, [context, status]) => withStatus(list, context, status), current.data);
    set({ probing: false, contexts: { ...current, data: updated } });
  },
  follow: () => {
    const stopStatus = window.api.on('event:context-status', ({ context, status }) => {
      const current = get().contexts;
      if (current.data) set({ contexts: { ...current, data: withStatus(current.data, context, status) } });
    });
    const stopChanges = window.api.on('event:kubeconfig-changed', () => {
      void get()
        .load()
        .then(() => get().probe());
    });
    return () => {
      stopStatus();
      stopChanges();
    };
  },
  dismissError: () => set((state) => ({ contexts: withoutError(state.contexts) })),
}));

/** Checks the contexts never checked (a screen that shows reachability calls this when it opens). */
export async function probeUnchecked(): Promise<void> {
  const unchecked = useContextsStore.getState().contexts.data?.contexts.filter((context) => context.status.state === 'unchecked' && !context.problem);
  if (unchecked && unchecked.length > 0) await useContextsStore.getState().probe(unchecked.map((context) => context.name));
}

/** Reads the contexts again and checks the ones never checked: once per visit of a screen that shows them. */
export async function loadAndProbe(): Promise<void> {
  await useContextsStore.getState().load();
  await probeUnchecked();
}
