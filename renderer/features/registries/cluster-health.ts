import type { AccessState, AccessStatus, RegistryRefresh } from '../../../shared/access-contract';
import type { RegistryView } from '../../../shared/schemas';
import type { BadgeTone } from '../../ui/Badge';

/** Namespace states that are a problem, in the order the summary names them (worst first). */
const PROBLEM_STATES = ['forbidden', 'conflict', 'missing', 'drifted'] as const satisfies readonly AccessState[];
type ProblemState = (typeof PROBLEM_STATES)[number];

const PROBLEM_TONE: Record<ProblemState, BadgeTone> = { forbidden: 'error', conflict: 'error', missing: 'warn', drifted: 'warn' };

/** Severity for sorting and for the worst tone; unknown sits between healthy and a warning. */
const TONE_RANK: Partial<Record<BadgeTone, number>> = { ok: 0, neutral: 1, warn: 2, error: 3 };

/**
 * What the list says about a registry in the clusters, from what the app already knows: the saved
 * access settings, the last status check in this window, and the ECR refresh schedule.
 * none: its credentials go to no cluster; unchecked: they do, but no check has answered yet.
 */
export interface ClusterHealth {
  kind: 'none' | 'unchecked' | 'checked';
  tone: BadgeTone;
  /** Clusters the credentials go to; null when only a check could say (all clusters, all but some). */
  clusters: number | null;
  /** Clusters that could not be read, by why. */
  unreadable: { unreachable: number; forbidden: number };
  /** Namespaces not in sync, by state, worst first; only states with a count. */
  problems: { state: ProblemState; count: number }[];
  checkedAt: string | null;
  /** ECR: when the token is next renewed, or that the renewal failed. */
  renewal: { state: 'scheduled'; at: string } | { state: 'failed' } | null;
}

function targetsNoCluster(registry: RegistryView): boolean {
  const access = registry.access;
  return !access || (access.mode === 'inject-selected' && !access.allClusters && access.contexts.length === 0);
}

function plannedClusters(registry: RegistryView): number | null {
  const access = registry.access;
  return access && access.mode === 'inject-selected' && !access.allClusters ? access.contexts.length : null;
}

function renewalOf(refresh: RegistryRefresh | undefined): ClusterHealth['renewal'] {
  if (refresh?.state === 'failed') return { state: 'failed' };
  return refresh?.nextRefreshAt ? { state: 'scheduled', at: refresh.nextRefreshAt } : null;
}

const worse = (a: BadgeTone, b: BadgeTone): BadgeTone => ((TONE_RANK[b] ?? 1) > (TONE_RANK[a] ?? 1) ? b : a);

function checkedTone(health: Omit<ClusterHealth, 'tone'>): BadgeTone {
  let tone: BadgeTone = 'ok';
  if (health.unreadable.unreachable + health.unreadable.forbidden > 0) tone = 'error';
  for (const problem of health.problems) tone = worse(tone, PROBLEM_TONE[problem.state]);
  return tone;
}

function fromReport(report: AccessStatus, renewal: ClusterHealth['renewal']): ClusterHealth {
  const targeted = report.contexts.filter((context) => context.state !== 'not-targeted');
  const count = (record: Partial<Record<string, number>>, key: string) => (Object.hasOwn(record, key) ? (record[key] ?? 0) : 0);
  const base = {
    kind: report.configured && targeted.length > 0 ? ('checked' as const) : ('none' as const),
    clusters: targeted.length,
    unreadable: { unreachable: count(report.clusters, 'unreachable'), forbidden: count(report.clusters, 'forbidden') },
    problems: PROBLEM_STATES.map((state) => ({ state, count: count(report.counts, state) })).filter((problem) => problem.count > 0),
    checkedAt: report.checkedAt,
    renewal,
  };
  const tone = base.kind === 'none' ? 'neutral' : checkedTone(base);
  return { ...base, tone: renewal?.state === 'failed' ? 'error' : tone };
}

export function clusterHealth(registry: RegistryView, report: AccessStatus | undefined, refresh: RegistryRefresh | undefined): ClusterHealth {
  const renewal = registry.type === 'ecr' ? renewalOf(refresh) : null;
  if (report) return fromReport(report, renewal);
  const none = targetsNoCluster(registry);
  return {
    kind: none ? 'none' : 'unchecked',
    tone: renewal?.state === 'failed' ? 'error' : 'neutral',
    clusters: none ? 0 : plannedClusters(registry),
    unreadable: { unreachable: 0, forbidden: 0 },
    problems: [],
    checkedAt: null,
    renewal,
  };
}

/** Worst first: broken, then needs a look, then not known, then healthy. */
export const healthRank = (health: ClusterHealth): number => TONE_RANK[health.tone] ?? 1;
