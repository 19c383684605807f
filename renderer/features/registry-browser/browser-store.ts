import { create } from 'zustand';
import type { AppError } from '../../../shared/errors';
import type { ImageDetail, ListingSource, PullAllowance, RepositoriesPage, RunsReport, NameOrder, Tag, TagOrder, TimeOrder } from '../../../shared/registry-browser-contract';
import { callApi } from '../../api/call-api';
import type { RequestFor } from '../../data/navigation';
import { selectRegistries, useRegistriesStore } from '../../data/registries';
import { locateImage, type BrowseTarget } from './image-location';

/** One paged list as the screen holds it: what has arrived, where the next page starts, and why it stopped. */
export interface Listing<T> {
  items: T[];
  next: string | null;
  filter: string;
  loading: boolean;
  /** The operator cancelled the last read: what came before it stays, and the list does not claim to be whole. */
  cancelled: boolean;
  error: AppError | null;
}

export type Level = 'repositories' | 'tags' | 'image';

/** Where a repository or an image runs, for the one it was asked about. */
export interface Runs {
  /** `repository` or `repository:reference`, what the report is for. */
  about: string | null;
  report: RunsReport | null;
  loading: boolean;
  error: AppError | null;
}

interface BrowserState {
  registryId: string | null;
  level: Level;
  repositories: Listing<string>;
  source: ListingSource | null;
  /** Listing is impossible with this login: why; the operator types a repository instead. */
  unavailable: Extract<RepositoriesPage, { outcome: 'unavailable' }>['reason'] | null;
  repository: string | null;
  tags: Listing<Tag>;
  /** The order the operator chose for tags. */
  tagOrder: TagOrder;
  /** How the listing can order by time, as its last page said; null before one arrived. */
  timeOrder: TimeOrder | null;
  /** How the listing orders by name, as its last page said; null before one arrived. */
  nameOrder: NameOrder | null;
  reference: string | null;
  image: ImageDetail | null;
  imageLoading: boolean;
  imageError: AppError | null;
  /** Docker Hub: the login's pulls left as the last read of an image's manifests (pulls) reported; null before one. */
  hubPullsAfterRead: PullAllowance | null;
  runs: Runs;
  /** A host another screen sent here that no saved registry serves. */
  unknownHost: string | null;
  /** The registry answered 429 and a call waits the seconds it asked for before asking again. */
  slowDown: { host: string; seconds: number } | null;
  /** A call reading many pages: how many pages and names it has read so far, for the listing it fills. */
  progress: { listing: 'repositories' | 'tags'; pages: number; names: number } | null;
  chooseRegistry: (registryId: string) => void;
  searchRepositories: (filter: string) => void;
  moreRepositories: () => void;
  openRepository: (repository: string) => void;
  searchTags: (filter: string) => void;
  moreTags: () => void;
  /** Lists the tags again in this order (by time: from the registry's newest, where its API can). */
  orderTags: (order: TagOrder) => void;
  openImage: (reference: string) => void;
  /** Docker Hub: reads the opened image's manifests (platforms, sizes), which the Hub counts as pulls. */
  readImageManifests: () => void;
  back: () => void;
  cancel: () => void;
  /** Reads where the repository (on its tags) or the image (on its detail) runs. */
  findRuns: () => void;
  cancelRuns: () => void;
  /** Opens a registry at a repository, or at an image, as another screen asks. */
  openAt: (target: BrowseTarget) => void;
}

const REPOSITORY_PAGE = 100;
const TAG_PAGE = 200;
const EMPTY = { items: [], next: null, filter: '', loading: false, cancelled: false, error: null };
const empty = <T,>(filter = ''): Listing<T> => ({ ...EMPTY, items: [] as T[], filter });

/** The call in flight for each level: a new one (or Cancel) aborts the old, which cancels it in main. */
const inFlight = new Map<Level | 'runs', AbortController>();
const NO_RUNS: Runs = { about: null, report: null, loading: false, error: null };

function start(level: Level | 'runs'): AbortSignal {
  inFlight.get(level)?.abort();
  const controller = new AbortController();
  inFlight.set(level, controller);
  return controller.signal;
}

/** Whether a finished call is still the one the screen waits for. */
const current = (level: Level | 'runs', signal: AbortSignal) => inFlight.get(level)?.signal === signal && !signal.aborted;

export const useBrowserStore = create<BrowserState>()((set, get) => {
  let callsListening = 0;

  /** Runs a call to main; while it runs, a 429's wait for this registry is shown, so "Reading…" says why nothing arrives. */
  async function listening<T>(registryId: string, call: () => Promise<T>): Promise<T> {
    callsListening += 1;
    const stopWait = window.api.on('event:browse-wait', (wait) => {
      if (wait.registryId === registryId && get().registryId === registryId) set({ slowDown: { host: wait.host, seconds: wait.seconds } });
    });
    const stopProgress = window.api.on('event:browse-progress', (read) => {
      if (read.registryId === registryId && get().registryId === registryId) set({ progress: { listing: read.listing, pages: read.pages, names: read.names } });
    });
    try {
      return await call();
    } finally {
      stopWait();
      stopProgress();
      callsListening -= 1;
      if (callsListening === 0) set({ slowDown: null, progress: null });
    }
  }

  async function loadRepositories(more: boolean): Promise<void> {
    const { registryId, repositories } = get();
    if (!registryId || (more && (!repositories.next || repositories.loading))) return;
    const signal = start('repositories');
    const cursor = more ? repositories.next : null;
    set((state) => ({ repositories: { ...state.repositories, loading: true, cancelled: false, error: null } }));
    const filter = repositories.filter.trim();
    const result = await listening(registryId, () => callApi('browse:repositories', { registryId, pageSize: REPOSITORY_PAGE, ...(cursor ? { cursor } : {}), ...(filter ? { filter } : {}) }, { signal }));
    if (!current('repositories', signal)) return;
    if (!result.ok) return set((state) => ({ repositories: { ...state.repositories, loading: false, error: result.error } }));
    const page = result.value;
    if (page.outcome === 'unavailable') return set((state) => ({ unavailable: page.reason, repositories: { ...state.repositories, loading: false } }));
    set((state) => ({
      source: page.source,
      repositories: { ...state.repositories, items: [...(more ? state.repositories.items : []), ...page.repositories], next: page.next, loading: false },
    }));
  }

  async function loadTags(more: boolean): Promise<void> {
    const { registryId, repository, tags, tagOrder } = get();
    if (!registryId || !repository || (more && (!tags.next || tags.loading))) return;
    const signal = start('tags');
    const cursor = more ? tags.next : null;
    set((state) => ({ tags: { ...state.tags, loading: true, cancelled: false, error: null } }));
    const filter = tags.filter.trim();
    const result = await listening(registryId, () => callApi('browse:tags', { registryId, repository, pageSize: TAG_PAGE, order: tagOrder, ...(cursor ? { cursor } : {}), ...(filter ? { filter } : {}) }, { signal }));
    if (!current('tags', signal)) return;
    if (!result.ok) return set((state) => ({ tags: { ...state.tags, loading: false, error: result.error } }));
    set((state) => ({ timeOrder: result.value.timeOrder, nameOrder: result.value.nameOrder ?? 'server', tags: { ...state.tags, items: [...(more ? state.tags.items : []), ...result.value.tags], next: result.value.next, loading: false } }));
  }

  /** `readManifests` keeps the digest read by HEAD on screen while the pulls are made. */
  async function loadImage(readManifests = false): Promise<void> {
    const { registryId, repository, reference } = get();
    if (!registryId || !repository || !reference) return;
    const signal = start('image');
    set(readManifests ? { imageLoading: true, imageError: null } : { image: null, imageLoading: true, imageError: null });
    const result = await listening(registryId, () => callApi('browse:image', { registryId, repository, reference, ...(readManifests ? { readManifests } : {}) }, { signal }));
    if (!current('image', signal)) return;
    if (!result.ok) return set({ imageLoading: false, imageError: result.error });
    const pulls = result.value.hubPulls;
    set({ image: result.value, imageLoading: false, ...(pulls?.manifests === 'read' && pulls.allowance.state === 'reported' ? { hubPullsAfterRead: pulls.allowance } : {}) });
  }

  async function loadRuns(): Promise<void> {
    const { registryId, repository, reference, level } = get();
    if (!registryId || !repository) return;
    const asked = level === 'image' && reference ? reference : undefined;
    const signal = start('runs');
    const about = asked ? `${repository}:${asked}` : repository;
    set({ runs: { about, report: null, loading: true, error: null } });
    const result = await listening(registryId, () => callApi('browse:runs', { registryId, repository, ...(asked ? { reference: asked } : {}) }, { signal }));
    if (!current('runs', signal)) return;
    set({ runs: result.ok ? { about, report: result.value, loading: false, error: null } : { about, report: null, loading: false, error: result.error } });
  }

  function stopRuns(): Runs {
    inFlight.get('runs')?.abort();
    return NO_RUNS;
  }

  return {
    registryId: null,
    level: 'repositories',
    repositories: empty(),
    source: null,
    unavailable: null,
    repository: null,
    tags: empty(),
    tagOrder: 'name',
    timeOrder: null,
    nameOrder: null,
    reference: null,
    image: null,
    imageLoading: false,
    imageError: null,
    hubPullsAfterRead: null,
    runs: NO_RUNS,
    unknownHost: null,
    slowDown: null,
    progress: null,
    chooseRegistry: (registryId) => {
      for (const controller of inFlight.values()) controller.abort();
      set({ registryId, level: 'repositories', repositories: empty(), source: null, unavailable: null, repository: null, tags: empty(), timeOrder: null, nameOrder: null, reference: null, image: null, imageError: null, hubPullsAfterRead: null, runs: NO_RUNS, unknownHost: null });
      void loadRepositories(false);
    },
    openAt: ({ registryId, repository, reference }) => {
      get().chooseRegistry(registryId);
      if (!repository) return;
      get().openRepository(repository);
      if (reference) get().openImage(reference);
    },
    searchRepositories: (filter) => {
      set({ repositories: empty(filter) });
      void loadRepositories(false);
    },
    moreRepositories: () => void loadRepositories(true),
    openRepository: (repository) => {
      set({ level: 'tags', repository, tags: empty(), tagOrder: 'name', timeOrder: null, nameOrder: null, reference: null, image: null, runs: stopRuns() });
      void loadTags(false);
    },
    searchTags: (filter) => {
      set({ tags: empty(filter) });
      void loadTags(false);
    },
    moreTags: () => void loadTags(true),
    orderTags: (order) => {
      set((state) => ({ tagOrder: order, tags: empty(state.tags.filter) }));
      void loadTags(false);
    },
    openImage: (reference) => {
      set({ level: 'image', reference, runs: stopRuns() });
      void loadImage();
    },
    readImageManifests: () => void loadImage(true),
    back: () => {
      const level = get().level;
      inFlight.get(level)?.abort();
      set(level === 'image' ? { level: 'tags', imageLoading: false, runs: stopRuns() } : { level: 'repositories', tags: { ...get().tags, loading: false }, runs: stopRuns() });
    },
    cancel: () => {
      const level = get().level;
      inFlight.get(level)?.abort();
      if (level === 'image') set({ imageLoading: false });
      else set((state) => ({ [level]: { ...state[level], loading: false, cancelled: state[level].loading } }) as Partial<BrowserState>);
    },
    findRuns: () => void loadRuns(),
    cancelRuns: () => {
      inFlight.get('runs')?.abort();
      set((state) => ({ runs: { ...state.runs, loading: false } }));
    },
  };
});

/**
 * Another screen sends an image (the pull doctor): the browser opens at it, in the saved registry
 * serving its host; or a registry (its row's "Browse"): the browser opens at its repositories.
 */
export function arriveAtRegistryBrowser({ image, registryId }: RequestFor<'registry-browser'>): void {
  if (registryId !== undefined && !image) return useBrowserStore.getState().chooseRegistry(registryId);
  if (!image) return;
  const located = locateImage(image, selectRegistries(useRegistriesStore.getState()));
  if ('host' in located) useBrowserStore.setState({ unknownHost: located.host });
  else useBrowserStore.getState().openAt(located.target);
}
