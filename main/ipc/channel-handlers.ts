import type { z } from 'zod';
import type { Channel, IpcContract, ResponseOf } from '../../shared/ipc-contract';
import type { Services } from '../composition';

type ValidRequest<C extends Channel> = z.infer<IpcContract[C]['request']>;
/** Channels the services answer; `ipc:cancel` is the dispatcher's own. */
export type ServiceChannel = Exclude<Channel, 'ipc:cancel'>;
/** `signal` aborts when the window cancels the call (`ipc:cancel`); long work passes it on. */
export type ChannelHandlers = { [C in ServiceChannel]: (request: ValidRequest<C>, signal: AbortSignal) => Promise<ResponseOf<C>> };

/** Each channel of the contract mapped to the service call behind it; requests are already validated. */
export function channelHandlers(services: Services): ChannelHandlers {
  return {
    'registries:list': () => services.registries.list(),
    'registries:get': ({ id }) => services.registries.get(id),
    'registries:create': ({ input }) => services.registries.create(input),
    'registries:update': ({ id, input, keepSecretForNewTarget }) => services.registries.update(id, input, { keepSecretForNewTarget }),
    'registries:delete': ({ id }) => services.registries.remove(id),
    'registries:set-default': ({ id }) => services.registries.setDefault(id),
    'certificates:inspect': ({ pem }) => services.certificates.inspect(pem),
    'preferences:get': () => services.preferences.get(),
    'preferences:set': (preferences) => services.preferences.set(preferences),
    'keychain:status': () => services.keychain.status(),
    'diagnostics:get': () => services.diagnostics.collect(),
    'diagnostics:report': () => services.diagnostics.report(),
    'diagnostics:copy-report': () => services.diagnostics.copyReport(),
    'connection:test-draft': ({ input, id, testId, keepSecretForNewTarget }, signal) => services.connection.testDraft(input, id, testId, { keepSecretForNewTarget }, signal),
    'connection:test-registry': ({ id, testId }, signal) => services.connection.testRegistry(id, testId, signal),
    'connection:test-all': ({ testId }, signal) => services.connection.testAll(testId, signal),
    'connection:last-results': () => services.connection.lastResults(),
    'clusters:list': () => services.clusters.list(),
    'clusters:probe': ({ contexts }) => services.clusters.probe(contexts),
    'clusters:namespaces': (request) => services.clusters.namespaces(request),
    'access:save': ({ registryId, settings }) => services.access.save(registryId, settings),
    'access:preview': (request, signal) => services.access.preview(request, signal),
    'access:preview-cleanup': ({ registryId }, signal) => services.access.previewCleanup(registryId, signal),
    'access:apply': (request, signal) => services.access.apply(request, signal),
    'access:status': ({ registryId }, signal) => services.access.status(registryId, signal),
    'access:refresh-state': async () => services.access.refreshState(),
    'access:refresh-now': ({ registryId }) => services.access.refreshNow(registryId),
    'access:preview-objects': async (request) => services.access.sentObjects(request),
    'import:scan-workstation': () => services.registryImport.scanWorkstation(),
    'import:scan-text': ({ text, label }) => services.registryImport.scanText(text, label),
    'import:scan-cluster-secret': (request, signal) => services.registryImport.scanClusterSecret(request, signal),
    'import:apply': async ({ scanId, picks }) => ({ results: await services.registryImport.apply(scanId, picks) }),
    'import:discard': ({ scanId }) => services.registryImport.discard(scanId),
    'export:secret-manifest': (request) => services.registryExport.secretManifest(request),
    'export:settings': () => services.registryExport.settings(),
    'settings-import:preview': ({ text }) => services.registryExport.previewSettingsImport(text),
    'settings-import:apply': async ({ previewId, choices }) => ({ results: await services.registryExport.applySettingsImport(previewId, choices) }),
    'cluster-sync:detect': ({ contexts }, signal) => services.clusterSync.detect(contexts, signal),
    'cluster-sync:preview': ({ registryId, settings }, signal) => services.clusterSync.preview(registryId, settings, signal),
    'cluster-sync:preview-cleanup': ({ registryId }, signal) => services.clusterSync.previewCleanup(registryId, signal),
    'cluster-sync:apply': (request, signal) => services.clusterSync.apply(request, signal),
    'cluster-sync:status': ({ registryId }, signal) => services.clusterSync.status(registryId, signal),
    'cluster-sync:export': ({ registryId }) => services.clusterSync.export(registryId),
    'cluster-sync:save-export': (request) => services.clusterSync.saveExport(request),
    'pull-doctor:find': (request, signal) => services.pullDoctor.find(request, signal),
    'pull-doctor:check-image': (request, signal) => services.pullDoctor.checkImage(request, signal),
    'pull-doctor:add-to-service-account': (request) => services.pullDoctor.addToServiceAccount(request),
    'radar:scan': (request, signal) => services.radar.scan(request, signal),
    'radar:save-report': ({ format }) => services.radar.saveReport(format),
    'browse:repositories': (request, signal) => services.registryBrowser.repositories(request, signal),
    'browse:tags': (request, signal) => services.registryBrowser.tags(request, signal),
    'browse:image': (request, signal) => services.registryBrowser.image(request, signal),
    'tools:overview': () => services.tools.overview(),
    'tools:preview': (request) => services.tools.preview(request),
    'tools:apply': ({ previewId }) => services.tools.apply(previewId),
    'tools:undo': ({ undoId }) => services.tools.undo(undoId),
    'tools:delete-backups': () => services.tools.deleteBackups(),
    'tools:install-helper': () => services.tools.installHelper(),
    'tools:undo-launcher': ({ undoId }) => services.tools.undoLauncher(undoId),
    'tools:doctor': () => services.tools.doctor(),
    'tools:doctor-test': ({ host, tool }, signal) => services.tools.doctorTest(host, tool, signal),
    'browse:runs': (request, signal) => services.registryBrowser.runs(request, signal),
    'browse:pull-limits': (request, signal) => services.registryBrowser.pullLimits(request, signal),
  };
}
