import { opendir, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ToolFileKind } from '../../shared/workstation-tools-contract';
import { AppFailure } from '../app-errors/app-failure';

/** How many backups the overview reads and Delete the backups removes in one go; the next press takes the rest. */
export const MAX_BACKUPS = 64;
/** How many names of one folder are looked at: the tools' folders hold a few files, not a home directory's worth. */
const MAX_NAMES_PER_FOLDER = 4096;
/** Folders that hold no backup this user could read or delete: missing, not a folder, or not theirs to open. */
const FOLDER_SKIPPED: ReadonlySet<string> = new Set(['ENOENT', 'ENOTDIR', 'EACCES', 'EPERM']);

/** `-<ISO time with : and . as ->-<6 hex>.bak`, exactly as applyConfigSwitch names a backup; no repetition to backtrack on. */
const BACKUP_SUFFIX = /^\.registry-desk-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z-[a-f0-9]{6}\.bak$/;

/** The name applyConfigSwitch gives the backup of `path`, written beside it. */
export function backupName(path: string, now: Date, random: string): string {
  return `${path}.registry-desk-${now.toISOString().replace(/[:.]/g, '-')}-${random}.bak`;
}

/** Whether `backup` is a name the app writes for `path`'s backup: beside it, its name followed by the app's suffix and nothing else. */
export function isBackupOf(path: string, backup: string): boolean {
  return dirname(backup) === dirname(path) && backup.startsWith(path) && BACKUP_SUFFIX.test(backup.slice(path.length));
}

/**
 * Every Registry Desk backup beside the tools' files, whichever apply wrote it (each apply replaces
 * the saved undo, but not the backups before it). Regular files only, never a link; at most MAX_BACKUPS.
 */
export async function findBackups(toolFiles: readonly { kind: ToolFileKind; path: string }[]): Promise<{ found: { kind: ToolFileKind; path: string; backup: string }[]; more: boolean }> {
  const found: { kind: ToolFileKind; path: string; backup: string }[] = [];
  let more = false;
  for (const folder of new Set(toolFiles.map((file) => dirname(file.path)))) {
    const beside = toolFiles.filter((file) => dirname(file.path) === folder);
    let dir;
    try {
      dir = await opendir(folder);
    } catch (error) {
      // A folder the operator cannot open (a root-owned ~/.docker left by `sudo docker login`) holds no backup this
      // user can delete; the tool file in it is shown as unreadable on its own row, and the rest of the screen loads.
      if (FOLDER_SKIPPED.has((error as NodeJS.ErrnoException).code ?? '')) continue;
      throw new AppFailure('tools.configUnreadable', { path: folder, detail: (error as NodeJS.ErrnoException).code ?? 'unreadable' });
    }
    let names = 0;
    // The async iterator closes the folder when the loop ends, by break too.
    for await (const entry of dir) {
      if (++names > MAX_NAMES_PER_FOLDER) break;
      if (!entry.isFile()) continue;
      const backup = join(folder, entry.name);
      const owner = beside.find((file) => isBackupOf(file.path, backup));
      if (!owner) continue;
      // One more than the cap: the screen must say that backups were left unread, not "none".
      if (found.length >= MAX_BACKUPS) {
        more = true;
        break;
      }
      found.push({ kind: owner.kind, path: owner.path, backup });
    }
  }
  return { found: found.sort((a, b) => a.backup.localeCompare(b.backup)), more };
}

/** Deletes backups found by findBackups (so only names the app writes); one already gone counts as deleted. */
export async function deleteBackupFiles(backups: readonly string[]): Promise<string[]> {
  for (const backup of backups) {
    await unlink(backup).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw new AppFailure('tools.backupNotDeleted', { path: backup, detail: error.code ?? 'unlink failed' });
    });
  }
  return [...backups];
}
