import { create } from 'zustand';
import type { AccessTab, RequestFor, StatusShow } from '../../data/navigation';
import { selectRegistry, useRegistriesStore } from '../../data/registries';
import { useAccessStatusStore } from '../../data/access-status';
import { useAccessFormStore } from './access-form-store';
import { useOperationStore } from './operation-store';

interface AccessViewState {
  tab: AccessTab;
  showTab: (tab: AccessTab) => void;
  /** What the Status tables list when they open, as the link that brought the operator asked; null: their own default. */
  statusShow: StatusShow | null;
}

export const useAccessViewStore = create<AccessViewState>()((set) => ({
  tab: 'settings',
  showTab: (tab) => set({ tab }),
  statusShow: null,
}));

/** A navigation request for "Manage access" of one registry; without a registry the screen shows as it was. */
export function arriveAtAccess({ registryId, tab = 'settings', prefill, show }: RequestFor<'access'>): void {
  const registry = selectRegistry(registryId)(useRegistriesStore.getState());
  if (!registry) return;
  useAccessViewStore.setState({ statusShow: show ?? null });
  useOperationStore.getState().reset();
  useAccessStatusStore.getState().clear();
  void useAccessFormStore.getState().open(registry, prefill);
  useAccessViewStore.getState().showTab(tab);
  if (tab === 'plan' && prefill) void useOperationStore.getState().preview({ kind: 'apply', registryId: registry.id, settings: prefill });
}

/** Back to the cluster overview; an apply in flight keeps running and its result stays. */
export function closeAccess(): void {
  useAccessFormStore.getState().close();
  useAccessStatusStore.getState().clear();
}
