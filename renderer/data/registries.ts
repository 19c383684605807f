import { create } from 'zustand';
import type { AppError } from '../../shared/errors';
import type { RegistryView } from '../../shared/schemas';
import { callApi } from '../api/call-api';

interface RegistriesState {
  registries: RegistryView[];
  /** False until the list has been read once; an empty list before that means nothing. */
  loaded: boolean;
  error: AppError | null;
  /** The registry whose deletion waits for the operator's confirmation. */
  pendingDelete: RegistryView | null;
  deleting: boolean;
  load: () => Promise<void>;
  setDefault: (registry: RegistryView) => Promise<void>;
  askToDelete: (registry: RegistryView) => void;
  cancelDelete: () => void;
  confirmDelete: () => Promise<void>;
  showError: (error: AppError) => void;
  dismissError: () => void;
}

export const useRegistriesStore = create<RegistriesState>()((set, get) => ({
  registries: [],
  loaded: false,
  error: null,
  pendingDelete: null,
  deleting: false,
  load: async () => {
    const result = await callApi('registries:list', {});
    set(result.ok ? { registries: result.value, loaded: true } : { error: result.error });
  },
  setDefault: async (registry) => {
    const result = await callApi('registries:set-default', { id: registry.id });
    set(result.ok ? { registries: result.value, error: null } : { error: result.error });
  },
  askToDelete: (registry) => set({ pendingDelete: registry, error: null }),
  cancelDelete: () => set({ pendingDelete: null }),
  confirmDelete: async () => {
    const registry = get().pendingDelete;
    if (!registry) return;
    set({ deleting: true });
    const result = await callApi('registries:delete', { id: registry.id });
    set({ deleting: false, pendingDelete: null, error: result.ok ? null : result.error });
    if (result.ok) await get().load();
  },
  showError: (error) => set({ error }),
  dismissError: () => set({ error: null }),
}));
