import { randomUUID } from 'node:crypto';
import { AppFailure } from '../app-errors/app-failure';
import type { Clock } from '../logging/clock';

/** Long enough to read a preview of thousands of rows; short enough that the cluster has not moved on. */
export const PLAN_LIFETIME_MS = 15 * 60 * 1000;
const MAX_PLANS = 20;

/** Previewed plans by id until they expire; generic so every preview-then-apply capability keeps its plans the same way. */
export function createPlanStore<T extends { plan: { planId: string; expiresAt: string } }>(clock: Clock) {
  const plans = new Map<string, T>();

  function prune(): void {
    const now = clock.now().toISOString();
    for (const [id, stored] of plans) if (stored.plan.expiresAt <= now) plans.delete(id);
    while (plans.size > MAX_PLANS) plans.delete(plans.keys().next().value!);
  }

  return {
    newId: () => `plan_${randomUUID()}`,
    keep(stored: T): void {
      plans.set(stored.plan.planId, stored);
      prune();
    },
    get(planId: string): T {
      prune();
      const stored = plans.get(planId);
      if (!stored) throw new AppFailure('access.planNotFound');
      return stored;
    },
    /** Each plan is applied once: its resourceVersions are stale afterwards. */
    drop(planId: string): void {
      plans.delete(planId);
    },
  };
}
