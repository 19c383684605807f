// The meta.k8s.io/v1 Table a real server returns when kubectl asks for `as=Table`: its columns,
// server-computed ages, and the object (or its metadata) per row.
import type { Json } from './patch';
import type { KubeObject, ResourceType } from './resources';

/** k8s.io/apimachinery/pkg/util/duration.HumanDuration, as printed in the AGE column. */
export function humanDuration(milliseconds: number): string {
  const seconds = Math.floor(milliseconds / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`;
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`;
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 8) return hours % 24 === 0 ? `${days}d` : `${days}d${hours % 24}h`;
  if (hours < 24 * 365 * 2) return `${days}d`;
  return `${Math.floor(days / 365)}y`;
}

export type IncludeObject = 'None' | 'Metadata' | 'Object';

function rowObject(object: KubeObject, include: IncludeObject): Json | undefined {
  if (include === 'None') return undefined;
  if (include === 'Object') return object;
  return partialMetadata(object);
}

export function toTable(type: ResourceType, objects: KubeObject[], listMeta: Record<string, Json>, include: IncludeObject, now: number): object {
  const rows = objects.map((object) => {
    const created = Date.parse(String(object.metadata.creationTimestamp ?? ''));
    const cells = type.rowCells ? type.rowCells(object, now) : [...type.cells(object), Number.isNaN(created) ? '<unknown>' : humanDuration(now - created)];
    const row: Record<string, Json> = { cells };
    const attached = rowObject(object, include);
    if (attached !== undefined) row.object = attached;
    return row;
  });
  const columnDefinitions = type.columns.map((column) => ({ priority: 0, ...column }));
  return { kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: listMeta, columnDefinitions, rows };
}

/** The metadata of one object, as a PartialObjectMetadata (in a Table row, or for `as=PartialObjectMetadata`). */
export const partialMetadata = (object: KubeObject): Json => ({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata });

/**
 * Whether the Accept header asks for metadata only, as client-go's metadata client does:
 * `application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1` for a list,
 * `…;as=PartialObjectMetadata;…` for one object. An `as=` that does not fit the request (a list form
 * for a get) is passed over, and without a plain `application/json` beside it the server answers 406.
 */
export function metadataRequested(accept: string | undefined, list: boolean): 'yes' | 'no' | 'not-acceptable' {
  const ranges = (accept ?? '').split(',').map((range) => {
    const [type, ...parameters] = range.split(';').map((part) => part.trim());
    return { type: type!.toLowerCase(), parameters: new Map(parameters.map((parameter) => parameter.split('=').map((part) => part.trim()) as [string, string])) };
  });
  const json = ranges.filter((range) => range.type === 'application/json' || range.type === '*/*' || range.type === 'application/*');
  const wanted = list ? 'PartialObjectMetadataList' : 'PartialObjectMetadata';
  for (const range of json) {
    const as = range.parameters.get('as');
    if (as === undefined) return 'no';
    if (as === wanted && range.parameters.get('g') === 'meta.k8s.io' && range.parameters.get('v') === 'v1') return 'yes';
  }
  return json.some((range) => range.parameters.get('as')?.startsWith('PartialObjectMetadata')) ? 'not-acceptable' : 'no';
}

/** Whether the Accept header asks for a Table (kubectl's human-readable get does). */
export const wantsTable = (accept: string | undefined): boolean => /as=Table/.test(accept ?? '') && /g=meta\.k8s\.io/.test(accept ?? '');
