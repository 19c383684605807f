import type { FieldError } from '../../shared/errors';
import { AppFailure } from '../app-errors/app-failure';

const reason = (error: unknown): string =>
  error instanceof AppFailure ? error.appError.code : ((error as NodeJS.ErrnoException | null)?.code ?? (error instanceof Error ? error.name : 'failed'));

/**
 * Puts back every file an apply wrote before `failure` stopped it, each one tried even when an
 * earlier one fails. All put back: `failure` itself, as the operator's answer. Otherwise that same
 * failure (its code and message, the cause shown) with one entry per file left as written, each
 * with its backup beside it: the screen lists them under it.
 */
export async function rollBackAll<T extends { path: string }>(failure: unknown, written: readonly T[], rollBack: (file: T) => Promise<void>): Promise<never> {
  const left: FieldError[] = [];
  for (const file of [...written].reverse()) {
    await rollBack(file).catch((error: unknown) => left.push({ field: file.path, code: 'tools.notRolledBack', params: { path: file.path, detail: reason(error) } }));
  }
  if (left.length === 0) throw failure;
  const cause = failure instanceof AppFailure ? failure.appError : new AppFailure('tools.applyStopped', { detail: reason(failure) }).appError;
  throw new AppFailure(cause.code, cause.params, left);
}
