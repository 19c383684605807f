import { SETTINGS_SCHEMA_VERSION } from './settings-file';

/** Upgrades a settings object written by version N to version N + 1. */
export type SettingsMigration = (previous: Record<string, unknown>) => Record<string, unknown>;

export type MigrationOutcome =
  | { kind: 'current'; settings: Record<string, unknown> }
  | { kind: 'migrated'; settings: Record<string, unknown>; from: number }
  | { kind: 'newer'; version: number };

/**
 * Brings a raw settings object to SETTINGS_SCHEMA_VERSION. A file written by a newer app
 * is reported, not downgraded, so opening an old build never destroys newer data.
 */
export function migrateSettings(
  raw: Record<string, unknown>,
  migrations: Readonly<Record<number, SettingsMigration>>,
  target = SETTINGS_SCHEMA_VERSION,
): MigrationOutcome {
  const version = typeof raw.schemaVersion === 'number' ? raw.schemaVersion : target;
  if (version > target) return { kind: 'newer', version };
  let settings = { ...raw, schemaVersion: version };
  for (let from = version; from < target; from += 1) {
    const migrate = migrations[from];
    if (!migrate) throw new Error(`No settings migration from version ${from}`);
    settings = { ...migrate(settings), schemaVersion: from + 1 };
  }
  return version === target && raw.schemaVersion === target
    ? { kind: 'current', settings }
    : { kind: 'migrated', settings, from: version };
}

/**
 * Version 1 is the first released format. Version 2 only adds an optional field (access settings'
 * `clusterSync`), so a version 1 file reads unchanged; the number moves so that an older app meets
 * a version 2 file as "written by a newer Registry Desk" rather than as a damaged file.
 */
export const SETTINGS_MIGRATIONS: Readonly<Record<number, SettingsMigration>> = {
  1: (previous) => previous,
};
