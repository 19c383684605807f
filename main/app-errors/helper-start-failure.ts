// In app-errors, not credential-helper: the window app's entry imports it up front, before it knows the mode, and must not load the helper's code to do so.
import { AppFailure } from './app-failure';

/**
 * The one stderr line when the helper cannot even start (its code fails to load, Electron cannot
 * name the data folder): a typed failure's own message, else only the error's code or class, never
 * its message or stack, which may hold a path or a secret. Tools show a helper's output as it is.
 */
export function helperStartFailureLine(error: unknown): string {
  const what = error instanceof AppFailure ? error.message : ((error as NodeJS.ErrnoException | null)?.code ?? (error instanceof Error ? error.name : 'unknown error'));
  return `docker-credential-registry-desk: could not start (${what.split('\n')[0]!.slice(0, 300)})\n`;
}
