import { randomUUID } from 'node:crypto';
import { lstat, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportFile, SavedExport } from '../../shared/cluster-sync-contract';
import type { RegistryId } from '../../shared/schemas';
import { AppFailure } from '../app-errors/app-failure';
import type { Clock } from '../logging/clock';
import { saveFile, type SaveDialog } from '../saved-files/saved-files';

/** GitOps manifests are meant to be committed and read by others: no secret is in them. */
const MANIFEST_MODE = 0o644;
/** Long enough to read the list of files and decide. */
const WAIT_MS = 15 * 60_000;
const MAX_WAITING = 4;

interface WaitingSave {
  registryId: RegistryId;
  folder: string;
  files: ExportFile[];
  expiresAt: number;
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new AppFailure('export.writeFailed', { path, detail: (error as NodeJS.ErrnoException).code ?? 'unknown error' });
  }
}

/**
 * Saves the GitOps files into a folder the operator picks. Files already there are replaced only
 * after the operator confirmed it: the first save writes nothing and answers with their names and
 * an id; saving again with that id writes exactly the files that were shown into that folder.
 */
export function createGitopsSave(deps: { saveDialog?: Pick<SaveDialog, 'chooseFolder'>; clock: Clock }) {
  const waiting = new Map<string, WaitingSave>();

  function keep(save: Omit<WaitingSave, 'expiresAt'>): string {
    const now = deps.clock.now().getTime();
    for (const [id, entry] of waiting) if (entry.expiresAt <= now) waiting.delete(id);
    while (waiting.size >= MAX_WAITING) waiting.delete(waiting.keys().next().value!);
    const id = `replace_${randomUUID()}`;
    waiting.set(id, { ...save, expiresAt: now + WAIT_MS });
    return id;
  }

  async function write(folder: string, files: ExportFile[]): Promise<SavedExport> {
    for (const file of files) await saveFile(join(folder, file.fileName), file.content, MANIFEST_MODE);
    return { folder, files: files.map((file) => file.fileName), replace: null };
  }

  return {
    async save(registryId: RegistryId, files: ExportFile[]): Promise<SavedExport> {
      const folder = (await deps.saveDialog?.chooseFolder({ title: 'Save the GitOps manifests' })) ?? null;
      if (!folder) return { folder: null, files: [], replace: null };
      await mkdir(folder, { recursive: true });
      const present = await Promise.all(files.map((file) => exists(join(folder, file.fileName))));
      const existing = files.filter((_file, index) => present[index]).map((file) => file.fileName);
      if (existing.length === 0) return write(folder, files);
      return { folder, files: [], replace: { replaceId: keep({ registryId, folder, files }), existing } };
    },
    async replace(registryId: RegistryId, replaceId: string): Promise<SavedExport> {
      const entry = waiting.get(replaceId);
      waiting.delete(replaceId);
      if (!entry || entry.registryId !== registryId || entry.expiresAt <= deps.clock.now().getTime()) throw new AppFailure('clusterSync.replaceExpired');
      return write(entry.folder, entry.files);
    },
  };
}
