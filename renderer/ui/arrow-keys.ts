/** How far Page Up and Page Down move in a list whose rows have no fixed page. */
const PAGE_ROWS = 10;

/**
 * Where a key moves the focus in a list or grid of `count` items, from `at`: left and right by one, up and
 * down by a line of `columns`, Home and End to the ends, Page Up/Down by `page` rows; null for a
 * key that does not move it. Stops at the ends rather than wrapping: in a long listing, wrapping
 * from the first tag to the 1,200th is a jump nobody asked for.
 */
export function arrowTarget(key: string, at: number, count: number, { columns = 1, page = PAGE_ROWS }: { columns?: number; page?: number } = {}): number | null {
  if (count === 0) return null;
  const last = count - 1;
  const clamp = (index: number) => Math.min(last, Math.max(0, index));
  switch (key) {
    // In a grid, no name below (the last line is short) means no move, not a jump sideways.
    case 'ArrowDown':
      return at + columns <= last ? at + columns : at;
    case 'ArrowUp':
      return at - columns >= 0 ? at - columns : at;
    case 'ArrowRight':
      return clamp(at + 1);
    case 'ArrowLeft':
      return clamp(at - 1);
    case 'Home':
      return 0;
    case 'End':
      return last;
    case 'PageDown':
      return clamp(at + page * columns);
    case 'PageUp':
      return clamp(at - page * columns);
    default:
      return null;
  }
}

/** A key that belongs to a text field (or a select) the operator is in, not to a shortcut of the screen. */
export function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
