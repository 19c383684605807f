import type { WindowState } from '../settings/settings-file';

export const WINDOW_MINIMUM = { width: 900, height: 600 } as const;
export const WINDOW_DEFAULT = { width: 1200, height: 800 } as const;

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Position is absent when the window should be centred on the primary display. */
export type WindowBounds = { width: number; height: number } | Rectangle;

// Enough of the window to grab its title bar and drag it back.
const VISIBLE_MARGIN = { width: 120, height: 40 };

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Where to open the window: where it was, unless that place is no longer on any display
 * (a monitor was unplugged, the resolution shrank); then centred, no larger than the largest display.
 */
export function restoreBounds(saved: WindowState | undefined, workAreas: readonly Rectangle[]): { bounds: WindowBounds; maximized: boolean } {
  const largest = workAreas.reduce((best, area) => (area.width * area.height > best.width * best.height ? area : best), {
    x: 0,
    y: 0,
    ...WINDOW_DEFAULT,
  });
  const size = {
    width: Math.max(WINDOW_MINIMUM.width, Math.min(saved?.width ?? WINDOW_DEFAULT.width, largest.width)),
    height: Math.max(WINDOW_MINIMUM.height, Math.min(saved?.height ?? WINDOW_DEFAULT.height, largest.height)),
  };
  if (!saved || saved.x === undefined || saved.y === undefined) return { bounds: size, maximized: saved?.maximized ?? false };
  const placed = { x: saved.x, y: saved.y, ...size };
  const visible = workAreas.some((area) => {
    const shared = overlap(placed, area);
    return shared.width >= VISIBLE_MARGIN.width && shared.height >= VISIBLE_MARGIN.height;
  });
  return { bounds: visible ? placed : size, maximized: saved.maximized };
}
