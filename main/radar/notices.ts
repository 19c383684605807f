// Desktop notices after a scan, off unless the operator turns them on: what is newly wrong since the
// scan before (a cell now failing or at risk, a login now expired or ending within the window). The
// first scan of a session counts everything it finds as new. Only counts and the window reach the
// notice: no cluster, namespace or registry name leaves the app through the OS notification centre.
import type { RadarReport } from '../../shared/radar-contract';
import { translate } from '../../shared/i18n';
import type { Language } from '../../shared/schemas';

export interface RadarNotice {
  title: string;
  body: string;
}

/** Shows a notice; Electron's Notification in the app, a recorder in tests. */
export type Notify = (notice: RadarNotice) => void;

export interface RadarNoticeSettings {
  /** Whether the operator turned notices on (off by default). */
  enabled: () => boolean;
  language: () => Language;
  notify: Notify;
}

function problems(report: RadarReport): { cells: Set<string>; expiries: Set<string> } {
  const cells = new Set(report.cells.filter((cell) => cell.worst === 'fail' || cell.worst === 'warn').map((cell) => JSON.stringify([cell.context, cell.namespace, cell.registry, cell.worst])));
  const expiries = new Set(
    report.expiries
      .filter((row) => row.state === 'expired' || row.state === 'soon')
      .map((row) => JSON.stringify([row.what, row.registry, row.username, row.context, row.namespace, row.secret, row.savedAs ?? null, row.state])),
  );
  return { cells, expiries };
}

const added = (before: Set<string> | undefined, after: Set<string>): number => [...after].filter((key) => !before?.has(key)).length;

/** The notice for what `next` finds that `previous` did not, or null when nothing is new. */
export function radarNotice(previous: RadarReport | null, next: RadarReport, windowDays: number, language: Language): RadarNotice | null {
  const before = previous ? problems(previous) : undefined;
  const after = problems(next);
  const cells = added(before?.cells, after.cells);
  const expiries = added(before?.expiries, after.expiries);
  if (cells + expiries === 0) return null;
  return {
    title: translate(language, 'radar.notice.title'),
    body: [cells > 0 ? translate(language, 'radar.notice.cells', { count: cells }) : '', expiries > 0 ? translate(language, 'radar.notice.expiries', { count: expiries, days: windowDays }) : ''].filter(Boolean).join(' '),
  };
}

/** Remembers the last report and tells the operator, when asked to, what each scan finds anew. */
export function createRadarNotices(settings: RadarNoticeSettings | undefined) {
  let last: RadarReport | null = null;
  return (report: RadarReport, windowDays: number): void => {
    const previous = last;
    last = report;
    if (!settings?.enabled()) return;
    const notice = radarNotice(previous, report, windowDays, settings.language());
    if (notice) settings.notify(notice);
  };
}
