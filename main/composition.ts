import { inspectCertificates } from './certificates/inspect-certificates';
import { AppFailure } from './app-errors/app-failure';
import { createRegistrySecrets } from './keychain/registry-secrets';
import type { EventSink } from './events/event-sink';
import type { SecretStore } from './keychain/secret-store';
import type { Clock } from './logging/clock';
import type { Logger } from './logging/logger';
import { createPreferences } from './preferences/preferences';
import { createRegistryCatalogue } from './registries/registry-catalogue';
import { newRegistryId } from './registries/registry-id';
import { createSettingsRepository, type SettingsBackend } from './settings/settings-repository';
import type { RegistryId } from '../shared/schemas';

export interface ServiceDependencies {
  /** electron-store in the app, conf in tests: the same file format either way. */
  settings: SettingsBackend;
  secrets: SecretStore;
  clock: Clock;
  logger: Logger;
  /** Progress of long work, pushed to the window. */
  events: EventSink;
  newId?: () => RegistryId;
}

/** The composition root: the one place that wires the capabilities together. Plain Node only. */
export function createServices(deps: ServiceDependencies) {
  const settings = createSettingsRepository(deps.settings, deps.logger);
  const registries = createRegistryCatalogue({
    settings,
    secrets: createRegistrySecrets(deps.secrets),
    clock: deps.clock,
    logger: deps.logger,
    newId: deps.newId ?? newRegistryId,
  });
  return {
    settings,
    registries,
    preferences: createPreferences(settings),
    keychain: { status: () => deps.secrets.status() },
    certificates: {
      async inspect(pem: string) {
        const inspection = inspectCertificates(pem, deps.clock.now());
        if (!inspection.ok) throw new AppFailure('registry.validation', undefined, [inspection.error]);
        return inspection.certificates;
      },
    },
  };
}
export type Services = ReturnType<typeof createServices>;
