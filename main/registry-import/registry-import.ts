import type { ImportPick, ImportPreview, ImportResult } from '../../shared/import-export-contract';
import type { Clusters } from '../clusters';
import type { RegistrySecrets } from '../keychain/registry-secrets';
import type { Clock } from '../logging/clock';
import type { Redactor } from '../logging/redaction';
import { buildCandidates, type HeldCandidate } from './candidates';
import { readClusterSecret, type ClusterSecretRequest } from './cluster-secret';
import type { CredentialHelpers } from './credential-helper';
import { createHeldPreviews } from '../plans/held-previews';
import { importPicks, type ImportPicksDependencies } from './import-picks';
import type { Workstation } from './workstation';
import { readTextLogins, readWorkstationLogins, type ScannedLogins } from './workstation-logins';

export interface RegistryImportDependencies extends ImportPicksDependencies {
  secrets: RegistrySecrets;
  clusters: Pick<Clusters, 'api'>;
  helpers: CredentialHelpers;
  workstation: Workstation;
  clock: Clock;
  redactor: Redactor;
}

/** Import: find the logins the operator already has, preview them, store the picked ones in the keychain. */
export function createRegistryImport(deps: RegistryImportDependencies) {
  const previews = createHeldPreviews<HeldCandidate[]>(deps.clock);

  /** Held in memory only, but a secret this process holds is one the logs must recognise. */
  function remembered(scanned: ScannedLogins): ScannedLogins {
    for (const login of scanned.logins) if (login.secret) deps.redactor.remember(login.secret);
    return scanned;
  }

  async function preview(scanned: ScannedLogins): Promise<ImportPreview> {
    const held = await buildCandidates(scanned.logins, deps.settings.read().registries, deps.secrets);
    const scanId = previews.hold(held);
    deps.logger.info('import preview', { sources: scanned.sources.map((source) => `${source.kind}:${source.state}`), candidates: held.length });
    return { scanId, sources: scanned.sources, candidates: held.map((entry) => entry.candidate) };
  }

  /** This workstation's logins as found, for settings import to look a secret up in. */
  const workstationLogins = async () => remembered(await readWorkstationLogins(deps.workstation, deps.helpers));

  return {
    workstationLogins,
    scanWorkstation: async () => preview(await workstationLogins()),
    scanText: (text: string, label: string) => preview(remembered(readTextLogins(text, { kind: 'pasted', location: label }))),
    scanClusterSecret: async (request: ClusterSecretRequest, signal?: AbortSignal) => preview(remembered(await readClusterSecret(deps.clusters, request, signal))),
    apply: (scanId: string, picks: ImportPick[]): Promise<ImportResult[]> => importPicks(previews.get(scanId), picks, deps),
    discard: async (scanId: string) => ({ discarded: previews.discard(scanId) }),
  };
}
export type RegistryImport = ReturnType<typeof createRegistryImport>;
