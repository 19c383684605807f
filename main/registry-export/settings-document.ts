import { SETTINGS_EXPORT_FORMAT, SETTINGS_EXPORT_VERSION, type ExportedRegistry, type SettingsExport } from '../../shared/import-export-contract';
import type { RegistryInput, RegistryRecord } from '../../shared/schemas';

/** A saved registry as the editor would send it, without any secret. */
export function registryWithoutSecrets(record: RegistryRecord): RegistryInput {
  const common = { name: record.name, url: record.url, isDefault: record.isDefault };
  switch (record.type) {
    case 'ecr':
      return { type: 'ecr', ...common, authType: record.authType ?? 'iam-role', ...(record.accessKeyId ? { accessKeyId: record.accessKeyId } : {}) };
    case 'other':
      return {
        type: 'other',
        ...common,
        username: record.username ?? '',
        connection: record.connection ?? 'secure',
        ...(record.caCertificate ? { caCertificate: record.caCertificate } : {}),
      };
    default:
      return { type: record.type, ...common, username: record.username ?? '' };
  }
}

/** The settings file teams share: every registry and its access settings, no secret, no id of this workstation. */
export function settingsDocument(records: RegistryRecord[], now: Date): SettingsExport {
  return {
    format: SETTINGS_EXPORT_FORMAT,
    version: SETTINGS_EXPORT_VERSION,
    exportedAt: now.toISOString(),
    registries: records.map((record): ExportedRegistry => ({ registry: registryWithoutSecrets(record), ...(record.access ? { access: record.access } : {}) })),
  };
}
