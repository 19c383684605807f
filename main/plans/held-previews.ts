import { randomBytes } from 'node:crypto';
import { AppFailure } from '../app-errors/app-failure';
import type { Clock } from '../logging/clock';

const LIFETIME_MS = 30 * 60_000;
const MAX_HELD = 8;

/**
 * Previews whose secrets stay in main until the operator imports, leaves the screen, or half
 * an hour passes. Only the id crosses to the window.
 */
export function createHeldPreviews<T>(clock: Clock) {
  const held = new Map<string, { value: T; expiresAt: number }>();

  function dropExpired(): void {
    const now = clock.now().getTime();
    for (const [id, entry] of held) if (entry.expiresAt <= now) held.delete(id);
  }

  return {
    hold(value: T): string {
      dropExpired();
      while (held.size >= MAX_HELD) held.delete(held.keys().next().value!);
      const id = `scan_${[...randomBytes(16)].map((byte) => 'abcdefghijklmnopqrstuvwxyz0123456789'[byte % 36]).join('')}`;
      held.set(id, { value, expiresAt: clock.now().getTime() + LIFETIME_MS });
      return id;
    },
    get(id: string): T {
      dropExpired();
      const entry = held.get(id);
      if (!entry) throw new AppFailure('import.previewExpired');
      return entry.value;
    },
    discard: (id: string): boolean => held.delete(id),
  };
}
