import type { ClusterSyncChoice, TargetScope } from '../../shared/access-settings';
import type { SyncNote } from '../../shared/cluster-sync-contract';
import type { EcrAuthType, RegistryType } from '../../shared/registry-types';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, pullSecret, type PullSecretLogin, type SecretObject } from '../pull-secrets/pull-secret';
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

export type DesiredObject =
  | { manifest: Manifest; carriesSecret: false }
  | {
      manifest: Manifest;
      /** The object holds credentials: never shown, never exported, never sent before apply. */
      carriesSecret: true;
      /** The same object with a placeholder for every secret value: what the preview's dry run sends. */
      standIn: Manifest;
    };

/** What a Secret's dry run carries instead of a password or key; the API server validates the rest as usual. */
const DRY_RUN_PLACEHOLDER = 'registry-desk-dry-run-placeholder';

/** Puts a secret value into a manifest: the value itself for apply, the placeholder for the dry run. */
type Reveal = (value: string) => string;

function credentialObject(build: (reveal: Reveal) => Manifest): DesiredObject {
  return { manifest: build((value) => value), carriesSecret: true, standIn: build(() => DRY_RUN_PLACEHOLDER) };
}

export interface DesiredSync {
  objects: DesiredObject[];
  /** Namespaces the app labels so the engine selects them. */
  labelled: string[];
  notes: SyncNote[];
}

/** An object without credentials: sent as it is. */
export const plain = (manifest: Manifest): DesiredObject => ({ manifest, carriesSecret: false });

/** The app-written source pull secret, `decorate`d per engine (Reflector's annotations); null when the source is not the app's. */
function sourceSecret(subject: SyncSubject, material: SourceMaterial, decorate: (secret: SecretObject) => SecretObject = (secret) => secret): DesiredObject | null {
  const { login } = material;
  if (subject.choice.identity.kind !== 'source-secret' || !login) return null;
  return credentialObject((reveal) => {
    const secret = pullSecret(subject.secretName, subject.choice.sourceNamespace, { ...login, password: reveal(login.password) });
    return decorate({ ...secret, metadata: { ...secret.metadata, annotations: { ...secret.metadata.annotations, [IN_CLUSTER_ANNOTATION]: 'true' } } }) as Manifest;
  });
}

function awsKeysSecret(subject: SyncSubject, material: SourceMaterial): DesiredObject | null {
  const keys = material.awsKeys;
  if (subject.choice.identity.kind !== 'access-keys' || !keys) return null;
  const encode = (text: string) => Buffer.from(text, 'utf8').toString('base64');
  return credentialObject((reveal) => ({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: awsKeysName(subject.secretName), namespace: subject.choice.sourceNamespace, ...syncMetadata(subject.registryId) },
    type: 'Opaque',
    data: { 'access-key-id': encode(reveal(keys.accessKeyId)), 'secret-access-key': encode(reveal(keys.secretAccessKey)) },
  }));
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
  if (keys) objects.push(keys);
  const kyvernoNames = { sourceNamespace: namespace, secretName, metadata };
  switch (choice.engine) {
    case 'reflector': {
      const source = sourceSecret(subject, material, (secret) => withReflection(secret, selection));
      if (source) objects.push(source);
      break;
    }
    case 'kyverno': {
      const source = sourceSecret(subject, material);
      if (source) objects.push(source);
      objects.push(...kyvernoFanOut(kyvernoNames, selection.selector).map(plain));
      break;
    }
    case 'external-secrets': {
      const names = { namespace, secretName, metadata };
      const source = sourceSecret(subject, material);
      if (source) objects.push(source);
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
