import { errorText } from '../../shared/i18n';
import { AppFailure } from '../app-errors/app-failure';

const reason = (error: unknown): string =>
  error instanceof AppFailure ? error.appError.code : ((error as NodeJS.ErrnoException | null)?.code ?? (error instanceof Error ? error.name : 'failed'));

/**
 * Puts back every file an apply wrote before `failure` stopped it, each one tried even when an
 * earlier one fails. All put back: `failure` itself, as the operator's answer. Otherwise one error
 * naming every file left as written (each has its backup beside it) and still showing `failure`,
 * in both languages, as its cause.
 */
export async function rollBackAll<T extends { path: string }>(failure: unknown, written: readonly T[], rollBack: (file: T) => Promise<void>): Promise<never> {
  const left: string[] = [];
  for (const file of [...written].reverse()) {
    await rollBack(file).catch((error: unknown) => left.push(`${file.path} (${reason(error)})`));
  }
  if (left.length === 0) throw failure;
  const cause = failure instanceof AppFailure ? failure.appError : null;
  throw new AppFailure(
    'tools.applyNotRolledBack',
    {
      files: left.join(', '),
      cause: cause ? cause.message : reason(failure),
      causeZh: cause ? errorText('zh-CN', cause.code, cause.params, cause.message) : reason(failure),
    },
  );
}
