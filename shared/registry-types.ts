import { z } from 'zod';

/** The seven registry types of the product document, in the order it lists them. */
export const RegistryTypeSchema = z.enum(['ecr', 'docker', 'azure', 'artifact-registry', 'gcr', 'quay', 'other']);
export type RegistryType = z.infer<typeof RegistryTypeSchema>;
export const REGISTRY_TYPES = RegistryTypeSchema.options;

export const EcrAuthTypeSchema = z.enum(['iam-role', 'user-auth']);
export type EcrAuthType = z.infer<typeof EcrAuthTypeSchema>;

/** How the app connects to an "Other" registry (product document: advanced connection options). */
export const ConnectionModeSchema = z.enum(['secure', 'secure-with-ca', 'insecure']);
export type ConnectionMode = z.infer<typeof ConnectionModeSchema>;

/** The secret kinds the keychain holds for a registry; nothing else is ever secret. */
export const SecretKindSchema = z.enum(['password', 'secretAccessKey', 'serviceAccountJson']);
export type SecretKind = z.infer<typeof SecretKindSchema>;

/** Username that Google registries require with a service-account JSON key. */
export const GOOGLE_JSON_KEY_USERNAME = '_json_key';
/** The username registries take with a Google OAuth access token as the password. */
export const GOOGLE_ACCESS_TOKEN_USERNAME = 'oauth2accesstoken';
