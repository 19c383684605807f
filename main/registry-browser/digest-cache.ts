import type { PlatformImage } from '../../shared/registry-browser-contract';

/**
 * Platform images by manifest digest, forgetting the least recently used past `max`. A digest
 * names its bytes (they are hashed on read), so what was read once needs no second read, whatever
 * tag or registry it came through; the bound keeps a long session's memory flat.
 */
export function createDigestCache<T = PlatformImage>(max: number): { get(digest: string): T | undefined; set(digest: string, value: T): void; readonly size: number } {
  const entries = new Map<string, T>();
  return {
    get(digest) {
      const image = entries.get(digest);
      if (image) {
        entries.delete(digest);
        entries.set(digest, image);
      }
      return image;
    },
    set(digest, image) {
      entries.delete(digest);
      entries.set(digest, image);
      if (entries.size > max) entries.delete(entries.keys().next().value!);
    },
    get size() {
      return entries.size;
    },
  };
}
