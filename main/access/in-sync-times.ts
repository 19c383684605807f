import type { ContextStatusRows } from '../../shared/access-contract';
import { ownValue } from '../../shared/own-property';

/** When each namespace of one registry was last seen in sync, per context: context → namespace → ISO time. */
export type InSyncTimes = Readonly<Record<string, Readonly<Record<string, string>>>>;

/**
 * Carries the last time each row was seen in sync into the status just checked, and what to keep
 * for the next check. Rows in sync now take `checkedAt`; a context that could not be read keeps
 * what it had, since nothing was seen there. Only the rows of this check are kept, so the record
 * never outgrows the status itself.
 */
export function withInSyncTimes(previous: InSyncTimes, contexts: ContextStatusRows[], checkedAt: string): { contexts: ContextStatusRows[]; times: InSyncTimes } {
  const kept: [string, Readonly<Record<string, string>>][] = [];
  const seen = contexts.map((context) => {
    const before = ownValue(previous, context.context);
    if (context.state === 'unreachable' || context.state === 'forbidden') {
      if (before) kept.push([context.context, before]);
      return context;
    }
    const rows = context.rows.map((row) => {
      const lastInSyncAt = row.state === 'in-sync' ? checkedAt : ownValue(before, row.namespace);
      return lastInSyncAt ? { ...row, lastInSyncAt } : row;
    });
    kept.push([context.context, Object.fromEntries(rows.flatMap((row) => (row.lastInSyncAt ? [[row.namespace, row.lastInSyncAt]] : [])))]);
    return { ...context, rows };
  });
  return { contexts: seen, times: Object.fromEntries(kept) };
}
