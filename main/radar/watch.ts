// The radar's re-scan while the app is open, for its desktop notices: off unless the operator chose
// an interval and turned the notices on (a re-scan nobody is told about would only cost requests).
// One scan at a time: a tick that finds a scan under way (the operator's, or the last tick's still
// running) waits for the next one. Nothing runs while the app is closed; quitting aborts the scan
// under way and schedules nothing more. The notices themselves are the scan's (notices.ts).
import type { RadarReport, RadarRequest } from '../../shared/radar-contract';
import type { RadarRescan } from '../../shared/schemas';
import type { Logger } from '../logging/logger';
import type { Timers } from '../logging/timers';
import { AppFailure } from '../app-errors/app-failure';

const MINUTE_MS = 60_000;

export interface RadarWatchDependencies {
  /** The operator's choice, read at each tick and at each change: null when off. */
  choice: () => RadarRescan | null;
  /** The radar's own scan, which raises the notices. */
  scan: (request: RadarRequest, signal: AbortSignal) => Promise<RadarReport>;
  /** Whether a scan is under way (the operator's or this watch's). */
  scanning: () => boolean;
  timers: Timers;
  logger: Pick<Logger, 'warn'>;
}

export function createRadarWatch(deps: RadarWatchDependencies) {
  const quitting = new AbortController();
  let timer: unknown = null;
  /** The interval the pending timer was set for; a change of it starts a new wait. */
  let scheduledEvery: number | null = null;
  let running: Promise<void> | null = null;

  const failureName = (error: unknown) => (error instanceof AppFailure ? error.appError.code : error instanceof Error ? error.name : 'unknown');

  /** The choice, or none while the preferences cannot be read (the window says what is wrong with the file). */
  function choice(): RadarRescan | null {
    try {
      return deps.choice();
    } catch (error) {
      deps.logger.warn('radar re-scan stopped: preferences unreadable', { error: failureName(error) });
      return null;
    }
  }

  function clear(): void {
    if (timer !== null) deps.timers.clearTimeout(timer);
    timer = null;
    scheduledEvery = null;
  }

  function schedule(): void {
    clear();
    const chosen = choice();
    if (!chosen || quitting.signal.aborted) return;
    scheduledEvery = chosen.everyMinutes;
    timer = deps.timers.setTimeout(tick, chosen.everyMinutes * MINUTE_MS);
  }

  function tick(): void {
    timer = null;
    const chosen = choice();
    if (!chosen || quitting.signal.aborted) return clear();
    if (running || deps.scanning()) return schedule();
    running = deps
      .scan({ expiryWindowDays: chosen.windowDays }, quitting.signal)
      .then(
        () => undefined,
        (error: unknown) => {
          // A scan that fails as a whole (a settings file that cannot be read, say) is tried again at the next tick.
          if (!quitting.signal.aborted) deps.logger.warn('radar re-scan failed', { error: failureName(error) });
        },
      )
      .finally(() => {
        running = null;
        schedule();
      });
  }

  return {
    /** At start and after each change of the preferences: starts, stops or re-times the wait; a wait for the same interval goes on. */
    update(): void {
      const chosen = choice();
      if (!chosen) return clear();
      if (running || (timer !== null && scheduledEvery === chosen.everyMinutes)) return;
      schedule();
    },
    /** The re-scan under way, if any, settled (for tests and quit). */
    settled: async (): Promise<void> => {
      await running;
    },
    /** Whether a re-scan is waiting for its time. */
    waiting: (): boolean => timer !== null,
    stop(): void {
      quitting.abort();
      clear();
    },
  };
}
export type RadarWatch = ReturnType<typeof createRadarWatch>;
