import { describe, expect, it } from 'vitest';
import { defaultAccessSettings, type TargetScope } from '../../shared/access-settings';
import { accessChanges, MAX_ACCESS_CHANGES } from '../../main/registry-export/access-diff';

describe("the access diff of a settings file's registry", () => {
  const local = { ...defaultAccessSettings('Hub', 'reg_0123456789abcdef'), contexts: ['prod'] };

  it('lists each differing setting by its key path, both sides as text', () => {
    const file = { ...local, contexts: ['prod', 'staging'], contextScopes: { staging: { namespaces: { kind: 'list', names: ['apps'] }, serviceAccounts: { kind: 'none' } } as TargetScope } };
    expect(accessChanges(local, file)).toEqual({
      changes: [
        { path: 'contexts', before: 'prod', after: 'prod, staging' },
        { path: 'contextScopes.staging.namespaces.kind', before: '', after: 'list' },
        { path: 'contextScopes.staging.namespaces.names', before: '', after: 'apps' },
        { path: 'contextScopes.staging.serviceAccounts.kind', before: '', after: 'none' },
      ],
      more: 0,
    });
    expect(accessChanges(local, local)).toEqual({ changes: [], more: 0 });
    expect(accessChanges(local, undefined)).toEqual({ changes: [], more: 0 });
  });

  it('stays bounded for a hostile file: a few hundred rows, long lists cut with their count', () => {
    const contexts = Array.from({ length: 5000 }, (_, index) => `context-${index}`);
    const contextScopes = Object.fromEntries(contexts.map((context): [string, TargetScope] => [context, { namespaces: { kind: 'all', excluded: [] }, serviceAccounts: { kind: 'all' } }]));
    const { changes, more } = accessChanges(local, { ...local, contexts, contextScopes });
    expect(changes).toHaveLength(MAX_ACCESS_CHANGES);
    // Per context its namespace and ServiceAccount kinds (an empty exclusion list shows as nothing).
    expect(changes.length + more).toBe(1 + 5000 * 2);
    expect(changes[0]).toMatchObject({ path: 'contexts', before: 'prod' });
    expect(changes[0]!.after.length).toBeLessThan(400);
    expect(changes[0]!.after).toMatch(/… \(5000\)$/);
    // What is left of the preview's budget bounds a registry further; what is cut is counted.
    expect(accessChanges(local, { ...local, contexts, contextScopes }, 5)).toMatchObject({ changes: { length: 5 }, more: 1 + 5000 * 2 - 5 });
    expect(accessChanges(local, { ...local, contexts }, 0)).toEqual({ changes: [], more: 1 });
  });
});
