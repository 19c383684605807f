import { useMemo } from 'react';
import { errorText, translate, type MessageKey, type MessageParams } from '../../shared/i18n';
import type { Language } from '../../shared/schemas';
import { selectLanguage, useLanguagePreference } from './language-preference';

/** Anything with a catalogue code: an AppError, a FieldError. */
export interface Problem {
  code: string;
  params?: MessageParams;
  message?: string;
}

export interface Translation {
  language: Language;
  t: (key: MessageKey, params?: MessageParams) => string;
  problemText: (problem: Problem) => string;
}

export function useTranslation(): Translation {
  const language = useLanguagePreference(selectLanguage);
  return useMemo(
    () => ({
      language,
      t: (key, params) => translate(language, key, params),
      problemText: (problem) => errorText(language, problem.code, problem.params, problem.message),
    }),
    [language],
  );
}
