import { join } from 'node:path';
import type { AppError } from '../../shared/errors';
import type { ToolFileKind } from '../../shared/workstation-tools-contract';
import { AppFailure } from '../app-errors/app-failure';
import { dockerConfigPath, podmanAuthPaths, type Workstation } from '../registry-import';
import { readAtMost } from './bounded-read';
import { helmRegistryConfigPath } from './doctor-files';

/** A docker config is a few kilobytes; a larger file is not read. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export interface ToolFileText {
  kind: ToolFileKind;
  path: string;
  /** null: the file does not exist (yet). */
  text: string | null;
  problem: AppError | null;
}

/**
 * The files the switch writes: docker's config.json, and containers' auth.json — the one
 * REGISTRY_AUTH_FILE names (the one podman login writes then), else every existing one
 * in their lookup order (a credHelpers entry in the first file found wins there), else the
 * persistent ~/.config one (XDG_RUNTIME_DIR's is gone after a reboot).
 */
export function toolFilePaths(workstation: Workstation, exists: (path: string) => boolean): { kind: ToolFileKind; path: string }[] {
  const containers = podmanAuthPaths(workstation);
  const persistent = join(workstation.env.XDG_CONFIG_HOME || join(workstation.home, '.config'), 'containers', 'auth.json');
  const chosen = workstation.env.REGISTRY_AUTH_FILE ? [workstation.env.REGISTRY_AUTH_FILE] : containers.filter(exists);
  return [
    { kind: 'docker', path: dockerConfigPath(workstation) },
    ...(chosen.length > 0 ? chosen : [persistent]).map((path) => ({ kind: 'containers' as const, path })),
    // Helm reads credHelpers from its registry config with the docker config loader too.
    { kind: 'helm', path: helmRegistryConfigPath(workstation) },
  ];
}

export async function readToolFile(kind: ToolFileKind, path: string): Promise<ToolFileText> {
  try {
    const read = await readAtMost(path, MAX_CONFIG_BYTES);
    if (read === null) return { kind, path, text: null, problem: new AppFailure('tools.configTooLarge', { path }).appError };
    return { kind, path, text: read.text, problem: null };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind, path, text: null, problem: null };
    return { kind, path, text: null, problem: new AppFailure('tools.configUnreadable', { path, detail: code ?? 'unreadable' }).appError };
  }
}
