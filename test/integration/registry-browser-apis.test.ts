// The registry browser through the listing APIs of registries that cannot run here, each served by
// a stand-in checked against the API's documented answers and paging: Artifact Registry's REST API
// (`repositories`, `packages`, their `tags` and `versions`, `pageToken`/`nextPageToken`) with the OAuth token minted from
// the saved JSON key by the Google token endpoint stand-in; Quay's API (`/api/v1/repository`,
// `next_page`; tags by `page`/`limit` while `has_additional`) where its catalog is refused.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byCodePoint, type NameOrder, type RepositoriesPage, type Tag, type TagOrder, type TimeOrder } from '../../shared/registry-browser-contract';
import { USER_AGENT } from '../../main/registry-http/user-agent';
import { startArtifactRegistryApi, type ArImage, type RunningArtifactRegistryApi } from '../registry-servers/artifact-registry-api';
import { startGoogleTokenEndpoint, type RunningGoogleTokenEndpoint } from '../registry-servers/google-token-endpoint';
import { startQuayApi, type QuayRepository, type RunningQuayApi } from '../registry-servers/quay-api';
import { makeCertificateAuthority, makeServerCertificate, makeServiceAccountKey } from '../support/fixtures';
import { failureOf } from '../support/failure-of';
import { browsingTranscript, secretsShown } from '../support/browsing-transcript';
import { createTestServices, type TestServices } from '../support/services';

const PROJECT = 'browse-proj';
const LOCATION = 'europe-west1';
const CLIENT_EMAIL = `browser@${PROJECT}.iam.gserviceaccount.com`;
const INDEX_TYPE = 'application/vnd.oci.image.index.v1+json';
const digestOf = (seed: string) => `sha256:${Buffer.from(seed).toString('hex').padEnd(64, '0').slice(0, 64)}`;
const uploaded = (minute: number) => new Date(Date.UTC(2026, 10, 1) + minute * 60_000).toISOString().replace('.000Z', '.123456Z');

// `apps`: 90 images of three digests each, so pages of images split an image's digests.
const APPS: ArImage[] = Array.from({ length: 90 }, (_, index) =>
  [0, 1, 2].map((version) => ({ image: `svc-${index}`, digest: digestOf(`apps-${index}-${version}`), tags: version === 2 ? [`v${index}`, 'latest'] : [], size: 1000, uploadTime: uploaded(version), mediaType: INDEX_TYPE })),
).flat();
// `web`: one image of 1,100 digests, each tagged once, for tags paged by `pageToken` with upload times.
// Digests (the API's order) not in the order of the tag names, so a listing by name is the window's doing.
const FRONTEND: ArImage[] = Array.from({ length: 1100 }, (_, index) => ({ image: 'web/frontend', digest: digestOf(`web-${1099 - index}`), tags: [`b${index}`], size: 2000 + index, uploadTime: uploaded(index), buildTime: uploaded(index - 5), mediaType: INDEX_TYPE }));
const TOOLS = Object.fromEntries(Array.from({ length: 45 }, (_, index) => [`r-${String(index).padStart(2, '0')}`, { format: 'DOCKER' as const, images: [{ image: 'tool', digest: digestOf(`tool-${index}`), tags: ['1'], size: 10, uploadTime: uploaded(0), mediaType: INDEX_TYPE }] }]));
// Quay: the `acme` organisation's 230 public and 20 private repositories, `alice`'s own, and one
// repository of 250 live tags (newest last) and 30 deleted ones.
const QUAY_OAUTH_TOKEN = 'Q'.repeat(20) + randomBytes(10).toString('hex');
const ROBOT_TOKEN = randomBytes(32).toString('hex').toUpperCase();
const QUAY_PASSWORD = `pw-${randomBytes(8).toString('hex')}`;
const ACME: QuayRepository[] = Array.from({ length: 250 }, (_, index) => ({ namespace: 'acme', name: `app-${String(index).padStart(3, '0')}`, isPublic: index < 230, tags: [{ name: 'latest', startTs: 1_780_000_000 }] }));
const BIG_TAGS: QuayRepository['tags'] = [
  ...Array.from({ length: 30 }, (_, index) => ({ name: `gone-${index}`, startTs: 1_700_000_000 + index, endTs: 1_700_500_000 })),
  ...Array.from({ length: 250 }, (_, index) => ({ name: `v2.${index}`, startTs: 1_780_000_000 + index * 60 })),
];
const QUAY_REPOSITORIES: QuayRepository[] = [
  ...ACME,
  { namespace: 'acme', name: 'big', isPublic: true, tags: BIG_TAGS },
  { namespace: 'alice', name: 'private-one', isPublic: false, tags: [{ name: '1', startTs: 1_780_000_000 }] },
  { namespace: 'alice', name: 'public-one', isPublic: true, tags: [{ name: '1', startTs: 1_780_000_000 }] },
];

const AR_REPOSITORIES = { apps: { format: 'DOCKER' as const, images: APPS }, libs: { format: 'MAVEN' as const, images: [] }, web: { format: 'DOCKER' as const, images: FRONTEND }, ...TOOLS };

interface World {
  google: RunningGoogleTokenEndpoint;
  ar: RunningArtifactRegistryApi;
  quay: RunningQuayApi;
  app: TestServices;
  dataDir: string;
  ids: { ar: string; arOtherProject: string; quayRobot: string; quayToken: string };
}
let world: World;
const signal = () => new AbortController().signal;
/** Every Bearer token the Artifact Registry API was shown: the access tokens minted from the key. */
const googleTokens = new Set<string>();
/** The saved JSON key, token_uri and all. */
let serviceAccountKey = '';

async function everyRepository(registryId: string, pageSize: number): Promise<{ names: string[]; calls: number }> {
  const names: string[] = [];
  let cursor: string | undefined;
  let calls = 0;
  do {
    const page: RepositoriesPage = await world.app.services.registryBrowser.repositories({ registryId, pageSize, ...(cursor ? { cursor } : {}) }, signal());
    if (page.outcome !== 'page') throw new Error(`listing unavailable: ${page.reason.message}`);
    names.push(...page.repositories);
    calls += 1;
    cursor = page.next ?? undefined;
  } while (cursor);
  return { names, calls };
}

async function everyTag(registryId: string, repository: string, pageSize: number, order: TagOrder = 'name'): Promise<{ tags: Tag[]; calls: number; timeOrders: Set<TimeOrder>; nameOrders: Set<NameOrder | undefined> }> {
  const tags: Tag[] = [];
  const timeOrders = new Set<TimeOrder>();
  const nameOrders = new Set<NameOrder | undefined>();
  let cursor: string | undefined;
  let calls = 0;
  do {
    const page = await world.app.services.registryBrowser.tags({ registryId, repository, pageSize, order, ...(cursor ? { cursor } : {}) }, signal());
    tags.push(...page.tags);
    timeOrders.add(page.timeOrder);
    nameOrders.add(page.nameOrder);
    calls += 1;
    cursor = page.next ?? undefined;
  } while (cursor);
  return { tags, calls, timeOrders, nameOrders };
}

beforeAll(async () => {
  const ca = makeCertificateAuthority();
  const tls = makeServerCertificate(ca, { hosts: ['artifactregistry.googleapis.com', 'quay.io'] });
  const rawKey = makeServiceAccountKey({ client_email: CLIENT_EMAIL, project_id: PROJECT });
  const google = await startGoogleTokenEndpoint({ accounts: [{ clientEmail: CLIENT_EMAIL, privateKey: (JSON.parse(rawKey) as { private_key: string }).private_key }] });
  const key = JSON.stringify({ ...(JSON.parse(rawKey) as object), token_uri: google.tokenUri });
  serviceAccountKey = key;
  const ar = await startArtifactRegistryApi({ project: PROJECT, location: LOCATION, repositories: AR_REPOSITORIES, acceptsToken: (token) => (googleTokens.add(token), google.issuedTo(token) === CLIENT_EMAIL), tls });
  const quay = await startQuayApi({ repositories: QUAY_REPOSITORIES, oauthTokens: { [QUAY_OAUTH_TOKEN]: 'alice' }, logins: { 'acme+ci': ROBOT_TOKEN, alice: QUAY_OAUTH_TOKEN, bob: QUAY_PASSWORD }, tls });
  const ports: Record<string, number> = { 'artifactregistry.googleapis.com': ar.port, 'quay.io': quay.port };
  const dataDir = await mkdtemp(join(tmpdir(), 'registry-desk-browse-apis-'));
  const app = await createTestServices({
    dataDir,
    keychainService: `registry-desk-browse-apis-${randomBytes(4).toString('hex')}`,
    connectionNetwork: { systemRoots: [ca.certificate], connectTo: (host) => (Object.hasOwn(ports, host) ? { host: '127.0.0.1', port: ports[host]! } : undefined) },
  });
  const quayRegistry = (name: string, username: string, password: string) =>
    app.services.registries.create({ type: 'quay', name, url: 'quay.io', username, password });
  const arRegistry = (name: string, url: string) => app.services.registries.create({ type: 'artifact-registry', name, url, username: '_json_key', serviceAccountJson: key });
  const ids = {
    // No project in the URL: the key's project_id names it.
    ar: (await arRegistry('Artifact Registry', `${LOCATION}-docker.pkg.dev`)).id,
    arOtherProject: (await arRegistry('Someone else’s project', `${LOCATION}-docker.pkg.dev/other-proj`)).id,
    quayRobot: (await quayRegistry('Quay (robot)', 'acme+ci', ROBOT_TOKEN)).id,
    quayToken: (await quayRegistry('Quay (OAuth token)', 'alice', QUAY_OAUTH_TOKEN)).id,
  };
  world = { google, ar, quay, app, dataDir, ids };
}, 120_000);

afterAll(async () => {
  await world?.app.close();
  await Promise.all([world?.google.stop(), world?.ar.stop(), world?.quay.stop()]);
  if (world) await rm(world.dataDir, { recursive: true, force: true });
});

describe('Artifact Registry, through its REST API', () => {
  it('lists every Docker image of every Docker repository as pulls name them, by packages paged by pageToken, each image once', async () => {
    const since = world.ar.requests().length;
    const listed = await everyRepository(world.ids.ar, 40);
    // The stand-in answers as the API does: repositories by name, packages by their (escaped) name.
    const appsInOrder = [...new Set(APPS.map((image) => image.image))].sort().map((image) => `${PROJECT}/apps/${image}`);
    const expected = [...appsInOrder, ...Object.keys(TOOLS).map((repository) => `${PROJECT}/${repository}/tool`), `${PROJECT}/web/web/frontend`];
    expect(listed.names).toEqual(expected);
    const requests = world.ar.requests().slice(since);
    expect(requests.every((request) => request.status === 200 && request.path.includes('pageSize=40'))).toBe(true);
    // The Maven repository is never opened, and no repository's images are read digest by digest.
    expect(requests.some((request) => request.path.includes('/repositories/libs/') || request.path.includes('/dockerImages'))).toBe(false);
    const packagePages = requests.filter((request) => request.path.includes('/packages?'));
    // Pages in proportion to images, not to digests: apps' 90 images (270 digests) in pages of 40,
    // each tool repository one page, web's one image (1,100 digests) one page.
    expect(packagePages).toHaveLength(Math.ceil(90 / 40) + 45 + 1);
    // One token from the key for the whole listing.
    expect(world.google.requests().filter((line) => line.status === 200)).toHaveLength(1);
  });

  it('pages an image’s tags by packages.tags.list and pageToken, its package escaped (web%2Ffrontend)', async () => {
    const since = world.ar.requests().length;
    const listed = await everyTag(world.ids.ar, `${PROJECT}/web/web/frontend`, 500);
    const expected = FRONTEND.map((image) => image.tags[0]!).sort(byCodePoint).map((name) => ({ name, pushedAt: null }));
    expect(listed.tags).toEqual(expected);
    expect(listed.nameOrders).toEqual(new Set(['loaded']));
    const pages = world.ar.requests().slice(since);
    expect(pages).toHaveLength(Math.ceil(1100 / 500));
    expect(pages.every((request) => request.status === 200 && request.path.startsWith(`/v1/projects/${PROJECT}/locations/${LOCATION}/repositories/web/packages/web%252Ffrontend/tags?pageSize=500`))).toBe(true);
  });

  it('filters an image’s tags on the server (filter on name, * wildcards): only matching tags cross the network', async () => {
    const since = world.ar.requests().length;
    const page = await world.app.services.registryBrowser.tags({ registryId: world.ids.ar, repository: `${PROJECT}/web/web/frontend`, pageSize: 500, filter: 'b10' }, signal());
    const matching = FRONTEND.map((image) => image.tags[0]!).filter((name) => name.includes('b10'));
    expect(matching).toHaveLength(111);
    expect(page.tags.map((tag) => tag.name)).toEqual([...matching].sort(byCodePoint));
    expect(page.next).toBeNull();
    const pages = world.ar.requests().slice(since);
    expect(pages.map((request) => [new URL(request.path, 'https://x').searchParams.get('filter'), request.status])).toEqual([
      [`name="projects/${PROJECT}/locations/${LOCATION}/repositories/web/packages/web%2Ffrontend/tags/*b10*"`, 200],
    ]);
    // No tag holds a slash: such a filter matches nothing and asks nothing.
    const none = await world.app.services.registryBrowser.tags({ registryId: world.ids.ar, repository: `${PROJECT}/web/web/frontend`, pageSize: 500, filter: 'a/b' }, signal());
    expect(none.tags).toEqual([]);
    expect(world.ar.requests().length).toBe(since + 1);
  });

  it('pages an image’s tags newest first across pages by its own versions (orderBy=create_time desc, view=FULL), each with its time', async () => {
    const since = world.ar.requests().length;
    const listed = await everyTag(world.ids.ar, `${PROJECT}/web/web/frontend`, 500, 'time');
    const newestFirst = [...FRONTEND].sort((a, b) => Date.parse(b.uploadTime) - Date.parse(a.uploadTime)).map((image) => ({ name: image.tags[0]!, pushedAt: new Date(image.uploadTime).toISOString() }));
    expect(listed.tags).toEqual(newestFirst);
    expect(listed.timeOrders).toEqual(new Set(['server']));
    const pages = world.ar.requests().slice(since);
    expect(pages).toHaveLength(Math.ceil(1100 / 500));
    for (const request of pages) {
      const url = new URL(request.path, 'https://x');
      expect([url.pathname, url.searchParams.get('orderBy'), url.searchParams.get('view'), request.status]).toEqual([`/v1/projects/${PROJECT}/locations/${LOCATION}/repositories/web/packages/web%252Ffrontend/versions`, 'create_time desc', 'FULL', 200]);
    }
    // Google's API sees who asks: Registry Desk and its version.
    expect(new Set(pages.map((request) => request.userAgent))).toEqual(new Set([USER_AGENT]));
  });

  it('reads only the image’s own versions by time, not its repository’s other images: one page for an image of three digests among 90', async () => {
    const since = world.ar.requests().length;
    const listed = await everyTag(world.ids.ar, `${PROJECT}/apps/svc-7`, 100, 'time');
    const tagged = APPS.find((image) => image.image === 'svc-7' && image.tags.length > 0)!;
    expect(listed.tags).toEqual(tagged.tags.map((name) => ({ name, pushedAt: new Date(tagged.uploadTime).toISOString() })));
    expect(world.ar.requests().slice(since).map((request) => [new URL(request.path, 'https://x').pathname, request.status])).toEqual([[`/v1/projects/${PROJECT}/locations/${LOCATION}/repositories/apps/packages/svc-7/versions`, 200]]);
  });

  it('where the API refuses orderBy (400), asks again unordered and says only the loaded tags can be sorted by time', async () => {
    const since = world.ar.requests().length;
    world.ar.refuseOrderBy(true);
    try {
      const listed = await everyTag(world.ids.ar, `${PROJECT}/web/web/frontend`, 500, 'time');
      expect(listed.tags.map((tag) => tag.name).sort()).toEqual(FRONTEND.map((image) => image.tags[0]!).sort());
      expect(listed.timeOrders).toEqual(new Set(['loaded']));
      const pages = world.ar.requests().slice(since);
      expect(pages.map((request) => [new URL(request.path, 'https://x').searchParams.has('orderBy'), request.status])).toEqual([[true, 400], [false, 200], [false, 200], [false, 200]]);
      // The session remembers the refusal: first pages again, of this image and of another, ask unordered at once.
      const again = world.ar.requests().length;
      const relisted = await everyTag(world.ids.ar, `${PROJECT}/web/web/frontend`, 500, 'time');
      const other = await everyTag(world.ids.ar, `${PROJECT}/apps/svc-7`, 100, 'time');
      expect(relisted.tags).toHaveLength(listed.tags.length);
      expect(other.tags.map((tag) => tag.name).sort()).toEqual(['latest', 'v7']);
      expect([relisted.timeOrders, other.timeOrders]).toEqual([new Set(['loaded']), new Set(['loaded'])]);
      const pagesAgain = world.ar.requests().slice(again);
      // web: 1,100 versions in pages of 500; svc-7: its 3 in one page. Not one 400 among them.
      const unordered = Array.from({ length: Math.ceil(1100 / 500) + 1 }, () => [false, 200]);
      expect(pagesAgain.map((request) => [new URL(request.path, 'https://x').searchParams.has('orderBy'), request.status])).toEqual(unordered);
    } finally {
      world.ar.refuseOrderBy(false);
    }
  });

  it('finds tags of one image among a repository’s others, and reports a repository that is not there', async () => {
    const listed = await everyTag(world.ids.ar, `${PROJECT}/apps/svc-7`, 100);
    expect(listed.tags.map((tag) => tag.name).sort()).toEqual(['latest', 'v7']);
    const failure = await failureOf(world.app.services.registryBrowser.tags({ registryId: world.ids.ar, repository: `${PROJECT}/ghost/app`, pageSize: 10 }, signal()));
    expect(failure).toMatchObject({ code: 'browse.repositoryNotFound' });
  });

  it('says plainly when Google refuses the listing (no permission on the project), so the operator types a repository', async () => {
    const page = await world.app.services.registryBrowser.repositories({ registryId: world.ids.arOtherProject, pageSize: 40 }, signal());
    expect(page).toMatchObject({ outcome: 'unavailable', reason: { code: 'browse.googleRefused', params: { status: 403, project: 'other-proj', location: LOCATION } } });
  });
});

describe('secrets while browsing Artifact Registry', () => {
  it('neither the JSON key (nor its private key) nor an access token minted from it shows in IPC answers, logs, events or settings', async () => {
    const { answers, transcript } = await browsingTranscript(world.app, [
      ['browse:repositories', { registryId: world.ids.ar, pageSize: 40 }],
      ['browse:tags', { registryId: world.ids.ar, repository: `${PROJECT}/web/web/frontend`, pageSize: 100 }],
      ['browse:tags', { registryId: world.ids.ar, repository: `${PROJECT}/web/web/frontend`, pageSize: 100, order: 'time' }],
      ['browse:tags', { registryId: world.ids.ar, repository: `${PROJECT}/ghost/app`, pageSize: 10 }],
      ['browse:repositories', { registryId: world.ids.arOtherProject, pageSize: 40 }],
    ]);
    expect(answers.map((answer) => answer.ok)).toEqual([true, true, true, false, true]);
    expect(googleTokens.size).toBeGreaterThan(0);
    const privateKey = (JSON.parse(serviceAccountKey) as { private_key: string }).private_key;
    // A line of the key's body stands for any part of it, cut or re-wrapped.
    const keyLine = privateKey.split('\n').find((line) => line.length >= 60)!;
    const secrets = [
      { secret: serviceAccountKey, what: 'the JSON key' },
      { secret: privateKey, what: 'its private key' },
      { secret: keyLine, what: 'a line of its private key' },
      ...[...googleTokens].map((secret) => ({ secret, what: 'an access token' })),
    ];
    expect(secretsShown(transcript, secrets)).toEqual([]);
  });
});

describe('secrets while browsing Quay', () => {
  it('neither the OAuth token (sent to Quay’s API as Bearer) nor the robot’s token shows in IPC answers, logs, events or settings', async () => {
    const since = world.quay.requests().length;
    const { answers, transcript } = await browsingTranscript(world.app, [
      ['browse:repositories', { registryId: world.ids.quayToken, pageSize: 100 }],
      ['browse:tags', { registryId: world.ids.quayToken, repository: 'alice/private-one', pageSize: 50, order: 'time' }],
      ['browse:tags', { registryId: world.ids.quayToken, repository: 'alice/private-one', pageSize: 50 }],
      ['browse:tags', { registryId: world.ids.quayToken, repository: 'alice/ghost', pageSize: 50 }],
      ['browse:repositories', { registryId: world.ids.quayRobot, pageSize: 100 }],
      ['browse:tags', { registryId: world.ids.quayRobot, repository: 'acme/app-240', pageSize: 50, order: 'time' }],
    ]);
    expect(answers.map((answer) => answer.ok)).toEqual([true, true, true, false, true, true]);
    // The OAuth token really went to Quay's API, where it could have been echoed back.
    expect(world.quay.requests().slice(since).some((request) => request.path.startsWith('/api/v1/') && request.authorization === 'bearer')).toBe(true);
    const secrets = [
      { secret: QUAY_OAUTH_TOKEN, username: 'alice', what: 'the Quay OAuth token' },
      { secret: ROBOT_TOKEN, username: 'acme+ci', what: 'the robot’s token' },
    ];
    expect(secretsShown(transcript, secrets)).toEqual([]);
  });
});

describe('Quay, through its API where the catalog is refused', () => {
  it('lists a robot’s organisation through /api/v1/repository, paged by next_page, public repositories only and said so; no password or robot token goes to the API', async () => {
    const since = world.quay.requests().length;
    const first = await world.app.services.registryBrowser.repositories({ registryId: world.ids.quayRobot, pageSize: 100 }, signal());
    expect(first).toMatchObject({ outcome: 'page', source: 'quay-public' });
    const listed = await everyRepository(world.ids.quayRobot, 100);
    const publicAcme = QUAY_REPOSITORIES.filter((repository) => repository.namespace === 'acme' && repository.isPublic).map((repository) => `acme/${repository.name}`);
    expect(listed.names).toEqual(publicAcme);
    expect(listed.calls).toBe(Math.ceil(publicAcme.length / 100));
    const api = world.quay.requests().slice(since).filter((request) => request.path.startsWith('/api/v1/'));
    expect(api.every((request) => request.authorization === 'none' && request.path.includes('namespace=acme'))).toBe(true);
  });

  it('lists every repository of the namespace, private ones too, with an OAuth application token', async () => {
    const listed = await everyRepository(world.ids.quayToken, 100);
    expect(listed.names).toEqual(['alice/private-one', 'alice/public-one']);
    const page = await world.app.services.registryBrowser.repositories({ registryId: world.ids.quayToken, pageSize: 100 }, signal());
    expect(page).toMatchObject({ outcome: 'page', source: 'quay' });
  });

  it('pages active tags newest first by page and limit while has_additional, each with the time it was pushed', async () => {
    const since = world.quay.requests().length;
    const listed = await everyTag(world.ids.quayRobot, 'acme/big', 100, 'time');
    expect(listed.timeOrders).toEqual(new Set(['server']));
    const live = BIG_TAGS.filter((tag) => tag.endTs === undefined).reverse();
    expect(listed.tags).toEqual(live.map((tag) => ({ name: tag.name, pushedAt: new Date(tag.startTs * 1000).toISOString() })));
    const pages = world.quay.requests().slice(since);
    expect(pages).toHaveLength(Math.ceil(live.length / 100));
    expect(pages.every((request) => request.path.startsWith('/api/v1/repository/acme/big/tag/?onlyActiveTags=true&page=') && request.path.endsWith('&limit=100'))).toBe(true);
  });

  it('lists tags by name through the registry API, which sends them in name order; newest first stays on offer', async () => {
    const since = world.quay.requests().length;
    const listed = await everyTag(world.ids.quayRobot, 'acme/big', 100, 'name');
    const live = BIG_TAGS.filter((tag) => tag.endTs === undefined).map((tag) => tag.name);
    expect(listed.tags.map((tag) => tag.name)).toEqual([...live].sort());
    expect(listed.timeOrders).toEqual(new Set(['server']));
    expect(world.quay.requests().slice(since).every((request) => request.path.startsWith('/v2/'))).toBe(true);
  });

  it('lists a private repository’s tags through the registry API with the robot’s login where Quay’s API refuses it', async () => {
    const since = world.quay.requests().length;
    const listed = await everyTag(world.ids.quayRobot, 'acme/app-240', 100, 'time');
    expect(listed.tags).toEqual([{ name: 'latest', pushedAt: null }]);
    // Without Quay's API there are no times: newest first is unavailable for this repository.
    expect(listed.timeOrders).toEqual(new Set(['unavailable']));
    const requests = world.quay.requests().slice(since);
    expect(requests.filter((request) => request.path.startsWith('/api/v1/')).map((request) => request.status)).toEqual([403]);
    expect(requests.some((request) => request.path.startsWith('/v2/acme/app-240/tags/list') && request.status === 200)).toBe(true);
  });

  it('waits out a 429 from Quay’s API for the Retry-After it asked, measured where Quay sees the requests', async () => {
    const since = world.quay.requests().length;
    world.quay.throttle(1, 2);
    const page = await world.app.services.registryBrowser.repositories({ registryId: world.ids.quayToken, pageSize: 100 }, signal());
    expect(page).toMatchObject({ outcome: 'page', repositories: ['alice/private-one', 'alice/public-one'] });
    const api = world.quay.requests().slice(since).filter((request) => request.path.startsWith('/api/v1/repository'));
    expect(api.map((request) => request.status)).toEqual([429, 200]);
    expect(api[1]!.at - api[0]!.at).toBeGreaterThanOrEqual(2000);
  });
});
