import { z } from 'zod';
import { AccessSettingsSchema } from './access-settings';
import { AppErrorSchema } from './errors';
import { ConnectionModeSchema, EcrAuthTypeSchema, RegistryTypeSchema, SecretKindSchema } from './registry-types';

const MAX_SECRET = 8 * 1024;
const text = (max: number) => z.string().max(max);

const commonInput = {
  name: text(200),
  url: text(600),
  isDefault: z.boolean().optional(),
};
const basicCredentials = {
  username: text(300),
  /** Blank or absent on edit keeps the secret already in the keychain. */
  password: text(MAX_SECRET).optional(),
};
const googleCredentials = {
  username: text(300),
  serviceAccountJson: text(128 * 1024).optional(),
};

/** What the editor sends on save. Secrets travel here once and are never sent back. */
export const RegistryInputSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('ecr'),
    ...commonInput,
    authType: EcrAuthTypeSchema,
    accessKeyId: text(300).optional(),
    secretAccessKey: text(MAX_SECRET).optional(),
  }),
  z.strictObject({ type: z.literal('docker'), ...commonInput, ...basicCredentials }),
  z.strictObject({ type: z.literal('azure'), ...commonInput, ...basicCredentials }),
  z.strictObject({ type: z.literal('artifact-registry'), ...commonInput, ...googleCredentials }),
  z.strictObject({ type: z.literal('gcr'), ...commonInput, ...googleCredentials }),
  z.strictObject({ type: z.literal('quay'), ...commonInput, ...basicCredentials }),
  z.strictObject({
    type: z.literal('other'),
    ...commonInput,
    ...basicCredentials,
    connection: ConnectionModeSchema,
    caCertificate: text(1024 * 1024).optional(),
  }),
]);
export type RegistryInput = z.infer<typeof RegistryInputSchema>;

export const RegistryIdSchema = z.string().regex(/^reg_[a-z0-9]{16}$/);
export type RegistryId = z.infer<typeof RegistryIdSchema>;

/** What electron-store keeps for one registry: no secret, only whether the keychain holds one. */
export const RegistryRecordSchema = z.object({
  id: RegistryIdSchema,
  name: z.string(),
  type: RegistryTypeSchema,
  url: z.string(),
  isDefault: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  username: z.string().optional(),
  authType: EcrAuthTypeSchema.optional(),
  accessKeyId: z.string().optional(),
  /** The service account a stored JSON key belongs to (not secret; shown so the user knows which key). */
  serviceAccountEmail: z.string().optional(),
  connection: ConnectionModeSchema.optional(),
  caCertificate: z.string().optional(),
  /** Which secret kinds the keychain holds for this registry, so listing never touches the keychain. */
  secrets: z.array(SecretKindSchema),
  /** "Manage access": where the credentials are injected. Absent until the operator saves it. */
  access: AccessSettingsSchema.optional(),
  /** Set when `docker login` created it through the credential helper: only such a registry may `docker logout` delete. */
  addedBy: z.literal('docker-login').optional(),
});
export type RegistryRecord = z.infer<typeof RegistryRecordSchema>;

export const CertificateSummarySchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  expired: z.boolean(),
  isCertificateAuthority: z.boolean(),
  fingerprint256: z.string(),
});
export type CertificateSummary = z.infer<typeof CertificateSummarySchema>;

export const StoredSecretsSchema = z.object({
  password: z.boolean(),
  secretAccessKey: z.boolean(),
  serviceAccountJson: z.boolean(),
});
export type StoredSecrets = z.infer<typeof StoredSecretsSchema>;

/** A registry as the renderer sees it: the record plus derived facts, never a secret value. */
export const RegistryViewSchema = RegistryRecordSchema.extend({
  storedSecrets: StoredSecretsSchema,
  ecrRegion: z.string().optional(),
  ecrAccountId: z.string().optional(),
  certificates: z.array(CertificateSummarySchema).optional(),
});
export type RegistryView = z.infer<typeof RegistryViewSchema>;

export const LanguageSchema = z.enum(['en', 'zh-CN']);
export type Language = z.infer<typeof LanguageSchema>;

/** The radar's re-scan while the app is open: how often, and the expiry window its notices name. */
export const RadarRescanSchema = z.strictObject({
  everyMinutes: z.union([z.literal(15), z.literal(60), z.literal(240)]),
  windowDays: z.number().int().min(1).max(365),
});
export type RadarRescan = z.infer<typeof RadarRescanSchema>;

export const PreferencesSchema = z.strictObject({
  /** null follows the OS locale. */
  language: LanguageSchema.nullable(),
  /** Desktop notices of what a radar scan finds anew; absent: off. */
  radarNotifications: z.boolean().optional(),
  /** Re-scans while the app is open, for the notices (which must be on too); absent or null: none. */
  radarRescan: RadarRescanSchema.nullable().optional(),
});
export type Preferences = z.infer<typeof PreferencesSchema>;

export const KeychainStatusSchema = z.object({
  available: z.boolean(),
  backend: z.string(),
  /** Why it is unavailable, as the same typed error a save would fail with. */
  error: AppErrorSchema.optional(),
});
export type KeychainStatus = z.infer<typeof KeychainStatusSchema>;
