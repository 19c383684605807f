import { homedir } from 'node:os';
import { join } from 'node:path';

/** The parts of the operator's environment that say where container tools keep their logins. */
export interface Workstation {
  env: Readonly<Record<string, string | undefined>>;
  home: string;
  platform: NodeJS.Platform;
}

export const thisWorkstation = (): Workstation => ({ env: process.env, home: homedir(), platform: process.platform });

/** `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`, as the docker CLI reads it. */
export function dockerConfigPath(workstation: Workstation): string {
  const folder = workstation.env.DOCKER_CONFIG || join(workstation.home, '.docker');
  return join(folder, 'config.json');
}

/**
 * Podman, skopeo and buildah's auth files in the order containers-auth.json(5) looks them up
 * (its last fallback, Docker's file, is read as Docker's already). Every existing one is read:
 * an older file can still hold a login the newer one lacks.
 */
export function podmanAuthPaths(workstation: Workstation): string[] {
  const { env, home, platform } = workstation;
  const paths = [
    env.REGISTRY_AUTH_FILE,
    platform === 'linux' && env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, 'containers', 'auth.json') : undefined,
    join(home, '.config', 'containers', 'auth.json'),
    env.XDG_CONFIG_HOME ? join(env.XDG_CONFIG_HOME, 'containers', 'auth.json') : undefined,
  ];
  return [...new Set(paths.filter((path): path is string => Boolean(path)))];
}
