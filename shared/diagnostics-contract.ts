import { z } from 'zod';
import { RegistryTypeSchema } from './registry-types';
import { KeychainStatusSchema } from './schemas';

const NoArguments = z.strictObject({});

/** Where Registry Desk keeps its files; a support request needs these first. */
export const DiagnosticsLocationsSchema = z.strictObject({
  dataFolder: z.string(),
  settingsFile: z.string(),
  /** null where the app logs to no file (the browser test harness). */
  logFolder: z.string().nullable(),
  logFile: z.string().nullable(),
});

/** What the About / diagnostics screen shows. Nothing here is secret. */
export const DiagnosticsSchema = z.strictObject({
  app: z.strictObject({ name: z.string(), version: z.string(), packaged: z.boolean() }),
  versions: z.strictObject({
    /** null outside Electron (plain Node tests, the browser harness). */
    electron: z.string().nullable(),
    chrome: z.string().nullable(),
    node: z.string(),
    v8: z.string(),
  }),
  os: z.strictObject({ platform: z.string(), release: z.string(), arch: z.string() }),
  locations: DiagnosticsLocationsSchema,
  keychain: KeychainStatusSchema,
  registries: z.array(z.strictObject({ type: RegistryTypeSchema, count: z.number().int().nonnegative() })),
});
export type Diagnostics = z.infer<typeof DiagnosticsSchema>;

/** The plain-text report, built and redacted in main: what the user pastes into a support request. */
export const DiagnosticsReportSchema = z.strictObject({ report: z.string() });
export type DiagnosticsReport = z.infer<typeof DiagnosticsReportSchema>;

export const DIAGNOSTICS_CHANNELS = {
  'diagnostics:get': { request: NoArguments, response: DiagnosticsSchema },
  'diagnostics:report': { request: NoArguments, response: DiagnosticsReportSchema },
  /** Copies the report to the system clipboard from main: the window itself is denied clipboard permission. */
  'diagnostics:copy-report': { request: NoArguments, response: DiagnosticsReportSchema },
} as const;
