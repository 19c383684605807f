import { create } from 'zustand';
import type { RegistryView } from '../../../shared/schemas';
import { healthRank, type ClusterHealth } from './cluster-health';

export type SortKey = 'name' | 'type' | 'health';

/** null: the saved order. Health ascending lists the worst first. */
export interface ListSort {
  key: SortKey;
  descending: boolean;
}

export interface ListedRegistry {
  registry: RegistryView;
  health: ClusterHealth;
  /** The type as the operator reads it, in the current language. */
  typeLabel: string;
}

/** How the operator looks at the list: what is searched, the order, and whose details are open; kept while the form is open. */
interface ListViewState {
  search: string;
  sort: ListSort | null;
  detailsOf: string | null;
  setSearch: (search: string) => void;
  /** A column heading: sort by it, or reverse the order if it sorts already. */
  sortBy: (key: SortKey) => void;
  showDetails: (registryId: string | null) => void;
}

export const useListViewStore = create<ListViewState>()((set) => ({
  search: '',
  sort: null,
  detailsOf: null,
  setSearch: (search) => set({ search }),
  sortBy: (key) => set((state) => ({ sort: { key, descending: state.sort?.key === key ? !state.sort.descending : false } })),
  showDetails: (detailsOf) => set({ detailsOf }),
}));

const matches = (row: ListedRegistry, needle: string) =>
  [row.registry.name, row.registry.url, row.registry.type, row.typeLabel].some((text) => text.toLocaleLowerCase().includes(needle));

function compare(key: SortKey, collator: Intl.Collator) {
  const byName = (a: ListedRegistry, b: ListedRegistry) => collator.compare(a.registry.name, b.registry.name);
  if (key === 'name') return byName;
  if (key === 'type') return (a: ListedRegistry, b: ListedRegistry) => collator.compare(a.typeLabel, b.typeLabel) || byName(a, b);
  return (a: ListedRegistry, b: ListedRegistry) => healthRank(b.health) - healthRank(a.health) || byName(a, b);
}

/** The rows the search leaves, in the chosen order (the saved order when none is chosen). */
export function visibleRegistries(rows: ListedRegistry[], search: string, sort: ListSort | null, language: string): ListedRegistry[] {
  const needle = search.trim().toLocaleLowerCase();
  const kept = needle === '' ? rows : rows.filter((row) => matches(row, needle));
  if (!sort) return kept;
  const order = compare(sort.key, new Intl.Collator(language, { numeric: true, sensitivity: 'base' }));
  return [...kept].sort((a, b) => (sort.descending ? -order(a, b) : order(a, b)));
}
