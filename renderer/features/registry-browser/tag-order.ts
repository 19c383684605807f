import { byCodePoint, type NameOrder, type Tag, type TagOrder, type TimeOrder } from '../../../shared/registry-browser-contract';

/**
 * The tags as the list shows them. By time where the registry has no order for its times (ECR):
 * the loaded tags newest first, those without a time last, ties by name; by name where its API
 * sends its own order (ECR, Artifact Registry): the loaded tags by code point, as `tags/list`
 * sends them. Either is an order of what has arrived, not of the whole repository, which the
 * screen says. Otherwise as the registry sent them.
 */
export function shownTags(tags: Tag[], order: TagOrder, timeOrder: TimeOrder | null, nameOrder: NameOrder | null = null): Tag[] {
  if (order === 'name' && nameOrder === 'loaded') return [...tags].sort((a, b) => byCodePoint(a.name, b.name));
  if (order !== 'time' || timeOrder !== 'loaded') return tags;
  const time = (tag: Tag) => (tag.pushedAt === null ? Number.NEGATIVE_INFINITY : Date.parse(tag.pushedAt));
  return [...tags].sort((a, b) => time(b) - time(a) || byCodePoint(a.name, b.name));
}
