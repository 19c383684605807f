// The named API groups: the built-in ones (RBAC, apps, apiextensions) and every group the stored
// CustomResourceDefinitions define, with the discovery documents (`/apis`, `/apis/<group>`,
// `/apis/<group>/<version>`) and OpenAPI v3 documents a real server derives from them.
import { createHash } from 'node:crypto';
import { customResourceTypes } from './custom-resources';
import { GROUP_RESOURCES, type CrdSpec, customresourcedefinitions } from './group-resources';
import type { ResourceType } from './resources';
import { CONTROLLER_RESOURCES } from './workload-controllers';
import type { ObjectStore } from './store';

interface GroupVersion {
  group: string;
  version: string;
  types: ResourceType[];
}

/** Kubernetes version priority: GA before beta before alpha, higher numbers first. */
function versionRank(version: string): [number, number, number] {
  const match = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(version);
  if (!match) return [3, 0, 0];
  const stage = match[2] === 'alpha' ? 2 : match[2] === 'beta' ? 1 : 0;
  return [stage, -Number(match[1]), -Number(match[3] ?? 0)];
}
const byPriority = (a: string, b: string): number => {
  const [x, y] = [versionRank(a), versionRank(b)];
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || a.localeCompare(b);
};

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update'];
const hash = (text: string): string => createHash('sha256').update(text).digest('base64').slice(0, 11);

export class ApiGroups {
  private readonly compiled = new Map<string, { resourceVersion: string; types: Map<string, ResourceType> }>();

  constructor(private readonly store: ObjectStore) {}

  private customGroupVersions(): GroupVersion[] {
    const crds = this.store.scan(customresourcedefinitions.resource, '', '', () => true, Infinity).items;
    const seen = new Set<string>();
    const result: GroupVersion[] = [];
    for (const crd of crds) {
      const name = String(crd.metadata.name);
      seen.add(name);
      const cached = this.compiled.get(name);
      const entry = cached && cached.resourceVersion === crd.metadata.resourceVersion ? cached : { resourceVersion: String(crd.metadata.resourceVersion), types: customResourceTypes(crd.spec as CrdSpec) };
      this.compiled.set(name, entry);
      for (const [version, type] of entry.types) result.push({ group: type.served!.group, version, types: [type] });
    }
    for (const name of this.compiled.keys()) if (!seen.has(name)) this.compiled.delete(name);
    return result;
  }

  /** Every served group version with its resources, built-in groups first, as /apis lists them. */
  groupVersions(): GroupVersion[] {
    const merged = new Map<string, GroupVersion>();
    const builtins = [...GROUP_RESOURCES, ...CONTROLLER_RESOURCES].map((type) => ({ group: type.served!.group, version: type.served!.version, types: [type] }));
    for (const entry of [...builtins, ...this.customGroupVersions()]) {
      const key = `${entry.group}/${entry.version}`;
      const existing = merged.get(key);
      if (existing) existing.types.push(...entry.types);
      else merged.set(key, { ...entry, types: [...entry.types] });
    }
    return [...merged.values()];
  }

  lookup(group: string, version: string, plural: string): ResourceType | undefined {
    return this.groupVersions()
      .find((entry) => entry.group === group && entry.version === version)
      ?.types.find((type) => type.served!.plural === plural);
  }

  /** The APIGroup entries of /apis, each with its versions by priority. */
  groups(): object[] {
    const byGroup = new Map<string, string[]>();
    for (const { group, version } of this.groupVersions()) byGroup.set(group, [...(byGroup.get(group) ?? []), version]);
    return [...byGroup].map(([name, versions]) => {
      const sorted = [...versions].sort(byPriority);
      return {
        name,
        versions: sorted.map((version) => ({ groupVersion: `${name}/${version}`, version })),
        preferredVersion: { groupVersion: `${name}/${sorted[0]}`, version: sorted[0] },
      };
    });
  }

  /** `/apis/<group>` or `/apis/<group>/<version>`; undefined for anything else. */
  document(path: string): object | undefined {
    const [, apis, group, version, ...rest] = path.split('/');
    if (apis !== 'apis' || !group || rest.length > 0) return undefined;
    if (!version) {
      const entry = this.groups().find((candidate) => (candidate as { name: string }).name === group);
      return entry && { kind: 'APIGroup', apiVersion: 'v1', ...entry };
    }
    const served = this.groupVersions().find((entry) => entry.group === group && entry.version === version);
    return served && resourceList(served);
  }

  /** OpenAPI v3 documents by path (`apis/<group>/<version>`), declaring the operations kubectl probes. */
  openApiDocuments(gitVersion: string): Record<string, object> {
    return Object.fromEntries(this.groupVersions().map((entry) => [`apis/${entry.group}/${entry.version}`, openApiDocument(entry, gitVersion)]));
  }
}

function resourceList({ group, version, types }: GroupVersion): object {
  const resources = types.flatMap((type) => {
    const served = type.served!;
    const main = {
      name: served.plural,
      singularName: type.singularName,
      namespaced: type.namespaced,
      kind: type.kind,
      verbs: type.namespaced ? VERBS : VERBS.filter((verb) => verb !== 'deletecollection'),
      ...(type.shortNames.length ? { shortNames: type.shortNames } : {}),
      ...(served.categories.length ? { categories: served.categories } : {}),
      storageVersionHash: hash(`${group}/${version}/${type.kind}`),
    };
    const status = { name: `${served.plural}/status`, singularName: '', namespaced: type.namespaced, kind: type.kind, verbs: ['get', 'patch', 'update'] };
    return served.statusSubresource ? [main, status] : [main];
  });
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: `${group}/${version}`, resources };
}

function openApiDocument({ group, version, types }: GroupVersion, gitVersion: string): object {
  const paths: Record<string, object> = {};
  const writes = ['dryRun', 'fieldManager', 'fieldValidation'];
  for (const type of types) {
    const base = `/apis/${group}/${version}`;
    const collection = type.namespaced ? `${base}/namespaces/{namespace}/${type.served!.plural}` : `${base}/${type.served!.plural}`;
    const operation = (action: string, parameters: string[]) => ({
      operationId: `${action}${type.kind}`,
      parameters: parameters.map((name) => ({ name, in: 'query', schema: { type: 'string', uniqueItems: true } })),
      responses: { '200': { description: 'OK' } },
      'x-kubernetes-action': action,
      'x-kubernetes-group-version-kind': { group, version, kind: type.kind },
    });
    paths[collection] = { get: operation('list', ['labelSelector', 'fieldSelector', 'limit', 'continue']), post: operation('post', writes) };
    paths[`${collection}/{name}`] = { get: operation('get', []), put: operation('put', writes), patch: operation('patch', [...writes, 'force']), delete: operation('delete', ['dryRun']) };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: gitVersion }, paths, components: { schemas: {} } };
}

