import type { Manifest } from './object-kinds';
import { FIELD_MANAGER } from './sync-marks';

// A Secret's preview sends a stand-in with placeholders (see DesiredObject), so the API server
// cannot say whether its data would change: the app compares the live Secret's data, which it
// reads anyway for the ownership check, with what it would write — locally. No digest is kept on
// the object. A plain sha256 in an annotation would leak a short password: annotations are shown
// where data is hidden (kubectl describe, Argo CD, dashboards) and travel in the very dry runs this
// avoids, and a dictionary reverses them in seconds. A keyed HMAC (a per-install key in the
// keychain) would differ between two operators' workstations and would still say only what the
// app last wrote, not what someone has changed by hand since; decoding the live object says both.

export interface ManagedFieldsEntry {
  manager: string;
  operation: string;
  time?: string;
  subresource?: string;
  fieldsV1?: { 'f:metadata'?: { 'f:labels'?: Record<string, unknown> }; 'f:data'?: Record<string, unknown>; [field: string]: unknown };
}

type WithData = { data?: Record<string, string>; metadata: { managedFields?: ManagedFieldsEntry[] } };

const dataOf = (object: unknown): Record<string, string> => (object as WithData | undefined)?.data ?? {};
const isAppApply = (entry: ManagedFieldsEntry): boolean => entry.manager === FIELD_MANAGER && entry.operation === 'Apply';
const ownsDataKey = (entry: ManagedFieldsEntry, key: string): boolean => Object.hasOwn(entry.fieldsV1?.['f:data'] ?? {}, `f:${key}`);

export interface SecretProbe {
  /** What the dry run sends: the stand-in, without the `omitted` keys. */
  manifest: Manifest;
  /**
   * Keys the live Secret already holds with the app's value while another field manager owns them
   * too (Manage access wrote the secret before Keep in sync took it over). A placeholder there would
   * change a value that manager owns — a conflict the real apply, which changes nothing there, does
   * not have. Left out, the other owner keeps them in place.
   */
  omitted: string[];
}

export function secretProbe(standIn: Manifest, wanted: Manifest, live: (Manifest & WithData) | undefined): SecretProbe {
  const liveData = dataOf(live);
  const wantedData = dataOf(wanted);
  const others = (live?.metadata.managedFields ?? []).filter((entry) => !isAppApply(entry));
  const omitted = Object.keys(wantedData).filter(
    (key) => Object.hasOwn(liveData, key) && liveData[key] === wantedData[key] && others.some((entry) => ownsDataKey(entry, key)),
  );
  if (omitted.length === 0) return { manifest: standIn, omitted };
  const { data: _placeholders, ...rest } = standIn as Manifest & WithData;
  const data = Object.fromEntries(Object.entries(dataOf(standIn)).filter(([key]) => !omitted.includes(key)));
  return { manifest: Object.keys(data).length > 0 ? { ...rest, data } : rest, omitted };
}

/**
 * What the real apply would leave, from the stand-in's dry run: the app's data where the
 * placeholders went, and the omitted keys owned by the app's apply as well as by their other owner.
 */
export function predictedSecret<T extends Manifest & WithData>(dry: T, wanted: Manifest, omitted: string[]): T {
  const data = { ...dataOf(dry), ...dataOf(wanted) };
  const managedFields = dry.metadata.managedFields?.map((entry) => {
    if (omitted.length === 0 || !isAppApply(entry)) return entry;
    const keys = Object.fromEntries(omitted.map((key) => [`f:${key}`, {}]));
    return { ...entry, fieldsV1: { ...entry.fieldsV1, 'f:data': { ...entry.fieldsV1?.['f:data'], ...keys } } };
  });
  return { ...dry, data, metadata: { ...dry.metadata, ...(managedFields ? { managedFields } : {}) } };
}
