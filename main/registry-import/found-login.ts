import type { AppError } from '../../shared/errors';
import type { ImportOrigin, SkipReason } from '../../shared/import-export-contract';

/**
 * One login as a source holds it. `secret` is present only for a username/password login that
 * could be imported as it is; it never leaves main.
 */
export interface FoundLogin {
  origin: ImportOrigin;
  serverKey: string;
  username: string;
  secret?: string;
  skip?: { reason: SkipReason; error?: AppError };
}

/** The host (and port) of an `auths` key, as the docker CLI picks the credential helper for it. */
export function hostnameOf(serverKey: string): string {
  return serverKey.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split('/')[0]!.toLowerCase();
}

const DOCKER_HUB_TOKEN_KEY = /^(https?:\/\/)?index\.docker\.io\/v1\/(access|refresh)-token\/?$/i;

/** Docker's OAuth login keeps its own access and refresh tokens beside the real login. */
export const isDockerHubTokenKey = (serverKey: string): boolean => DOCKER_HUB_TOKEN_KEY.test(serverKey);
