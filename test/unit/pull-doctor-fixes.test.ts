import { describe, expect, it } from 'vitest';
import { restartCommand } from '../../main/pull-doctor/fixes';
import { accessSettingsForFix } from '../../shared/pull-doctor-access';
import type { AccessSettings } from '../../shared/access-settings';
import type { FailingContainer } from '../../shared/pull-doctor-contract';
import type { RegistryView } from '../../shared/schemas';

const REGISTRY = { id: 'reg_00000000000000aa', name: 'Team registry', type: 'other', url: 'reg.io', isDefault: true } as unknown as RegistryView;
const FIX = { kind: 'inject' as const, registryId: REGISTRY.id, registryName: 'Team registry', context: 'lab', namespace: 'team-a', serviceAccount: 'builder', pullSecrets: [] as string[] };
const container = (pod: string, owner: FailingContainer['owner']): FailingContainer => ({ pod, uid: pod, container: 'app', kind: 'regular', reason: 'ImagePullBackOff', message: '', node: null, pullPolicy: 'IfNotPresent', owner, createdAt: null });

describe('"Inject registry X into this namespace" prefills Manage access', () => {
  it('a registry without access gets this context, this namespace and the pods’ ServiceAccount only', () => {
    const settings = accessSettingsForFix(REGISTRY, FIX);
    expect(settings).toMatchObject({ mode: 'inject-selected', allClusters: false, contexts: ['lab'], scope: { namespaces: { kind: 'list', names: ['team-a'] }, serviceAccounts: { kind: 'list', names: ['builder'] } }, contextScopes: {}, credential: { type: 'registry-credentials' } });
  });

  it('pods that name their own secrets get those secrets created, not a ServiceAccount patch', () => {
    expect(accessSettingsForFix(REGISTRY, { ...FIX, pullSecrets: ['regcred'] })).toMatchObject({ scope: { serviceAccounts: { kind: 'none' } }, credential: { type: 'image-pull-secret', secretNames: ['regcred'], createMissing: true } });
  });

  it('existing settings keep everything and gain the context and namespace for that context only', () => {
    const access: AccessSettings = {
      mode: 'inject-selected',
      allClusters: false,
      contexts: ['prod'],
      scope: { namespaces: { kind: 'all', excluded: ['kube-system', 'team-a'] }, serviceAccounts: { kind: 'default' } },
      contextScopes: {},
      credential: { type: 'registry-credentials', secretName: 'team-pull-secret' },
    };
    const settings = accessSettingsForFix({ ...REGISTRY, access } as RegistryView, FIX);
    expect(settings.contexts).toEqual(['prod', 'lab']);
    expect(settings.scope).toEqual(access.scope);
    expect(settings.contextScopes.lab).toEqual({ namespaces: { kind: 'all', excluded: ['kube-system'] }, serviceAccounts: { kind: 'list', names: ['default', 'builder'] } });
    expect(settings.credential).toEqual(access.credential);
    const skipping = accessSettingsForFix({ ...REGISTRY, access: { ...access, mode: 'skip-selected', contexts: ['lab', 'prod'] } } as RegistryView, FIX);
    expect(skipping.contexts).toEqual(['prod']);
  });
});

describe('the restart the operator runs: pods keep the imagePullSecrets they were created with', () => {
  it('rolls out Deployments (from their ReplicaSets) and StatefulSets, and deletes bare pods; names are shell-quoted', () => {
    const command = restartCommand("o'brien", 'team-a', [
      container('web-5d9c7b8f4d-x2x7q', { kind: 'ReplicaSet', name: 'web-5d9c7b8f4d' }),
      container('web-5d9c7b8f4d-k8m2p', { kind: 'ReplicaSet', name: 'web-5d9c7b8f4d' }),
      container('db-0', { kind: 'StatefulSet', name: 'db' }),
      container('debug', null),
    ]);
    expect(command.split('\n')).toEqual([
      `kubectl rollout restart deployment/web -n team-a --context 'o'\\''brien'`,
      `kubectl rollout restart statefulset/db -n team-a --context 'o'\\''brien'`,
      `kubectl delete pod debug -n team-a --context 'o'\\''brien'`,
    ]);
  });
});
