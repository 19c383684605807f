import type { Preferences } from '../../shared/schemas';
import type { SettingsRepository } from '../settings/settings-repository';

export function createPreferences(settings: SettingsRepository) {
  return {
    get: async (): Promise<Preferences> => settings.read().preferences,
    // Merged: the language picker sends only the language, and must not turn the radar's notices off.
    set: async (preferences: Preferences): Promise<Preferences> =>
      settings.update((file) => ({ ...file, preferences: { ...file.preferences, ...preferences } })).preferences,
  };
}
