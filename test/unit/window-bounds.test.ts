import { describe, expect, it } from 'vitest';
import { restoreBounds } from '../../main/shell/window-bounds';

const laptop = { x: 0, y: 0, width: 1440, height: 870 };
const monitor = { x: 1440, y: 0, width: 2560, height: 1400 };

describe('restoring the window where it was', () => {
  it('opens centred at the default size the first time', () => {
    expect(restoreBounds(undefined, [laptop])).toEqual({ bounds: { width: 1200, height: 800 }, maximized: false });
  });

  it('reopens where it was left when that place is still on a display', () => {
    const saved = { x: 1600, y: 100, width: 1400, height: 900, maximized: true };
    expect(restoreBounds(saved, [laptop, monitor])).toEqual({ bounds: { x: 1600, y: 100, width: 1400, height: 900 }, maximized: true });
  });

  it('comes back centred when its monitor is gone, no larger than the display left', () => {
    const saved = { x: 1600, y: 100, width: 2400, height: 1300, maximized: false };
    expect(restoreBounds(saved, [laptop])).toEqual({ bounds: { width: 1440, height: 870 }, maximized: false });
  });

  it('counts a sliver at the edge as gone: the title bar must be reachable', () => {
    const saved = { x: 1400, y: 100, width: 1000, height: 700, maximized: false };
    expect(restoreBounds(saved, [laptop]).bounds).toEqual({ width: 1000, height: 700 });
  });

  it('never goes below the minimum size', () => {
    const saved = { x: 10, y: 10, width: 200, height: 100, maximized: false };
    expect(restoreBounds(saved, [laptop]).bounds).toEqual({ x: 10, y: 10, width: 900, height: 600 });
  });
});
