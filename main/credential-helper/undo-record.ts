import { createHash } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import { z } from 'zod';
import type { AppError } from '../../shared/errors';
import { AppFailure } from '../app-errors/app-failure';
import { writeFileAtomically } from '../saved-files/atomic-file';
import { isBackupOf } from './backup-files';
import { readAtMost } from './bounded-read';
import { removeConfigFile, writeConfigFile } from './tool-config-switch';
import { MAX_CONFIG_BYTES } from './tool-files';

/** The last apply's undo, in the app's data folder, so that Undo outlives a restart of the app. */
export const UNDO_FILE_NAME = 'workstation-undo.json';
/** A record names at most a few files; anything larger is not one of ours. */
const MAX_RECORD_BYTES = 64 * 1024;

const Sha256Schema = z.string().regex(/^[a-f0-9]{64}$/);

/** One file an apply wrote: where its old bytes went (null: the apply created it) and the hashes that prove nothing else touched either. */
const UndoFileSchema = z.strictObject({
  path: z.string().min(1).max(4096),
  backup: z.string().min(1).max(4200).nullable(),
  beforeSha256: Sha256Schema.nullable(),
  afterSha256: Sha256Schema,
});
export type UndoFile = z.infer<typeof UndoFileSchema>;

const UndoRecordSchema = z.strictObject({
  version: z.literal(1),
  undoId: z.string().regex(/^[a-f0-9]{32}$/),
  appliedAt: z.iso.datetime(),
  files: z.array(UndoFileSchema).min(1).max(16),
});
export type UndoRecord = z.infer<typeof UndoRecordSchema>;

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * A backup is named `<path>.registry-desk-<time>-<random>.bak` beside its file (tool-config-switch.ts);
 * a record naming any other file, or a file the switch never writes, could make Undo overwrite it.
 */
function boundedToToolFiles(record: UndoRecord, toolPaths: ReadonlySet<string>): boolean {
  return record.files.every(
    (file) =>
      toolPaths.has(file.path) &&
      (file.backup === null) === (file.beforeSha256 === null) &&
      (file.backup === null || isBackupOf(file.path, file.backup)),
  );
}

/** The saved record, or why it is ignored (corrupt, hostile, unreadable); a missing file is neither. */
export async function readUndoRecord(file: string, toolPaths: ReadonlySet<string>): Promise<{ record: UndoRecord | null; problem: AppError | null }> {
  const ignored = (detail: string) => ({ record: null, problem: new AppFailure('tools.undoRecordIgnored', { path: file, detail }).appError });
  let text: string;
  try {
    const read = await readAtMost(file, MAX_RECORD_BYTES);
    if (read === null) return ignored('larger than 64 KiB');
    text = read.text;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { record: null, problem: null } : ignored(code ?? 'unreadable');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return ignored('not JSON');
  }
  const parsed = UndoRecordSchema.safeParse(json);
  if (!parsed.success) return ignored('not an undo record');
  if (!boundedToToolFiles(parsed.data, toolPaths)) return ignored('names a file that is not a tool config or its backup');
  return { record: parsed.data, problem: null };
}

/** Saves the record (replacing the last one) with the app's atomic writer; null removes it. */
export async function saveUndoRecord(file: string, record: UndoRecord | null): Promise<void> {
  if (record) await writeFileAtomically(file, `${JSON.stringify(record, null, 2)}\n`);
  else await unlink(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

/** The config files are bounded like the switch reads them (tool-files.ts): at most MAX_CONFIG_BYTES + 1 bytes read. */
async function boundedText(path: string): Promise<{ text: string; mode: number } | null> {
  try {
    return await readAtMost(path, MAX_CONFIG_BYTES);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new AppFailure('tools.configUnreadable', { path, detail: (error as NodeJS.ErrnoException).code ?? 'unreadable' });
  }
}

/** The file is still exactly what the apply wrote, by its hash, and its backup still what the apply saved: the bytes to put back (null: remove the file the apply created). */
async function checked(file: UndoFile): Promise<{ before: string | null; mode: number }> {
  const found = await boundedText(file.path);
  if (!found || sha256(found.text) !== file.afterSha256) throw new AppFailure('tools.undoFileChanged', { path: file.path });
  if ((found.mode & 0o222) === 0) throw new AppFailure('tools.configReadOnly', { path: file.path });
  if (file.backup === null) return { before: null, mode: found.mode };
  const saved = await boundedText(file.backup).catch(() => null);
  if (!saved || sha256(saved.text) !== file.beforeSha256) throw new AppFailure('tools.undoBackupChanged', { path: file.path, backup: file.backup });
  return { before: saved.text, mode: found.mode };
}

/** Every file checked before any is written, so a refused undo changes nothing. */
export async function checkUndo(files: readonly UndoFile[]): Promise<void> {
  for (const file of files) await checked(file);
}

/** Puts one file back, checked again just before: another program may have written it since checkUndo. */
export async function restoreFile(file: UndoFile): Promise<void> {
  const { before, mode } = await checked(file);
  if (before === null) await removeConfigFile(file.path);
  else await writeConfigFile(file.path, before, mode);
}
