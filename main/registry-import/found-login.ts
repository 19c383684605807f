import type { AppError } from '../../shared/errors';
import type { DockerUnused, ImportOrigin, SkipReason } from '../../shared/import-export-contract';

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
  /** Set when docker's config would send another login, or none, for this registry. */
  unusedByDocker?: DockerUnused;
  /** Asked only to learn what docker would send: listed when it holds a login, else dropped after docker's choice is made. */
  probe?: true;
}

const DOCKER_HUB_TOKEN_KEY = /^(https?:\/\/)?index\.docker\.io\/v1\/(access|refresh)-token\/?$/i;

/** Docker's OAuth login keeps its own access and refresh tokens beside the real login. */
export const isDockerHubTokenKey = (serverKey: string): boolean => DOCKER_HUB_TOKEN_KEY.test(serverKey);
