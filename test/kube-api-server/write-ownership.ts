// What a write through the main resource or its status subresource may change, who it is
// recorded as, and when metadata.generation moves on — the rules the apiserver's registry
// strategies apply to custom resources and Deployments.
import type { WriteOptions } from './cluster';
import { deepEqual } from './patch';
import type { KubeObject, ResourceType } from './resources';
import type { OwnershipContext } from './server-side-apply';
import { builtinStructure } from './structure';

const DEFAULT_MANAGER = 'unknown';

export function ownership(type: ResourceType, options: WriteOptions, now: string): OwnershipContext {
  const served = type.served;
  return {
    manager: options.manager || DEFAULT_MANAGER,
    apiVersion: served ? `${served.group}/${served.version}` : 'v1',
    subresource: options.subresource ?? '',
    structure: served?.structure ?? builtinStructure(type.listStrategies),
    statusSubresource: served?.statusSubresource ?? false,
    now,
  };
}

/**
 * With a status subresource, the main resource cannot change status and the status subresource
 * can change nothing else (metadata included): the other part is taken from the stored object.
 */
export function resetForSubresource(type: ResourceType, current: KubeObject, written: KubeObject, subresource: string): KubeObject {
  if (!type.served?.statusSubresource) return written;
  if (subresource === 'status') {
    const { status } = written;
    const { status: _old, ...rest } = structuredClone(current);
    return { ...rest, metadata: { ...rest.metadata, resourceVersion: written.metadata.resourceVersion ?? current.metadata.resourceVersion! }, ...(status === undefined ? {} : { status }) };
  }
  const { status: _ignored, ...rest } = written;
  return current.status === undefined ? rest : { ...rest, status: current.status };
}

const outsideMetadata = (object: KubeObject, statusSubresource: boolean): Record<string, unknown> => {
  const { metadata: _metadata, kind: _kind, apiVersion: _apiVersion, ...rest } = object;
  if (statusSubresource) delete rest.status;
  return rest;
};

export function nextGeneration(type: ResourceType, current: KubeObject, next: KubeObject): number {
  const generation = Number(current.metadata.generation ?? 1);
  const statusSubresource = type.served?.statusSubresource ?? false;
  return deepEqual(outsideMetadata(current, statusSubresource) as never, outsideMetadata(next, statusSubresource) as never) ? generation : generation + 1;
}
