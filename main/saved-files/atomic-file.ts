import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** The file-system calls the writer makes; a unit test passes calls that fail where a full disk would. */
export interface AtomicFileCalls {
  open: typeof open;
  rename: typeof rename;
  unlink: typeof unlink;
}

const nodeCalls: AtomicFileCalls = { open, rename, unlink };

/** Best effort: makes the rename itself durable; not every platform can open or sync a folder. */
async function syncFolder(folder: string, calls: AtomicFileCalls): Promise<void> {
  try {
    const handle = await calls.open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // The file is complete and in place; only its survival of a power cut is less certain.
  }
}

/**
 * Replaces `path` with `content` or leaves it as it was: the bytes go to a new 0600 file in the
 * same folder (so the rename stays on one file system), are flushed to the disk, get `mode`, and
 * only then is the file renamed over the target. Text is written as UTF-8, bytes as they are. On any failure the temporary file is removed
 * and the old file is untouched. A symlink at `path` is replaced, not followed, so a write never
 * lands outside the folder the operator chose. Errors are the file system's own.
 */
export async function writeFileAtomically(path: string, content: string | Uint8Array, mode = 0o600, calls: AtomicFileCalls = nodeCalls): Promise<void> {
  const folder = dirname(path);
  // A fixed-length name: the target's own name may already be as long as the file system allows.
  const temporary = join(folder, `.registry-desk-${randomBytes(8).toString('hex')}.tmp`);
  const handle = await calls.open(temporary, 'wx', 0o600);
  try {
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
      await handle.chmod(mode);
    } finally {
      await handle.close();
    }
    await calls.rename(temporary, path);
  } catch (error) {
    await calls.unlink(temporary).catch(() => undefined);
    throw error;
  }
  await syncFolder(folder, calls);
}
