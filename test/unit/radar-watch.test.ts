// The radar's re-scan while the app is open, on a fake clock: off by default, one scan per chosen
// interval, never two at once (its own or the operator's), re-timed when the interval changes, and
// nothing after quit — the scan under way aborted.
import { describe, expect, it } from 'vitest';
import type { RadarReport, RadarRequest } from '../../shared/radar-contract';
import type { RadarRescan } from '../../shared/schemas';
import { createRadarWatch } from '../../main/radar/watch';
import { fakeTime } from '../support/fake-time';

const T0 = Date.parse('2031-01-06T09:00:00Z');
const MINUTE = 60_000;

function setup(initial: RadarRescan | null) {
  const time = fakeTime(T0);
  let chosen = initial;
  let operatorScanning = false;
  const scans: { request: RadarRequest; signal: AbortSignal; at: number; finish: () => void }[] = [];
  const watch = createRadarWatch({
    choice: () => chosen,
    scan: (request, signal) =>
      new Promise<RadarReport>((resolve) => {
        scans.push({ request, signal, at: time.clock.now().getTime(), finish: () => resolve({} as RadarReport) });
      }),
    scanning: () => operatorScanning,
    timers: time.timers,
    logger: { warn: () => undefined },
  });
  return {
    time,
    watch,
    scans,
    choose: (value: RadarRescan | null) => {
      chosen = value;
      watch.update();
    },
    setOperatorScanning: (value: boolean) => (operatorScanning = value),
  };
}

describe('the radar re-scan while the app is open', () => {
  it('waits for nothing while off (the default)', () => {
    const { time, watch, scans } = setup(null);
    watch.update();
    expect(time.pendingCount()).toBe(0);
    time.advance(24 * 60 * MINUTE);
    expect(scans).toEqual([]);
  });

  it('scans once per chosen interval with the chosen window, the next wait starting when the scan ends', async () => {
    const { time, watch, scans } = setup({ everyMinutes: 15, windowDays: 7 });
    watch.update();
    time.advance(14 * MINUTE);
    expect(scans).toHaveLength(0);
    time.advance(MINUTE);
    expect(scans.map((scan) => [scan.request, scan.at - T0])).toEqual([[{ expiryWindowDays: 7 }, 15 * MINUTE]]);
    // While the scan runs, no other is due, however long it takes.
    time.advance(60 * MINUTE);
    expect(scans).toHaveLength(1);
    expect(time.pendingCount()).toBe(0);
    scans[0]!.finish();
    await watch.settled();
    expect(time.pendingCount()).toBe(1);
    time.advance(15 * MINUTE);
    expect(scans.map((scan) => scan.at - T0)).toEqual([15 * MINUTE, 90 * MINUTE]);
  });

  it('lets a tick pass while the operator’s own scan runs, and scans at the next', () => {
    const { time, watch, scans, setOperatorScanning } = setup({ everyMinutes: 60, windowDays: 14 });
    watch.update();
    setOperatorScanning(true);
    time.advance(60 * MINUTE);
    expect(scans).toHaveLength(0);
    expect(time.pendingCount()).toBe(1);
    setOperatorScanning(false);
    time.advance(60 * MINUTE);
    expect(scans.map((scan) => scan.at - T0)).toEqual([120 * MINUTE]);
  });

  it('re-times the wait when the interval changes, keeps it when only the window does, and stops when turned off', async () => {
    const { time, watch, scans, choose } = setup(null);
    choose({ everyMinutes: 240, windowDays: 7 });
    time.advance(100 * MINUTE);
    choose({ everyMinutes: 240, windowDays: 30 });
    time.advance(140 * MINUTE);
    expect(scans.map((scan) => [scan.request.expiryWindowDays, scan.at - T0])).toEqual([[30, 240 * MINUTE]]);
    scans[0]!.finish();
    await watch.settled();
    expect(time.pendingCount()).toBe(1);
    choose(null);
    expect(time.pendingCount()).toBe(0);
    choose({ everyMinutes: 15, windowDays: 7 });
    choose({ everyMinutes: 60, windowDays: 7 });
    expect(time.pendingCount()).toBe(1);
  });

  it('aborts the scan under way at quit and schedules nothing after it', async () => {
    const { time, watch, scans } = setup({ everyMinutes: 15, windowDays: 7 });
    watch.update();
    time.advance(15 * MINUTE);
    expect(scans[0]!.signal.aborted).toBe(false);
    watch.stop();
    expect(scans[0]!.signal.aborted).toBe(true);
    scans[0]!.finish();
    await watch.settled();
    watch.update();
    expect(time.pendingCount()).toBe(0);
    time.advance(24 * 60 * MINUTE);
    expect(scans).toHaveLength(1);
  });

  it('stops, and says so in the log, while the preferences cannot be read', () => {
    const time = fakeTime(T0);
    const warnings: string[] = [];
    const watch = createRadarWatch({
      choice: () => {
        throw new Error('settings unreadable');
      },
      scan: () => Promise.reject(new Error('not called')),
      scanning: () => false,
      timers: time.timers,
      logger: { warn: (message) => warnings.push(message) },
    });
    watch.update();
    expect(time.pendingCount()).toBe(0);
    expect(warnings).toEqual(['radar re-scan stopped: preferences unreadable']);
  });
});
