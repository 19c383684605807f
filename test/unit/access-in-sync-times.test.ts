import { describe, expect, it } from 'vitest';
import type { ContextStatusRows, StatusRow } from '../../shared/access-contract';
import { withInSyncTimes } from '../../main/access/in-sync-times';
import { emptyStateCounts } from '../../main/plans/state-counts';

const row = (namespace: string, state: StatusRow['state']): StatusRow => ({ namespace, state, secrets: [], serviceAccounts: [] });
const context = (name: string, state: ContextStatusRows['state'], rows: StatusRow[]): ContextStatusRows => ({ context: name, state, counts: emptyStateCounts(), worst: 'in-sync', problems: 0, rows });

const EARLIER = '2026-12-01T08:00:00.000Z';
const NOW = '2026-12-01T09:00:00.000Z';

describe('last seen in sync', () => {
  it('is now for a row in sync, the recorded time for one that drifted, and absent for one never seen in sync', () => {
    const { contexts, times } = withInSyncTimes({ lab: { a: EARLIER, b: EARLIER } }, [context('lab', 'checked', [row('a', 'in-sync'), row('b', 'drifted'), row('c', 'conflict')])], NOW);
    expect(contexts[0]?.rows.map((entry) => entry.lastInSyncAt)).toEqual([NOW, EARLIER, undefined]);
    expect(times).toEqual({ lab: { a: NOW, b: EARLIER } });
  });

  it('keeps the times of a context that could not be read, and forgets namespaces and contexts no longer listed', () => {
    const previous = { lab: { a: EARLIER, gone: EARLIER }, down: { x: EARLIER }, removed: { y: EARLIER } };
    const { times } = withInSyncTimes(previous, [context('lab', 'checked', [row('a', 'missing')]), context('down', 'unreachable', [])], NOW);
    expect(times).toEqual({ lab: { a: EARLIER }, down: { x: EARLIER } });
  });

  it('never reads a time a context or namespace name inherits', () => {
    const { contexts } = withInSyncTimes({}, [context('constructor', 'checked', [row('toString', 'drifted')])], NOW);
    expect(contexts[0]?.rows[0]?.lastInSyncAt).toBeUndefined();
  });
});
