// The GitOps export as someone follows it without Registry Desk: file names that never collide,
// Reflector's whole configuration in the file, only objects the engine's cluster accepts, and
// what the ServiceAccounts need otherwise.
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parse } from 'yaml';
import type { ClusterSyncChoice, ServiceAccountSelection, TargetScope } from '../../shared/access-settings';
import { desiredSync, type SyncSubject } from '../../main/cluster-sync/desired-sync';
import { contextFilePart, gitopsFiles } from '../../main/cluster-sync/gitops-export';
import { kyvernoFanOut } from '../../main/cluster-sync/kyverno-manifests';
import { syncMetadata } from '../../main/cluster-sync/sync-marks';

const login = { registryId: 'reg_0123456789abcdef', type: 'docker' as const, server: 'registry.example.com', username: 'robot', password: 's3cret' };
const scope = (serviceAccounts: ServiceAccountSelection = { kind: 'list', names: ['builder', 'default'] }): TargetScope => ({
  namespaces: { kind: 'selector', labelSelector: 'team=payments,env in (prod,staging),!legacy' },
  serviceAccounts,
});
const choice = (engine: ClusterSyncChoice['engine'], identity: ClusterSyncChoice['identity'] = { kind: 'source-secret' }): ClusterSyncChoice => ({ engine, sourceNamespace: 'registry-desk', identity, wireServiceAccounts: true });
const subject = (engine: ClusterSyncChoice['engine'], serviceAccounts?: ServiceAccountSelection): SyncSubject => ({
  registryId: login.registryId,
  registryType: 'docker',
  serverKey: 'registry.example.com',
  secretName: 'team-pull-secret',
  choice: choice(engine),
  scope: scope(serviceAccounts),
});
const exportOf = (engine: ClusterSyncChoice['engine'], serviceAccounts?: ServiceAccountSelection) => gitopsFiles('Team', [{ context: 'prod', subject: subject(engine, serviceAccounts) }])[0]!;
const kinds = (content: string) => parseAllDocuments(content).map((document) => (document.toJSON() as { kind: string }).kind);
/** The commented lines of a file, without their `# `. */
const comments = (content: string) => content.split('\n').filter((line) => line.startsWith('#')).map((line) => line.replace(/^# ?/, ''));

describe('GitOps export file names', () => {
  it('keeps a context that is already a safe file name, and gives every other one a readable slug and a hash of its own', () => {
    expect(contextFilePart('team-prod')).toBe('team-prod');
    expect(contextFilePart('kind-kind.local')).toBe('kind-kind.local');
    expect(contextFilePart('team/prod')).toMatch(/^team-prod-[0-9a-f]{10}$/);
    expect(contextFilePart('Team-Prod')).toMatch(/^team-prod-[0-9a-f]{10}$/);
    expect(contextFilePart('arn:aws:eks:eu-west-1:123456789012:cluster/prod')).toMatch(/^arn-aws-eks-eu-west-1-123456789012-cluster-prod-[0-9a-f]{10}$/);
    expect(contextFilePart('../../etc')).toMatch(/^etc-[0-9a-f]{10}$/);
    expect(contextFilePart('x'.repeat(300)).length).toBeLessThanOrEqual(64 + 11);
    expect(new Set(['team/prod', 'team-prod', 'Team-Prod', 'team_prod', 'team prod'].map(contextFilePart)).size).toBe(5);
  });

  it('names each file after its context alone, and never gives two contexts of one export the same file, crafted names included', () => {
    const hashed = contextFilePart('team/prod');
    const contexts = ['team/prod', 'team-prod', hashed, `${hashed}-2`];
    const files = gitopsFiles('Team', contexts.map((context) => ({ context, subject: subject('reflector') })));
    expect(new Set(files.map((file) => file.fileName)).size).toBe(contexts.length);
    const alone = gitopsFiles('Team', [{ context: 'team/prod', subject: subject('reflector') }]);
    expect(alone[0]!.fileName).toBe(files[0]!.fileName);
    expect(files[1]!.fileName).toBe('registry-desk-team-pull-secret-team-prod.yaml');
  });
});

describe('GitOps export contents', () => {
  it('Reflector: the file carries, explained, exactly the annotations apply puts on the source Secret', () => {
    const file = exportOf('reflector');
    const lines = comments(file.content);
    const start = lines.indexOf('  metadata:');
    const block = lines.slice(start, lines.findIndex((line, index) => index > start && !line.startsWith('    ')));
    const fromFile = (parse(block.map((line) => line.slice(2)).join('\n')) as { metadata: { annotations: Record<string, string> } }).metadata.annotations;
    const applied = desiredSync(subject('reflector'), { login, awsKeys: null }, false).objects.find((object) => object.manifest.kind === 'Secret')!.manifest;
    const reflectorKeys = Object.entries((applied.metadata as { annotations: Record<string, string> }).annotations).filter(([key]) => key.startsWith('reflector.v1.k8s.emberstack.com/'));
    expect(reflectorKeys.length).toBe(4);
    expect(fromFile).toEqual(Object.fromEntries(reflectorKeys));
    for (const key of Object.keys(fromFile)) expect(lines.some((line) => line.startsWith(`  ${key.split('/')[1]}: `))).toBe(true);
    expect(file.content).toContain('reflector.v1.k8s.emberstack.com/reflects: "registry-desk/team-pull-secret"');
  });

  it('Kyverno: the MutatingPolicy for ServiceAccounts created later is in a Kyverno file only', () => {
    expect(kinds(exportOf('kyverno').content)).toContain('MutatingPolicy');
    expect(comments(exportOf('kyverno').content)).toContain('The MutatingPolicy in this file adds it to ServiceAccounts created later.');
    for (const engine of ['reflector', 'external-secrets'] as const) {
      const file = exportOf(engine);
      expect(kinds(file.content)).not.toContain('MutatingPolicy');
      expect(file.content).not.toContain('kyverno.io');
      const text = comments(file.content).join('\n');
      expect(text).toContain('ServiceAccounts to wire in the selected namespaces: builder, default. Each needs\n  imagePullSecrets:\n    - name: team-pull-secret');
      expect(text).toContain(`This file does not change ServiceAccounts: ones created later need the same`);
    }
  });

  it('says so when no ServiceAccount is selected', () => {
    expect(comments(exportOf('reflector', { kind: 'none' }).content)).toContain('No ServiceAccount is selected: pods name team-pull-secret in their own imagePullSecrets.');
  });

  it('Kyverno’s ClusterRole grants the background controller only what clone and synchronize use, narrowed to the secret where a name applies', () => {
    const [role] = kyvernoFanOut({ sourceNamespace: 'registry-desk', secretName: 'team-pull-secret', metadata: syncMetadata(login.registryId) }, {});
    expect(role!.rules).toEqual([
      { apiGroups: [''], resources: ['secrets'], verbs: ['create', 'list', 'watch'] },
      { apiGroups: [''], resources: ['secrets'], resourceNames: ['team-pull-secret'], verbs: ['get', 'update', 'delete'] },
    ]);
  });
});
