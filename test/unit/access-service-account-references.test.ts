import { describe, expect, it } from 'vitest';
import { addedReferences, referenceChange, referencesKey, type ServiceAccountObject } from '../../main/pull-secrets/service-account-references';

const HUB = 'reg_0000000000000001';
const QUAY = 'reg_0000000000000002';

function account(references: string[], marks: Record<string, string> = {}): ServiceAccountObject {
  return {
    metadata: {
      name: 'default',
      namespace: 'apps',
      resourceVersion: '41',
      labels: Object.fromEntries(Object.keys(marks).map((registry) => [referencesKey(registry), 'added'])),
      annotations: Object.fromEntries(Object.entries(marks).map(([registry, names]) => [referencesKey(registry), names])),
    },
    ...(references.length > 0 ? { imagePullSecrets: references.map((name) => ({ name })) } : {}),
  };
}

/** What the server holds after a merge patch: maps merge (null deletes), lists are replaced whole. */
function patched(before: ServiceAccountObject, patch: Record<string, unknown>): ServiceAccountObject {
  const meta = patch.metadata as { labels: Record<string, string | null>; annotations: Record<string, string | null> };
  const merge = (current: Record<string, string> | undefined, change: Record<string, string | null>) => {
    const next = { ...current };
    for (const [key, value] of Object.entries(change)) {
      if (value === null) delete next[key];
      else next[key] = value;
    }
    return next;
  };
  const { imagePullSecrets: _replaced, ...rest } = before;
  const list = patch.imagePullSecrets as { name: string }[] | null;
  return {
    ...rest,
    metadata: { ...before.metadata, labels: merge(before.metadata.labels, meta.labels), annotations: merge(before.metadata.annotations, meta.annotations) },
    ...(list ? { imagePullSecrets: list } : {}),
  };
}

describe('ServiceAccount imagePullSecrets references', () => {
  it('appends to the existing list, sending it whole with the read resourceVersion', () => {
    const change = referenceChange(account(['corp-registry', 'legacy']), HUB, ['hub-pull-secret'])!;
    expect(change.added).toEqual(['hub-pull-secret']);
    expect(change.patch).toEqual({
      metadata: {
        resourceVersion: '41',
        labels: { [referencesKey(HUB)]: 'added' },
        annotations: { [referencesKey(HUB)]: 'hub-pull-secret' },
      },
      imagePullSecrets: [{ name: 'corp-registry' }, { name: 'legacy' }, { name: 'hub-pull-secret' }],
    });
  });

  it('changes nothing when the reference is already there', () => {
    expect(referenceChange(account(['hub-pull-secret'], { [HUB]: 'hub-pull-secret' }), HUB, ['hub-pull-secret'])).toBeNull();
  });

  it('never claims a reference the operator had before: removal leaves it in place', () => {
    const before = account(['hub-pull-secret']);
    expect(referenceChange(before, HUB, ['hub-pull-secret'])).toBeNull();
    expect(referenceChange(before, HUB, [])).toBeNull();
  });

  it('removal takes out only what this registry added, and its marks', () => {
    const injected = patched(account(['corp-registry']), referenceChange(account(['corp-registry']), HUB, ['hub-pull-secret'])!.patch);
    const alsoQuay = patched(injected, referenceChange(injected, QUAY, ['quay-pull-secret'])!.patch);
    expect(alsoQuay.imagePullSecrets).toEqual([{ name: 'corp-registry' }, { name: 'hub-pull-secret' }, { name: 'quay-pull-secret' }]);
    const removed = patched(alsoQuay, referenceChange(alsoQuay, HUB, [])!.patch);
    expect(removed.imagePullSecrets).toEqual([{ name: 'corp-registry' }, { name: 'quay-pull-secret' }]);
    expect(addedReferences(removed, HUB)).toEqual([]);
    expect(addedReferences(removed, QUAY)).toEqual(['quay-pull-secret']);
    expect(removed.metadata.labels).toEqual({ [referencesKey(QUAY)]: 'added' });
  });

  it('removing the last reference restores an account without imagePullSecrets', () => {
    const bare = account([]);
    const injected = patched(bare, referenceChange(bare, HUB, ['hub-pull-secret'])!.patch);
    const restored = patched(injected, referenceChange(injected, HUB, [])!.patch);
    expect(restored.imagePullSecrets).toBeUndefined();
    expect(restored.metadata.labels).toEqual({});
    expect(restored.metadata.annotations).toEqual({});
  });

  it('a renamed secret swaps the reference in one patch', () => {
    const change = referenceChange(account(['old-name'], { [HUB]: 'old-name' }), HUB, ['new-name'])!;
    expect(change).toMatchObject({ added: ['new-name'], removed: ['old-name'] });
    expect(change.patch.imagePullSecrets).toEqual([{ name: 'new-name' }]);
  });

  it('puts back a reference the operator deleted by hand', () => {
    const change = referenceChange(account(['corp-registry'], { [HUB]: 'hub-pull-secret' }), HUB, ['hub-pull-secret'])!;
    expect(change.added).toEqual(['hub-pull-secret']);
    expect(change.patch.imagePullSecrets).toEqual([{ name: 'corp-registry' }, { name: 'hub-pull-secret' }]);
  });
});
