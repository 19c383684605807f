import type { ImportOrigin } from '../../shared/import-export-contract';
import { AppFailure } from '../app-errors/app-failure';
import type { Clusters } from '../clusters';
import { clusterFailure, isStatus } from '../kube/kube-errors';
import { DOCKER_CONFIG_JSON, DOCKER_CONFIG_KEY, type SecretObject } from '../pull-secrets/pull-secret';
import { readTextLogins, type ScannedLogins } from './workstation-logins';

export interface ClusterSecretRequest {
  context: string;
  namespace: string;
  name: string;
}

const DOCKERCFG = 'kubernetes.io/dockercfg';

/** The docker config a pull secret holds; the legacy `.dockercfg` is the bare `auths` map. */
function configText(secret: SecretObject, request: ClusterSecretRequest): string {
  const type = secret.type ?? 'Opaque';
  const key = type === DOCKER_CONFIG_JSON ? DOCKER_CONFIG_KEY : type === DOCKERCFG ? '.dockercfg' : null;
  if (!key) throw new AppFailure('import.secretWrongType', { ...request, type });
  const encoded = secret.data?.[key];
  if (encoded === undefined) throw new AppFailure('import.secretNoKey', { ...request, key });
  const text = Buffer.from(encoded, 'base64').toString('utf8');
  return type === DOCKERCFG ? `{"auths":${text}}` : text;
}

/** A pull secret read from one context and namespace, e.g. the `regcred` the product document has operators type. */
export async function readClusterSecret(clusters: Pick<Clusters, 'api'>, request: ClusterSecretRequest, signal?: AbortSignal): Promise<ScannedLogins> {
  const origin: ImportOrigin = { kind: 'cluster-secret', location: `${request.context}/${request.namespace}/${request.name}` };
  try {
    const api = await clusters.api(request.context);
    const path = `/api/v1/namespaces/${encodeURIComponent(request.namespace)}/secrets/${encodeURIComponent(request.name)}`;
    const secret = await api.get<SecretObject>(path, signal).catch((error: unknown) => {
      throw isStatus(error, 404) ? new AppFailure('import.secretNotFound', { ...request }) : clusterFailure(error, { context: request.context });
    });
    return readTextLogins(configText(secret, request), origin);
  } catch (error) {
    // Cancelled, the read has no answer to show: the call answers as cancelled.
    if (!(error instanceof AppFailure) || signal?.aborted) throw error;
    return { sources: [{ ...origin, state: 'failed', found: 0, error: error.appError }], logins: [] };
  }
}
