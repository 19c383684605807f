// Desktop notices after a scan, off unless the operator turns them on: what no scan of this session
// found before (a cell now failing or at risk, a login now expired or ending within the window), each
// told once, however many scans (the operator's or the re-scan's, watch.ts) find it again, and even
// after it went away for a scan. What scans found while notices were off counts as known. The first
// scan of a session counts everything it finds as new. Only counts and the window reach the notice:
// no cluster, namespace or registry name leaves the app through the OS notification centre.
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

type Problems = ReturnType<typeof problems>;
const added = (known: Set<string>, found: Set<string>): number => [...found].filter((key) => !known.has(key)).length;

/** The notice for what `found` holds that is not `known`, or null when nothing is new. */
function radarNotice(known: Problems, found: Problems, windowDays: number, language: Language): RadarNotice | null {
  const cells = added(known.cells, found.cells);
  const expiries = added(known.expiries, found.expiries);
  if (cells + expiries === 0) return null;
  return {
    title: translate(language, 'radar.notice.title'),
    body: [cells > 0 ? translate(language, 'radar.notice.cells', { count: cells }) : '', expiries > 0 ? translate(language, 'radar.notice.expiries', { count: expiries, days: windowDays }) : ''].filter(Boolean).join(' '),
  };
}

/** Remembers every problem the session's scans found and tells the operator, when asked to, of those no scan found before. */
export function createRadarNotices(settings: RadarNoticeSettings | undefined) {
  const known: Problems = { cells: new Set(), expiries: new Set() };
  return (report: RadarReport, windowDays: number): void => {
    const found = problems(report);
    const notice = settings?.enabled() ? radarNotice(known, found, windowDays, settings.language()) : null;
    for (const key of found.cells) known.cells.add(key);
    for (const key of found.expiries) known.expiries.add(key);
    if (notice) settings?.notify(notice);
  };
}
