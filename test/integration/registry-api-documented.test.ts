// The listing APIs that cannot run here, checked against their documentation: each stand-in's
// answers carry only fields the API's documented answer has, with the same JSON types, and the
// app's readers list the documented answers themselves (test/fixtures/registry-api-documented.ts
// cites the pages). The stand-ins' paging is checked in registry-browser*.test.ts.
import { createHash, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { Readable } from 'node:stream';
import { DescribeImagesCommand, DescribeRepositoriesCommand, ECRClient } from '@aws-sdk/client-ecr';
import type { HttpHandler } from '@smithy/core/protocols';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, fetch, type Dispatcher } from 'undici';
import { createAwsHttpHandler } from '../../main/registry-credentials/aws-http-handler';
import { createEcrListing } from '../../main/registry-browser/ecr-listing';
import type { HttpExchange, HttpRequest } from '../../main/registry-http/http-exchange';
import { artifactRegistryPlace, createArtifactRegistryListing } from '../../main/registry-browser/artifact-registry-listing';
import { createDockerHubListing } from '../../main/registry-browser/docker-hub-listing';
import { createQuayListing } from '../../main/registry-browser/quay-listing';
import {
  AR_DOCKER_IMAGES_PAGE,
  AR_PACKAGES_PAGE,
  AR_TAGS_PAGE,
  AR_VERSIONS_PAGE,
  AR_REPOSITORIES_PAGE,
  ECR_IMAGES_PAGE,
  ECR_REPOSITORIES_PAGE,
  HUB_RATE_LIMIT_HEADERS,
  HUB_REPOSITORIES_PAGE,
  HUB_TAGS_PAGE,
  QUAY_REPOSITORIES_PAGE,
  QUAY_TAGS_PAGE,
  undocumentedFields,
} from '../fixtures/registry-api-documented';
import { startArtifactRegistryApi, type RunningArtifactRegistryApi } from '../registry-servers/artifact-registry-api';
import { startDockerHubApi, type RunningDockerHubApi } from '../registry-servers/docker-hub-api';
import { startDockerHubRegistry, type RunningDockerHubRegistry } from '../registry-servers/docker-hub-registry';
import { startEcrEndpoint, type RunningEcrEndpoint } from '../registry-servers/ecr-endpoint';
import { listen, readBody, type ListeningServer } from '../registry-servers/http-server';
import { startQuayApi, type RunningQuayApi } from '../registry-servers/quay-api';
import { makeCertificateAuthority, makeServerCertificate, makeServiceAccountKey } from '../support/fixtures';

const PASSWORD = `pw-${randomBytes(8).toString('hex')}`;
const QUAY_TOKEN = randomBytes(20).toString('hex');
const GOOGLE_TOKEN = `ya29.${randomBytes(16).toString('hex')}`;
const DIGEST = `sha256:${'ab'.repeat(32)}`;

const ECR_KEY = { accessKeyId: 'AKIAEXAMPLEDOCUMENTED', secretAccessKey: randomBytes(20).toString('hex') };
const PUSHED_AT = new Date('2026-11-30T12:00:00.250Z');

let hub: RunningDockerHubApi, ar: RunningArtifactRegistryApi, quay: RunningQuayApi;
let ecr: RunningEcrEndpoint, hubRegistry: RunningDockerHubRegistry;
let agent: Agent;

beforeAll(async () => {
  const ca = makeCertificateAuthority();
  agent = new Agent({ connect: { ca: ca.certificate } });
  const tls = makeServerCertificate(ca, { hosts: ['127.0.0.1', 'localhost'] });
  [hub, ar, quay, ecr, hubRegistry] = await Promise.all([
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
    startEcrEndpoint({
      region: 'us-west-2',
      accountId: '012345678910',
      identities: [{ ...ECR_KEY, arn: 'arn:aws:iam::012345678910:user/lister', allowed: true }],
      onIssue: async () => undefined,
      repositories: {
        ubuntu: [
          { digest: DIGEST, tags: ['v1.13.6', 'latest'], pushedAt: PUSHED_AT, size: 48318255 },
          { digest: `sha256:${'cd'.repeat(32)}`, tags: [], pushedAt: PUSHED_AT, size: 1024 },
        ],
        test: [],
        web: [],
      },
    }),
    startDockerHubRegistry({ users: { octocat: PASSWORD }, images: ['ratelimitpreview/test:latest'], limits: { login: 200, anonymous: 100 }, tls }),
  ]);
});

afterAll(async () => {
  await Promise.all([hub?.stop(), ar?.stop(), quay?.stop(), ecr?.stop(), hubRegistry?.stop(), agent?.close()]);
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
    // "Create access token" as Docker's Hub API reference has it: {identifier, secret} → {access_token}; the deprecated /v2/users/login is gone.
    const { access_token: token } = (await json(hub.port, '/v2/auth/token', { 'content-type': 'application/json' }, 'POST', JSON.stringify({ identifier: 'octocat', secret: PASSWORD }))) as { access_token: string };
    const refused = await fetch(`https://127.0.0.1:${hub.port}/v2/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier: 'octocat', secret: 'wrong' }), dispatcher: agent });
    expect([refused.status, Object.keys((await refused.json()) as object)]).toEqual([401, ['detail', 'message']]);
    const bearer = { authorization: `Bearer ${token}` };
    const repositories = await documentedAnswer<{ next: string }>(hub.port, '/v2/namespaces/octocat/repositories?page_size=2', bearer, HUB_REPOSITORIES_PAGE);
    expect(new URL(repositories.next).origin).toBe(new URL(HUB_REPOSITORIES_PAGE.next).origin);
    await documentedAnswer(hub.port, '/v2/namespaces/octocat/repositories/app/tags?page_size=10&ordering=last_updated', bearer, HUB_TAGS_PAGE);
  });

  it('the app reads the documented answers: names with their namespace, the next page, tags with their times', async () => {
    const http = documentedExchange((url) => {
      if (url.pathname === '/v2/auth/token') return { access_token: 'jwt' };
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

  it('asks for a new access token before the 10 minutes the Hub gives one are up, not on every page', async () => {
    const http = documentedExchange((url) => {
      if (url.pathname === '/v2/auth/token') return { access_token: 'jwt' };
      if (url.pathname === '/v2/user/orgs/') return { count: 0, next: null, previous: null, results: [] };
      return HUB_TAGS_PAGE;
    });
    let clock = Date.parse('2026-12-01T10:00:00Z');
    const listing = createDockerHubListing({ username: 'docker', password: 'secret' }, () => clock);
    const signIns = () => http.paths.filter((path) => path === '/v2/auth/token').length;
    await listing.tags(http, 'docker/highland_builder', undefined, 10);
    clock += 8 * 60_000;
    await listing.tags(http, 'docker/highland_builder', undefined, 10);
    expect(signIns()).toBe(1);
    clock += 2 * 60_000;
    await listing.tags(http, 'docker/highland_builder', undefined, 10);
    expect(signIns()).toBe(2);
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

  it('answers packages and their tags with the documented fields only, the package escaped and paged by pageToken', async () => {
    const bearer = { authorization: `Bearer ${GOOGLE_TOKEN}` };
    const parent = '/v1/projects/proj/locations/europe-west1/repositories/apps/packages';
    const packages = await documentedAnswer<{ packages: { name: string }[] }>(ar.port, `${parent}?pageSize=10`, bearer, AR_PACKAGES_PAGE);
    expect(packages.packages.map((item) => item.name)).toEqual(['projects/proj/locations/europe-west1/repositories/apps/packages/web%2Ffrontend']);
    const first = await documentedAnswer<{ tags: { name: string; version: string }[]; nextPageToken: string }>(ar.port, `${parent}/web%252Ffrontend/tags?pageSize=1`, bearer, AR_TAGS_PAGE);
    const tagName = 'projects/proj/locations/europe-west1/repositories/apps/packages/web%2Ffrontend/tags/latest';
    expect(first.tags).toEqual([{ name: tagName, version: `projects/proj/locations/europe-west1/repositories/apps/packages/web%2Ffrontend/versions/${DIGEST}` }]);
    const last = await documentedAnswer<{ tags: { name: string }[]; nextPageToken?: string }>(ar.port, `${parent}/web%252Ffrontend/tags?pageSize=1&pageToken=${first.nextPageToken}`, bearer, AR_TAGS_PAGE);
    expect([last.tags.map((tag) => tag.name.split('/').pop()), last.nextPageToken]).toEqual([['v1'], undefined]);
    const filtered = await documentedAnswer<{ tags: { name: string }[] }>(ar.port, `${parent}/web%252Ffrontend/tags?filter=${encodeURIComponent(`name="${tagName.replace('latest', '*ATE*')}"`)}`, bearer, AR_TAGS_PAGE);
    expect(filtered.tags.map((tag) => tag.name)).toEqual([tagName]);
    // An unescaped slash names another path, as on the API.
    expect((await fetch(`https://127.0.0.1:${ar.port}${parent}/web/frontend/tags`, { headers: bearer, dispatcher: agent })).status).toBe(404);
  });

  it('answers a package’s versions with the documented fields only: tags in the FULL view only, an unknown orderBy field or view refused', async () => {
    const bearer = { authorization: `Bearer ${GOOGLE_TOKEN}` };
    const versions = '/v1/projects/proj/locations/europe-west1/repositories/apps/packages/web%252Ffrontend/versions';
    const packageName = 'projects/proj/locations/europe-west1/repositories/apps/packages/web%2Ffrontend';
    const full = await documentedAnswer<{ versions: { name: string; createTime: string; relatedTags?: { name: string }[] }[]; nextPageToken?: string }>(ar.port, `${versions}?view=FULL&orderBy=${encodeURIComponent('create_time desc')}&pageSize=1`, bearer, AR_VERSIONS_PAGE);
    expect(full.versions.map((version) => [version.name, version.createTime, version.relatedTags?.map((tag) => tag.name)])).toEqual([[`${packageName}/versions/${DIGEST}`, '2026-11-30T12:00:00.123456Z', [`${packageName}/tags/v1`, `${packageName}/tags/latest`]]]);
    expect(full.nextPageToken).toBeUndefined();
    const basic = await documentedAnswer<{ versions: object[] }>(ar.port, versions, bearer, AR_VERSIONS_PAGE);
    expect(basic.versions.map((version) => Object.keys(version).sort())).toEqual([['createTime', 'name', 'updateTime']]);
    for (const query of ['orderBy=upload_time', 'view=EVERYTHING']) {
      expect((await fetch(`https://127.0.0.1:${ar.port}${versions}?${query}`, { headers: bearer, dispatcher: agent })).status).toBe(400);
    }
  });

  it('the app reads the documented versions for tags by time, each tag with its version’s creation time', async () => {
    const http = documentedExchange(() => AR_VERSIONS_PAGE);
    const place = artifactRegistryPlace('us-central1-docker.pkg.dev/p1/repo1', makeServiceAccountKey())!;
    const listing = createArtifactRegistryListing(http, place, GOOGLE_TOKEN, {});
    const tags = await listing.tags('p1/repo1/pkg1', undefined, 50, 'time');
    expect(tags).toMatchObject({ outcome: 'page', names: [{ name: 'tag1', pushedAt: '2014-10-02T15:01:23.000Z' }] });
    expect(http.paths).toEqual(['/v1/projects/p1/locations/us-central1/repositories/repo1/packages/pkg1/versions']);
  });

  it('the app reads the documented packages and tags: the package as a pull names it, each tag by the last part of its name', async () => {
    const http = documentedExchange((url) => (url.pathname.endsWith('/tags') ? AR_TAGS_PAGE : url.pathname.endsWith('/packages') ? AR_PACKAGES_PAGE : AR_REPOSITORIES_PAGE));
    const place = artifactRegistryPlace('us-central1-docker.pkg.dev/p1/repo1', makeServiceAccountKey())!;
    const listing = createArtifactRegistryListing(http, place, GOOGLE_TOKEN, {});
    const page = await listing.repositories(undefined, 50);
    expect(page).toMatchObject({ outcome: 'page', names: ['p1/repo1/pkg1'] });
    const tags = await listing.tags('p1/repo1/pkg1', undefined, 50);
    expect(tags).toMatchObject({ outcome: 'page', names: [{ name: 'tag1', pushedAt: null }] });
    expect(http.paths).toEqual(['/v1/projects/p1/locations/us-central1/repositories/repo1/packages', '/v1/projects/p1/locations/us-central1/repositories/repo1/packages/pkg1/tags']);
  });
});

/** An ECR client that signs as the SDK does and keeps each operation's answer exactly as the endpoint sent it. */
function recordingEcrClient(endpoint: string, answers: Record<string, unknown>): ECRClient {
  const inner = createAwsHttpHandler({ timeoutMs: 30_000, proxyEnv: {} });
  const requestHandler: HttpHandler = {
    ...inner,
    async handle(request, options) {
      const { response } = await inner.handle(request, options);
      const text = await (response.body as Dispatcher.ResponseData['body']).text();
      answers[String(request.headers['x-amz-target']).split('.').pop()!] = JSON.parse(text);
      return { response: { ...response, body: Readable.from([Buffer.from(text)]) } };
    },
  };
  return new ECRClient({ region: 'us-west-2', endpoint, credentials: ECR_KEY, requestHandler, maxAttempts: 1 });
}

describe('ECR API stand-in', () => {
  it('answers DescribeRepositories and DescribeImages with the documented fields only, times as epoch seconds', async () => {
    const answers: Record<string, unknown> = {};
    const client = recordingEcrClient(ecr.endpoint, answers);
    // Settled, not awaited one by one: a shape the SDK rejects still gets its field-by-field report below.
    const sent = await Promise.allSettled([
      client.send(new DescribeRepositoriesCommand({ maxResults: 2 })),
      client.send(new DescribeImagesCommand({ repositoryName: 'ubuntu', maxResults: 1 })),
    ]).finally(() => client.destroy());
    const repositories = answers.DescribeRepositories as { nextToken?: string };
    const images = answers.DescribeImages as { nextToken?: string; imageDetails: { imagePushedAt: number }[] };
    expect(undocumentedFields(repositories, ECR_REPOSITORIES_PAGE), 'DescribeRepositories').toEqual([]);
    expect(undocumentedFields(images, ECR_IMAGES_PAGE), 'DescribeImages').toEqual([]);
    expect(sent.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled']);
    // Both pages have more behind them: the documented string token, which the example output leaves out.
    expect([typeof repositories.nextToken, typeof images.nextToken]).toEqual(['string', 'string']);
    // Seconds, as the documented 1565128275.0 is, not milliseconds.
    expect(images.imageDetails[0]!.imagePushedAt).toBe(PUSHED_AT.getTime() / 1000);
  });

  it('the app reads the documented answers: repository names, the next page, tags with their push time', async () => {
    const targets: string[] = [];
    const documented: ListeningServer = await listen((request, response) => {
      void readBody(request).then(() => {
        const target = String(request.headers['x-amz-target']);
        targets.push(target.split('.').pop()!);
        response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        response.end(JSON.stringify(target.endsWith('DescribeImages') ? { imageDetails: ECR_IMAGES_PAGE.imageDetails } : ECR_REPOSITORIES_PAGE));
      });
    });
    try {
      const listing = createEcrListing({ endpoint: documented.origin, proxyEnv: {}, timeoutMs: 30_000 });
      const credentials = { kind: 'ecr' as const, region: 'us-west-2', accountId: '012345678910', accessKey: ECR_KEY };
      const signal = new AbortController().signal;
      expect(await listing.repositories(credentials, { pageSize: 2, signal })).toEqual({ outcome: 'page', names: ['ubuntu', 'test'], next: ECR_REPOSITORIES_PAGE.nextToken });
      expect(await listing.tags(credentials, 'cluster-autoscaler', { pageSize: 50, signal })).toEqual({
        outcome: 'page',
        names: [{ name: 'v1.13.6', pushedAt: '2019-08-06T21:51:15.000Z' }],
        next: null,
      });
      expect(targets).toEqual(['DescribeRepositories', 'DescribeImages']);
    } finally {
      await documented.stop();
    }
  });
});

/** A documented rate-limit value's form: the count may differ, the window may not. */
const rateLimitForm = (value: string | null) => value?.replace(/^\d+;/, 'N;') ?? null;

describe('Docker Hub registry stand-in', () => {
  async function manifest(method: 'HEAD' | 'GET', token: string) {
    const response = await fetch(`https://127.0.0.1:${hubRegistry.port}/v2/ratelimitpreview/test/manifests/latest`, { method, headers: { authorization: `Bearer ${token}` }, dispatcher: agent });
    expect(response.status).toBe(200);
    return { headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
  }

  it('sends the documented rate-limit headers on HEAD and GET; a HEAD uses no pull, a GET one', async () => {
    const { token } = (await json(hubRegistry.port, '/token?service=registry.docker.io&scope=repository:ratelimitpreview/test:pull')) as { token: string };
    const head = await manifest('HEAD', token);
    const get = await manifest('GET', token);
    const after = await manifest('HEAD', token);
    for (const { headers } of [head, get, after]) {
      expect(rateLimitForm(headers.get('ratelimit-limit'))).toBe(rateLimitForm(HUB_RATE_LIMIT_HEADERS['ratelimit-limit']));
      expect(rateLimitForm(headers.get('ratelimit-remaining'))).toBe(rateLimitForm(HUB_RATE_LIMIT_HEADERS['ratelimit-remaining']));
      // Anonymous pulls are counted by address, and the documented source is one.
      expect(isIP(headers.get('docker-ratelimit-source') ?? '')).toBe(isIP(HUB_RATE_LIMIT_HEADERS['docker-ratelimit-source']));
    }
    const remaining = (headers: Headers) => Number.parseInt(headers.get('ratelimit-remaining')!, 10);
    expect([head, get, after].map(({ headers }) => remaining(headers))).toEqual([100, 99, 99]);
    expect(head.headers.get('ratelimit-limit')).toBe('100;w=21600');
  });

  it('a manifest HEAD carries the digest, media type and length a GET of the same manifest has, as the distribution spec says', async () => {
    const { token } = (await json(hubRegistry.port, '/token?service=registry.docker.io&scope=repository:ratelimitpreview/test:pull')) as { token: string };
    const head = await manifest('HEAD', token);
    const get = await manifest('GET', token);
    expect(head.body.length).toBe(0);
    const mediaType = (JSON.parse(get.body.toString('utf8')) as { mediaType: string }).mediaType;
    expect({
      digest: head.headers.get('docker-content-digest'),
      type: head.headers.get('content-type'),
      length: head.headers.get('content-length'),
    }).toEqual({
      digest: `sha256:${createHash('sha256').update(get.body).digest('hex')}`,
      type: mediaType,
      length: String(get.body.length),
    });
    expect(['docker-content-digest', 'content-type', 'content-length'].map((name) => head.headers.get(name))).toEqual(
      ['docker-content-digest', 'content-type', 'content-length'].map((name) => get.headers.get(name)),
    );
  });
});

describe('the shape check', () => {
  it('reports a field the document does not have, and one of another type', () => {
    expect(undocumentedFields({ count: 1, results: [{ name: 'a', digest: 'x' }] }, HUB_TAGS_PAGE)).toEqual(['$.results[].digest: not documented']);
    expect(undocumentedFields({ dockerImages: [{ imageSizeBytes: 2375090 }] }, AR_DOCKER_IMAGES_PAGE)).toEqual(['$.dockerImages[].imageSizeBytes: number, documented string']);
  });
});
