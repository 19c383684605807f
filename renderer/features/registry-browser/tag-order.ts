import type { Tag, TagOrder, TimeOrder } from '../../../shared/registry-browser-contract';

/**
 * The tags as the list shows them. By time where the registry has no order for its times (ECR):
 * the loaded tags newest first, those without a time last, ties by name — an order of what has
 * arrived, not of the whole repository, which the screen says. Otherwise as the registry sent them.
 */
export function shownTags(tags: Tag[], order: TagOrder, timeOrder: TimeOrder | null): Tag[] {
  if (order !== 'time' || timeOrder !== 'loaded') return tags;
  const time = (tag: Tag) => (tag.pushedAt === null ? Number.NEGATIVE_INFINITY : Date.parse(tag.pushedAt));
  return [...tags].sort((a, b) => time(b) - time(a) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
