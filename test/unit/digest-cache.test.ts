// The one LRU cache by digest the registry browser and the radar share (main/registry-http).
import { describe, expect, it } from 'vitest';
import { createDigestCache } from '../../main/registry-http/digest-cache';

describe('digest cache', () => {
  const image = (digest: string) => ({ platform: 'linux/amd64', digest, mediaType: 'application/vnd.oci.image.manifest.v1+json', size: 1, created: null });

  it('keeps at most its bound, forgetting the least recently used', () => {
    const cache = createDigestCache<ReturnType<typeof image>>(3);
    for (const digest of ['a', 'b', 'c']) cache.set(digest, image(digest));
    expect(cache.get('a')).toEqual(image('a'));
    cache.set('d', image('d'));
    expect(cache.size).toBe(3);
    expect(cache.get('b')).toBeUndefined();
    expect(['a', 'c', 'd'].map((digest) => cache.get(digest)?.digest)).toEqual(['a', 'c', 'd']);
    for (let index = 0; index < 1000; index += 1) cache.set(`x${index}`, image(`x${index}`));
    expect(cache.size).toBe(3);
  });

  it('counts a read of a falsy value as a use, and forgets a deleted key', () => {
    const cache = createDigestCache<number>(2);
    cache.set('zero', 0);
    cache.set('one', 1);
    expect(cache.get('zero')).toBe(0);
    cache.set('two', 2);
    expect([cache.get('zero'), cache.get('one'), cache.get('two')]).toEqual([0, undefined, 2]);
    cache.delete('zero');
    expect([cache.get('zero'), cache.size]).toEqual([undefined, 1]);
  });
});
