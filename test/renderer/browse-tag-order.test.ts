import { describe, expect, it } from 'vitest';
import type { Tag } from '../../shared/registry-browser-contract';
import { shownTags } from '../../renderer/features/registry-browser/tag-order';

const tag = (name: string, pushedAt: string | null): Tag => ({ name, pushedAt });
// As ECR's DescribeImages sends them: in no order of time.
const loaded = [tag('b', '2026-11-02T00:00:00.000Z'), tag('untimed', null), tag('a', '2026-11-03T00:00:00.000Z'), tag('c', '2026-11-02T00:00:00.000Z'), tag('z', '2026-11-01T00:00:00.000Z')];

describe('the order the tag list shows', () => {
  it('sorts the loaded tags newest first where the registry reports times but cannot order by them, untimed last, ties by name', () => {
    expect(shownTags(loaded, 'time', 'loaded').map((item) => item.name)).toEqual(['a', 'b', 'c', 'z', 'untimed']);
  });

  it('keeps the registry’s own order where it sorted them (by name, or newest first across pages)', () => {
    expect(shownTags(loaded, 'time', 'server')).toBe(loaded);
    expect(shownTags(loaded, 'name', 'loaded')).toBe(loaded);
    expect(shownTags(loaded, 'name', 'loaded', 'server')).toBe(loaded);
  });

  it('sorts the loaded tags by code point where the registry sends names in its own order, as tags/list does', () => {
    const pages = [tag('r2', null), tag('r10', null), tag('r0', null), tag('r1', null)];
    expect(shownTags(pages, 'name', 'loaded', 'loaded').map((item) => item.name)).toEqual(['r0', 'r1', 'r10', 'r2']);
    expect(pages.map((item) => item.name)).toEqual(['r2', 'r10', 'r0', 'r1']);
    expect(shownTags(loaded, 'time', 'unavailable')).toBe(loaded);
  });
});
