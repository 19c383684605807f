import { useCallback, useEffect, useRef, useState } from 'react';
import type { NamespacePage, NamespacePageRequest } from '../../../shared/access-contract';
import type { AppError, Result } from '../../../shared/errors';

/** One page of a cluster's namespaces from main: the kit asks, the screen says how (data/namespaces). */
export type ListNamespaces = (request: NamespacePageRequest) => Promise<Result<NamespacePage>>;

type Item = NamespacePage['items'][number];

export interface NamespacePages {
  items: Item[];
  /** Namespaces matching the search (and selector), over all pages. */
  matched: number;
  total: number;
  loading: boolean;
  error: AppError | null;
  /** Fetches the next page unless one is on its way or none is left. */
  more: () => void;
  /** Every matching name, fetching the remaining pages. */
  all: () => Promise<string[] | null>;
  /** Lists the cluster again. */
  reload: () => void;
}

const PAGE_LIMIT = 250;
const ALL_LIMIT = 1000;
const SEARCH_PAUSE_MS = 150;

interface Query {
  context: string;
  search: string;
  labelSelector: string | undefined;
}

const request = (query: Query, limit: number, after: string | null, refresh = false) => ({
  context: query.context,
  limit,
  ...(query.search ? { search: query.search } : {}),
  ...(query.labelSelector ? { labelSelector: query.labelSelector } : {}),
  ...(after ? { continue: after } : {}),
  ...(refresh ? { refresh } : {}),
});

/**
 * The namespaces of one context, a page at a time (limit/continue), for a search typed into the
 * picker. A new search or selector starts over after a short pause; answers to older ones are dropped.
 */
export function useNamespacePages(list: ListNamespaces, context: string, search: string, labelSelector?: string): NamespacePages {
  const [state, setState] = useState({ items: [] as Item[], next: null as string | null, matched: 0, total: 0, loading: true, error: null as AppError | null });
  const generation = useRef(0);
  const query = useRef<Query>({ context, search, labelSelector });
  const [reloads, setReloads] = useState(0);
  const refreshNext = useRef(false);

  const fetchPage = useCallback(async (after: string | null, refresh: boolean) => {
    const mine = generation.current;
    setState((current) => ({ ...current, loading: true }));
    const result = await list(request(query.current, PAGE_LIMIT, after, refresh));
    if (mine !== generation.current) return;
    if (!result.ok) return setState((current) => ({ ...current, loading: false, error: result.error }));
    const page = result.value;
    setState((current) => ({
      items: after === null ? page.items : [...current.items, ...page.items],
      next: page.continue,
      matched: page.matched,
      total: page.total,
      loading: false,
      error: null,
    }));
  }, [list]);

  useEffect(() => {
    const mine = ++generation.current;
    query.current = { context, search: search.trim(), labelSelector };
    const timer = setTimeout(() => {
      if (mine !== generation.current) return;
      const refresh = refreshNext.current;
      refreshNext.current = false;
      void fetchPage(null, refresh);
    }, search === '' && labelSelector === undefined ? 0 : SEARCH_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [context, search, labelSelector, reloads, fetchPage]);

  const more = useCallback(() => {
    if (!state.loading && state.next !== null && !state.error) void fetchPage(state.next, false);
  }, [state.loading, state.next, state.error, fetchPage]);

  const all = useCallback(async () => {
    const names: string[] = [];
    let after: string | null = null;
    do {
      const result: Result<NamespacePage> = await list(request(query.current, ALL_LIMIT, after));
      if (!result.ok) {
        setState((current) => ({ ...current, error: result.error }));
        return null;
      }
      names.push(...result.value.items.map((item) => item.name));
      after = result.value.continue;
    } while (after !== null);
    return names;
  }, [list]);

  const reload = useCallback(() => {
    refreshNext.current = true;
    setReloads((count) => count + 1);
  }, []);

  return { items: state.items, matched: state.matched, total: state.total, loading: state.loading, error: state.error, more, all, reload };
}
