// The listing APIs that cannot run here, checked against their documentation: each stand-in's
// answers carry only fields the API's documented answer has, with the same JSON types, and the
// app's readers list the documented answers themselves (test/fixtures/registry-api-documented.ts
// cites the pages). The stand-ins' paging is checked in registry-browser*.test.ts.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, fetch } from 'undici';
import type { HttpExchange, HttpRequest } from '../../main/registry-http/http-exchange';
import { artifactRegistryPlace, createArtifactRegistryListing } from '../../main/registry-browser/artifact-registry-listing';
import { createDockerHubListing } from '../../main/registry-browser/docker-hub-listing';
import { createQuayListing } from '../../main/registry-browser/quay-listing';
import {
  AR_DOCKER_IMAGES_PAGE,
  AR_REPOSITORIES_PAGE,
  HUB_REPOSITORIES_PAGE,
  HUB_TAGS_PAGE,
  QUAY_REPOSITORIES_PAGE,
  QUAY_TAGS_PAGE,
  undocumentedFields,
} from '../fixtures/registry-api-documented';
import { startArtifactRegistryApi, type RunningArtifactRegistryApi } from '../registry-servers/artifact-registry-api';
import { startDockerHubApi, type RunningDockerHubApi } from '../registry-servers/docker-hub-api';
import { startQuayApi, type RunningQuayApi } from '../registry-servers/quay-api';
import { makeCertificateAuthority, makeServerCertificate, makeServiceAccountKey } from '../support/fixtures';

const PASSWORD = `pw-${randomBytes(8).toString('hex')}`;
const QUAY_TOKEN = randomBytes(20).toString('hex');
const GOOGLE_TOKEN = `ya29.${randomBytes(16).toString('hex')}`;
const DIGEST = `sha256:${'ab'.repeat(32)}`;

let hub: RunningDockerHubApi, ar: RunningArtifactRegistryApi, quay: RunningQuayApi;
let agent: Agent;

beforeAll(async () => {
  const ca = makeCertificateAuthority();
  agent = new Agent({ connect: { ca: ca.certificate } });
  const tls = makeServerCertificate(ca, { hosts: ['127.0.0.1', 'localhost'] });
  [hub, ar, quay] = await Promise.all([
    startDockerHubApi({
      users: { octocat: PASSWORD },
      repositories: { octocat: ['app', 'api', 'web'] },
      tags: { 'octocat/app': [{ name: 'v1', lastUpdated: '2026-11-30T12:00:00.000000Z' }] },
      tls,
    }),
    startArtifactRegistryApi({
      project: 'proj',
      location: 'europe-west1',
      repositories: { apps: { format: 'DOCKER', images: [{ image: 'web/frontend', digest: DIGEST, tags: ['v1', 'latest'], size: 2000, uploadTime: '2026-11-30T12:00:00.123456Z', buildTime: '2026-11-30T11:55:00Z', mediaType: 'application/vnd.oci.image.index.v1+json' }] }, more: { format: 'DOCKER', images: [] } },
      acceptsToken: (token) => token === GOOGLE_TOKEN,
      tls,
    }),
    startQuayApi({
      repositories: Array.from({ length: 150 }, (_, index) => ({ namespace: 'acme', name: `app-${index}`, isPublic: true, tags: [{ name: 'old', startTs: 1_780_000_000, endTs: 1_780_000_100 }, { name: 'latest', startTs: 1_780_000_200 }] })),
      oauthTokens: { [QUAY_TOKEN]: 'acme' },
      logins: {},
      tls,
    }),
  ]);
});

afterAll(async () => {
  await Promise.all([hub?.stop(), ar?.stop(), quay?.stop(), agent?.close()]);
});

async function json(port: number, path: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<unknown> {
  const response = await fetch(`https://127.0.0.1:${port}${path}`, { method, headers, body, dispatcher: agent });
  expect(response.status).toBe(200);
  return response.json();
}

/** The stand-in's answer at `path`, after checking it has only the documented fields, of the documented types. */
async function documentedAnswer<T>(port: number, path: string, headers: Record<string, string>, documented: unknown): Promise<T> {
  const answer = await json(port, path, headers);
  expect(undocumentedFields(answer, documented), path).toEqual([]);
  return answer as T;
}

/** An exchange that answers every request from `route` (the documented answer for its path), as the API would. */
function documentedExchange(route: (url: URL) => unknown): HttpExchange & { paths: string[] } {
  const paths: string[] = [];
  return {
    paths,
    roundTrips: 0,
    async send(request: HttpRequest) {
      paths.push(request.url.pathname);
      return { status: 200, headers: new Headers({ 'content-type': 'application/json' }), url: request.url, body: JSON.stringify(route(request.url)) };
    },
  };
}

describe('Docker Hub API stand-in', () => {
  it('answers repositories and tags with the documented fields only, next as an absolute hub.docker.com URL', async () => {
    const { token } = (await json(hub.port, '/v2/users/login', { 'content-type': 'application/json' }, 'POST', JSON.stringify({ username: 'octocat', password: PASSWORD }))) as { token: string };
    const bearer = { authorization: `Bearer ${token}` };
    const repositories = await documentedAnswer<{ next: string }>(hub.port, '/v2/namespaces/octocat/repositories?page_size=2', bearer, HUB_REPOSITORIES_PAGE);
    expect(new URL(repositories.next).origin).toBe(new URL(HUB_REPOSITORIES_PAGE.next).origin);
    await documentedAnswer(hub.port, '/v2/namespaces/octocat/repositories/app/tags?page_size=10&ordering=last_updated', bearer, HUB_TAGS_PAGE);
  });

  it('the app reads the documented answers: names with their namespace, the next page, tags with their times', async () => {
    const http = documentedExchange((url) => {
      if (url.pathname === '/v2/users/login') return { token: 'jwt' };
      if (url.pathname === '/v2/user/orgs/') return { count: 0, next: null, previous: null, results: [] };
      return url.pathname.endsWith('/tags') ? HUB_TAGS_PAGE : HUB_REPOSITORIES_PAGE;
    });
    const listing = createDockerHubListing({ username: 'docker', password: 'secret' });
    const page = await listing.page(http, undefined, 2);
    expect(page).toMatchObject({ outcome: 'page', names: ['docker/highland_builder'] });
    expect(page.outcome === 'page' && page.next).toBeTruthy();
    const tags = await listing.tags(http, 'docker/highland_builder', undefined, 10);
    expect(tags).toMatchObject({ outcome: 'page', names: [{ name: 'latest', pushedAt: '2021-01-05T21:06:53.506Z' }], next: null });
  });
});

describe('Quay API stand-in', () => {
  it('answers repositories and tags with the documented fields only, next_page while more remain', async () => {
    const bearer = { authorization: `Bearer ${QUAY_TOKEN}` };
    const first = await documentedAnswer<{ next_page?: string }>(quay.port, '/api/v1/repository?namespace=acme', bearer, QUAY_REPOSITORIES_PAGE);
    const last = await documentedAnswer<{ next_page?: string }>(quay.port, `/api/v1/repository?namespace=acme&next_page=${first.next_page}`, bearer, QUAY_REPOSITORIES_PAGE);
    expect([typeof first.next_page, last.next_page]).toEqual(['string', undefined]);
    await documentedAnswer(quay.port, '/api/v1/repository/acme/app-1/tag/?page=1&limit=50', bearer, QUAY_TAGS_PAGE);
  });

  it('the app reads the documented answers', async () => {
    const http = documentedExchange((url) => (url.pathname.endsWith('/tag/') ? QUAY_TAGS_PAGE : QUAY_REPOSITORIES_PAGE));
    const listing = createQuayListing(http, new URL('https://quay.example/'), { username: 'acme', password: QUAY_TOKEN });
    expect(await listing.repositories(undefined)).toEqual({ outcome: 'page', names: ['acme/app'], next: `quay1.${QUAY_REPOSITORIES_PAGE.next_page}` });
    const tags = await listing.tags('acme/app', undefined, 50);
    expect(tags).toMatchObject({ outcome: 'page', names: [{ name: 'latest', pushedAt: new Date(1733400000 * 1000).toISOString() }], next: null });
  });
});

describe('Artifact Registry API stand-in', () => {
  it('answers repositories and docker images with the documented fields only, int64 sizes as strings', async () => {
    const bearer = { authorization: `Bearer ${GOOGLE_TOKEN}` };
    const parent = '/v1/projects/proj/locations/europe-west1/repositories';
    const repositories = await documentedAnswer<{ nextPageToken?: string }>(ar.port, `${parent}?pageSize=1`, bearer, AR_REPOSITORIES_PAGE);
    const images = await documentedAnswer<{ nextPageToken?: string }>(ar.port, `${parent}/apps/dockerImages?pageSize=10`, bearer, AR_DOCKER_IMAGES_PAGE);
    // proto3 JSON leaves the token out on the last page.
    expect([typeof repositories.nextPageToken, images.nextPageToken]).toEqual(['string', undefined]);
  });

  it('the app reads the documented answers: the image as a pull names it, its tags with the upload time', async () => {
    const http = documentedExchange((url) => (url.pathname.endsWith('/dockerImages') ? AR_DOCKER_IMAGES_PAGE : AR_REPOSITORIES_PAGE));
    const place = artifactRegistryPlace('us-west4-docker.pkg.dev/test-project', makeServiceAccountKey())!;
    const listing = createArtifactRegistryListing(http, place, GOOGLE_TOKEN);
    const page = await listing.repositories(undefined, 50);
    expect(page).toMatchObject({ outcome: 'page', names: ['test-project/test-repo/nginx'] });
    const tags = await listing.tags('test-project/test-repo/nginx', undefined, 50);
    expect(tags).toMatchObject({ outcome: 'page', names: [{ name: 'latest', pushedAt: '2024-11-30T12:00:00.123Z' }] });
  });
});

describe('the shape check', () => {
  it('reports a field the document does not have, and one of another type', () => {
    expect(undocumentedFields({ count: 1, results: [{ name: 'a', digest: 'x' }] }, HUB_TAGS_PAGE)).toEqual(['$.results[].digest: not documented']);
    expect(undocumentedFields({ dockerImages: [{ imageSizeBytes: 2375090 }] }, AR_DOCKER_IMAGES_PAGE)).toEqual(['$.dockerImages[].imageSizeBytes: number, documented string']);
  });
});
