import type { ExportFile } from '../../shared/cluster-sync-contract';
import { desiredSync, type SyncSubject } from './desired-sync';
import { awsKeysName } from './eso-manifests';
import { manifestsYaml, type Comments } from './manifest-yaml';
import { syncNamespaceLabel } from './sync-marks';

const slug = (text: string): string => text.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || 'context';

function instructions(subject: SyncSubject, labelled: string[]): Comments {
  const { sourceNamespace, identity } = subject.choice;
  const lines: Comments = [];
  const provide = (what: string, name: string, type: string) =>
    lines.push(
      '',
      `${what} ${sourceNamespace}/${name} (type ${type}) is not in this file: it holds credentials.`,
      'Provide it one of these ways:',
      `  - with External Secrets from your secret manager: an ExternalSecret named ${name} in ${sourceNamespace}`,
      `    whose target is that Secret (target.template.type ${type}), or`,
      '  - let Registry Desk apply it: Manage access > Keep in sync in the cluster > Apply writes it from the OS keychain.',
    );
  if (identity.kind === 'source-secret') provide('The source Secret', subject.secretName, 'kubernetes.io/dockerconfigjson');
  if (identity.kind === 'access-keys') provide('The AWS access-key Secret (keys access-key-id, secret-access-key)', awsKeysName(subject.secretName), 'Opaque');
  if (labelled.length > 0) lines.push('', `Label these namespaces ${syncNamespaceLabel(subject.registryId)}=true so the engine selects them: ${labelled.join(', ')}`);
  return lines;
}

/**
 * The GitOps file of one context: the same manifests apply sends, minus every Secret that carries
 * credentials (with instructions where one is needed). No timestamps and a fixed order, so the
 * same settings always give the same bytes.
 */
export function gitopsFile(registryName: string, context: string, subject: SyncSubject): ExportFile {
  const desired = desiredSync(subject, { login: null, awsKeys: null }, subject.choice.wireServiceAccounts);
  const manifests = desired.objects.filter((object) => !object.carriesSecret).map((object) => object.manifest);
  const header: Comments = [
    `Registry Desk: "Keep in sync in the cluster" for registry "${registryName}" in context "${context}".`,
    `Engine: ${subject.choice.engine}. Every object carries app.kubernetes.io/managed-by: registry-desk. No secret data is in this file.`,
    ...instructions(subject, desired.labelled),
  ];
  return { context, fileName: `registry-desk-${subject.secretName}-${slug(context)}.yaml`, content: manifestsYaml(manifests, header) };
}
