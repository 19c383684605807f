import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import type { AppError } from '../../shared/errors';
import { AppFailure } from '../app-errors/app-failure';
import { kubeconfigEntries, type ClusterEntry, type ContextEntry, type UserEntry } from './kubeconfig-entries';
import type { KubeconfigLocation } from './kubeconfig-files';

export interface KubeconfigFileState {
  path: string;
  exists: boolean;
  error?: AppError;
}

/** The kubeconfig as kubectl sees it after merging every file. */
export interface Kubeconfig {
  clusters: Map<string, ClusterEntry>;
  users: Map<string, UserEntry>;
  contexts: Map<string, ContextEntry>;
  currentContext: string | null;
  files: KubeconfigFileState[];
  source: KubeconfigLocation['source'];
}

type Parsed = { state: KubeconfigFileState; document?: unknown };

async function readKubeconfigFile(path: string): Promise<Parsed> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { state: { path, exists: false } };
    return { state: { path, exists: true, error: new AppFailure('kubeconfig.unreadable', { path, detail: code ?? 'read failed' }).appError } };
  }
  try {
    return { state: { path, exists: true }, document: parse(text) };
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0]!.slice(0, 200) : 'not YAML';
    return { state: { path, exists: true, error: new AppFailure('kubeconfig.invalid', { path, detail }).appError } };
  }
}

/** kubectl's rule: the first file to define a name wins; within one file the last definition does. */
function firstFileWins<T extends { name: string }>(perFile: T[][]): Map<string, T> {
  const merged = new Map<string, T>();
  for (const entries of perFile) {
    const inFile = new Map(entries.map((entry) => [entry.name, entry]));
    for (const [name, entry] of inFile) if (!merged.has(name)) merged.set(name, entry);
  }
  return merged;
}

/**
 * Reads and merges the kubeconfig files like kubectl: missing files are skipped, unreadable or
 * invalid ones are reported and skipped (the others still count), relative paths resolve
 * against the file that names them, and current-context comes from the first file that sets it.
 */
export async function loadKubeconfig(location: KubeconfigLocation): Promise<Kubeconfig> {
  const parsed = await Promise.all(location.files.map(readKubeconfigFile));
  const entries = parsed.flatMap(({ state, document }) => (document === undefined || state.error ? [] : [kubeconfigEntries(document, state.path)]));
  return {
    clusters: firstFileWins(entries.map((file) => file.clusters)),
    users: firstFileWins(entries.map((file) => file.users)),
    contexts: firstFileWins(entries.map((file) => file.contexts)),
    currentContext: entries.find((file) => file.currentContext !== undefined)?.currentContext ?? null,
    files: parsed.map(({ state }) => state),
    source: location.source,
  };
}
