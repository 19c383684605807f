import { errorText, languageForLocale } from '../../shared/i18n';
import { AppFailure } from '../app-errors/app-failure';

/**
 * What the start-up failure dialog says, in the OS language: the failure's own message when it is
 * one the app knows (a keychain library that cannot load, an unreadable settings file), else the
 * error's first line. Never a stack trace.
 */
export function startupFailureText(error: unknown, locale: string | undefined): string {
  const language = languageForLocale(locale);
  if (error instanceof AppFailure) return errorText(language, error.appError.code, error.appError.params, error.message);
  const detail = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).split('\n')[0]!.slice(0, 300);
  return errorText(language, 'startup.failed', { detail });
}
