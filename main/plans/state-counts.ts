import type { AccessState } from '../../shared/access-contract';

/** Zero rows in each state: where the counts of a status, Manage access's or the in-cluster sync's, start. */
export const emptyStateCounts = (): Record<AccessState, number> => ({
  'in-sync': 0,
  drifted: 0,
  missing: 0,
  conflict: 0,
  forbidden: 0,
  unreachable: 0,
});
