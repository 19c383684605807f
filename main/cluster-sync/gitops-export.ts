import { createHash } from 'node:crypto';
import type { ExportFile } from '../../shared/cluster-sync-contract';
import type { ServiceAccountSelection } from '../../shared/access-settings';
import { desiredSync, type SyncSubject } from './desired-sync';
import { engineSelection, type EngineSelection } from './engine-selection';
import { awsKeysName } from './eso-manifests';
import { manifestsYaml, type Comments } from './manifest-yaml';
import { REFLECTOR_ANNOTATION_PURPOSES, REFLECTS_ANNOTATION, reflectorAnnotations } from './reflector-manifests';
import { syncNamespaceLabel } from './sync-marks';

/** What a shortened, hashed name ends with; a context kept as it is never does. */
const HASHED = /-[0-9a-f]{10}$/;
const MAX_SLUG = 64;

/**
 * The context's part of its file name: the context itself where that is already a short,
 * lower-case file name, otherwise a readable slug plus 10 hex digits of the context's SHA-256.
 * So `team/prod` and `team-prod` never share a file, also on case-insensitive disks, and a
 * file's name depends on its context alone: it stays the same in Git as contexts come and go.
 */
export function contextFilePart(context: string): string {
  const slug = context.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[-.]+|-+$/g, '').slice(0, MAX_SLUG).replace(/-+$/, '') || 'context';
  if (slug === context && !HASHED.test(context)) return context;
  return `${slug}-${createHash('sha256').update(context, 'utf8').digest('hex').slice(0, 10)}`;
}

/** Names unique within one export even against contexts crafted to collide with a hashed name: later ones get a counter. */
function uniqueNames(names: string[]): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    let candidate = name;
    for (let count = 2; taken.has(candidate); count += 1) candidate = `${name}-${count}`;
    taken.add(candidate);
    return candidate;
  });
}

/** Reflector reads nothing but the source Secret's annotations: the file must hand them on, explained. */
function reflectorConfiguration(subject: SyncSubject, selection: EngineSelection): Comments {
  const source = `${subject.choice.sourceNamespace}/${subject.secretName}`;
  const annotations = reflectorAnnotations(selection);
  return [
    '',
    `Reflector's whole configuration is these annotations on the source Secret ${source}:`,
    ...Object.keys(annotations).map((key) => {
      const name = key.slice(key.indexOf('/') + 1);
      return `  ${name}: ${REFLECTOR_ANNOTATION_PURPOSES[name] ?? ''}`;
    }),
    'Whatever provides that Secret must carry them exactly (an ExternalSecret: in spec.target.template.metadata):',
    '  metadata:',
    '    annotations:',
    ...Object.entries(annotations).map(([key, value]) => `      ${key}: ${JSON.stringify(value)}`),
    `Each copy is annotated ${REFLECTS_ANNOTATION}: ${JSON.stringify(source)}. A namespace that already has a Secret named ${subject.secretName} is skipped.`,
  ];
}

function accountsText(accounts: ServiceAccountSelection): string | null {
  switch (accounts.kind) {
    case 'all':
      return 'all';
    case 'default':
      return 'default';
    case 'list':
      return accounts.names.join(', ');
    case 'none':
      return null;
  }
}

/** What the selected ServiceAccounts need, and which part of it this file does. */
function serviceAccountNeeds(subject: SyncSubject, wiredByKyverno: boolean): Comments {
  const accounts = accountsText(subject.scope.serviceAccounts);
  if (!accounts) return ['', `No ServiceAccount is selected: pods name ${subject.secretName} in their own imagePullSecrets.`];
  return [
    '',
    `ServiceAccounts to wire in the selected namespaces: ${accounts}. Each needs`,
    '  imagePullSecrets:',
    `    - name: ${subject.secretName}`,
    "Registry Desk's Manage access > Apply adds it to the existing ones, once.",
    wiredByKyverno
      ? 'The MutatingPolicy in this file adds it to ServiceAccounts created later.'
      : `This file does not change ServiceAccounts: ones created later need the same (a Kyverno MutatingPolicy can add it, but only a cluster with Kyverno accepts one, so none is in this ${subject.choice.engine} file).`,
  ];
}

function instructions(subject: SyncSubject, selection: EngineSelection, wiredByKyverno: boolean): Comments {
  const { sourceNamespace, identity, engine } = subject.choice;
  const lines: Comments = [];
  const provide = (what: string, name: string, type: string, extra: string) =>
    lines.push(
      '',
      `${what} ${sourceNamespace}/${name} (type ${type}) is not in this file: it holds credentials.`,
      'Provide it one of these ways:',
      `  - with External Secrets from your secret manager: an ExternalSecret named ${name} in ${sourceNamespace}`,
      `    whose target is that Secret (target.template.type ${type}${extra}), or`,
      '  - let Registry Desk apply it: Manage access > Keep in sync in the cluster > Apply writes it from the OS keychain.',
    );
  const reflector = engine === 'reflector';
  if (identity.kind === 'source-secret') provide('The source Secret', subject.secretName, 'kubernetes.io/dockerconfigjson', reflector ? ", with Reflector's annotations below" : '');
  if (identity.kind === 'access-keys') provide('The AWS access-key Secret (keys access-key-id, secret-access-key)', awsKeysName(subject.secretName), 'Opaque', '');
  if (reflector) lines.push(...reflectorConfiguration(subject, selection));
  if (selection.labelled.length > 0) lines.push('', `Label these namespaces ${syncNamespaceLabel(subject.registryId)}=true so the engine selects them: ${selection.labelled.join(', ')}`);
  lines.push(...serviceAccountNeeds(subject, wiredByKyverno));
  return lines;
}

/**
 * The GitOps file of one context: the same manifests apply sends, minus every Secret that carries
 * credentials (with instructions where one is needed), and only kinds the chosen engine's cluster
 * accepts: the Kyverno MutatingPolicy only in a Kyverno file. No timestamps and a fixed order, so
 * the same settings always give the same bytes.
 */
function gitopsFile(registryName: string, context: string, subject: SyncSubject): Omit<ExportFile, 'fileName'> {
  const desired = desiredSync(subject, { login: null, awsKeys: null }, subject.choice.engine === 'kyverno');
  const manifests = desired.objects.filter((object) => !object.carriesSecret).map((object) => object.manifest);
  const wiredByKyverno = manifests.some((manifest) => manifest.kind === 'MutatingPolicy');
  const selection = engineSelection(subject.scope, subject.registryId, subject.choice.sourceNamespace);
  const header: Comments = [
    `Registry Desk: "Keep in sync in the cluster" for registry "${registryName}" in context "${context}".`,
    `Engine: ${subject.choice.engine}. Every object carries app.kubernetes.io/managed-by: registry-desk. No secret data is in this file.`,
    ...instructions(subject, selection, wiredByKyverno),
  ];
  return { context, content: manifestsYaml(manifests, header) };
}

/** The GitOps files of the contexts kept in sync (in the given order), each under a name no other file of the export has. */
export function gitopsFiles(registryName: string, synced: { context: string; subject: SyncSubject }[]): ExportFile[] {
  const names = uniqueNames(synced.map(({ context, subject }) => `registry-desk-${subject.secretName}-${contextFilePart(context)}`));
  return synced.map(({ context, subject }, index) => ({ ...gitopsFile(registryName, context, subject), fileName: `${names[index]}.yaml` }));
}
