import type { RegistryEsoExportRequest } from '../../shared/cluster-sync-contract';
import type { RegistryType } from '../../shared/registry-types';
import { AppFailure } from '../app-errors/app-failure';
import { DOCKER_CONFIG_JSON, DOCKER_CONFIG_KEY } from '../pull-secrets/pull-secret';
import { dockerConfigTemplate, ESO, generatedSource } from './eso-manifests';
import { esoRefresh } from './eso-refresh';
import type { Manifest } from './object-kinds';
import { syncMetadata } from './sync-marks';

export interface EsoExportRegistry {
  registryId: string;
  registryType: RegistryType;
  serverKey: string;
  ecrRegion?: string;
  username?: string;
}

/**
 * One registry as External Secrets manifests instead of a Secret with the password in it: ECR as
 * an ECRAuthorizationToken (the controller's identity) plus an ExternalSecret that refreshes the
 * token; any other registry as an ExternalSecret reading username and password from the team's
 * store by remote key, templated into the `kubernetes.io/dockerconfigjson` pull secret.
 */
export function registryEsoManifests(registry: EsoExportRegistry, request: Pick<RegistryEsoExportRequest, 'namespace' | 'secretName' | 'store'>): Manifest[] {
  const metadata = syncMetadata(registry.registryId);
  const names = { namespace: request.namespace, secretName: request.secretName, metadata };
  if (registry.registryType === 'ecr') return generatedSource({ identity: { kind: 'controller' }, serverKey: registry.serverKey, ecrRegion: registry.ecrRegion }, names);
  const { store } = request;
  if (!store) throw new AppFailure('clusterSync.storeRequired');
  return [
    {
      apiVersion: ESO,
      kind: 'ExternalSecret',
      metadata: { name: request.secretName, namespace: request.namespace, ...metadata },
      spec: {
        // Static credentials in the team's store: the refresh only says how soon a changed password arrives.
        refreshInterval: esoRefresh('source-secret').source,
        secretStoreRef: { kind: store.kind, name: store.name },
        target: { name: request.secretName, creationPolicy: 'Owner', template: { type: DOCKER_CONFIG_JSON, data: { [DOCKER_CONFIG_KEY]: dockerConfigTemplate(registry.serverKey) } } },
        data: [
          { secretKey: 'username', remoteRef: { key: store.remoteKey, property: store.usernameProperty } },
          { secretKey: 'password', remoteRef: { key: store.remoteKey, property: store.passwordProperty } },
        ],
      },
    },
  ];
}
