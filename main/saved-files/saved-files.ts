import { AppFailure } from '../app-errors/app-failure';
import { writeFileAtomically } from './atomic-file';

/** Where the operator wants files saved: the OS dialogs in the app, a stand-in in the browser harness. */
export interface SaveDialog {
  /** The chosen file, or null when the operator cancelled. */
  choosePath(request: { title: string; defaultName: string; extensions: string[] }): Promise<string | null>;
  /** The chosen folder (for several files at once), or null when the operator cancelled. */
  chooseFolder(request: { title: string }): Promise<string | null>;
}

/**
 * Saves a file the operator asked for, atomically (a failed write leaves the old file whole),
 * with `mode` also when it replaces a file whose mode was different.
 */
export async function saveFile(path: string, content: string, mode: number): Promise<void> {
  try {
    await writeFileAtomically(path, content, mode);
  } catch (error) {
    throw new AppFailure('export.writeFailed', { path, detail: (error as NodeJS.ErrnoException).code ?? 'unknown error' });
  }
}

/** A file only its owner can read (0600): it may hold a password or the registries' settings. */
export const writePrivateFile = (path: string, content: string): Promise<void> => saveFile(path, content, 0o600);
