import { describe, expect, it } from 'vitest';
import type { AccessSettings } from '../../shared/access-settings';
import type { HygieneFinding, SecretMaker } from '../../shared/radar-contract';
import type { RegistryView } from '../../shared/schemas';
import { fixForExisting, fixForFinding } from '../../renderer/features/radar/finding-fix';

const REGISTRY = { id: 'reg_00000000000000aa', name: 'Team registry', type: 'other', url: 'reg.io', isDefault: true } as unknown as RegistryView;
const ACCESS: AccessSettings = {
  mode: 'inject-selected',
  allClusters: false,
  contexts: ['lab'],
  scope: { namespaces: { kind: 'all', excluded: ['kube-system'] }, serviceAccounts: { kind: 'default' } },
  contextScopes: {},
  credential: { type: 'image-pull-secret', secretNames: ['regcred'], createMissing: true },
};
const finding = (code: HygieneFinding['code'], params: HygieneFinding['params'] = { secret: 'regcred' }): HygieneFinding => ({ code, tone: 'fail', context: 'lab', namespace: 'shop', params });
const makers = (maker: SecretMaker) => (name: string) => (name === 'regcred' ? maker : undefined);

describe('a radar finding opens the existing Manage access preview, prefilled', () => {
  it('a secret named but missing: created under that name from the saved login, in that namespace of that context', () => {
    const fix = fixForFinding(finding('missing'), REGISTRY, makers('by-hand'));
    expect(fix).toMatchObject({ kind: 'write', secret: 'regcred', settings: { contexts: ['lab'], scope: { namespaces: { kind: 'list', names: ['shop'] }, serviceAccounts: { kind: 'none' } }, credential: { type: 'image-pull-secret', secretNames: ['regcred'], createMissing: true } } });
  });

  it("a broken secret or one of a type kubelet ignores: Registry Desk's own repaired in Status, any other left to whoever made it", () => {
    for (const code of ['unparsable', 'wrongType'] as const) {
      expect(fixForFinding(finding(code), REGISTRY, makers('registry-desk'))).toEqual({ kind: 'repair', secret: 'regcred' });
      expect(fixForFinding(finding(code), REGISTRY, makers('by-hand'))).toEqual({ kind: 'explain', why: 'byHand', secret: 'regcred' });
      expect(fixForFinding(finding(code), REGISTRY, makers('helm'))).toEqual({ kind: 'explain', why: 'managedElsewhere', secret: 'regcred' });
    }
  });

  it('under "registry credentials" of another name, says so instead of writing a second name', () => {
    const access = { ...ACCESS, credential: { type: 'registry-credentials' as const, secretName: 'team-registry-pull-secret' } };
    expect(fixForFinding(finding('missing'), { ...REGISTRY, access } as RegistryView, makers('by-hand'))).toEqual({ kind: 'explain', why: 'otherName', secret: 'regcred', secretName: 'team-registry-pull-secret' });
  });

  it("Registry Desk's own unused copy: the namespace taken out of this context's scope, so the preview lists its removal", () => {
    const fix = fixForFinding(finding('unused'), { ...REGISTRY, access: ACCESS } as RegistryView, makers('registry-desk'));
    expect(fix).toMatchObject({ kind: 'remove', secret: 'regcred' });
    if (fix.kind !== 'remove') throw new Error('not a removal');
    expect(fix.settings.contextScopes['lab']).toEqual({ namespaces: { kind: 'all', excluded: ['kube-system', 'shop'] }, serviceAccounts: { kind: 'default' } });
    expect(fix.settings.scope).toEqual(ACCESS.scope);
    const listed = fixForFinding(finding('unused'), { ...REGISTRY, access: { ...ACCESS, scope: { ...ACCESS.scope, namespaces: { kind: 'list', names: ['shop', 'web'] } } } } as RegistryView, makers('registry-desk'));
    expect(listed.kind === 'remove' && listed.settings.contextScopes['lab']?.namespaces).toEqual({ kind: 'list', names: ['web'] });
  });

  it('never deletes what it did not make, and never narrows a selector: explains instead', () => {
    expect(fixForFinding(finding('unused'), { ...REGISTRY, access: ACCESS } as RegistryView, makers('external-secrets'))).toEqual({ kind: 'explain', why: 'foreignUnused', secret: 'regcred' });
    const selector = { ...ACCESS, scope: { ...ACCESS.scope, namespaces: { kind: 'selector' as const, labelSelector: 'team=a' } } };
    expect(fixForFinding(finding('unused'), { ...REGISTRY, access: selector } as RegistryView, makers('registry-desk'))).toMatchObject({ kind: 'explain', why: 'selector' });
    expect(fixForFinding(finding('unused'), REGISTRY, makers('registry-desk'))).toMatchObject({ kind: 'explain', why: 'otherRegistry' });
    expect(fixForFinding(finding('conflict', { registry: 'reg.io' }), REGISTRY, makers('by-hand'))).toEqual({ kind: 'explain', why: 'conflict' });
    expect(fixForFinding(finding('staleCopy', { registry: 'reg.io' }), REGISTRY, makers('by-hand'))).toEqual({ kind: 'explain', why: 'staleCopy' });
  });
});

describe('a stale copy: the saved login written again into every copy Registry Desk made, wherever it is', () => {
  const places = [
    { context: 'lab', namespace: 'shop', secret: 'regcred' },
    { context: 'prod', namespace: 'web', secret: 'team-pull' },
    { context: 'prod', namespace: 'api', secret: 'team-pull' },
    { context: 'edge', namespace: 'shop', secret: 'by-hand' },
  ];
  const stale: HygieneFinding = { ...finding('staleCopy', { registry: 'reg.io', username: 'alice' }), places };
  const makerAt = (place: { secret: string }): SecretMaker => (place.secret === 'by-hand' ? 'by-hand' : 'registry-desk');

  it('prefills the contexts, each one’s namespaces and the secret names of the own copies, creating none where a name is absent', () => {
    const fix = fixForFinding(stale, REGISTRY, makers('by-hand'), makerAt);
    expect(fix).toMatchObject({ kind: 'refresh', places: places.slice(0, 3) });
    if (fix.kind !== 'refresh') throw new Error('not a refresh');
    expect(fix.settings.contexts).toEqual(['lab', 'prod']);
    expect(fix.settings.scope.namespaces).toEqual({ kind: 'list', names: ['shop'] });
    // prod starts from the shared scope (shop), as every fix does; with createMissing off nothing is written where no copy is.
    expect(fix.settings.contextScopes['prod']?.namespaces).toEqual({ kind: 'list', names: ['shop', 'web', 'api'] });
    expect(fix.settings.credential).toEqual({ type: 'image-pull-secret', secretNames: ['regcred', 'team-pull'], createMissing: false });
  });

  it('with access already set, adds the copies’ places to it and keeps its own createMissing', () => {
    const fix = fixForFinding(stale, { ...REGISTRY, access: { ...ACCESS, scope: { ...ACCESS.scope, namespaces: { kind: 'list', names: ['shop'] } } } } as RegistryView, makers('by-hand'), makerAt);
    if (fix.kind !== 'refresh') throw new Error('not a refresh');
    expect(fix.settings.contexts).toEqual(['lab', 'prod']);
    expect(fix.settings.contextScopes['prod']?.namespaces).toEqual({ kind: 'list', names: ['shop', 'web', 'api'] });
    expect(fix.settings.credential).toEqual({ type: 'image-pull-secret', secretNames: ['regcred', 'team-pull'], createMissing: true });
  });

  it('explains instead when no copy is Registry Desk’s, or when its one secret name is not the copies’', () => {
    expect(fixForFinding(stale, REGISTRY, makers('by-hand'), () => 'helm')).toEqual({ kind: 'explain', why: 'staleCopy' });
    const access = { ...ACCESS, credential: { type: 'registry-credentials' as const, secretName: 'regcred' } };
    expect(fixForFinding(stale, { ...REGISTRY, access } as RegistryView, makers('by-hand'), makerAt)).toEqual({ kind: 'explain', why: 'otherName', secret: 'team-pull', secretName: 'regcred' });
  });
});

describe('a login that expired or ends soon in a cluster secret', () => {
  it("is repaired in Status when it is Registry Desk's own, and otherwise left to whoever keeps it", () => {
    expect(fixForExisting('regcred', 'registry-desk')).toEqual({ kind: 'repair', secret: 'regcred' });
    for (const maker of ['by-hand', undefined] as const) expect(fixForExisting('regcred', maker)).toEqual({ kind: 'explain', why: 'byHand', secret: 'regcred' });
    for (const maker of ['external-secrets', 'reflector', 'kyverno', 'helm'] as const) expect(fixForExisting('regcred', maker)).toEqual({ kind: 'explain', why: 'managedElsewhere', secret: 'regcred' });
  });
});
