import { AppFailure } from '../app-errors/app-failure';
import type { Logger } from '../logging/logger';
import { EMPTY_SETTINGS, SettingsFileSchema, type SettingsFile } from './settings-file';
import { NO_LOCK, type SettingsLock } from './settings-lock';
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
  /** Held for every write: another process (the credential helper's store and erase) writes the same file. */
  lock: SettingsLock = NO_LOCK,
): SettingsRepository {
  const unreadable = (detail: string) => new AppFailure('settings.unreadable', { path: backend.path, detail });

  function parse(): { settings: SettingsFile; migratedFrom: number | null } {
    const raw = backend.store;
    if (Object.keys(raw).length === 0) return { settings: EMPTY_SETTINGS, migratedFrom: null };
    const outcome = migrateSettings(raw, migrations);
    if (outcome.kind === 'newer') {
      throw unreadable(`it was written by a newer Registry Desk (format ${outcome.version})`);
    }
    const parsed = SettingsFileSchema.safeParse({ ...EMPTY_SETTINGS, ...outcome.settings });
    if (!parsed.success) throw unreadable(describeProblem(parsed.error));
    return { settings: parsed.data, migratedFrom: outcome.kind === 'migrated' ? outcome.from : null };
  }

  function read(): SettingsFile {
    const first = parse();
    if (first.migratedFrom === null) return first.settings;
    // Migrated under the lock, from the file as it is then: another process may have written it meanwhile.
    return lock.exclusive(() => {
      const { settings, migratedFrom } = parse();
      if (migratedFrom !== null) {
        write(backend, settings);
        logger.info('settings migrated', { from: migratedFrom, to: settings.schemaVersion });
      }
      return settings;
    });
  }

  /** Read, changed and written while no other process can write the file in between. */
  function update(change: (current: SettingsFile) => SettingsFile): SettingsFile {
    return lock.exclusive(() => {
      const next = SettingsFileSchema.parse(change(read()));
      write(backend, next);
      return next;
    });
  }

  return { path: backend.path, read, update };
}
