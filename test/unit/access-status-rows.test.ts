import { describe, expect, it } from 'vitest';
import type { SecretAction, ServiceAccountAction } from '../../shared/access-contract';
import type { ContextWork, NamespaceWork } from '../../main/access/plan-work';
import { contextStatusRows } from '../../main/access/status-rows';

const SECRET = 'docker-hub-pull-secret';

const namespace = (name: string, secret: SecretAction, account: ServiceAccountAction): NamespaceWork => ({
  namespace: name,
  secrets: [{ step: { name: SECRET, action: secret } }],
  serviceAccounts: [{ step: { name: 'default', action: account, references: [SECRET] }, wanted: [SECRET] }],
});

const targeted = (namespaces: NamespaceWork[]): ContextWork => ({ context: 'alpha', state: 'targeted', namespaces });

describe('status rows of a context', () => {
  it('give the context its worst state and the number of namespaces not in sync', () => {
    const status = contextStatusRows(
      targeted([namespace('a', 'unchanged', 'unchanged'), namespace('b', 'forbidden', 'unchanged'), namespace('c', 'update', 'unchanged'), namespace('d', 'unchanged', 'unchanged')]),
    );
    expect(status).toMatchObject({ state: 'checked', worst: 'forbidden', problems: 2 });
  });

  it('say in sync only when every namespace is', () => {
    expect(contextStatusRows(targeted([namespace('a', 'unchanged', 'unchanged')]))).toMatchObject({ state: 'checked', worst: 'in-sync', problems: 0 });
  });

  it('block a ServiceAccount reference to a secret that is forbidden, missing or not the app’s', () => {
    const rows = contextStatusRows(
      targeted([namespace('forbidden', 'forbidden', 'unchanged'), namespace('missing', 'create', 'unchanged'), namespace('foreign', 'conflict', 'unchanged'), namespace('fine', 'unchanged', 'unchanged'), namespace('later', 'forbidden', 'add')]),
    ).rows;
    const accounts = Object.fromEntries(rows.map((row) => [row.namespace, row.serviceAccounts[0]]));
    expect(accounts.forbidden).toEqual({ name: 'default', state: 'in-sync', blocked: true });
    expect(accounts.missing).toEqual({ name: 'default', state: 'in-sync', blocked: true });
    expect(accounts.foreign).toEqual({ name: 'default', state: 'in-sync', blocked: true });
    expect(accounts.fine).toEqual({ name: 'default', state: 'in-sync' });
    // Not referencing it yet is already not in sync: nothing to block.
    expect(accounts.later).toEqual({ name: 'default', state: 'missing' });
  });

  it('offer each row its own fix: adopt a foreign secret, repair what apply would write, nothing otherwise', () => {
    const foreign: NamespaceWork = { ...namespace('foreign', 'conflict', 'unchanged'), secrets: [{ step: { name: SECRET, action: 'conflict', reason: 'foreign' } }] };
    const otherRegistry: NamespaceWork = { ...namespace('other', 'conflict', 'unchanged'), secrets: [{ step: { name: SECRET, action: 'conflict', reason: 'other-registry' } }] };
    const rows = contextStatusRows(
      targeted([namespace('fine', 'unchanged', 'unchanged'), namespace('deleted', 'create', 'unchanged'), namespace('edited', 'update', 'unchanged'), namespace('unreferenced', 'unchanged', 'add'), namespace('refused', 'forbidden', 'unchanged'), foreign, otherRegistry]),
    ).rows;
    const fixes = Object.fromEntries(rows.map((row) => [row.namespace, row.fix]));
    expect(fixes).toEqual({ fine: undefined, deleted: 'repair', edited: 'repair', unreferenced: 'repair', refused: undefined, foreign: 'adopt', other: undefined });
  });

  it('call a row whose whole fix is taking away what is no longer selected a removal, not a repair', () => {
    const rows = contextStatusRows(targeted([namespace('deselected', 'remove', 'remove'), namespace('secret-only', 'remove', 'unchanged'), namespace('mixed', 'remove', 'add')])).rows;
    const fixes = Object.fromEntries(rows.map((row) => [row.namespace, row.fix]));
    expect(fixes).toEqual({ deselected: 'remove', 'secret-only': 'remove', mixed: 'repair' });
  });

  it('keep a context that could not be read out of the namespace counts', () => {
    const status = contextStatusRows({ context: 'gone', state: 'unreachable', namespaces: [] });
    expect(status).toMatchObject({ state: 'unreachable', worst: 'unreachable', problems: 0, rows: [] });
    expect(Object.values(status.counts).every((count) => count === 0)).toBe(true);
  });
});
