import type { PlatformImage } from '../../shared/registry-browser-contract';
import type { PlatformCache } from './image-detail';

/**
 * Platform images by manifest digest, forgetting the least recently used past `max`. A digest
 * names its bytes (they are hashed on read), so what was read once needs no second read, whatever
 * tag or registry it came through; the bound keeps a long session's memory flat.
 */
export function createDigestCache(max: number): PlatformCache & { readonly size: number } {
  const entries = new Map<string, PlatformImage>();
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
