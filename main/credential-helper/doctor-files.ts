import { join } from 'node:path';
import type { DoctorTool } from '../../shared/workstation-tools-contract';
import { dockerConfigPath, type Workstation } from '../registry-import';

/*
 * The files each tool reads its logins from, in the order it reads them. Checked against the
 * sources, not guessed:
 * - docker: docker/cli cli/config/configfile/file.go, one file, `$DOCKER_CONFIG/config.json` else `~/.docker/config.json`.
 * - containers-image (podman, skopeo, buildah): pkg/docker/config/config.go getAuthFilePaths and
 *   getPathToAuthWithOS: first `$XDG_RUNTIME_DIR/containers/auth.json` (Linux;
 *   `/run/containers/<uid>/auth.json` without it; `~/.config/containers/auth.json` on macOS and
 *   Windows), then `${XDG_CONFIG_HOME:-~/.config}/containers/auth.json`, then docker's file
 *   (`$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`). The auth file the user names
 *   (`--authfile`, `REGISTRY_AUTH_FILE`) takes the first place; since c/image 5.24 it is read alone,
 *   before that the others still follow it (Debian 12's skopeo 1.9, podman 4.3, buildah 1.28 do:
 *   containers-tools.ts tells which). (`~/.dockercfg`, the pre-2015 format, comes last and is not
 *   read here.)
 * - helm 3.18 and later (oras-go v2, pkg/registry/client.go): `$HELM_REGISTRY_CONFIG`, else
 *   `registry/config.json` under `$HELM_CONFIG_HOME`, else under `helm/` of `$XDG_CONFIG_HOME` or the
 *   platform's config folder (helmpath/lazypath*.go); then docker's file as a fallback store.
 */

export interface DoctorFile {
  tool: DoctorTool;
  path: string;
}

/** c/image's own first file: the runtime folder's on Linux, the config folder's elsewhere. */
function runtimeFile({ env, home, platform }: Workstation, uid: number): string {
  if (platform !== 'linux') return join(home, '.config', 'containers', 'auth.json');
  return env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, 'containers', 'auth.json') : `/run/containers/${uid}/auth.json`;
}

function containersFiles(workstation: Workstation, uid: number, authFileAlone: boolean): string[] {
  const { env, home } = workstation;
  const userFile = env.REGISTRY_AUTH_FILE;
  if (userFile && authFileAlone) return [userFile];
  const xdg = join(env.XDG_CONFIG_HOME || join(home, '.config'), 'containers', 'auth.json');
  return [...new Set([userFile || runtimeFile(workstation, uid), xdg, dockerConfigPath(workstation)])];
}

function helmConfigHome(workstation: Workstation): string {
  const { env, home, platform } = workstation;
  if (env.HELM_CONFIG_HOME) return env.HELM_CONFIG_HOME;
  const base = env.XDG_CONFIG_HOME || (platform === 'darwin' ? join(home, 'Library', 'Preferences') : platform === 'win32' ? (env.APPDATA ?? home) : join(home, '.config'));
  return join(base, 'helm');
}

export function helmRegistryConfigPath(workstation: Workstation): string {
  return workstation.env.HELM_REGISTRY_CONFIG || join(helmConfigHome(workstation), 'registry', 'config.json');
}

/**
 * Each tool's files in its own order; the same path may appear for several tools.
 * `authFileAlone`: whether podman, skopeo and buildah read REGISTRY_AUTH_FILE alone (c/image 5.24+).
 */
export function doctorFiles(workstation: Workstation, uid: number, authFileAlone: boolean): DoctorFile[] {
  const docker = dockerConfigPath(workstation);
  return [
    { tool: 'docker', path: docker },
    ...containersFiles(workstation, uid, authFileAlone).map((path) => ({ tool: 'containers' as const, path })),
    ...[...new Set([helmRegistryConfigPath(workstation), docker])].map((path) => ({ tool: 'helm' as const, path })),
  ];
}
