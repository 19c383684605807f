// Where the keys move the focus in the browser's lists: by one in a list, by a line in a grid,
// stopping at the ends rather than wrapping, and never sideways for a line that is short.
import { describe, expect, it } from 'vitest';
import { arrowTarget } from '../../renderer/ui/arrow-keys';

describe('arrowTarget', () => {
  it('moves by one in a list and stops at its ends', () => {
    expect(arrowTarget('ArrowDown', 0, 3)).toBe(1);
    expect(arrowTarget('ArrowDown', 2, 3)).toBe(2);
    expect(arrowTarget('ArrowUp', 0, 3)).toBe(0);
    expect(arrowTarget('Home', 2, 3)).toBe(0);
    expect(arrowTarget('End', 0, 3)).toBe(2);
    expect(arrowTarget('PageDown', 0, 300, { page: 10 })).toBe(10);
    expect(arrowTarget('PageUp', 5, 300, { page: 10 })).toBe(0);
    expect(arrowTarget('PageDown', 295, 300, { page: 10 })).toBe(299);
  });

  it('moves by a line in a grid, and not at all below a short last line', () => {
    // 4 columns, 6 names: the second line holds 4 and 5.
    expect(arrowTarget('ArrowDown', 1, 6, { columns: 4 })).toBe(5);
    expect(arrowTarget('ArrowDown', 2, 6, { columns: 4 })).toBe(2);
    expect(arrowTarget('ArrowUp', 5, 6, { columns: 4 })).toBe(1);
    expect(arrowTarget('ArrowRight', 3, 6, { columns: 4 })).toBe(4);
    expect(arrowTarget('ArrowLeft', 0, 6, { columns: 4 })).toBe(0);
  });

  it('leaves other keys and empty lists alone', () => {
    expect(arrowTarget('Enter', 0, 3)).toBeNull();
    expect(arrowTarget('a', 0, 3)).toBeNull();
    expect(arrowTarget('ArrowDown', 0, 0)).toBeNull();
  });
});
