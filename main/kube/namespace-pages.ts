import type { NamespacePage, NamespacePageRequest } from '../../shared/access-contract';
import { matchesLabels, parseLabelSelector } from '../../shared/label-selector';
import { AppFailure } from '../app-errors/app-failure';
import type { Clock } from '../logging/clock';
import type { KubeApi, KubeObject } from './kube-api';
import { clusterFailure } from './kube-errors';

interface NamespaceObject extends KubeObject {
  status?: { phase?: string };
}

type Item = NamespacePage['items'][number];

interface Fetched {
  at: Date;
  items: Item[];
}

/** The picker types as it searches; the cluster is listed again only after this. */
const FRESH_MS = 30_000;

/**
 * The namespace picker over one cluster: the names are listed with limit/continue once, then
 * searched, filtered by selector and paged here, so typing in a 5,000-namespace cluster makes no
 * request per keystroke.
 */
export function createNamespacePages(deps: { clock: Clock; api: (context: string) => Promise<KubeApi> }) {
  const cache = new Map<string, Promise<Fetched>>();

  async function fetchAll(context: string): Promise<Fetched> {
    const api = await deps.api(context);
    const item = (object: NamespaceObject): Item => ({
      name: object.metadata.name,
      labels: object.metadata.labels ?? {},
      ...(object.status?.phase ? { phase: object.status.phase } : {}),
    });
    try {
      return { at: deps.clock.now(), items: await api.listProjected('/api/v1/namespaces', {}, item) };
    } catch (error) {
      throw clusterFailure(error, { context });
    }
  }

  async function namespacesOf(context: string, refresh: boolean): Promise<Fetched> {
    const cached = cache.get(context);
    const fresh = cached && !refresh && deps.clock.now().getTime() - (await cached.catch(() => ({ at: new Date(0) }))).at.getTime() < FRESH_MS;
    if (cached && fresh) return cached;
    const fetching = fetchAll(context);
    cache.set(context, fetching);
    fetching.catch(() => cache.delete(context));
    return fetching;
  }

  function filterFor(request: NamespacePageRequest): (item: Item) => boolean {
    const search = request.search?.trim().toLowerCase() ?? '';
    const selector = request.labelSelector?.trim() ? parseLabelSelector(request.labelSelector) : null;
    if (selector && !selector.ok) {
      throw new AppFailure('access.validation', undefined, [{ field: 'labelSelector', code: 'access.labelSelector.invalid', params: { detail: selector.detail } }]);
    }
    return (item) => item.name.includes(search) && (!selector || matchesLabels(selector.requirements, item.labels));
  }

  return {
    async page(request: NamespacePageRequest): Promise<NamespacePage> {
      const matches = filterFor(request);
      const offset = request.continue === undefined ? 0 : Number(request.continue);
      if (!Number.isSafeInteger(offset) || offset < 0) throw new AppFailure('ipc.invalidRequest');
      const fetched = await namespacesOf(request.context, request.refresh === true);
      const matching = fetched.items.filter(matches);
      const end = offset + request.limit;
      return {
        items: matching.slice(offset, end),
        continue: end < matching.length ? String(end) : null,
        matched: matching.length,
        total: fetched.items.length,
        fetchedAt: fetched.at.toISOString(),
      };
    },
    forget(): void {
      cache.clear();
    },
  };
}
