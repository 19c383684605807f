import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionNetwork } from '../../main/registry-http/connection-network';
import type { Services } from '../../main/composition';
import type { SecretStore } from '../../main/keychain/secret-store';
import { createTestServices } from '../support/services';

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
  const fixture = await createTestServices({
    dataDir,
    keychainService: `registry-desk-connection-${process.pid}-${randomBytes(6).toString('hex')}`,
    ...(options.network ? { connectionNetwork: options.network } : {}),
    ...(options.ecrEndpoint ? { ecrEndpoint: options.ecrEndpoint } : {}),
  });
  return {
    services: fixture.services,
    keychain: fixture.secrets,
    settingsFile: fixture.settingsFile,
    logLines: fixture.logLines,
    events: fixture.events,
    async close() {
      await fixture.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
