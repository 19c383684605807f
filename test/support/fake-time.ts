// A fake clock and the timers it drives: a scheduler's wait of hours or days passes when the test
// moves the clock, and each timer fires in order, at its own time, on the way.
import type { Timers } from '../../main/logging/timers';

export function fakeTime(start: number) {
  let now = start;
  const pending: { at: number; run: () => void; id: number }[] = [];
  let nextId = 0;
  const timers: Timers = {
    setTimeout(run, ms) {
      const id = nextId++;
      pending.push({ at: now + ms, run, id });
      return id;
    },
    clearTimeout(handle) {
      const index = pending.findIndex((entry) => entry.id === handle);
      if (index >= 0) pending.splice(index, 1);
    },
  };
  return {
    clock: { now: () => new Date(now) },
    timers,
    pendingCount: () => pending.length,
    /** Moves the clock, firing every timer that falls due on the way, in order. */
    advance(ms: number) {
      const target = now + ms;
      for (;;) {
        pending.sort((a, b) => a.at - b.at);
        const due = pending[0];
        if (!due || due.at > target) break;
        pending.shift();
        now = due.at;
        due.run();
      }
      now = target;
    },
  };
}
