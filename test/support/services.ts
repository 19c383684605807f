import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import Conf from 'conf';
import { createServices, type Services } from '../../main/composition';
import type { ConnectionNetwork } from '../../main/registry-http/connection-network';
import { createKeytarSecretStore } from '../../main/keychain/keytar-secret-store';
import { keytar } from './real-keytar';
import { createEventSink } from '../../main/events/event-sink';
import type { SecretStore } from '../../main/keychain/secret-store';
import { systemClock, type Clock } from '../../main/logging/clock';
import type { Logger } from '../../main/logging/logger';
import { SETTINGS_STORE_OPTIONS } from '../../main/settings/settings-file';
import { SecretKindSchema } from '../../shared/registry-types';
import type { PluginPath } from '../../main/plugin-path/plugin-path';
import type { SaveDialog } from '../../main/saved-files/saved-files';
import type { Workstation } from '../../main/registry-import/workstation';

export interface TestServicesOptions {
  dataDir: string;
  keychainService: string;
  clock?: Clock;
  secrets?: SecretStore;
  /** Receives every event main emits (after contract validation). */
  onEvent?: (event: string, payload: unknown) => void;
  /** The kubeconfig files the cluster services read, in KUBECONFIG order (tests point them at test API servers). */
  kubeconfigPaths?: string[];
  /** AWS's ECR API endpoint (a local stand-in in tests). */
  ecrEndpoint?: string;
  /** How connection tests reach the test registries (their CA as the trust store, names dialled to 127.0.0.1). */
  connectionNetwork?: ConnectionNetwork;
  /** Where docker and podman logins are read (a test's own home), and where their credential helpers are found. */
  workstation?: Workstation;
  pluginPath?: PluginPath;
  /** Stands in for the OS save dialog only the Electron shell has. */
  saveDialog?: SaveDialog;
  /** What the helper's launcher runs; absent means the checkout's bin script. */
  helperCommand?: readonly string[];
}

export interface TestServices {
  services: Services;
  /** The keychain the services use (the session keychain under `keychainService`, unless replaced). */
  secrets: SecretStore;
  settingsFile: string;
  keychainService: string;
  logLines: string[];
  /** Every event emitted, in order. */
  events: { event: string; payload: unknown }[];
  /** Deletes every keychain entry the services created. */
  close(): Promise<void>;
}

/** A logger that keeps its lines so tests can assert what was (and was not) logged. */
export function createRecordingLogger(lines: string[]): Logger {
  const record = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    lines.push(JSON.stringify({ level, message, ...fields }));
  };
  return { info: record('info'), warn: record('warn'), error: record('error') };
}

/** The same services the app builds, on conf (electron-store's engine) and the real keychain. */
export async function createTestServices(options: TestServicesOptions): Promise<TestServices> {
  await mkdir(options.dataDir, { recursive: true });
  const store = new Conf<Record<string, unknown>>({ ...SETTINGS_STORE_OPTIONS, cwd: options.dataDir, projectName: 'registry-desk-test' });
  const logLines: string[] = [];
  const secrets = options.secrets ?? createKeytarSecretStore(options.keychainService, keytar);
  const events: TestServices['events'] = [];
  const logger = createRecordingLogger(logLines);
  const services = createServices({
    settings: store,
    secrets,
    clock: options.clock ?? systemClock,
    logger,
    events: createEventSink((event, payload) => {
      events.push({ event, payload });
      options.onEvent?.(event, payload);
    }, logger),
    ...(options.kubeconfigPaths ? { kubeconfigPaths: options.kubeconfigPaths } : {}),
    ...(options.ecrEndpoint ? { ecrEndpoint: options.ecrEndpoint } : {}),
    ...(options.connectionNetwork ? { connectionNetwork: options.connectionNetwork } : {}),
    ...(options.workstation ? { workstation: options.workstation } : {}),
    ...(options.pluginPath ? { pluginPath: options.pluginPath } : {}),
    ...(options.saveDialog ? { saveDialog: options.saveDialog } : {}),
    // A checkout's launcher target, as the development app installs it.
    helperCommand: options.helperCommand ?? [join(import.meta.dirname, '../../bin/docker-credential-registry-desk')],
  });
  return {
    services,
    secrets,
    settingsFile: join(options.dataDir, 'settings.json'),
    keychainService: options.keychainService,
    logLines,
    events,
    async close() {
      services.access.stop();
      services.clusters.close();
      await services.registryBrowser.close();
      for (const record of services.settings.read().registries) {
        for (const kind of SecretKindSchema.options) await secrets.delete(`${record.id}/${kind}`);
      }
    },
  };
}
