// Desktop notices after a scan, off unless the operator turns them on: what the scans before did not
// find (a cell now failing or at risk, a login now expired or ending within the window), each told
// once however many scans (the operator's or the re-scan's, watch.ts) find it again in a row. What is
// remembered is what the last scan found, plus what earlier scans found where the last one could not
// read (a context down, a namespace refused): a problem hidden by a read that failed is not new when
// it shows again, while one fixed and broken again is. So the memory is bounded by one fleet's
// problems, however long the app stays open. What scans found while notices were off counts as known;
// the first scan of a session counts everything it finds as new. Only counts and the window reach the
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

/** A problem's key, with where it was found (null for a saved login or a registry's certificate). */
type Problem = { key: string; context: string | null; namespace: string | null };
type Problems = { cells: Map<string, Problem>; expiries: Map<string, Problem> };

const keyed = (problems: Problem[]): Map<string, Problem> => new Map(problems.map((problem) => [problem.key, problem]));

function problems(report: RadarReport): Problems {
  const cells = report.cells
    .filter((cell) => cell.worst === 'fail' || cell.worst === 'warn')
    .map((cell) => ({ key: JSON.stringify([cell.context, cell.namespace, cell.registry, cell.worst]), context: cell.context, namespace: cell.namespace }));
  const expiries = report.expiries
    .filter((row) => row.state === 'expired' || row.state === 'soon')
    .map((row) => ({ key: JSON.stringify([row.what, row.registry, row.username, row.context, row.namespace, row.secret, row.savedAs ?? null, row.state]), context: row.context, namespace: row.namespace }));
  return { cells: keyed(cells), expiries: keyed(expiries) };
}

/**
 * Whether the scan could not see where a problem was: its context failed, or a list was refused
 * there — in its namespace, or cluster-wide and not read in its namespace one by one instead.
 */
function unseenIn(report: RadarReport): (problem: Problem) => boolean {
  const contexts = new Map(report.contexts.map((row) => [row.context, row]));
  return ({ context, namespace }) => {
    const row = context === null ? undefined : contexts.get(context);
    if (!row) return false;
    const readThere = (resource: string) => namespace !== null && row.readByNamespace.some((read) => read.resource === resource && read.namespaces.includes(namespace));
    return row.state === 'failed' || row.refused.some((refusal) => (refusal.namespace === undefined ? !readThere(refusal.resource) : refusal.namespace === namespace));
  };
}

/** What the next scan compares with: this scan's problems, and the earlier ones where this scan could not see. */
function remembered(known: Map<string, Problem>, found: Map<string, Problem>, unseen: (problem: Problem) => boolean): Map<string, Problem> {
  const next = new Map(found);
  for (const [key, problem] of known) if (!next.has(key) && unseen(problem)) next.set(key, problem);
  return next;
}

const added = (known: Map<string, Problem>, found: Map<string, Problem>): number => [...found.keys()].filter((key) => !known.has(key)).length;

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

/** Remembers the problems the scans found (see above) and tells the operator, when asked to, of those new to them. */
export function createRadarNotices(settings: RadarNoticeSettings | undefined) {
  let known: Problems = { cells: new Map(), expiries: new Map() };
  const notify = (report: RadarReport, windowDays: number): void => {
    const found = problems(report);
    const notice = settings?.enabled() ? radarNotice(known, found, windowDays, settings.language()) : null;
    const unseen = unseenIn(report);
    known = { cells: remembered(known.cells, found.cells, unseen), expiries: remembered(known.expiries, found.expiries, unseen) };
    if (notice) settings?.notify(notice);
  };
  return Object.assign(notify, {
    /** How many problems are remembered (for the bound's test). */
    remembered: (): number => known.cells.size + known.expiries.size,
  });
}
