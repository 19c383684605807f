import { create } from 'zustand';
import type { AccessSettings } from '../../../shared/access-settings';
import type { RegistryView } from '../../../shared/schemas';
import { useNavigationStore } from '../../data/navigation';
import { useAccessFormStore } from './access-form-store';
import { useOperationStore } from './operation-store';
import { useStatusStore } from '../../data/access-status';

export type AccessTab = 'settings' | 'plan' | 'status' | 'cluster-sync';

interface AccessViewState {
  tab: AccessTab;
  showTab: (tab: AccessTab) => void;
}

export const useAccessViewStore = create<AccessViewState>()((set) => ({
  tab: 'settings',
  showTab: (tab) => set({ tab }),
}));

/** "Manage access" of one registry, from anywhere in the app; `draft` prefills its settings. */
export function openAccess(registry: RegistryView, tab: AccessTab = 'settings', draft?: AccessSettings): void {
  useOperationStore.getState().reset();
  useStatusStore.getState().clear();
  void useAccessFormStore.getState().open(registry, draft);
  useAccessViewStore.getState().showTab(tab);
  useNavigationStore.getState().show('access');
}

/** Back to the cluster overview; an apply in flight keeps running and its result stays. */
export function closeAccess(): void {
  useAccessFormStore.getState().close();
  useStatusStore.getState().clear();
}
