import type { AppError } from '../../shared/errors';
import { AppFailure } from './app-failure';

/**
 * A failure of one login or one entry as the typed error its row shows. Anything unexpected is
 * named by its type only: a message could quote the file it came from.
 */
export function failureOf(error: unknown): AppError {
  return (error instanceof AppFailure ? error : new AppFailure('internal', { detail: error instanceof Error ? error.name : 'unknown error' })).appError;
}
