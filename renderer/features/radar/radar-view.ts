import { registryOfKey, type ExpiryRow, type HygieneFinding, type PullCheck, type PullSecretRow, type RadarCell, type RadarReport, type WorkloadRow } from '../../../shared/radar-contract';

// What the screen shows of a report: the matrix rows after the filters, one cell's details, and
// the expiry timeline. Pure functions of the report, the filters and the time.

export type Tone = RadarCell['worst'];
// Not read ranks below what was found wrong or could not be checked, above OK: a gap, not a problem found.
export const TONE_RANK: Record<Tone, number> = { fail: 4, warn: 3, unknown: 2, unread: 1, pass: 0 };
const DAY_MS = 86_400_000;

export type ShowFilter = 'problems' | 'problemsOnly' | 'all';
export interface RadarFilters {
  show: ShowFilter;
  /** '' for every registry. */
  registry: string;
  /** Only namespaces with an expiry ending within this many days (ended ones included); null for any time. */
  windowDays: number | null;
}

/** Ended, or ends within `days` of `now`; an expiry nobody can date never counts. */
export function endsWithin(expiry: ExpiryRow, now: number, days: number | null): boolean {
  if (days === null) return true;
  const at = expiry.expiresAt ? Date.parse(expiry.expiresAt) : Number.NaN;
  return Number.isFinite(at) && at <= now + days * DAY_MS;
}

export interface MatrixRow {
  key: string;
  context: string;
  namespace: string;
  worst: Tone;
  cells: Map<string, RadarCell>;
}

const placeKey = (context: string | null, namespace: string | null) => JSON.stringify([context, namespace]);
const byName = (a: MatrixRow, b: MatrixRow) => a.context.localeCompare(b.context) || a.namespace.localeCompare(b.namespace);

/** The registries that are columns: every one in the report, or the one chosen. */
export function registryColumns(report: RadarReport, registry: string): string[] {
  const all = [...new Set(report.cells.map((cell) => cell.registry))].sort();
  return registry === '' ? all : all.filter((name) => name === registry);
}

/** One row per cluster and namespace with a cell in a shown registry, ordered and filtered as asked. */
export function matrixRows(report: RadarReport, filters: RadarFilters, now: number): MatrixRow[] {
  const shown = new Set(registryColumns(report, filters.registry));
  const ending = report.expiries.filter((row) => (filters.registry === '' || row.registry === filters.registry) && endsWithin(row, now, filters.windowDays));
  const expiring = new Set(ending.filter((row) => row.context !== null).map((row) => placeKey(row.context, row.namespace)));
  // A saved login or an uploaded CA has no place: when it ends, every namespace pulling from its registry is hit.
  const expiringRegistries = new Set(ending.filter((row) => row.context === null).map((row) => row.registry));
  const rows = new Map<string, MatrixRow>();
  for (const cell of report.cells) {
    if (!shown.has(cell.registry)) continue;
    const key = placeKey(cell.context, cell.namespace);
    const row = rows.get(key) ?? { key, context: cell.context, namespace: cell.namespace, worst: 'pass', cells: new Map() };
    row.cells.set(cell.registry, cell);
    if (TONE_RANK[cell.worst] > TONE_RANK[row.worst]) row.worst = cell.worst;
    rows.set(key, row);
  }
  let list = [...rows.values()];
  if (filters.windowDays !== null) list = list.filter((row) => expiring.has(row.key) || [...row.cells.keys()].some((registry) => expiringRegistries.has(registry)));
  if (filters.show === 'problemsOnly') list = list.filter((row) => row.worst === 'fail' || row.worst === 'warn');
  return filters.show === 'all' ? list.sort(byName) : list.sort((a, b) => TONE_RANK[b.worst] - TONE_RANK[a.worst] || byName(a, b));
}

export interface WorkloadDetail {
  workload: WorkloadRow;
  containers: { container: WorkloadRow['containers'][number]; check: PullCheck | undefined }[];
}

export interface CellDetail {
  workloads: WorkloadDetail[];
  secrets: PullSecretRow[];
  expiries: ExpiryRow[];
  findings: HygieneFinding[];
}

/** Everything the report knows about one cell: the workloads pulling from its registry, its secrets, their expiries and findings. */
export function cellDetail(report: RadarReport, cell: Pick<RadarCell, 'context' | 'namespace' | 'registry'>): CellDetail {
  const checks = new Map(report.checks.map((check) => [check.id, check]));
  const here = <T extends { context: string | null; namespace: string | null }>(row: T) => row.context === cell.context && row.namespace === cell.namespace;
  const workloads = report.workloads.filter(here).flatMap((workload) => {
    const containers = workload.containers.map((container) => ({ container, check: checks.get(container.check) })).filter(({ check }) => (check?.registry || '—') === cell.registry);
    return containers.length > 0 ? [{ workload, containers }] : [];
  });
  const secrets = report.pullSecrets.filter((secret) => here(secret) && secret.entries.some((entry) => registryOfKey(entry.key) === cell.registry));
  const names = new Set(secrets.map((secret) => secret.name));
  // A secret the cell's workloads name but that is missing or unusable holds no entry for the registry: its finding belongs here too.
  const named = new Set(workloads.flatMap(({ workload }) => workload.pullSecrets));
  const expiries = report.expiries.filter((row) => row.registry === cell.registry && (row.context === null || (here(row) && names.has(row.secret ?? ''))));
  // A stale copy is said where each copy is (its fix rewrites them all), not only where the first was read.
  const holdsCopy = (finding: HygieneFinding) => registryOfKey(String(finding.params.registry ?? '')) === cell.registry && (finding.places ?? []).some((place) => here(place) && names.has(place.secret));
  const findings = report.findings.filter((finding) => (here(finding) && (finding.params.registry === cell.registry || names.has(String(finding.params.secret ?? '')) || named.has(String(finding.params.secret ?? '')))) || holdsCopy(finding));
  return { workloads, secrets, expiries, findings };
}

export type TimelineEntry =
  /** A running pod that cannot start again: its image is only on the node (cached), or pulled at every start and refused now (pullFails). */
  | { kind: 'cached' | 'pullFails'; key: string; workload: WorkloadRow; image: string; check: PullCheck }
  | { kind: 'expiry'; key: string; expiry: ExpiryRow; affects: string[]; restartFails: boolean };
type ExpiryEntry = Extract<TimelineEntry, { kind: 'expiry' }>;

/** Who breaks when a login ends: the workloads naming its secret, or for a certificate every workload on its registry. */
function affected(report: RadarReport, expiry: ExpiryRow, checks: Map<string, PullCheck>): string[] {
  // Registry Desk's own login or uploaded CA: the clusters pull with their own secrets, not with it.
  if (expiry.savedAs !== undefined) return [];
  if (expiry.context === null) {
    const onRegistry = report.workloads.filter((workload) => workload.containers.some((container) => checks.get(container.check)?.registry === expiry.registry));
    return onRegistry.map((workload) => `${workload.context}/${workload.namespace}/${workload.kind}/${workload.name}`);
  }
  return report.workloads.filter((workload) => workload.context === expiry.context && workload.namespace === expiry.namespace && workload.pullSecrets.includes(expiry.secret ?? '')).map((workload) => `${workload.kind}/${workload.name}`);
}

/**
 * Running pods whose next start fails: those pulling again at every start (pull policy Always, or
 * `:latest`) whose pull fails now first, then those the node's copy alone keeps running.
 */
function restartFails(report: RadarReport, checks: Map<string, PullCheck>, registry: string): TimelineEntry[] {
  const entries = report.workloads.flatMap((workload) =>
    workload.containers.flatMap((container) => {
      const check = checks.get(container.check);
      if (!check || (registry !== '' && check.registry !== registry)) return [];
      // A refused pull reads "fails" rather than "cached-only" only when kubelet pulls again at every start.
      const kind: 'cached' | 'pullFails' | null = check.verdict === 'cached-only' ? 'cached' : check.verdict === 'fails' && container.running.length > 0 ? 'pullFails' : null;
      if (kind === null) return [];
      return [{ kind, key: `${kind}:${workload.context}/${workload.namespace}/${workload.kind}/${workload.name}/${container.name}`, workload, image: container.image, check }];
    }),
  );
  return [...entries.filter((entry) => entry.kind === 'pullFails'), ...entries.filter((entry) => entry.kind === 'cached')];
}

/**
 * Pods that run but cannot start again first (their pull refused now, node-cache only, or a login that ended under them),
 * then every dated expiry by date; over any time, the logins nobody can date last, said unknown.
 */
export function timeline(report: RadarReport, now: number, windowDays: number | null, registry: string): TimelineEntry[] {
  const checks = new Map(report.checks.map((check) => [check.id, check]));
  const undated = (expiry: ExpiryRow) => expiry.expiresAt === null || !Number.isFinite(Date.parse(expiry.expiresAt));
  const expiries = report.expiries
    .map((expiry, index) => ({ expiry, index }))
    .filter(({ expiry }) => (registry === '' || expiry.registry === registry) && (undated(expiry) ? windowDays === null : endsWithin(expiry, now, windowDays)))
    .map(({ expiry, index }): ExpiryEntry & { at: number } => {
      const affects = affected(report, expiry, checks);
      const at = undated(expiry) ? Number.POSITIVE_INFINITY : Date.parse(expiry.expiresAt!);
      return { kind: 'expiry', key: `expiry:${index}`, expiry, affects, restartFails: at <= now && affects.length > 0, at };
    })
    .sort((a, b) => Number(b.restartFails) - Number(a.restartFails) || (a.at === b.at ? 0 : a.at < b.at ? -1 : 1))
    .map(({ at: _at, ...entry }): ExpiryEntry => entry);
  return [...restartFails(report, checks, registry), ...expiries];
}

/**
 * What a partly read context says: the kinds refused and not read otherwise, those read namespace
 * by namespace, and each namespace not read with the kinds it refused — none named when it refused
 * every one of them.
 */
export function contextReading(row: RadarReport['contexts'][number]): { refused: string[]; byNamespace: string[]; unread: { namespace: string; resources: string[] }[]; notTried: RadarReport['contexts'][number]['error'] } {
  const byNamespace = row.readByNamespace.map((entry) => entry.resource);
  const refused = [...new Set(row.refused.filter((refusal) => refusal.namespace === undefined && !byNamespace.includes(refusal.resource)).map((refusal) => refusal.resource))];
  const unread = new Map<string, string[]>();
  for (const refusal of row.refused) if (refusal.namespace !== undefined) unread.set(refusal.namespace, [...(unread.get(refusal.namespace) ?? []), refusal.resource]);
  return {
    refused,
    byNamespace,
    notTried: row.refused.find((refusal) => refusal.error.code === 'radar.namespacesNotTried')?.error ?? null,
    unread: [...unread]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([namespace, resources]) => ({ namespace, resources: byNamespace.every((resource) => resources.includes(resource)) ? [] : resources })),
  };
}
