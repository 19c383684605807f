import { MANIFEST_FORMAT_EMBEDS_PASSWORD, type ManifestFormat, type SaveOutcome, type SettingsChoice, type SettingsPreview, type SettingsResult } from '../../shared/import-export-contract';
import { AppFailure } from '../app-errors/app-failure';
import type { Clock } from '../logging/clock';
import type { RegistryLogins } from '../registry-credentials/registry-logins';
import { createHeldPreviews } from '../plans/held-previews';
import { writePrivateFile, type SaveDialog } from '../saved-files/saved-files';
import { checkManifestNames, MANIFEST_FORMATS, type ManifestRequest, type ManifestSources } from './secret-manifest';
import { settingsDocument } from './settings-document';
import { applySettings, previewSettings, readSettingsDocument, type HeldSettings, type SettingsImportDependencies } from './settings-import';

export interface RegistryExportDependencies extends SettingsImportDependencies, ManifestSources {
  logins: Pick<RegistryLogins, 'forRegistry'>;
  clock: Clock;
  /** Absent where no file dialog exists (plain Node). */
  saveDialog?: SaveDialog;
}

/** Export (a registry's Secret manifest, the settings file) and the settings file's import on another workstation. */
export function createRegistryExport(deps: RegistryExportDependencies) {
  const previews = createHeldPreviews<HeldSettings>(deps.clock);

  async function save(title: string, defaultName: string, extensions: string[], content: () => Promise<string>): Promise<SaveOutcome> {
    if (!deps.saveDialog) throw new AppFailure('export.noSaveDialog');
    // Built before the dialog opens, so a registry whose login fails is reported without a pointless dialog.
    const text = await content();
    const path = await deps.saveDialog.choosePath({ title, defaultName, extensions });
    if (path === null) return { saved: false };
    await writePrivateFile(path, text);
    return { saved: true, path };
  }

  return {
    async secretManifest(request: ManifestRequest & { format: ManifestFormat; confirmedContainsPassword: boolean }): Promise<SaveOutcome> {
      const format = MANIFEST_FORMATS[request.format];
      if (MANIFEST_FORMAT_EMBEDS_PASSWORD[request.format] && !request.confirmedContainsPassword) throw new AppFailure('export.confirmPassword');
      checkManifestNames(request);
      const outcome = await save('Save Secret manifest', `${request.name}.yaml`, ['yaml', 'yml'], () => format.build(request, deps));
      deps.logger.info('secret manifest exported', { registryId: request.registryId, format: request.format, saved: outcome.saved });
      return outcome;
    },
    async settings(): Promise<SaveOutcome & { registries: number }> {
      const records = deps.settings.read().registries;
      const outcome = await save('Export settings', 'registry-desk-settings.json', ['json'], async () => `${JSON.stringify(settingsDocument(records, deps.clock.now()), null, 2)}\n`);
      deps.logger.info('settings exported', { registries: records.length, saved: outcome.saved });
      return { ...outcome, registries: records.length };
    },
    async previewSettingsImport(text: string): Promise<SettingsPreview> {
      const held = await previewSettings(readSettingsDocument(text), deps);
      const previewId = previews.hold(held);
      return { previewId, exportedAt: held.document.exportedAt, entries: held.entries, sources: held.sources };
    },
    async applySettingsImport(previewId: string, choices: SettingsChoice[]): Promise<SettingsResult[]> {
      return applySettings(previews.get(previewId), choices, deps);
    },
  };
}
export type RegistryExport = ReturnType<typeof createRegistryExport>;
