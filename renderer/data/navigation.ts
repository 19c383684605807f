import { create } from 'zustand';
import type { AccessSettings } from '../../shared/access-settings';
import type { ScreenId } from './screen-ids';

/** The tabs of one registry's "Manage access". */
export type AccessTab = 'settings' | 'plan' | 'status' | 'cluster-sync';

/** Which namespaces the Status tab lists first: all of them, or only those with a problem. */
export type StatusShow = 'all' | 'problems';

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
  /**
   * The browser, at the image `image` names (`host/repository[:tag][@digest]`, normalized) when
   * given, or at the repositories of the saved registry `registryId`.
   */
  | { screen: 'registry-browser'; image?: string; registryId?: string }
  | { screen: 'workstation-tools' }
  | { screen: 'radar' }
  /**
   * A registry's "Manage access"; `prefill` replaces its stored settings, and with tab 'plan' is
   * previewed at once; `show` is what the Status tab's tables list.
   */
  | { screen: 'access'; registryId?: string; tab?: AccessTab; prefill?: AccessSettings; show?: StatusShow }
  /** The pull doctor, searching `prefill` at once (for `registryId` only, when given). */
  | { screen: 'pull-doctor'; registryId?: string; prefill?: DoctorScope };

export type RequestFor<S extends ScreenId> = Extract<NavigationRequest, { screen: S }>;

/** What a screen does with a request for it, before it shows. */
export type Arrival<S extends ScreenId> = (request: RequestFor<S>) => void;

export type Arrivals = { [S in ScreenId]?: Arrival<S> };

interface NavigationState {
  screen: ScreenId;
  /** The screen whose link opened this one; the sidebar marks it and the back path returns to it. */
  from: ScreenId | null;
  arrivals: Arrivals;
  /** A link from one screen to another: remembers where the operator came from. */
  navigate(request: NavigationRequest): void;
  /** The sidebar: a screen chosen directly, with no way back to remember. */
  open(screen: ScreenId): void;
  /** Back to the screen that sent the operator here, as it was left. */
  back(): void;
  /** The app hands over each screen's arrival once, at start. */
  receiveArrivals(arrivals: Arrivals): void;
}

export const useNavigationStore = create<NavigationState>((set, get) => ({
  screen: 'registries',
  from: null,
  arrivals: {},
  navigate: (request) => {
    // The record pairs each screen with an arrival for that screen's own request.
    const arrival = get().arrivals[request.screen] as ((request: NavigationRequest) => void) | undefined;
    arrival?.(request);
    const { screen, from } = get();
    set({ screen: request.screen, from: request.screen === screen ? from : screen });
  },
  open: (screen) => set({ screen, from: null }),
  back: () => {
    const { from } = get();
    if (from) set({ screen: from, from: null });
  },
  receiveArrivals: (arrivals) => set({ arrivals }),
}));

export const navigate = (request: NavigationRequest): void => useNavigationStore.getState().navigate(request);
