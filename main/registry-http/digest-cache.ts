/**
 * Values by manifest digest (or a key naming one), forgetting the least recently used past `max`.
 * A digest names its bytes (they are hashed on read), so what was read once needs no second read,
 * whatever tag or registry it came through; the bound keeps a long session's memory flat (the
 * registry browser's images, the radar's answers across re-scans). Lives below both.
 */
export interface DigestCache<T> {
  get(digest: string): T | undefined;
  set(digest: string, value: T): void;
  delete(digest: string): void;
  readonly size: number;
}

export function createDigestCache<T>(max: number): DigestCache<T> {
  const entries = new Map<string, T>();
  return {
    get(digest) {
      const value = entries.get(digest);
      if (value !== undefined) {
        entries.delete(digest);
        entries.set(digest, value);
      }
      return value;
    },
    set(digest, value) {
      entries.delete(digest);
      entries.set(digest, value);
      if (entries.size > max) entries.delete(entries.keys().next().value!);
    },
    delete(digest) {
      entries.delete(digest);
    },
    get size() {
      return entries.size;
    },
  };
}
