import { create } from 'zustand';
import type { AppError } from '../../shared/errors';
import { languageForLocale } from '../../shared/i18n';
import type { Language } from '../../shared/schemas';
import { callApi } from '../api/call-api';

interface LanguagePreferenceState {
  /** The operator's choice; null follows the OS locale. */
  choice: Language | null;
  systemLanguage: Language;
  error: AppError | null;
  load: () => Promise<void>;
  choose: (language: Language | null) => Promise<void>;
  followSystemLocale: () => void;
  dismissError: () => void;
}

export const useLanguagePreference = create<LanguagePreferenceState>()((set) => ({
  choice: null,
  systemLanguage: languageForLocale(navigator.language),
  error: null,
  load: async () => {
    const result = await callApi('preferences:get', {});
    set(result.ok ? { choice: result.value.language } : { error: result.error });
  },
  // The new language applies at once; if saving it fails the operator sees why and it lasts this session.
  choose: async (language) => {
    set({ choice: language, error: null });
    const result = await callApi('preferences:set', { language });
    if (!result.ok) set({ error: result.error });
  },
  followSystemLocale: () => set({ systemLanguage: languageForLocale(navigator.language) }),
  dismissError: () => set({ error: null }),
}));

export const selectLanguage = (state: LanguagePreferenceState): Language => state.choice ?? state.systemLanguage;
