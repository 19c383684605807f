import { describe, expect, it } from 'vitest';
import { nextLink } from '../../main/registry-http/link-header';
import { isManifestReference, isRepositoryName } from '../../shared/registry-browser-contract';

describe('Link header', () => {
  it('finds rel="next" as distribution, Harbor and Quay write it', () => {
    expect(nextLink('</v2/_catalog?last=b&n=2>; rel="next"')).toBe('/v2/_catalog?last=b&n=2');
    expect(nextLink('<https://quay.io/v2/org/app/tags/list?n=50&next_page=abc>; rel=next')).toBe('https://quay.io/v2/org/app/tags/list?n=50&next_page=abc');
    expect(nextLink('</v2/a?x=1>; rel="prev", </v2/a?x=3>; rel="next"')).toBe('/v2/a?x=3');
    expect(nextLink('</v2/a?x=1>; rel="prev next"')).toBe('/v2/a?x=1');
  });

  it('has no next page without one', () => {
    expect(nextLink(null)).toBeNull();
    expect(nextLink('</v2/a>; rel="prev"')).toBeNull();
    expect(nextLink('</v2/a; rel="next"')).toBeNull();
  });

  it('reads a hostile header in linear time', () => {
    const started = performance.now();
    expect(nextLink('<'.repeat(200_000))).toBeNull();
    expect(nextLink(`${'<a>;'.repeat(50_000)} rel=prev`)).toBeNull();
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('repository names and references', () => {
  it('takes what registries name and nothing that could leave the path', () => {
    for (const name of ['app', 'team/app', 'a.b_c__d--e/f-1', 'library/nginx']) expect(isRepositoryName(name), name).toBe(true);
    for (const name of ['', '../x', 'Team/app', 'a//b', '/a', 'a/', 'https://evil/x', 'a?b', 'a%2fb', 'a-', `${'a'.repeat(256)}`]) expect(isRepositoryName(name), name).toBe(false);
  });

  it('takes a tag or a sha256 digest', () => {
    expect(isManifestReference('v1.2.3')).toBe(true);
    expect(isManifestReference(`sha256:${'a'.repeat(64)}`)).toBe(true);
    for (const reference of ['', '.x', '-x', 'a/b', '../x', `sha256:${'a'.repeat(63)}`, 'x'.repeat(129)]) expect(isManifestReference(reference), reference).toBe(false);
  });

  it('checks a long hostile name in linear time', () => {
    const started = performance.now();
    expect(isRepositoryName(`${'a-'.repeat(120)}!`)).toBe(false);
    // Backtracking on this name would take longer than the universe has existed; 2 s leaves a starved worker room.
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
