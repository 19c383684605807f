import type { ClusterSyncChoice, TargetScope } from '../../shared/access-settings';
import type { SyncNote } from '../../shared/cluster-sync-contract';
import type { EcrAuthType, RegistryType } from '../../shared/registry-types';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, pullSecret, type PullSecretLogin } from '../injection/pull-secret';
import { engineSelection } from './engine-selection';
import { awsKeysName, fanOut, generatedSource } from './eso-manifests';
import { kyvernoFanOut, serviceAccountWiring } from './kyverno-manifests';
import type { Manifest } from './object-kinds';
import { withReflection } from './reflector-manifests';
import { IN_CLUSTER_ANNOTATION, syncMetadata } from './sync-marks';

/** One registry in one context, as the settings ask it to be kept in sync. */
export interface SyncSubject {
  registryId: string;
  registryType: RegistryType;
  authType?: EcrAuthType;
  /** The registry's `auths` key (see dockerServerKey). */
  serverKey: string;
  ecrRegion?: string;
  secretName: string;
  choice: ClusterSyncChoice;
  scope: TargetScope;
}

/** The secrets the source is made of, from the keychain; null where the manifests must not carry them (export). */
export interface SourceMaterial {
  login: PullSecretLogin | null;
  awsKeys: { accessKeyId: string; secretAccessKey: string } | null;
}

export interface DesiredObject {
  manifest: Manifest;
  /** The object holds credentials: never shown, never exported. */
  carriesSecret: boolean;
}

export interface DesiredSync {
  objects: DesiredObject[];
  /** Namespaces the app labels so the engine selects them. */
  labelled: string[];
  notes: SyncNote[];
}

const plain = (manifest: Manifest): DesiredObject => ({ manifest, carriesSecret: false });

function sourceSecret(subject: SyncSubject, material: SourceMaterial): Manifest | null {
  if (subject.choice.identity.kind !== 'source-secret' || !material.login) return null;
  const secret = pullSecret(subject.secretName, subject.choice.sourceNamespace, material.login);
  return { ...secret, metadata: { ...secret.metadata, annotations: { ...secret.metadata.annotations, [IN_CLUSTER_ANNOTATION]: 'true' } } } as Manifest;
}

function awsKeysSecret(subject: SyncSubject, material: SourceMaterial): Manifest | null {
  if (subject.choice.identity.kind !== 'access-keys' || !material.awsKeys) return null;
  const encode = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: awsKeysName(subject.secretName), namespace: subject.choice.sourceNamespace, ...syncMetadata(subject.registryId) },
    type: 'Opaque',
    data: { 'access-key-id': encode(material.awsKeys.accessKeyId), 'secret-access-key': encode(material.awsKeys.secretAccessKey) },
  };
}

function notesFor(subject: SyncSubject, labelled: string[], kyvernoWires: boolean): SyncNote[] {
  const { identity } = subject.choice;
  const notes: SyncNote[] = [identity.kind === 'source-secret' ? 'source-from-keychain' : 'refreshes-in-cluster'];
  if (identity.kind === 'access-keys') notes.push('access-keys-in-cluster');
  if (labelled.length > 0) notes.push('labels-namespaces');
  notes.push(...(kyvernoWires ? (['service-accounts-by-kyverno', 'existing-service-accounts'] as const) : (['service-accounts-once'] as const)));
  return notes;
}

/**
 * Every object the engine needs for this registry in this context, in the order apply sends them:
 * the source namespace, the source (app-written secret, or External Secrets' generator), the
 * engine's fan-out, then the optional ServiceAccount wiring (only where Kyverno is installed).
 */
export function desiredSync(subject: SyncSubject, material: SourceMaterial, kyvernoPresent: boolean): DesiredSync {
  const { choice, registryId, secretName } = subject;
  const namespace = choice.sourceNamespace;
  const metadata = syncMetadata(registryId);
  const selection = engineSelection(subject.scope, registryId, namespace);
  const objects: DesiredObject[] = [plain({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace, labels: { [MANAGED_BY_LABEL]: MANAGED_BY_VALUE } } })];
  const keys = awsKeysSecret(subject, material);
  if (keys) objects.push({ manifest: keys, carriesSecret: true });
  const source = sourceSecret(subject, material);
  const kyvernoNames = { sourceNamespace: namespace, secretName, metadata };
  switch (choice.engine) {
    case 'reflector':
      if (source) objects.push({ manifest: withReflection(source as never, selection) as Manifest, carriesSecret: true });
      break;
    case 'kyverno':
      if (source) objects.push({ manifest: source, carriesSecret: true });
      objects.push(...kyvernoFanOut(kyvernoNames, selection.selector).map(plain));
      break;
    case 'external-secrets': {
      const names = { namespace, secretName, metadata };
      if (source) objects.push({ manifest: source, carriesSecret: true });
      objects.push(...generatedSource({ identity: choice.identity, serverKey: subject.serverKey, ecrRegion: subject.ecrRegion }, names).map(plain));
      objects.push(...fanOut(names, selection.selector, choice.identity.kind).map(plain));
      break;
    }
  }
  const kyvernoWires = kyvernoPresent && choice.wireServiceAccounts;
  const wiring = kyvernoWires ? serviceAccountWiring(kyvernoNames, selection.selector, subject.scope.serviceAccounts) : null;
  if (wiring) objects.push(plain(wiring));
  return { objects, labelled: selection.labelled, notes: notesFor(subject, selection.labelled, wiring !== null) };
}
