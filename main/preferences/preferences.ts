import type { Preferences } from '../../shared/schemas';
import type { SettingsRepository } from '../settings/settings-repository';

export function createPreferences(settings: SettingsRepository) {
  return {
    get: async (): Promise<Preferences> => settings.read().preferences,
    set: async (preferences: Preferences): Promise<Preferences> =>
      settings.update((file) => ({ ...file, preferences })).preferences,
  };
}
