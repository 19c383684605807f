import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { createServices, type ServiceDependencies, type Services } from '../../main/composition';
import { createPluginPath } from '../../main/plugin-path/plugin-path';
import { createEventSink } from '../../main/events/event-sink';
import { createKeytarSecretStore } from '../../main/keychain/keytar-secret-store';
import { keytar } from './real-keytar';
import { systemClock } from '../../main/logging/clock';
import { SETTINGS_STORE_OPTIONS } from '../../main/settings/settings-file';
import { SecretKindSchema } from '../../shared/registry-types';
import { createIpcClient } from './ipc-client';
import { createRecordingLogger } from './services';

export interface AccessFixture {
  services: Services;
  ipc: ReturnType<typeof createIpcClient>;
  events: { event: string; payload: unknown }[];
  logLines: string[];
  /** Stops timers and connections, deletes the keychain entries made. */
  close(): Promise<void>;
}

export type AccessFixtureOptions = Partial<Omit<ServiceDependencies, 'settings' | 'secrets' | 'logger' | 'events'>> & { keychainService: string };

/** Long enough for a TLS handshake with a test API server on a loaded machine. */
export const FIXTURE_PROBE_TIMEOUT_MS = 10_000;

/**
 * The app's services on conf and the real keychain, pointed at test kubeconfigs. Exec plugins are
 * looked up on this process's PATH only: the machine's login shell is not part of any test.
 */
export function createAccessFixture(options: AccessFixtureOptions): AccessFixture {
  const store = new Conf<Record<string, unknown>>({ ...SETTINGS_STORE_OPTIONS, cwd: mkdtempSync(join(tmpdir(), 'rd-access-')), projectName: 'registry-desk-test' });
  const secrets = createKeytarSecretStore(options.keychainService, keytar);
  const logLines: string[] = [];
  const events: AccessFixture['events'] = [];
  const logger = createRecordingLogger(logLines);
  const services = createServices({
    clock: systemClock,
    pluginPath: createPluginPath({ processPath: process.env.PATH ?? '', home: tmpdir() }),
    probeTimeoutMs: FIXTURE_PROBE_TIMEOUT_MS,
    ...options,
    settings: store,
    secrets,
    logger,
    events: createEventSink((event, payload) => events.push({ event, payload }), logger),
  });
  return {
    services,
    ipc: createIpcClient(services, logger),
    events,
    logLines,
    async close() {
      services.access.stop();
      services.clusters.close();
      for (const record of services.settings.read().registries) {
        for (const kind of SecretKindSchema.options) await secrets.delete(`${record.id}/${kind}`);
      }
    },
  };
}
