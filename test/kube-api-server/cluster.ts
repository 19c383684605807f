// The API's object semantics over the store: create, read, update, patch, delete with the real
// server's preconditions, defaults, validation and admission (namespace lifecycle), plus the two
// controllers the app depends on: `default` ServiceAccounts and namespace finalization.
import { randomUUID } from 'node:crypto';
import { ApiGroups } from './api-groups';
import { decodeObject } from './decode';
import { type ListQuery, type ListResult, listObjects } from './list';
import { type Json, applyJsonPatch, applyMergePatch, applyStrategicMergePatch, deepEqual } from './patch';
import { type KubeObject, type ResourceType, namespaces, serviceaccounts } from './resources';
import {
  MODIFIED, type StatusBody, alreadyExists, badRequest, conflict, forbidden, invalid, invalidValue, notFound, unsupportedMediaType,
} from './status';
import { APPLY_PATCH, applyConfiguration, recordUpdate } from './server-side-apply';
import { ObjectStore, keyOf } from './store';
import { ownership, resetForSubresource, nextGeneration } from './write-ownership';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';
export interface WriteOptions {
  dryRun: boolean;
  fieldValidation: FieldValidation;
  warnings: string[];
  /** The field manager recorded in managedFields (the `fieldManager` parameter, else the User-Agent's product). */
  manager?: string;
  /** Server-side apply: take over fields other managers own instead of failing with 409. */
  force?: boolean;
  /** 'status' for writes through the status subresource. */
  subresource?: string;
}
export interface ClusterTiming {
  defaultServiceAccountDelayMs: number;
  namespaceDeletionDelayMs: number;
}

export const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', APPLY_PATCH];
const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

const now = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
const nameOf = (object: KubeObject): string => String(object.metadata.name ?? '');
/** What a no-op write leaves alone: the resourceVersion, and managedFields timestamps (IgnoreManagedFieldsTimestampsTransformer). */
const withoutVersion = (object: KubeObject): Json => {
  const managedFields = (object.metadata.managedFields as Record<string, Json>[] | undefined)?.map(({ time: _time, ...entry }) => entry);
  return { ...object, metadata: { ...object.metadata, resourceVersion: '', ...(managedFields ? { managedFields } : {}) } };
};

export class Cluster {
  readonly store = new ObjectStore();
  /** The named API groups, custom resources included: they follow the stored CRDs. */
  readonly groups = new ApiGroups(this.store);
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly timing: ClusterTiming) {}

  private later(delayMs: number, work: () => void): void {
    if (delayMs <= 0) return work();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      work();
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  get(type: ResourceType, namespace: string, name: string): KubeObject {
    const object = this.store.get(type.resource, keyOf(type.namespaced ? namespace : null, name));
    if (!object) throw notFound(type.resource, name);
    return object;
  }

  list(type: ResourceType, namespace: string, query: ListQuery): ListResult {
    return listObjects(this.store, type, type.namespaced ? namespace : '', query);
  }

  /** Decodes a body (or a patched object) into the type; unknown fields per fieldValidation. */
  private decode(type: ResourceType, body: unknown, options: WriteOptions, patched = false): KubeObject {
    const { object, unknown } = type.served ? type.served.decode(body) : decodeObject(body, type.kind, type.fields);
    const messages = unknown.map((field) => `unknown field "${field}"`);
    if (messages.length && options.fieldValidation === 'Strict') {
      const why = `strict decoding error: ${messages.join(', ')}`;
      // The patch handler reports strict errors against the patched object, as a 422 without a kind.
      if (patched) throw invalid('', '', [invalidValue('patch', JSON.stringify(body), why)]);
      throw badRequest(`${type.kind} in version "v1" cannot be handled as a ${type.kind}: ${why}`);
    }
    if (options.fieldValidation === 'Warn') options.warnings.push(...messages);
    return object as KubeObject;
  }

  /** NamespaceLifecycle admission: no new content in a missing or terminating namespace. */
  private admitInto(type: ResourceType, namespace: string, name: string): void {
    if (!type.namespaced) return;
    const home = this.store.get('namespaces', namespace);
    if (!home) throw notFound('namespaces', namespace);
    if ((home.status as { phase?: string } | undefined)?.phase === 'Terminating') {
      const why = `unable to create new content in namespace ${namespace} because it is being terminated`;
      throw forbidden(type.resource, name, why, [{ reason: 'NamespaceTerminating', message: `namespace ${namespace} is being terminated`, field: 'metadata.namespace' }]);
    }
  }

  private placeInNamespace(type: ResourceType, object: KubeObject, namespace: string): void {
    const given = object.metadata.namespace;
    if (!type.namespaced) {
      delete object.metadata.namespace;
      return;
    }
    if (given && given !== namespace) throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    object.metadata.namespace = namespace;
  }

  create(type: ResourceType, namespace: string, body: unknown, options: WriteOptions): KubeObject {
    return this.insert(type, namespace, this.decode(type, body, options), options);
  }

  private insert(type: ResourceType, namespace: string, object: KubeObject, options: WriteOptions, managedFields?: Json[]): KubeObject {
    this.placeInNamespace(type, object, namespace);
    const meta = object.metadata;
    if (!meta.name && meta.generateName) {
      meta.name = String(meta.generateName) + Array.from({ length: 5 }, () => NAME_ALPHABET[Math.floor(Math.random() * NAME_ALPHABET.length)]).join('');
    }
    if (meta.resourceVersion) throw badRequest('resourceVersion should not be set on objects to be created');
    this.admitInto(type, namespace, nameOf(object));
    for (const field of ['uid', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'managedFields', 'generation']) delete meta[field];
    meta.uid = randomUUID();
    meta.creationTimestamp = now();
    if (type.served?.statusSubresource) delete object.status;
    if (type.served?.tracksGeneration) meta.generation = 1;
    type.prepare(object);
    type.admit?.(object, this.store);
    meta.managedFields = managedFields ?? recordUpdate(undefined, object, ownership(type, options, now()));
    const errors = type.problems(object);
    if (errors.length) throw invalid(type.kind, nameOf(object), errors);
    const key = keyOf(type.namespaced ? namespace : null, nameOf(object));
    if (this.store.get(type.resource, key)) throw alreadyExists(type.resource, nameOf(object));
    if (options.dryRun) return object;
    meta.resourceVersion = this.store.nextRevision();
    const stored = reorderMeta(object);
    this.store.put(type.resource, key, stored);
    if (type === namespaces) this.later(this.timing.defaultServiceAccountDelayMs, () => this.ensureDefaultServiceAccount(nameOf(stored)));
    return stored;
  }

  update(type: ResourceType, namespace: string, name: string, body: unknown, options: WriteOptions): KubeObject {
    const object = this.decode(type, body, options);
    if (nameOf(object) !== name) throw badRequest(`the name of the object (${nameOf(object)}) does not match the name on the URL (${name})`);
    this.placeInNamespace(type, object, namespace);
    return this.commit(type, this.get(type, namespace, name), object, options);
  }

  patch(type: ResourceType, namespace: string, name: string, contentType: string, body: unknown, options: WriteOptions): KubeObject {
    if (contentType === APPLY_PATCH) return this.apply(type, namespace, name, body, options);
    const current = this.get(type, namespace, name);
    const patched = applyPatch(type, current, contentType, body);
    const object = this.decode(type, patched, options, true);
    if (nameOf(object) !== name) throw badRequest(`the name of the object (${nameOf(object)}) does not match the name on the URL (${name})`);
    this.placeInNamespace(type, object, namespace);
    return this.commit(type, current, object, options);
  }

  /** Server-side apply: creates the object when it is missing, else merges with field ownership (409 on conflicts). */
  private apply(type: ResourceType, namespace: string, name: string, body: unknown, options: WriteOptions): KubeObject {
    if (!options.manager) throw badRequest('fieldManager is required for apply requests');
    const applied = this.decode(type, body, options, true);
    if (nameOf(applied) !== name) throw badRequest(`the name of the object (${nameOf(applied)}) does not match the name on the URL (${name})`);
    this.placeInNamespace(type, applied, namespace);
    const key = keyOf(type.namespaced ? namespace : null, name);
    const current = this.store.get(type.resource, key);
    const context = ownership(type, options, now());
    const { object, managedFields } = applyConfiguration(current, applied, context, options.force === true);
    if (!current) return this.insert(type, namespace, object, options, managedFields);
    return this.commit(type, current, object, options, managedFields);
  }

  /** The shared end of update and patch: preconditions, system fields, validation, no-op detection. */
  private commit(type: ResourceType, current: KubeObject, written: KubeObject, options: WriteOptions, managedFields?: Json[]): KubeObject {
    const object = resetForSubresource(type, current, written, options.subresource ?? '');
    const meta = object.metadata;
    const name = nameOf(current);
    if (meta.resourceVersion && meta.resourceVersion !== current.metadata.resourceVersion) throw conflict(type.resource, name, MODIFIED);
    if (meta.uid && meta.uid !== current.metadata.uid) throw invalid(type.kind, name, [invalidValue('metadata.uid', meta.uid, 'field is immutable')]);
    for (const field of ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds']) {
      if (current.metadata[field] === undefined) delete meta[field];
      else meta[field] = current.metadata[field]!;
    }
    delete meta.selfLink;
    type.prepare(object, current);
    if (type.served?.tracksGeneration) meta.generation = nextGeneration(type, current, object);
    meta.managedFields = managedFields ?? recordUpdate(current, object, ownership(type, options, now()));
    const errors = [...type.updateProblems(current, object), ...type.problems(object)];
    if (errors.length) throw invalid(type.kind, name, errors);
    meta.resourceVersion = current.metadata.resourceVersion!;
    const next = reorderMeta(object);
    // A write that changes nothing keeps its resourceVersion, as etcd's GuaranteedUpdate does.
    if (options.dryRun || deepEqual(withoutVersion(next), withoutVersion(current))) return options.dryRun ? next : current;
    next.metadata.resourceVersion = this.store.nextRevision();
    this.store.put(type.resource, keyOf(type.namespaced ? String(meta.namespace) : null, name), next);
    return next;
  }

  /** A concurrent writer got there first: the object's resourceVersion moves on. */
  touch(type: ResourceType, namespace: string, name: string): void {
    const current = this.get(type, namespace, name);
    const key = keyOf(type.namespaced ? namespace : null, name);
    this.store.put(type.resource, key, { ...current, metadata: { ...current.metadata, resourceVersion: this.store.nextRevision() } });
  }

  delete(type: ResourceType, namespace: string, name: string, body: unknown, dryRun: boolean): KubeObject | StatusBody {
    const current = this.get(type, namespace, name);
    checkPreconditions(type, current, body);
    if (dryRun) return current;
    if (type === namespaces) return this.terminate(current);
    this.store.delete(type.resource, keyOf(namespace, name));
    if (type === serviceaccounts && name === 'default') this.later(this.timing.defaultServiceAccountDelayMs, () => this.ensureDefaultServiceAccount(namespace));
    return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name, kind: type.resource, uid: String(current.metadata.uid) }, code: 200 };
  }

  deleteCollection(type: ResourceType, namespace: string, query: ListQuery, dryRun: boolean): ListResult {
    const result = this.list(type, namespace, { ...query, limit: null, continue: null });
    if (!dryRun) for (const object of result.items) this.delete(type, String(object.metadata.namespace ?? ''), nameOf(object), undefined, false);
    return result;
  }

  private terminate(current: KubeObject): KubeObject {
    if ((current.status as { phase?: string }).phase === 'Terminating') return current;
    const name = nameOf(current);
    const next = reorderMeta({ ...current, metadata: { ...current.metadata, deletionTimestamp: now(), resourceVersion: this.store.nextRevision() }, status: { phase: 'Terminating' } });
    this.store.put('namespaces', name, next);
    this.later(this.timing.namespaceDeletionDelayMs, () => this.finalize(name));
    return next;
  }

  private finalize(namespace: string): void {
    for (const resource of this.store.resourceNames().filter((name) => name !== 'namespaces')) {
      const { items } = this.store.scan(resource, `${namespace}/`, `${namespace}/`, () => true, Infinity);
      for (const object of items) this.store.delete(resource, keyOf(namespace, nameOf(object)));
    }
    this.store.delete('namespaces', namespace);
  }

  /** The ServiceAccounts controller: every active namespace gets a `default` ServiceAccount. */
  private ensureDefaultServiceAccount(namespace: string): void {
    const home = this.store.get('namespaces', namespace);
    if (!home || (home.status as { phase?: string }).phase !== 'Active') return;
    if (this.store.get('serviceaccounts', keyOf(namespace, 'default'))) return;
    const account: KubeObject = {
      kind: 'ServiceAccount',
      apiVersion: 'v1',
      metadata: { name: 'default', namespace, uid: randomUUID(), resourceVersion: this.store.nextRevision(), creationTimestamp: now() },
    };
    this.store.put('serviceaccounts', keyOf(namespace, 'default'), account);
  }
}

function applyPatch(type: ResourceType, current: KubeObject, contentType: string, body: unknown): Json {
  switch (contentType) {
    case 'application/json-patch+json':
      return applyJsonPatch(current, body);
    case 'application/merge-patch+json':
      return applyMergePatch(current, body);
    case 'application/strategic-merge-patch+json':
      return applyStrategicMergePatch(current, body, type.listStrategies);
    default:
      throw unsupportedMediaType(PATCH_TYPES);
  }
}

function checkPreconditions(type: ResourceType, current: KubeObject, body: unknown): void {
  const preconditions = (body as { preconditions?: { uid?: string; resourceVersion?: string } } | undefined)?.preconditions;
  const name = nameOf(current);
  if (preconditions?.uid && preconditions.uid !== current.metadata.uid) {
    throw conflict(type.resource, name, `Precondition failed: UID in precondition: ${preconditions.uid}, UID in object meta: ${String(current.metadata.uid)}`);
  }
  if (preconditions?.resourceVersion && preconditions.resourceVersion !== current.metadata.resourceVersion) {
    throw conflict(type.resource, name, `Precondition failed: ResourceVersion in precondition: ${preconditions.resourceVersion}, ResourceVersion in object meta: ${String(current.metadata.resourceVersion)}`);
  }
}

const META_ORDER = ['name', 'generateName', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields'];

/** Metadata fields in the order the real server writes them. */
function reorderMeta(object: KubeObject): KubeObject {
  const meta: Record<string, Json> = {};
  for (const field of META_ORDER) if (object.metadata[field] !== undefined) meta[field] = object.metadata[field]!;
  return { ...object, metadata: meta };
}
