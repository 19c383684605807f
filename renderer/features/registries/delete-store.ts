import { create } from 'zustand';
import type { RegistryView } from '../../../shared/schemas';
import { callApi } from '../../api/call-api';
import { useRegistriesStore } from '../../data/registries';

/** The registry whose deletion waits for the operator's confirmation, and that deletion. */
interface DeleteState {
  pendingDelete: RegistryView | null;
  deleting: boolean;
  askToDelete: (registry: RegistryView) => void;
  cancelDelete: () => void;
  confirmDelete: () => Promise<void>;
}

export const useDeleteStore = create<DeleteState>()((set, get) => ({
  pendingDelete: null,
  deleting: false,
  askToDelete: (registry) => {
    useRegistriesStore.getState().dismissError();
    set({ pendingDelete: registry });
  },
  cancelDelete: () => set({ pendingDelete: null }),
  confirmDelete: async () => {
    const registry = get().pendingDelete;
    if (!registry) return;
    set({ deleting: true });
    const result = await callApi('registries:delete', { id: registry.id });
    set({ deleting: false, pendingDelete: null });
    if (!result.ok) return useRegistriesStore.getState().showError(result.error);
    useRegistriesStore.getState().dismissError();
    await useRegistriesStore.getState().load();
  },
}));
