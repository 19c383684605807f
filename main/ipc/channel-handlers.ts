import type { z } from 'zod';
import type { Channel, IpcContract, ResponseOf } from '../../shared/ipc-contract';
import type { Services } from '../composition';

type ValidRequest<C extends Channel> = z.infer<IpcContract[C]['request']>;
export type ChannelHandlers = { [C in Channel]: (request: ValidRequest<C>) => Promise<ResponseOf<C>> };

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
    'connection:test-draft': ({ input, id, testId, keepSecretForNewTarget }) => services.connection.testDraft(input, id, testId, { keepSecretForNewTarget }),
    'connection:test-registry': ({ id, testId }) => services.connection.testRegistry(id, testId),
    'connection:test-all': ({ testId }) => services.connection.testAll(testId),
    'connection:cancel': ({ testId }) => services.connection.cancel(testId),
    'connection:last-results': () => services.connection.lastResults(),
    'clusters:list': () => services.clusters.list(),
    'clusters:probe': ({ contexts }) => services.clusters.probe(contexts),
    'clusters:namespaces': (request) => services.clusters.namespaces(request),
    'access:save': ({ registryId, settings }) => services.access.save(registryId, settings),
    'access:preview': (request) => services.access.preview(request),
    'access:preview-cleanup': ({ registryId }) => services.access.previewCleanup(registryId),
    'access:apply': (request) => services.access.apply(request),
    'access:cancel': async ({ operationId }) => services.access.cancel(operationId),
    'access:status': ({ registryId }) => services.access.status(registryId),
    'access:refresh-state': async () => services.access.refreshState(),
    'access:refresh-now': ({ registryId }) => services.access.refreshNow(registryId),
    'import:scan-workstation': () => services.registryImport.scanWorkstation(),
    'import:scan-text': ({ text, label }) => services.registryImport.scanText(text, label),
    'import:scan-cluster-secret': (request) => services.registryImport.scanClusterSecret(request),
    'import:apply': async ({ scanId, picks }) => ({ results: await services.registryImport.apply(scanId, picks) }),
    'import:discard': ({ scanId }) => services.registryImport.discard(scanId),
    'export:secret-manifest': (request) => services.registryExport.secretManifest(request),
    'export:settings': () => services.registryExport.settings(),
    'settings-import:preview': ({ text }) => services.registryExport.previewSettingsImport(text),
    'settings-import:apply': async ({ previewId, choices }) => ({ results: await services.registryExport.applySettingsImport(previewId, choices) }),
    'cluster-sync:detect': ({ contexts }) => services.clusterSync.detect(contexts),
    'cluster-sync:preview': ({ registryId, settings }) => services.clusterSync.preview(registryId, settings),
    'cluster-sync:preview-cleanup': ({ registryId }) => services.clusterSync.previewCleanup(registryId),
    'cluster-sync:apply': (request) => services.clusterSync.apply(request),
    'cluster-sync:status': ({ registryId }) => services.clusterSync.status(registryId),
    'cluster-sync:export': ({ registryId }) => services.clusterSync.export(registryId),
    'cluster-sync:save-export': (request) => services.clusterSync.saveExport(request),
    'pull-doctor:find': (request) => services.pullDoctor.find(request),
    'pull-doctor:check-image': (request) => services.pullDoctor.checkImage(request),
    'pull-doctor:add-to-service-account': (request) => services.pullDoctor.addToServiceAccount(request),
  };
}
