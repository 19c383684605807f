import { create } from 'zustand';
import type { AccessSettings } from '../../shared/access-settings';
import type { ScreenId } from './screen-ids';

/** The tabs of one registry's "Manage access". */
export type AccessTab = 'settings' | 'plan' | 'status' | 'cluster-sync';

/** Where the pull doctor looks when another screen sends the operator there. */
export interface DoctorScope {
  contexts: string[];
  namespaces: string[];
}

/**
 * The one way from anywhere to a screen. A screen's own fields say what it opens at; the screen
 * decides how (its arrival), so no screen writes into another screen's state.
 */
export type NavigationRequest =
  | { screen: 'registries' }
  | { screen: 'import-export' }
  | { screen: 'diagnostics' }
  | { screen: 'registry-browser' }
  /** A registry's "Manage access"; `prefill` replaces its stored settings, and with tab 'plan' is previewed at once. */
  | { screen: 'access'; registryId?: string; tab?: AccessTab; prefill?: AccessSettings }
  /** The pull doctor, searching `prefill` at once (for `registryId` only, when given). */
  | { screen: 'pull-doctor'; registryId?: string; prefill?: DoctorScope };

export type RequestFor<S extends ScreenId> = Extract<NavigationRequest, { screen: S }>;

/** What a screen does with a request for it, before it shows. */
export type Arrival<S extends ScreenId> = (request: RequestFor<S>) => void;

export type Arrivals = { [S in ScreenId]?: Arrival<S> };

interface NavigationState {
  screen: ScreenId;
  arrivals: Arrivals;
  navigate(request: NavigationRequest): void;
  /** The app hands over each screen's arrival once, at start. */
  receiveArrivals(arrivals: Arrivals): void;
}

export const useNavigationStore = create<NavigationState>((set, get) => ({
  screen: 'registries',
  arrivals: {},
  navigate: (request) => {
    // The record pairs each screen with an arrival for that screen's own request.
    const arrival = get().arrivals[request.screen] as ((request: NavigationRequest) => void) | undefined;
    arrival?.(request);
    set({ screen: request.screen });
  },
  receiveArrivals: (arrivals) => set({ arrivals }),
}));

export const navigate = (request: NavigationRequest): void => useNavigationStore.getState().navigate(request);
