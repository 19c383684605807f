import { z } from 'zod';
import { ConnectionResultSchema } from '../../shared/connection-contract';
import { PreferencesSchema, RegistryRecordSchema } from '../../shared/schemas';

/** 2: access settings may say, per context, to keep the secret in sync through the cluster's own engine. */
export const SETTINGS_SCHEMA_VERSION = 2;

/** Where the window was when it last closed (normal bounds, so un-maximising restores them). */
export const WindowStateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

/** Everything electron-store keeps. Secrets never appear here; the keychain holds them. */
export const SettingsFileSchema = z.object({
  schemaVersion: z.literal(SETTINGS_SCHEMA_VERSION),
  registries: z.array(RegistryRecordSchema),
  preferences: PreferencesSchema,
  // Cosmetic: a damaged entry is dropped rather than making the whole file unreadable.
  window: WindowStateSchema.optional().catch(undefined),
  /** The last connection test of each registry, so the list still shows it after a restart (no secret in it). */
  connectionResults: z.record(z.string(), ConnectionResultSchema).optional().catch(undefined),
  /** When Manage access's status last saw each namespace in sync: registry → context → namespace → time. */
  accessInSyncAt: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.string()))).optional().catch(undefined),
});
export type SettingsFile = z.infer<typeof SettingsFileSchema>;

export const EMPTY_SETTINGS: SettingsFile = {
  schemaVersion: SETTINGS_SCHEMA_VERSION,
  registries: [],
  preferences: { language: null },
};

/** The settings file in the data folder is `settings.json`. */
export const SETTINGS_FILE_NAME = 'settings';

/**
 * Options shared by electron-store (in the app) and conf (in tests), so both read and write
 * the same file the same way. electron-store 11+ overwrites conf's `configName` with its own
 * `name` option (default "config"), so both carry the file name. No defaults: an absent key must
 * stay distinguishable from a value, and a file we cannot read must never be replaced
 * (`clearInvalidConfig: false`).
 */
export const SETTINGS_STORE_OPTIONS = {
  name: SETTINGS_FILE_NAME,
  configName: SETTINGS_FILE_NAME,
  clearInvalidConfig: false,
} as const;
