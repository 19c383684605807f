import { create } from 'zustand';
import type { ScreenId } from './screen-ids';

interface NavigationState {
  screen: ScreenId;
  show(screen: ScreenId): void;
}

export const useNavigationStore = create<NavigationState>((set) => ({
  screen: 'registries',
  show: (screen) => set({ screen }),
}));
