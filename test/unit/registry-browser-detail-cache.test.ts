// What the registry browser keeps for the session, with answers a test decides: a platform that
// could not be read is not kept under its digest, a Hub image's attachments are asked afresh on a
// cached digest, and a failed Hub sign-in is not kept for the token's lifetime.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ImageDetail, PlatformImage } from '../../shared/registry-browser-contract';
import { createDigestCache } from '../../main/registry-http/digest-cache';
import { createDockerHubListing } from '../../main/registry-browser/docker-hub-listing';
import { hubImageDetail, imageDetail } from '../../main/registry-browser/image-detail';
import type { BrowseCall } from '../../main/registry-browser/registry-session';
import type { HttpAnswer, HttpExchange, HttpRequest } from '../../main/registry-http/http-exchange';
import type { ReadRequest } from '../../main/registry-http/registry-reader';

const sha = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;
const OCI_IMAGE = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const config = JSON.stringify({ created: '2026-01-01T00:00:00Z', os: 'linux', architecture: 'amd64' });
const child = JSON.stringify({ schemaVersion: 2, mediaType: OCI_IMAGE, config: { mediaType: 'c', digest: sha(config), size: config.length }, layers: [{ mediaType: 'l', digest: sha('l'), size: 100 }] });
const index = JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [{ mediaType: OCI_IMAGE, digest: sha(child), size: child.length, platform: { os: 'linux', architecture: 'amd64' } }] });
const request = { repository: 'team/app', reference: 'multi', pullName: 'r.example/team/app' };

/** A registry whose index's one child answers `childStatus`, and whose cosign `.sig` tag exists when `signed`. */
function registry(state: { childStatus: number; signed: boolean }) {
  const seen: string[] = [];
  const answer = (url: URL, status: number, contentType: string, body: string, digest?: string): HttpAnswer => ({
    status,
    url,
    body,
    headers: new Headers({ 'content-type': contentType, ...(digest ? { 'docker-content-digest': digest, 'content-length': String(body.length) } : {}) }),
  });
  const read = async (asked: ReadRequest): Promise<HttpAnswer> => {
    const path = asked.url.pathname;
    seen.push(`${asked.method ?? 'GET'} ${path}`);
    if (path.endsWith('/manifests/multi')) return answer(asked.url, 200, OCI_INDEX, asked.method === 'HEAD' ? '' : index, sha(index));
    if (path.endsWith(`/manifests/${sha(child)}`)) return state.childStatus === 200 ? answer(asked.url, 200, OCI_IMAGE, child) : answer(asked.url, state.childStatus, 'application/json', '{}');
    if (path.endsWith(`/manifests/${sha(index).replace(':', '-')}.sig`) && state.signed) return answer(asked.url, 200, OCI_IMAGE, '');
    if (path.includes('/blobs/')) return answer(asked.url, 200, 'application/json', config);
    return answer(asked.url, 404, 'application/json', '{}');
  };
  const call = { reader: { read }, endpoint: new URL('https://r.example/v2/'), support: {}, requests: 0 } as unknown as BrowseCall;
  return { call, seen };
}

describe('platforms kept by digest', () => {
  it('keeps no platform it could not read: a child refused once is read when it is readable again', async () => {
    const cache = createDigestCache<PlatformImage>(10);
    const state = { childStatus: 403, signed: false };
    const first = await imageDetail(registry(state).call, request, cache);
    expect(first.platforms).toEqual([{ platform: 'linux/amd64', digest: sha(child), mediaType: 'unknown', size: null, created: null }]);
    state.childStatus = 200;
    const second = await imageDetail(registry(state).call, request, cache);
    expect(second.platforms).toEqual([{ platform: 'linux/amd64', digest: sha(child), mediaType: OCI_IMAGE, size: config.length + 100, created: '2026-01-01T00:00:00Z' }]);
    // Read once, it is kept: the third look reads no child manifest.
    const third = registry(state);
    await imageDetail(third.call, request, cache);
    expect(third.seen.filter((line) => line.includes(sha(child)))).toEqual([]);
  });

  it('keeps no Hub image under its digest while one of its platforms could not be read', async () => {
    const caches = { platforms: createDigestCache<PlatformImage>(10), details: createDigestCache<Omit<ImageDetail, 'requests'>>(10) };
    const state = { childStatus: 404, signed: false };
    await hubImageDetail(registry(state).call, { ...request, readManifests: true }, caches);
    state.childStatus = 200;
    const again = await hubImageDetail(registry(state).call, { ...request, readManifests: true }, caches);
    expect(again.hubPulls?.manifests).toBe('read');
    expect(again.platforms[0]).toMatchObject({ mediaType: OCI_IMAGE, size: config.length + 100 });
  });
});

describe('a Hub image cached by digest', () => {
  it('asks for its signature afresh by HEAD, with no manifest GET (no pull spent)', async () => {
    const caches = { platforms: createDigestCache<PlatformImage>(10), details: createDigestCache<Omit<ImageDetail, 'requests'>>(10) };
    const state = { childStatus: 200, signed: false };
    const read = await hubImageDetail(registry(state).call, { ...request, readManifests: true }, caches);
    expect(read.signature).toBe('none-found');
    state.signed = true;
    const cached = registry(state);
    const again = await hubImageDetail(cached.call, { ...request, readManifests: true }, caches);
    expect(again).toMatchObject({ signature: 'found', attestation: 'none-found', hubPulls: { manifests: 'cached' } });
    expect(cached.seen.filter((line) => line.startsWith('GET') && line.includes('/manifests/'))).toEqual([]);
  });
});

describe('Docker Hub sign-in for tag listings', () => {
  /** hub.docker.com whose sign-in fails as `signIn` says, and whose private repository shows only to a JWT. */
  function hub(signIn: () => HttpAnswer | Promise<never>) {
    const seen: string[] = [];
    const http = {
      roundTrips: 0,
      async send(asked: HttpRequest): Promise<HttpAnswer> {
        const path = asked.url.pathname;
        seen.push(`${path} ${asked.headers?.authorization ? 'jwt' : 'anonymous'}`);
        const json = (status: number, body: string): HttpAnswer => ({ status, url: asked.url, headers: new Headers({ 'content-type': 'application/json' }), body });
        if (path === '/v2/auth/token') return signIn();
        if (path === '/v2/user/orgs/') return json(200, '{"results":[],"next":null}');
        // The Hub answers a private repository's tags without a JWT as missing.
        if (!asked.headers?.authorization) return json(404, '{}');
        return json(200, '{"results":[{"name":"v1","last_updated":"2026-01-01T00:00:00Z"}],"next":null}');
      },
    } as unknown as HttpExchange;
    return { http, seen };
  }

  it('reports a sign-in that failed on the network as that failure, and signs in anew on the next call', async () => {
    let fails = true;
    const token = { status: 200, url: new URL('https://hub.docker.com/v2/auth/token'), headers: new Headers(), body: '{"access_token":"jwt"}' };
    const { http, seen } = hub(() => {
      if (!fails) return token;
      fails = false;
      return Promise.reject(new Error('connection reset'));
    });
    const listing = createDockerHubListing({ username: 'octocat', password: 'pw' });
    await expect(listing.tags(http, 'octocat/private', undefined, 10)).rejects.toThrow('connection reset');
    expect(seen.filter((line) => line.includes('/tags'))).toEqual([]);
    expect(await listing.tags(http, 'octocat/private', undefined, 10)).toEqual({ outcome: 'page', names: [{ name: 'v1', pushedAt: '2026-01-01T00:00:00.000Z' }], next: null });
  });

  it('lists anonymously after a refused sign-in, and asks the Hub again on the next call', async () => {
    let answers = [401, 200];
    const { http, seen } = hub(() => {
      const status = answers[0]!;
      answers = answers.slice(1);
      return { status, url: new URL('https://hub.docker.com/v2/auth/token'), headers: new Headers(), body: status === 200 ? '{"access_token":"jwt"}' : '{}' };
    });
    const listing = createDockerHubListing({ username: 'octocat', password: 'pw' });
    expect(await listing.tags(http, 'octocat/private', undefined, 10)).toEqual({ outcome: 'missing', status: 404 });
    expect((await listing.tags(http, 'octocat/private', undefined, 10)).outcome).toBe('page');
    expect(seen.filter((line) => line.startsWith('/v2/auth/token'))).toHaveLength(2);
  });
});
