import type { NamespacePlan, NamespaceResult } from '../../../../shared/access-contract';

export type PlanFilter = 'all' | 'changes' | 'problems';

const CHANGES = new Set(['create', 'update', 'remove', 'add']);
const PROBLEMS = new Set(['conflict', 'forbidden', 'missing', 'unusable', 'namespace-missing']);
const FAILED_OUTCOMES = new Set(['failed', 'skipped', 'cancelled']);

type Row = NamespacePlan | NamespaceResult;
type Step = { action: string; outcome?: string };

/** A result step is judged by what happened, a plan step by what will: a done create is a change, not a problem. */
function stepMatches(step: Step, filter: Exclude<PlanFilter, 'all'>): boolean {
  if (step.outcome !== undefined) return filter === 'changes' ? step.outcome === 'done' : FAILED_OUTCOMES.has(step.outcome);
  return (filter === 'changes' ? CHANGES : PROBLEMS).has(step.action);
}

export function filterRows<T extends Row>(rows: T[], filter: PlanFilter, search: string): T[] {
  const needle = search.trim().toLowerCase();
  return rows.filter((row) => {
    if (needle !== '' && !row.namespace.includes(needle)) return false;
    if (filter === 'all') return true;
    const steps: Step[] = [...row.secrets, ...row.serviceAccounts];
    return steps.some((step) => stepMatches(step, filter));
  });
}
