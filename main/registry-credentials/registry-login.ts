import type { RegistryType } from '../../shared/registry-types';

/** ECR tokens last 12 hours; the app renews them at half-life. */
export const ECR_TOKEN_LIFETIME_MS = 12 * 60 * 60 * 1000;

/** What `docker login` needs for one registry, resolved from the keychain (and AWS for ECR). */
export interface RegistryLogin {
  registryId: string;
  type: RegistryType;
  /** The normalised registry URL as stored, e.g. "docker.io", "https://123456789012.dkr.ecr.eu-west-1.amazonaws.com", "harbor.corp:8443". */
  server: string;
  username: string;
  password: string;
  /** ISO time after which the password stops working (ECR tokens last 12 hours). */
  expiresAt?: string;
}
