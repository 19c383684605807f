/**
 * The value a record holds under `key` itself, never one it inherits: `credHelpers["constructor"]`
 * on a plain object is Object's constructor function. Every lookup with a key from a file, a
 * cluster or IPC goes through here (or a Map).
 */
export const ownValue = <V>(record: Readonly<Record<string, V>> | undefined, key: string): V | undefined =>
  record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
