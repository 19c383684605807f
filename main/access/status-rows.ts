import { AccessStateSchema, type AccessState, type ContextStatusRows, type StatusRow } from '../../shared/access-contract';
import { emptyStateCounts } from '../plans/state-counts';
import { writesAccount, writesSecret, type ContextWork, type NamespaceWork } from './plan-work';

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
const SEVERITY: AccessState[] = [...AccessStateSchema.options].reverse();

/** A secret in these states cannot serve a pull, whatever the ServiceAccount lists. */
const UNUSABLE: ReadonlySet<AccessState> = new Set(['forbidden', 'conflict', 'missing']);

const worstOf = (states: Iterable<AccessState>): AccessState => {
  const present = new Set(states);
  return SEVERITY.find((state) => present.has(state)) ?? 'in-sync';
};

/** The row's own action, as the plan would offer it: adopt a foreign secret, else remove when all apply would write is a removal, else repair. */
function fixOf(work: NamespaceWork): StatusRow['fix'] {
  if (work.secrets.some(({ step }) => step.action === 'conflict' && step.reason === 'foreign')) return 'adopt';
  const writes = [...work.secrets.filter(writesSecret), ...work.serviceAccounts.filter(writesAccount)];
  if (writes.length === 0) return undefined;
  return writes.every(({ step }) => step.action === 'remove') ? 'remove' : 'repair';
}

function statusRow(work: NamespaceWork): StatusRow {
  const secrets = work.secrets.map(({ step }) => ({
    name: step.name,
    state: SECRET_STATE[step.action] ?? 'drifted',
    ...(step.reason ? { reason: step.reason } : {}),
    ...(step.expiresAt ? { expiresAt: step.expiresAt } : {}),
  }));
  // An account that already names an unusable secret is not in sync: its reference leads nowhere.
  const blocked = secrets.some((secret) => UNUSABLE.has(secret.state));
  const serviceAccounts = work.serviceAccounts.map(({ step }) => {
    const state = ACCOUNT_STATE[step.action] ?? 'drifted';
    return { name: step.name, state, ...(blocked && state === 'in-sync' ? { blocked: true } : {}) };
  });
  const fix = fixOf(work);
  return { namespace: work.namespace, state: worstOf([...secrets, ...serviceAccounts].map((entry) => entry.state)), secrets, serviceAccounts, ...(fix ? { fix } : {}) };
}

function earliest(times: (string | undefined)[]): string | undefined {
  return times.filter((time): time is string => time !== undefined).sort()[0];
}

/** Status is the plan read the other way round: what apply would do is what is out of sync. */
export function contextStatusRows(work: ContextWork): ContextStatusRows {
  const counts = emptyStateCounts();
  if (work.state === 'unreachable' || work.state === 'broken' || work.state === 'forbidden') {
    const state = work.state === 'forbidden' ? 'forbidden' : 'unreachable';
    return { context: work.context, state, ...(work.error ? { error: work.error } : {}), counts, worst: state, problems: 0, rows: [] };
  }
  const rows = work.namespaces.map(statusRow);
  for (const row of rows) counts[row.state] += 1;
  const expiresAt = earliest(rows.flatMap((row) => row.secrets.map((secret) => secret.expiresAt)));
  const problems = rows.filter((row) => row.state !== 'in-sync').length;
  const state = work.state === 'targeted' ? 'checked' : 'not-targeted';
  return { context: work.context, state, counts, worst: worstOf(rows.map((row) => row.state)), problems, rows, ...(expiresAt ? { expiresAt } : {}) };
}
