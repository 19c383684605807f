import { create } from 'zustand';
import type { ContextList, ContextStatus } from '../../shared/access-contract';
import type { AppError } from '../../shared/errors';
import { callApi } from '../api/call-api';

interface ClustersState {
  list: ContextList | null;
  error: AppError | null;
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

export const useClustersStore = create<ClustersState>()((set, get) => ({
  list: null,
  error: null,
  probing: false,
  load: async () => {
    const result = await callApi('clusters:list', {});
    set(result.ok ? { list: result.value, error: null } : { error: result.error });
  },
  probe: async (contexts) => {
    set({ probing: true });
    const result = await callApi('clusters:probe', contexts ? { contexts } : {});
    const list = get().list;
    if (result.ok && list) {
      const updated = Object.entries(result.value).reduce((current, [context, status]) => withStatus(current, context, status), list);
      set({ list: updated, probing: false });
    } else {
      set({ probing: false, ...(result.ok ? {} : { error: result.error }) });
    }
  },
  follow: () => {
    const stopStatus = window.api.on('event:context-status', ({ context, status }) => {
      const list = get().list;
      if (list) set({ list: withStatus(list, context, status) });
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
  dismissError: () => set({ error: null }),
}));

/** Loads the contexts once per visit and checks the ones never checked. */
export async function loadAndProbe(): Promise<void> {
  const store = useClustersStore.getState();
  await store.load();
  const unchecked = useClustersStore.getState().list?.contexts.filter((context) => context.status.state === 'unchecked' && !context.problem);
  if (unchecked && unchecked.length > 0) await store.probe(unchecked.map((context) => context.name));
}
