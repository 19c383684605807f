import { readFile, stat } from 'node:fs/promises';
import type { ImportOrigin, ImportSource, ImportSourceKind } from '../../shared/import-export-contract';
import { AppFailure } from '../app-errors/app-failure';
import { parseAuthFile, type AuthFile } from './auth-file';
import type { CredentialHelpers } from './credential-helper';
import { followDockerChoice } from './docker-choice';
import type { FoundLogin } from './found-login';
import { readHelperLogins } from './helper-logins';
import { dockerConfigPath, podmanAuthPaths, type Workstation } from './workstation';

export interface ScannedLogins {
  sources: ImportSource[];
  logins: FoundLogin[];
}

const MAX_FILE_BYTES = 8 * 1024 * 1024;

type FileRead = { source: ImportSource; file?: AuthFile };

async function readAuthFileAt(path: string, kind: ImportSourceKind): Promise<FileRead> {
  const origin: ImportOrigin = { kind, location: path };
  const failed = (error: AppFailure): FileRead => ({ source: { ...origin, state: 'failed', found: 0, error: error.appError } });
  let content: string;
  try {
    if ((await stat(path)).size > MAX_FILE_BYTES) return failed(new AppFailure('import.unreadableFile', { location: path, detail: 'larger than 8 MiB' }));
    content = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { source: { ...origin, state: 'absent', found: 0 } };
    return failed(new AppFailure('import.unreadableFile', { location: path, detail: code ?? 'unknown error' }));
  }
  try {
    const file = parseAuthFile(content, origin);
    return { source: { ...origin, state: 'read', found: file.logins.length + file.placeholders.length }, file };
  } catch (error) {
    if (error instanceof AppFailure) return failed(error);
    throw error;
  }
}

/** Docker's config.json, the helpers it (or an auth.json) names, and Podman's auth.json files; each source on its own. */
export async function readWorkstationLogins(workstation: Workstation, helpers: CredentialHelpers): Promise<ScannedLogins> {
  const reads = await Promise.all([
    readAuthFileAt(dockerConfigPath(workstation), 'docker-config'),
    ...podmanAuthPaths(workstation).map((path) => readAuthFileAt(path, 'podman-auth')),
  ]);
  const files = reads.flatMap((read) => (read.file ? [read.file] : []));
  const fromHelpers = await readHelperLogins(files, helpers);
  const judged = followDockerChoice(reads[0]!.file, [...fromHelpers.logins, ...files.flatMap((file) => file.logins)]);
  return {
    sources: [...reads.map((read) => read.source), ...fromHelpers.sources],
    logins: judged.filter((login) => !login.probe || !login.skip),
  };
}

/**
 * A docker config that is not this workstation's (pasted, picked, read from a cluster): its
 * helpers hold someone else's logins, so placeholders are reported as having no credentials.
 */
export function readTextLogins(content: string, origin: ImportOrigin): ScannedLogins {
  try {
    const file = parseAuthFile(content, origin);
    const placeholders = file.placeholders.map(({ serverKey }): FoundLogin => ({ origin, serverKey, username: '', skip: { reason: 'noCredentials' } }));
    return { sources: [{ ...origin, state: 'read', found: file.logins.length + placeholders.length }], logins: [...file.logins, ...placeholders] };
  } catch (error) {
    if (!(error instanceof AppFailure)) throw error;
    return { sources: [{ ...origin, state: 'failed', found: 0, error: error.appError }], logins: [] };
  }
}
