// A manifest HEAD is what the browser trusts for a Docker Hub image before any pull: its headers
// are the registry's text, so a missing or odd digest is an error, never a guess, and a size that
// is no manifest's is not shown.
import { describe, expect, it } from 'vitest';
import { headManifest } from '../../main/registry-http/manifest-read';
import type { RegistryReader } from '../../main/registry-http/registry-reader';

const DIGEST = `sha256:${'d'.repeat(64)}`;
const ENDPOINT = new URL('https://registry-1.docker.io/v2/');

function readerAnswering(status: number, headers: Record<string, string>) {
  const methods: string[] = [];
  const reader = {
    read: async (request: { method?: string; url: URL }) => {
      methods.push(`${request.method ?? 'GET'} ${request.url.pathname}`);
      return { status, headers: new Headers(headers), body: '', url: request.url };
    },
  } as unknown as RegistryReader;
  return { reader, methods };
}

describe('a manifest HEAD', () => {
  it('gives the digest, type, size and allowance from the headers, by HEAD only', async () => {
    const { reader, methods } = readerAnswering(200, {
      'docker-content-digest': DIGEST,
      'content-type': 'application/vnd.oci.image.index.v1+json; charset=utf-8',
      'content-length': '1416',
      'ratelimit-limit': '100;w=21600',
      'ratelimit-remaining': '20;w=21600',
    });
    expect(await headManifest(reader, ENDPOINT, 'library/nginx', 'latest')).toEqual({
      outcome: 'found',
      digest: DIGEST,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      size: 1416,
      allowance: { state: 'reported', limit: 100, remaining: 20, windowSeconds: 21_600, source: null },
    });
    expect(methods).toEqual(['HEAD /v2/library/nginx/manifests/latest']);
  });

  it.each<Record<string, string>>([{}, { 'docker-content-digest': 'sha256:abc' }, { 'docker-content-digest': `sha512:${'d'.repeat(128)}` }, { 'docker-content-digest': `${DIGEST}, ${DIGEST}` }])('refuses a digest it cannot pin: %j', async (headers) => {
    await expect(headManifest(readerAnswering(200, headers).reader, ENDPOINT, 'library/nginx', 'latest')).rejects.toMatchObject({ appError: { code: 'browse.badAnswer' } });
  });

  it('refuses a digest other than the one asked for', async () => {
    const asked = `sha256:${'e'.repeat(64)}`;
    await expect(headManifest(readerAnswering(200, { 'docker-content-digest': DIGEST }).reader, ENDPOINT, 'library/nginx', asked)).rejects.toMatchObject({ appError: { code: 'browse.digestMismatch' } });
  });

  it('shows no size past a manifest’s bound, and "not reported" without rate-limit headers', async () => {
    const found = await headManifest(readerAnswering(200, { 'docker-content-digest': DIGEST, 'content-length': String(64 * 1024 * 1024) }).reader, ENDPOINT, 'library/nginx', 'latest');
    expect(found).toMatchObject({ outcome: 'found', size: 0, mediaType: 'unknown', allowance: { state: 'not-reported', status: 200 } });
  });

  it('tells a refusal and a missing tag apart', async () => {
    expect(await headManifest(readerAnswering(401, {}).reader, ENDPOINT, 'octocat/private', 'v1')).toEqual({ outcome: 'refused', status: 401 });
    expect(await headManifest(readerAnswering(404, {}).reader, ENDPOINT, 'octocat/app', 'gone')).toEqual({ outcome: 'missing', status: 404 });
  });
});
