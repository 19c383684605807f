import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import type { ConnectionNetwork } from '../../main/connection/connection-network';
import { createServices, type Services } from '../../main/composition';
import { createEventSink } from '../../main/events/event-sink';
import { createKeytarSecretStore } from '../../main/keychain/keytar-secret-store';
import type { SecretStore } from '../../main/keychain/secret-store';
import { systemClock } from '../../main/logging/clock';
import { SETTINGS_STORE_OPTIONS } from '../../main/settings/settings-file';
import { SecretKindSchema } from '../../shared/registry-types';
import { createRecordingLogger } from '../support/services';

export interface ConnectionServices {
  services: Services;
  /** The session keychain under this instance's own service name. */
  keychain: SecretStore;
  settingsFile: string;
  logLines: string[];
  events: { event: string; payload: unknown }[];
  close(): Promise<void>;
}

/**
 * The app's services on conf and the session keychain, reaching the network the way the test
 * servers need: their CA as the "system" trust store, public names dialled to 127.0.0.1.
 */
export async function createConnectionServices(options: { network?: ConnectionNetwork; ecrEndpoint?: string } = {}): Promise<ConnectionServices> {
  const dataDir = await mkdtemp(join(tmpdir(), 'registry-desk-connection-'));
  const keychain = createKeytarSecretStore(`registry-desk-connection-${process.pid}-${randomBytes(6).toString('hex')}`);
  const logLines: string[] = [];
  const events: ConnectionServices['events'] = [];
  const services = createServices({
    settings: new Conf<Record<string, unknown>>({ ...SETTINGS_STORE_OPTIONS, cwd: dataDir, projectName: 'registry-desk-test' }),
    secrets: keychain,
    clock: systemClock,
    logger: createRecordingLogger(logLines),
    events: createEventSink((event, payload) => events.push({ event, payload })),
    connectionNetwork: options.network,
    ecrEndpoint: options.ecrEndpoint,
  });
  return {
    services,
    keychain,
    settingsFile: join(dataDir, 'settings.json'),
    logLines,
    events,
    async close() {
      for (const record of services.settings.read().registries) {
        for (const kind of SecretKindSchema.options) await keychain.delete(`${record.id}/${kind}`);
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
