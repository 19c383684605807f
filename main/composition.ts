import { inspectCertificates } from './certificates/inspect-certificates';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ClusterLimits } from './kube/cluster-limits';
import { createClusters } from './clusters';
import { kubeconfigLocation } from './kube/kubeconfig-files';
import { createPluginPath, loginShellPath, type PluginPath } from './plugin-path/plugin-path';
import { createAccess, systemTimers, type CredentialSource, type Timers } from './access';
import { createClusterSync, type SyncCredentials } from './cluster-sync';
import { createPullDoctor } from './pull-doctor';
import { createRadar, createRadarWatch, type Notify } from './radar';
import { languageForLocale } from '../shared/i18n';
import { AppFailure } from './app-errors/app-failure';
import { createDiagnostics, type ShellFacts } from './diagnostics';
import { createRegistrySecrets } from './keychain/registry-secrets';
import type { EventSink } from './events/event-sink';
import { createDisposables, type Disposable } from './lifecycle/disposables';
import type { SecretStore } from './keychain/secret-store';
import type { Clock } from './logging/clock';
import type { Logger } from './logging/logger';
import { createRedactor, type Redactor } from './logging/redaction';
import { rememberSecrets } from './logging/remembered-secrets';
import { createPreferences } from './preferences';
import { createRegistryCatalogue, newRegistryId } from './registries';
import { createEcrTokenSource } from './registry-credentials/ecr-token-source';
import { createRegistryLogins } from './registry-credentials/registry-logins';
import type { ConnectionNetwork } from './registry-http/connection-network';
import { createConnectionTests } from './connection';
import { createSettingsRepository, type SettingsBackend } from './settings/settings-repository';
import { fileLock } from './settings/settings-lock';
import { createCredentialHelpers, createRegistryImport, thisWorkstation, type Workstation } from './registry-import';
import type { SaveDialog } from './saved-files/saved-files';
import { createRegistryExport } from './registry-export';
import { createRegistryBrowser } from './registry-browser';
import { createDoctorService, createWorkstationTools, UNDO_FILE_NAME } from './credential-helper';
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
  /** Shared with the logger, so every secret that passes the keychain is redacted from logs and reports. */
  redactor?: Redactor;
  /** Facts and abilities of the Electron shell (log file, clipboard); absent in plain Node. */
  shell?: ShellFacts;
  /** AWS's ECR API endpoint; absent means the real regional one. Tests point it at a local server. */
  ecrEndpoint?: string;
  /** How connection tests reach registries, and the ECR API its proxy; absent means this computer's trust store, DNS and proxy variables. */
  connectionNetwork?: ConnectionNetwork;
  /** The kubeconfig files, as KUBECONFIG lists them; absent means $KUBECONFIG, else ~/.kube/config. */
  kubeconfigPaths?: string[];
  /** Where exec credential plugins are found; absent means the login shell's PATH plus the usual folders. */
  pluginPath?: PluginPath;
  /** Where pull secrets get their credentials; absent means the registry logins (keychain, ECR). */
  credentials?: CredentialSource;
  /** When the ECR refresh and the radar's re-scan run; absent means real timers. */
  timers?: Timers;
  /** Parallel requests per cluster when applying access (default 8). */
  accessConcurrency?: number;
  /** How long apply waits for a new namespace's default ServiceAccount (default 5 s). */
  serviceAccountWaitMs?: number;
  /** Reachability probe timeout per context (default 5 s). */
  probeTimeoutMs?: number;
  /** What one context may send: bytes per answer, items and pages per list (defaults in cluster-limits.ts). */
  clusterLimits?: Partial<ClusterLimits>;
  /** Where docker and podman keep their logins; absent means this process's environment and home. */
  workstation?: Workstation;
  /** How long a docker credential helper may take per call (default 10 s). */
  credentialHelperTimeoutMs?: number;
  /** The OS save and folder dialogs (the shell's); absent in plain Node, where saving a file is refused. */
  saveDialog?: SaveDialog;
  /** The OS notification centre (Electron's Notification), for the radar's notices; absent: none are shown. */
  notify?: Notify;
  /** The OS locale, for text made in this process when the language follows it. */
  locale?: string;
  /** Where the in-cluster sync's source secrets come from; absent means the registry logins. */
  syncCredentials?: SyncCredentials;
  /** What the helper's launcher runs (the app binary in helper mode, or a checkout's bin script); absent means none can be installed. */
  helperCommand?: readonly string[];
}

function defaultPluginPath(): PluginPath {
  const shell = process.env.SHELL;
  return createPluginPath({
    processPath: process.env.PATH ?? '',
    home: homedir(),
    ...(shell && process.platform !== 'win32' ? { loginShell: () => loginShellPath(shell) } : {}),
  });
}

/** The PATH a terminal's tools see: the login shell's, else this process's own. */
async function defaultShellPath(): Promise<string> {
  const shell = process.env.SHELL;
  const fromShell = shell && process.platform !== 'win32' ? await loginShellPath(shell) : '';
  return fromShell || (process.env.PATH ?? '');
}

/** The composition root: the one place that wires the capabilities together. Plain Node only. */
export function createServices(deps: ServiceDependencies) {
  const settings = createSettingsRepository(deps.settings, deps.logger, undefined, fileLock(`${deps.settings.path}.lock`));
  const redactor = deps.redactor ?? createRedactor();
  const registrySecrets = createRegistrySecrets(rememberSecrets(deps.secrets, redactor));
  const ecr = createEcrTokenSource({ endpoint: deps.ecrEndpoint, proxyEnv: deps.connectionNetwork?.proxyEnv });
  const registries = createRegistryCatalogue({
    settings,
    secrets: registrySecrets,
    clock: deps.clock,
    logger: deps.logger,
    newId: deps.newId ?? newRegistryId,
  });
  const registryLogins = createRegistryLogins({ settings, secrets: registrySecrets, ecr });
  const pluginPath = deps.pluginPath ?? defaultPluginPath();
  const clusters = createClusters({
    location: deps.kubeconfigPaths ? { files: deps.kubeconfigPaths, source: 'KUBECONFIG' } : kubeconfigLocation(process.env.KUBECONFIG, homedir()),
    pluginPath,
    clock: deps.clock,
    logger: deps.logger,
    events: deps.events,
    probeTimeoutMs: deps.probeTimeoutMs,
    limits: deps.clusterLimits,
  });
  const access = createAccess({
    settings,
    clusters,
    credentials: deps.credentials ?? registryLogins,
    clock: deps.clock,
    timers: deps.timers ?? systemTimers,
    logger: deps.logger,
    events: deps.events,
    concurrency: deps.accessConcurrency,
    serviceAccountWaitMs: deps.serviceAccountWaitMs,
  });
  const radar = createRadar({ contexts: () => clusters.contextNames(), contextNamespaces: async () => Object.fromEntries((await clusters.list()).contexts.map((view) => [view.name, view.namespace])), api: clusters.api, registries: () => settings.read().registries, network: deps.connectionNetwork ?? {}, clock: deps.clock, events: deps.events, saveDialog: deps.saveDialog,
    savedSecrets: { readPassword: (id) => registrySecrets.read(id, 'password'), readToken: (id) => registrySecrets.readToken(id), readServiceAccountJson: (id) => registrySecrets.read(id, 'serviceAccountJson') },
    // The Workstation tools' own reader of docker's and containers' files: one reader for both screens.
    workstationPlainText: () => tools.plainTextKeys(),
    ...(deps.notify ? { notices: { enabled: () => settings.read().preferences.radarNotifications === true, language: () => settings.read().preferences.language ?? languageForLocale(deps.locale), notify: deps.notify } } : {}) });
  // The re-scan exists for the notices: it runs only while both are on.
  const radarWatch = createRadarWatch({
    choice: () => {
      const { radarNotifications, radarRescan } = settings.read().preferences;
      return radarNotifications === true && radarRescan ? radarRescan : null;
    },
    scan: radar.rescan,
    scanning: radar.scanning,
    timers: deps.timers ?? systemTimers,
    logger: deps.logger,
  });
  const preferences = createPreferences(settings);
  const services = {
    settings,
    registries,
    registryLogins,
    clusters,
    access,
    clusterSync: createClusterSync({
      settings,
      clusters,
      credentials: deps.syncCredentials ?? registryLogins,
      clock: deps.clock,
      logger: deps.logger,
      saveAccess: (registryId, settings) => access.save(registryId, settings),
      saveDialog: deps.saveDialog,
    }),
    radar,
    pullDoctor: createPullDoctor({ clusters, settings, network: deps.connectionNetwork ?? {}, clock: deps.clock, logger: deps.logger, concurrency: deps.accessConcurrency }),
    connection: createConnectionTests({
      settings,
      secrets: registrySecrets,
      ecr,
      clock: deps.clock,
      logger: deps.logger,
      events: deps.events,
      network: deps.connectionNetwork ?? {},
    }),
    preferences: {
      ...preferences,
      set: async (change: Parameters<typeof preferences.set>[0]) => {
        const saved = await preferences.set(change);
        radarWatch.update();
        return saved;
      },
    },
    radarWatch,
    registryBrowser: createRegistryBrowser({
      settings,
      logins: registryLogins,
      network: deps.connectionNetwork ?? {},
      ecrEndpoint: deps.ecrEndpoint,
      runningImages: (signal) => radar.runningImages(signal),
      events: deps.events,
    }),
    keychain: { status: () => deps.secrets.status() },
    redactor,
    diagnostics: createDiagnostics({ settings, keychainStatus: () => deps.secrets.status(), redactor, clock: deps.clock, shell: deps.shell }),
    certificates: {
      async inspect(pem: string) {
        const inspection = inspectCertificates(pem, deps.clock.now());
        if (!inspection.ok) throw new AppFailure('registry.validation', undefined, [inspection.error]);
        return inspection.certificates;
      },
    },
  };
  const workstation = deps.workstation ?? thisWorkstation();
  const registryImport = createRegistryImport({
    ...services,
    secrets: registrySecrets,
    helpers: createCredentialHelpers({ pluginPath, env: workstation.env, timeoutMs: deps.credentialHelperTimeoutMs }),
    workstation,
    clock: deps.clock,
    logger: deps.logger,
  });
  const doctor = createDoctorService({
    workstation,
    uid: process.getuid?.() ?? 0,
    registries: () => settings.read().registries,
    now: () => deps.clock.now(),
    helpers: createCredentialHelpers({ pluginPath, env: workstation.env, timeoutMs: deps.credentialHelperTimeoutMs }),
    resolveCommand: (command) => pluginPath.resolve(command),
    secrets: registrySecrets,
    testRegistry: (id, testId, signal) => services.connection.testRegistry(id, testId, signal),
    testDraft: (input, testId, signal) => services.connection.testDraft(input, undefined, testId, {}, signal),
  });
  const tools = createWorkstationTools({
    registries: () => settings.read().registries,
    workstation,
    launcher: {
      home: workstation.home,
      platform: workstation.platform,
      // A test's workstation brings its own PATH; the app asks the login shell, as for exec plugins.
      shellPath: deps.workstation ? async () => workstation.env.PATH ?? '' : defaultShellPath,
      command: deps.helperCommand ?? null,
    },
    // Beside the settings file: the app's data folder.
    undoFile: join(dirname(deps.settings.path), UNDO_FILE_NAME),
    onPath: async (command) => (await pluginPath.resolve(command)) !== null,
    warn: (message, details) => deps.logger.warn(message, details),
  });
  const lifecycle = createDisposables((error) => deps.logger.warn('could not stop cleanly', { error: failureName(error) }));
  const registryExport = createRegistryExport({
    ...services,
    workstationLogins: registryImport.workstationLogins,
    logins: registryLogins,
    externalSecrets: (request) => services.clusterSync.registryEsoExport(request),
    clock: deps.clock,
    logger: deps.logger,
    saveDialog: deps.saveDialog,
  });
  return {
    ...services,
    registryImport,
    registryExport,
    tools: { ...tools, ...doctor },
    /** Starts what runs while the app runs; each part registers how it stops, and `dispose` stops them last first. */
    start(): void {
      clusters.watch();
      lifecycle.add({ dispose: () => clusters.close() });
      // An unreadable settings file stops the refresh, not the app: the window says what is wrong with the file.
      access.start().catch((error: unknown) => deps.logger.warn('ECR refresh not started', { error: failureName(error) }));
      lifecycle.add({ dispose: () => access.stop() });
      lifecycle.add({ dispose: () => services.registryBrowser.close() });
      radarWatch.update();
      lifecycle.add({ dispose: () => radarWatch.stop() });
    },
    /** Something the shell started (IPC calls in flight, say), disposed with the rest and before what was started earlier. */
    hold: <T extends Disposable>(disposable: T): T => lifecycle.add(disposable),
    dispose: () => lifecycle.dispose(),
  };
}

const failureName = (error: unknown) => (error instanceof AppFailure ? error.appError.code : error instanceof Error ? error.name : typeof error);
export type Services = ReturnType<typeof createServices>;
