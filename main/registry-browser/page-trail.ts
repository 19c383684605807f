import { AppFailure } from '../app-errors/app-failure';

/** Pages remembered per session; a walk longer than this could loop unseen past its oldest ones. */
const MAX_REMEMBERED_PAGES = 10_000;

/**
 * The `Link` pages a session has read, each with the page that pointed to it, across calls: the
 * window walks a listing one call per page, so a loop (A → B → A) spans calls and a set kept
 * within one call never sees it. A page pointing to one of its own predecessors is a loop.
 * The trail stays a forest (an edge is only added when it closes no cycle), so walking back ends.
 */
export function createPageTrail(maxPages = MAX_REMEMBERED_PAGES) {
  /** `listing page` → the page that linked to it (`listing ` for the first page). */
  const cameFrom = new Map<string, string>();

  /** Records that `from` (undefined: the first page) links to `to` within `listing`; throws `browse.linkLoop` when `to` came before `from`. */
  function follow(listing: string, from: string | undefined, to: string): void {
    const target = `${listing} ${to}`;
    for (let at: string | undefined = `${listing} ${from ?? ''}`, steps = 0; at !== undefined && steps <= maxPages; at = cameFrom.get(at), steps += 1) {
      if (at === target) throw new AppFailure('browse.linkLoop', { url: to.split('?')[0]! });
    }
    cameFrom.delete(target);
    cameFrom.set(target, `${listing} ${from ?? ''}`);
    if (cameFrom.size > maxPages) cameFrom.delete(cameFrom.keys().next().value!);
  }

  return { follow };
}
