import { open } from 'node:fs/promises';
import { AppFailure } from '../app-errors/app-failure';

/** Where the operator wants files saved: the OS dialogs in the app, a stand-in in the browser harness. */
export interface SaveDialog {
  /** The chosen file, or null when the operator cancelled. */
  choosePath(request: { title: string; defaultName: string; extensions: string[] }): Promise<string | null>;
  /** The chosen folder (for several files at once), or null when the operator cancelled. */
  chooseFolder(request: { title: string }): Promise<string | null>;
}

/**
 * Writes a file only its owner can read (0600), also when it replaces an existing file whose
 * mode was wider: the mode given to open() applies only to files it creates.
 */
export async function writePrivateFile(path: string, content: string): Promise<void> {
  try {
    const handle = await open(path, 'w', 0o600);
    try {
      await handle.chmod(0o600);
      await handle.writeFile(content, 'utf8');
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new AppFailure('export.writeFailed', { path, detail: (error as NodeJS.ErrnoException).code ?? 'unknown error' });
  }
}
