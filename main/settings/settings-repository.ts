import { AppFailure } from '../app-errors/app-failure';
import type { Logger } from '../logging/logger';
import { EMPTY_SETTINGS, SettingsFileSchema, type SettingsFile } from './settings-file';
import { migrateSettings, SETTINGS_MIGRATIONS, type SettingsMigration } from './settings-migrations';

/** The part of electron-store / conf we use; both implement it. Assigning `store` replaces the whole file. */
export interface SettingsBackend {
  readonly path: string;
  store: Record<string, unknown>;
}

export interface SettingsRepository {
  readonly path: string;
  read(): SettingsFile;
  /** Read-modify-write of the whole file; the change is validated before it is written. */
  update(change: (current: SettingsFile) => SettingsFile): SettingsFile;
}

function describeProblem(error: unknown): string {
  if (error instanceof Error && 'issues' in error && Array.isArray(error.issues)) {
    const first = error.issues[0] as { path?: PropertyKey[]; message?: string } | undefined;
    return `${(first?.path ?? []).map(String).join('.') || 'file'}: ${first?.message ?? 'invalid'}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * The whole file at once, never key by key: conf refuses to set a key to `undefined` (a damaged
 * cosmetic entry that parsing dropped), and keys absent from the new value must leave the file.
 */
function write(backend: SettingsBackend, settings: SettingsFile): void {
  backend.store = JSON.parse(JSON.stringify(settings)) as Record<string, unknown>;
}

export function createSettingsRepository(
  backend: SettingsBackend,
  logger: Logger,
  migrations: Readonly<Record<number, SettingsMigration>> = SETTINGS_MIGRATIONS,
): SettingsRepository {
  const unreadable = (detail: string) => new AppFailure('settings.unreadable', { path: backend.path, detail });

  function read(): SettingsFile {
    const raw = backend.store;
    if (Object.keys(raw).length === 0) return EMPTY_SETTINGS;
    const outcome = migrateSettings(raw, migrations);
    if (outcome.kind === 'newer') {
      throw unreadable(`it was written by a newer Registry Desk (format ${outcome.version})`);
    }
    const parsed = SettingsFileSchema.safeParse({ ...EMPTY_SETTINGS, ...outcome.settings });
    if (!parsed.success) throw unreadable(describeProblem(parsed.error));
    if (outcome.kind === 'migrated') {
      write(backend, parsed.data);
      logger.info('settings migrated', { from: outcome.from, to: parsed.data.schemaVersion });
    }
    return parsed.data;
  }

  function update(change: (current: SettingsFile) => SettingsFile): SettingsFile {
    const next = SettingsFileSchema.parse(change(read()));
    write(backend, next);
    return next;
  }

  return { path: backend.path, read, update };
}
