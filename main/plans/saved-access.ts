import { checkAccessSettings } from '../../shared/access-rules';
import type { AccessSettings } from '../../shared/access-settings';
import type { RegistryId, RegistryRecord } from '../../shared/schemas';
import { AppFailure } from '../app-errors/app-failure';
import type { SettingsRepository } from '../settings/settings-repository';

/** The saved registry whose access is being planned; registry.notFound when it is gone. */
export function findRecord(settings: SettingsRepository, registryId: RegistryId): RegistryRecord {
  const record = settings.read().registries.find((candidate) => candidate.id === registryId);
  if (!record) throw new AppFailure('registry.notFound');
  return record;
}

/** Access settings from the window, tidied, or access.validation with a message per field. */
export function checked(settings: AccessSettings): AccessSettings {
  const result = checkAccessSettings(settings);
  if (!result.ok) throw new AppFailure('access.validation', undefined, result.errors);
  return result.value;
}
