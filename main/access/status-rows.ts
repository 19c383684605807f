import type { AccessState, ContextStatusRows, StatusRow } from '../../shared/access-contract';
import { emptyStateCounts } from '../plans/state-counts';
import type { ContextWork, NamespaceWork } from './plan-work';

const SECRET_STATE: Record<string, AccessState> = {
  unchanged: 'in-sync',
  update: 'drifted',
  remove: 'drifted',
  create: 'missing',
  missing: 'missing',
  'namespace-missing': 'missing',
  conflict: 'conflict',
  unusable: 'conflict',
  forbidden: 'forbidden',
};

const ACCOUNT_STATE: Record<string, AccessState> = {
  unchanged: 'in-sync',
  add: 'missing',
  missing: 'missing',
  remove: 'drifted',
  forbidden: 'forbidden',
};

/** Worst first: the row shows the state that needs the operator most. */
const SEVERITY: AccessState[] = ['unreachable', 'forbidden', 'conflict', 'missing', 'drifted', 'in-sync'];

function statusRow(work: NamespaceWork): StatusRow {
  const secrets = work.secrets.map(({ step }) => ({
    name: step.name,
    state: SECRET_STATE[step.action] ?? 'drifted',
    ...(step.reason ? { reason: step.reason } : {}),
    ...(step.expiresAt ? { expiresAt: step.expiresAt } : {}),
  }));
  const serviceAccounts = work.serviceAccounts.map(({ step }) => ({ name: step.name, state: ACCOUNT_STATE[step.action] ?? 'drifted' }));
  const states = new Set([...secrets, ...serviceAccounts].map((entry) => entry.state));
  return { namespace: work.namespace, state: SEVERITY.find((state) => states.has(state)) ?? 'in-sync', secrets, serviceAccounts };
}

function earliest(times: (string | undefined)[]): string | undefined {
  return times.filter((time): time is string => time !== undefined).sort()[0];
}

/** Status is the plan read the other way round: what apply would do is what is out of sync. */
export function contextStatusRows(work: ContextWork): ContextStatusRows {
  const counts = emptyStateCounts();
  if (work.state === 'unreachable' || work.state === 'broken' || work.state === 'forbidden') {
    return { context: work.context, state: work.state === 'forbidden' ? 'forbidden' : 'unreachable', ...(work.error ? { error: work.error } : {}), counts, rows: [] };
  }
  const rows = work.namespaces.map(statusRow);
  for (const row of rows) counts[row.state] += 1;
  const expiresAt = earliest(rows.flatMap((row) => row.secrets.map((secret) => secret.expiresAt)));
  return { context: work.context, state: work.state === 'targeted' ? 'checked' : 'not-targeted', counts, rows, ...(expiresAt ? { expiresAt } : {}) };
}
