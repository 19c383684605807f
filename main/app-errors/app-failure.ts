import type { AppError, FieldError } from '../../shared/errors';
import { errorText, type ErrorCode, type MessageParams } from '../../shared/i18n';

/** A failure the user can act on. Services throw it; IPC turns it into a typed AppError result. */
export class AppFailure extends Error {
  readonly appError: AppError;

  constructor(code: ErrorCode, params?: MessageParams, fieldErrors?: FieldError[]) {
    const message = errorText('en', code, params);
    super(message);
    this.name = 'AppFailure';
    this.appError = {
      code,
      message,
      ...(params ? { params } : {}),
      ...(fieldErrors ? { fieldErrors: fieldErrors.map((error) => ({ ...error })) } : {}),
    };
  }
}

export function validationFailure(fieldErrors: FieldError[]): AppFailure {
  return new AppFailure('registry.validation', undefined, fieldErrors);
}
