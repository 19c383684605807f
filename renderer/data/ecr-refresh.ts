import { create } from 'zustand';
import type { RefreshState, RegistryRefresh } from '../../shared/access-contract';
import type { AppError } from '../../shared/errors';
import { callApi } from '../api/call-api';

/** The ECR token refresh schedule, kept current by main's events. */
interface RefreshStoreState {
  registries: RegistryRefresh[];
  /** Main's clock minus this window's, so countdowns follow the clock that schedules the refresh. */
  clockOffsetMs: number;
  refreshing: ReadonlySet<string>;
  error: AppError | null;
  load: () => Promise<void>;
  refreshNow: (registryId: string) => Promise<void>;
  follow: () => () => void;
}

function replaced(registries: RegistryRefresh[], entry: RegistryRefresh): RegistryRefresh[] {
  const others = registries.filter((registry) => registry.registryId !== entry.registryId);
  return [...others, entry];
}

const without = (set: ReadonlySet<string>, id: string) => new Set([...set].filter((entry) => entry !== id));

export const useRefreshStore = create<RefreshStoreState>()((set, get) => ({
  registries: [],
  clockOffsetMs: 0,
  refreshing: new Set(),
  error: null,
  load: async () => {
    const result = await callApi('access:refresh-state', {});
    if (!result.ok) return set({ error: result.error });
    const state: RefreshState = result.value;
    set({ registries: state.registries, clockOffsetMs: Date.parse(state.now) - Date.now(), error: null });
  },
  refreshNow: async (registryId) => {
    set((state) => ({ refreshing: new Set([...state.refreshing, registryId]), error: null }));
    const result = await callApi('access:refresh-now', { registryId });
    set((state) => ({
      refreshing: without(state.refreshing, registryId),
      ...(result.ok ? { registries: replaced(state.registries, result.value) } : { error: result.error }),
    }));
  },
  follow: () =>
    window.api.on('event:ecr-refresh', (entry) => {
      set({ registries: replaced(get().registries, entry) });
    }),
}));
