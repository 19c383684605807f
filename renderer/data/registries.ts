import { create } from 'zustand';
import type { AppError } from '../../shared/errors';
import type { RegistryView } from '../../shared/schemas';
import { callApi } from '../api/call-api';
import { IDLE, reload, settled, withoutError, type Resource } from './resource';

/** The saved registries, as every screen sees them. */
interface RegistriesState {
  list: Resource<RegistryView[]>;
  load: () => Promise<void>;
  setDefault: (registry: RegistryView) => Promise<void>;
  /** A registry action failed elsewhere (an edit, a delete): the list shows why and keeps what it has. */
  showError: (error: AppError) => void;
  dismissError: () => void;
}

/** One empty list for selectors: a new `[]` per call would make React render forever. */
const NO_REGISTRIES: readonly RegistryView[] = [];

export const selectRegistries = (state: RegistriesState): readonly RegistryView[] => state.list.data ?? NO_REGISTRIES;

export const selectRegistry = (registryId: string | undefined) => (state: RegistriesState): RegistryView | undefined =>
  selectRegistries(state).find((registry) => registry.id === registryId);

export const useRegistriesStore = create<RegistriesState>()((set) => ({
  list: IDLE,
  load: () => reload((change) => set((state) => ({ list: change(state.list) })), () => callApi('registries:list', {})),
  setDefault: async (registry) => {
    const result = await callApi('registries:set-default', { id: registry.id });
    set((state) => ({ list: settled(state.list, result) }));
  },
  showError: (error) => set((state) => ({ list: { status: 'failed', data: state.list.data, error } })),
  dismissError: () => set((state) => ({ list: withoutError(state.list) })),
}));
