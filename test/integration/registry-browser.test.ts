// The registry browser against real parts: Debian's docker-registry (htpasswd, and token auth
// through the token server) holding more than 150 repositories and a repository of more than
// 1,000 tags, so `Link` paging runs across many pages; images pushed with skopeo from hand-made
// OCI layouts (a 3-platform index, a cosign-style `.sig` tag). Every figure is cross-checked with
// `skopeo list-tags`, `skopeo inspect --raw` and `skopeo inspect --config`. A misbehaving stand-in
// answers what real registries get wrong.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { byCodePoint, type RepositoriesPage, type TagsPage } from '../../shared/registry-browser-contract';
import { errorText, type ErrorCode } from '../../shared/i18n';
import packageJson from '../../package.json' with { type: 'json' };
import { USER_AGENT } from '../../main/registry-http/user-agent';
import { startDockerRegistry, type RunningDockerRegistry } from '../registry-servers/docker-registry';
import { startDockerHubApi, type RunningDockerHubApi } from '../registry-servers/docker-hub-api';
import { startLatencyProxy, type LatencyProxy } from '../registry-servers/latency-proxy';
import { MAX_IN_FLIGHT_PER_REGISTRY } from '../../main/registry-browser/registry-session';
import { startEcrEndpoint, type EcrImage, type RunningEcrEndpoint } from '../registry-servers/ecr-endpoint';
import { listen, type ListeningServer } from '../registry-servers/http-server';
import { ODD_REFERRERS, PAGED_TAGS, startMisbehavingRegistry, type RunningMisbehavingRegistry, type SeenRequest } from '../registry-servers/misbehaving-registry';
import { buildOciImages, IMAGE_CREATED, inspectConfig, inspectRaw, listTags, pushImage, type BuiltImages } from '../registry-servers/oci-images';
import { addTags, copyToRepositories } from '../registry-servers/registry-seeding';
import { startTokenServer, type RunningTokenServer } from '../registry-servers/token-server';
import { makeCertificateAuthority, makeServerCertificate, makeTokenSigningCertificate } from '../support/fixtures';
import { failureOf } from '../support/failure-of';
import { browsingTranscript, secretsShown } from '../support/browsing-transcript';
import { createTestServices, type TestServices } from '../support/services';

const PASSWORD = `pw-${randomBytes(10).toString('hex')}`;
/** Every password ECR's API issued (the registry login `AWS` uses). */
const ecrPasswords: string[] = [];
const BULK = Array.from({ length: 155 }, (_, index) => `bulk/repo-${String(index).padStart(3, '0')}`);
const MANY_TAGS = Array.from({ length: 1050 }, (_, index) => `v1.${index}`);
const ECR_HOST = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const ECR_KEYS = { accessKeyId: 'AKIABROWSE0000000001', secretAccessKey: `browse/${randomBytes(12).toString('hex')}` };
const ECR_IMAGES: EcrImage[] = Array.from({ length: 1200 }, (_, index) => ({
  digest: `sha256:${index.toString(16).padStart(64, '0')}`,
  tags: index % 100 === 0 ? [`r${index}`, `r${index}-alias`] : [`r${index}`],
  pushedAt: new Date(Date.UTC(2026, 10, 1) + index * 60_000),
  size: 1000 + index,
}));
const ECR_REPOSITORIES = { 'team/app': ECR_IMAGES, 'team/api': [], 'infra/proxy': [], 'zeta/tool': ECR_IMAGES.slice(0, 1) };
const HUB_REPOSITORIES = Array.from({ length: 130 }, (_, index) => `svc-${String(index).padStart(3, '0')}`);
const HUB_ORG_REPOSITORIES = Array.from({ length: 60 }, (_, index) => `team-${String(index).padStart(2, '0')}`);
// 250 tags of a Hub repository, pushed in an order that is neither their names' nor its reverse.
const HUB_TAGS = Array.from({ length: 250 }, (_, index) => ({ name: `t-${String(index).padStart(3, '0')}`, lastUpdated: new Date(Date.UTC(2026, 10, 1) + ((index * 97) % 250) * 3_600_000).toISOString() }));
// What `docker buildx` writes on an index, checked against `skopeo inspect --raw`.
const INDEX_ANNOTATIONS = {
  'org.opencontainers.image.source': 'https://example.com/team/app',
  'org.opencontainers.image.revision': '0123456789abcdef0123456789abcdef01234567',
  'org.opencontainers.image.created': '2026-11-30T12:00:00Z',
};
const PLATFORMS = [
  { os: 'linux', architecture: 'amd64' },
  { os: 'linux', architecture: 'arm64' },
  { os: 'linux', architecture: 's390x' },
];

interface World {
  team: RunningDockerRegistry;
  tokenRegistry: RunningDockerRegistry;
  tokens: RunningTokenServer;
  refuses401: RunningMisbehavingRegistry;
  refuses403: RunningMisbehavingRegistry;
  ecr: RunningEcrEndpoint;
  hub: RunningDockerHubApi;
  hubRegistry: RunningDockerRegistry;
  away: ListeningServer;
  awayRequests: string[];
  /** A 50 ms proxy in front of the team registry, counting what it holds at once. */
  proxy: LatencyProxy;
  /** The test CA, which the registries' certificates chain to. */
  ca: string;
  images: BuiltImages;
  app: TestServices;
  dataDir: string;
  ids: { team: string; proxied: string; token: string; refuses401: string; refuses403: string; teamWrong: string; tokenWrong: string; ecr: string; hub: string; hubWrong: string };
}
let world: World;
const alice = () => ({ username: 'alice', password: PASSWORD });
const signal = () => new AbortController().signal;

async function everyRepository(registryId: string, pageSize: number): Promise<{ names: string[]; pages: number; calls: number; requests: number }> {
  const names: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  let requests = 0;
  do {
    const page: RepositoriesPage = await world.app.services.registryBrowser.repositories({ registryId, pageSize, ...(cursor ? { cursor } : {}) }, signal());
    if (page.outcome !== 'page') throw new Error(`listing unavailable: ${page.reason.message}`);
    names.push(...page.repositories);
    requests += page.requests;
    pages += 1;
    cursor = page.next ?? undefined;
  } while (cursor);
  return { names, pages, calls: pages, requests };
}

async function everyTag(registryId: string, repository: string, pageSize: number): Promise<{ names: string[]; pages: number; requests: number }> {
  const names: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  let requests = 0;
  do {
    const page: TagsPage = await world.app.services.registryBrowser.tags({ registryId, repository, pageSize, ...(cursor ? { cursor } : {}) }, signal());
    names.push(...page.tags.map((tag) => tag.name));
    requests += page.requests;
    pages += 1;
    cursor = page.next ?? undefined;
  } while (cursor);
  return { names, pages, requests };
}

beforeAll(async () => {
  const ca = makeCertificateAuthority();
  const tls = makeServerCertificate(ca, { hosts: ['localhost', '127.0.0.1', ECR_HOST, 'hub.docker.com', 'registry-1.docker.io'] });
  const signer = makeTokenSigningCertificate();
  const tokens = await startTokenServer({ users: { bob: PASSWORD }, signer, service: 'browse-test', issuer: 'browse-issuer', tls });
  const awayRequests: string[] = [];
  const away = await listen((request, response) => {
    awayRequests.push(`${request.method} ${request.url} ${request.headers.authorization ?? ''}`);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"tags":["stolen"]}');
  }, tls);
  const misbehaving = { username: 'carol', password: PASSWORD, awayOrigin: away.origin, busyTimes: 2, tls };
  const [team, tokenRegistry, refuses401, refuses403] = await Promise.all([
    startDockerRegistry({ tls, users: { alice: PASSWORD } }),
    startDockerRegistry({ tls, token: { realm: tokens.realm, service: 'browse-test', issuer: 'browse-issuer', rootCertBundle: signer.certificate } }),
    startMisbehavingRegistry({ ...misbehaving, refuseCatalog: 401 }),
    startMisbehavingRegistry({ ...misbehaving, refuseCatalog: 403 }),
  ]);
  const images = await buildOciImages({ multi: PLATFORMS }, 'app', INDEX_ANNOTATIONS);
  await Promise.all([
    pushImage(images, 'single', { reference: `${team.address}/team/app:1`, ...alice() }),
    pushImage(images, 'multi', { reference: `${team.address}/team/app:multi`, ...alice() }),
    pushImage(images, 'multi', { reference: `${tokenRegistry.address}/team/tok:multi`, username: 'bob', password: PASSWORD }),
  ]);
  const seed = { origin: `https://${team.address}`, ...alice(), ca: ca.certificate };
  const cosignTag = `${images.digests.multi!.replace(':', '-')}.sig`;
  await addTags(seed, 'team/app', '1', [...MANY_TAGS, cosignTag]);
  await copyToRepositories(seed, 'team/app', '1', BULK);

  // ECR's API stand-in issues passwords the team registry then accepts for user AWS, so images
  // of the "ECR" registry are read from the team registry through ECR's host name.
  const ecr = await startEcrEndpoint({
    region: 'eu-west-1',
    accountId: '123456789012',
    identities: [{ ...ECR_KEYS, arn: 'arn:aws:iam::123456789012:user/browser', allowed: true }],
    onIssue: (password) => (ecrPasswords.push(password), team.setUsers({ alice: PASSWORD, AWS: password })),
    repositories: ECR_REPOSITORIES,
  });
  const hub = await startDockerHubApi({
    users: { octocat: PASSWORD },
    repositories: { octocat: HUB_REPOSITORIES, acme: HUB_ORG_REPOSITORIES, locked: ['secret-plans'], someone: ['else'] },
    organisations: { octocat: ['acme', 'locked'] },
    forbidden: ['locked'],
    tags: { 'octocat/svc-007': HUB_TAGS },
    privateRepositories: ['octocat/svc-007'],
    tls,
  });
  const hubRegistry = await startDockerRegistry({ tls, users: { octocat: PASSWORD } });
  await pushImage(images, 'multi', { reference: `${hubRegistry.address}/octocat/svc-007:multi`, username: 'octocat', password: PASSWORD });
  const ports: Record<string, number> = { [ECR_HOST]: team.port, 'hub.docker.com': hub.port, 'registry-1.docker.io': hubRegistry.port };
  const proxy = await startLatencyProxy({ upstreamPort: team.port, ca: ca.certificate, latencyMs: 50, tls });
  const dataDir = await mkdtemp(join(tmpdir(), 'registry-desk-browse-'));
  const app = await createTestServices({
    dataDir,
    keychainService: `registry-desk-browse-${randomBytes(4).toString('hex')}`,
    ecrEndpoint: ecr.endpoint,
    connectionNetwork: { systemRoots: [ca.certificate], connectTo: (host) => (Object.hasOwn(ports, host) ? { host: '127.0.0.1', port: ports[host]! } : undefined) },
  });
  const create = async (name: string, address: string, username: string, password = PASSWORD) =>
    (await app.services.registries.create({ type: 'other', name, url: `https://${address}`, username, password, connection: 'secure-with-ca', caCertificate: ca.certificate })).id;
  const ids = {
    team: await create('Team registry', team.address, 'alice'),
    proxied: await create('Team registry, far away', proxy.address, 'alice'),
    token: await create('Token registry', tokenRegistry.address, 'bob'),
    refuses401: await create('No catalog', refuses401.address, 'carol'),
    refuses403: await create('Catalog for admins', refuses403.address, 'carol'),
    teamWrong: await create('Team registry, old password', team.address, 'alice', `${PASSWORD}-old`),
    tokenWrong: await create('Token registry, old password', tokenRegistry.address, 'bob', `${PASSWORD}-old`),
    ecr: (await app.services.registries.create({ type: 'ecr', name: 'Prod ECR', url: `https://${ECR_HOST}`, authType: 'user-auth', ...ECR_KEYS })).id,
    hub: (await app.services.registries.create({ type: 'docker', name: 'Docker Hub', url: 'docker.io', username: 'octocat', password: PASSWORD })).id,
    hubWrong: (await app.services.registries.create({ type: 'docker', name: 'Docker Hub (old token)', url: 'docker.io', username: 'octocat', password: `${PASSWORD}-revoked` })).id,
  };
  world = { team, tokenRegistry, tokens, refuses401, refuses403, ecr, hub, hubRegistry, away, awayRequests, proxy, ca: ca.certificate, images, app, dataDir, ids };
}, 300_000);

afterAll(async () => {
  await world?.app.close();
  await Promise.all([world?.team.stop(), world?.tokenRegistry.stop(), world?.tokens.stop(), world?.refuses401.stop(), world?.refuses403.stop(), world?.ecr.stop(), world?.hub.stop(), world?.hubRegistry.stop(), world?.away.stop(), world?.proxy.stop(), world?.images.remove()]);
  if (world) await rm(world.dataDir, { recursive: true, force: true });
});

describe('repositories', () => {
  it('lists every repository of the catalog across Link pages, one request per page', async () => {
    const since = world.team.mark();
    const listed = await everyRepository(world.ids.team, 40);
    expect(listed.names).toEqual(['team/app', ...BULK].sort());
    expect(listed.pages).toBe(Math.ceil((BULK.length + 1) / 40));
    const catalogReads = world.team.accessLog(since).filter((line) => line.path.startsWith('/v2/_catalog'));
    // One 401 for the first page (Basic is then sent up front), then one 200 per page.
    expect(catalogReads.filter((line) => line.status === 200)).toHaveLength(listed.pages);
    expect(listed.requests).toBeLessThanOrEqual(listed.pages + 1);
  });

  it('filters names across pages, a bounded number of pages per call, with a cursor to go on', async () => {
    const found: string[] = [];
    let cursor: string | undefined;
    let calls = 0;
    const eventsBefore = world.app.events.length;
    do {
      const page = await world.app.services.registryBrowser.repositories({ registryId: world.ids.team, pageSize: 5, filter: 'REPO-15', ...(cursor ? { cursor } : {}) }, signal());
      if (page.outcome !== 'page') throw new Error('unavailable');
      found.push(...page.repositories);
      cursor = page.next ?? undefined;
      calls += 1;
      if (calls === 1) {
        // While the first call looks through its 20 pages, the window is told how far it has read.
        const told = world.app.events.slice(eventsBefore).filter((entry) => entry.event === 'event:browse-progress');
        expect(told.map((entry) => entry.payload)).toEqual(Array.from({ length: 20 }, (_, at) => ({ registryId: world.ids.team, listing: 'repositories', pages: at + 1, names: (at + 1) * 5 })));
      }
    } while (cursor);
    expect(found).toEqual(BULK.filter((name) => name.includes('repo-15')));
    // 156 names in pages of 5 are 32 pages; a call reads at most 20 of them: the first finds
    // nothing, the second stops at page 31 with its five matches, the third reads the last page.
    expect(calls).toBe(3);
  });

  it('lists through a token service with the catalog scope', async () => {
    const listed = await everyRepository(world.ids.token, 10);
    expect(listed.names).toEqual(['team/tok']);
    expect(world.tokens.requests().some((line) => line.username === 'bob' && line.status === 200)).toBe(true);
  });

  it('says plainly when the catalog is refused (401 or 403), and the typed repository still opens', async () => {
    for (const [registryId, status] of [
      [world.ids.refuses401, 401],
      [world.ids.refuses403, 403],
    ] as const) {
      const page = await world.app.services.registryBrowser.repositories({ registryId, pageSize: 50 }, signal());
      expect(page).toMatchObject({ outcome: 'unavailable', reason: { code: 'browse.listingRefused', params: { status } } });
      const tags = await world.app.services.registryBrowser.tags({ registryId, repository: 'open/app', pageSize: 50 }, signal());
      expect(tags.tags.map((tag) => tag.name)).toEqual(['1']);
    }
  });

  it('says a wrong password is the login’s error, not a refused catalog, and asks the catalog again on the next call', async () => {
    const catalogAsks = (since: number) => world.team.accessLog(since).filter((line) => line.path.startsWith('/v2/_catalog')).length;
    const since = world.team.mark();
    const basic = await failureOf(world.app.services.registryBrowser.repositories({ registryId: world.ids.teamWrong, pageSize: 50 }, signal()));
    expect(basic).toMatchObject({ code: 'connection.credentialsRejected', params: { status: 401 } });
    const asked = catalogAsks(since);
    expect(asked).toBeGreaterThan(0);
    // Not remembered as a catalog refusal: the next call asks the registry again.
    expect(await failureOf(world.app.services.registryBrowser.repositories({ registryId: world.ids.teamWrong, pageSize: 50 }, signal()))).toMatchObject({ code: 'connection.credentialsRejected' });
    expect(catalogAsks(since)).toBeGreaterThan(asked);
    // Through a token service, it is the token service that rejects the login.
    const token = await failureOf(world.app.services.registryBrowser.repositories({ registryId: world.ids.tokenWrong, pageSize: 50 }, signal()));
    expect(token).toMatchObject({ code: 'connection.tokenRejected', params: { status: 401 } });
    expect(world.tokens.requests().some((line) => line.username === 'bob' && line.status === 401)).toBe(true);
  });

  it('asks for a refused catalog once per session: later calls say so without asking again', async () => {
    const catalogAsks = () => world.refuses403.requests().filter((line) => line.path.startsWith('/v2/_catalog')).length;
    await world.app.services.registryBrowser.repositories({ registryId: world.ids.refuses403, pageSize: 50 }, signal());
    const asked = catalogAsks();
    expect(asked).toBeGreaterThan(0);
    for (let call = 0; call < 3; call += 1) {
      const page = await world.app.services.registryBrowser.repositories({ registryId: world.ids.refuses403, pageSize: 50 }, signal());
      expect(page).toMatchObject({ outcome: 'unavailable', reason: { code: 'browse.listingRefused', params: { status: 403 } } });
    }
    expect(catalogAsks()).toBe(asked);
    // A saved edit of the registry (a new login, say) starts a new session, which asks again.
    const record = await world.app.services.registries.get(world.ids.refuses403);
    await world.app.services.registries.update(world.ids.refuses403, { type: 'other', name: record.name, url: record.url, username: 'carol', password: PASSWORD, connection: 'secure-with-ca', caCertificate: world.ca });
    await world.app.services.registryBrowser.repositories({ registryId: world.ids.refuses403, pageSize: 50 }, signal());
    expect(catalogAsks()).toBeGreaterThan(asked);
  });
});

describe('tags', () => {
  it('reads more than 1,000 tags exactly as skopeo list-tags sees them', async () => {
    const since = world.team.mark();
    const listed = await everyTag(world.ids.team, 'team/app', 200);
    const skopeo = await listTags({ reference: `${world.team.address}/team/app`, ...alice() });
    expect(listed.names.length).toBeGreaterThan(1000);
    expect([...listed.names].sort()).toEqual([...skopeo].sort());
    // Debian's docker-registry is distribution 2.8.2, which pages the catalog but not tags: its
    // GetTags (registry/handlers/tags.go at v2.8.2) encodes every tag of the repository and reads
    // neither `n` nor `last`, and sends no Link. Tag paging came with distribution 3.0 ("added
    // pagination to `v2/<name>/tags/list` endpoint"); it is exercised on the stand-in below, and
    // `Link` paging on the real registry by the catalog test above.
    const reads = world.team.accessLog(since).filter((line) => line.path.startsWith('/v2/team/app/tags/list') && line.status === 200 && line.userAgent === USER_AGENT);
    expect(reads.map((line) => line.path)).toEqual(['/v2/team/app/tags/list?n=200']);
    expect(listed.pages).toBe(1);
  });

  it('pages tags by Link where the registry pages them (distribution 3, Harbor, Quay): one request per page', async () => {
    const since = world.refuses401.requests().length;
    const listed = await everyTag(world.ids.refuses401, 'paged/app', 150);
    expect(listed.names).toEqual(PAGED_TAGS);
    expect(listed.pages).toBe(Math.ceil(PAGED_TAGS.length / 150));
    const reads = world.refuses401.requests().slice(since).filter((line) => line.path.startsWith('/v2/paged/app/tags/list') && line.authorized);
    expect(reads).toHaveLength(listed.pages);
  });

  it('says newest first is unavailable where the tag list has no times, and lists by name all the same', async () => {
    const page = await world.app.services.registryBrowser.tags({ registryId: world.ids.refuses401, repository: 'paged/app', pageSize: 150, order: 'time' }, signal());
    expect(page.timeOrder).toBe('unavailable');
    expect(page.tags.map((tag) => tag.name)).toEqual(PAGED_TAGS.slice(0, 150));
    expect(page.tags.every((tag) => tag.pushedAt === null)).toBe(true);
  });

  it('reports a missing repository by name', async () => {
    const failure = await failureOf(world.app.services.registryBrowser.tags({ registryId: world.ids.team, repository: 'team/ghost', pageSize: 10 }, signal()));
    expect(failure).toMatchObject({ code: 'browse.repositoryNotFound', params: { repository: 'team/ghost' } });
  });
});

describe('one image', () => {
  it('shows an index’s platforms, digests, sizes and created times as skopeo reads them', async () => {
    const target = { reference: `${world.team.address}/team/app:multi`, ...alice() };
    const detail = await world.app.services.registryBrowser.image({ registryId: world.ids.team, repository: 'team/app', reference: 'multi' }, signal());
    const raw = await inspectRaw(target);
    expect(detail).toMatchObject({ kind: 'index', digest: raw.digest, mediaType: 'application/vnd.oci.image.index.v1+json', pullName: `${world.team.address}/team/app` });
    const index = JSON.parse(raw.manifest!) as { manifests: { digest: string; platform: { os: string; architecture: string } }[] };
    expect(detail.platforms.map((platform) => [platform.platform, platform.digest])).toEqual(index.manifests.map((entry) => [`${entry.platform.os}/${entry.platform.architecture}`, entry.digest]));
    for (const platform of detail.platforms) {
      const child = JSON.parse((await inspectRaw({ ...target, reference: `${world.team.address}/team/app@${platform.digest}` })).manifest!) as { config: { size: number }; layers: { size: number }[] };
      expect(platform.size).toBe(child.config.size + child.layers.reduce((total, layer) => total + layer.size, 0));
      const config = await inspectConfig({ ...target, reference: `${world.team.address}/team/app@${platform.digest}` });
      expect(platform.created).toBe(config.created);
      expect(platform.created).toBe(IMAGE_CREATED);
    }
    // Annotations as the index carries them, and the cosign tags as skopeo finds (or does not find) them.
    const rawIndex = JSON.parse(raw.manifest!) as { annotations?: Record<string, string> };
    expect(detail.annotations).toEqual(rawIndex.annotations);
    expect(detail.annotations).toEqual(INDEX_ANNOTATIONS);
    const cosignTag = `${world.team.address}/team/app:${raw.digest!.replace(':', '-')}`;
    const [signature, attestation] = await Promise.all([inspectRaw({ ...target, reference: `${cosignTag}.sig` }), inspectRaw({ ...target, reference: `${cosignTag}.att` })]);
    expect([signature.ok, attestation.ok]).toEqual([true, false]);
    expect(detail.signature).toBe('found');
    expect(detail.attestation).toBe('none-found');
  });

  it('opens an image again without reading its platforms again: they are cached by digest, and only the tag is read anew', async () => {
    const first = await world.app.services.registryBrowser.image({ registryId: world.ids.team, repository: 'team/app', reference: 'multi' }, signal());
    const since = world.team.mark();
    const again = await world.app.services.registryBrowser.image({ registryId: world.ids.team, repository: 'team/app', reference: 'multi' }, signal());
    expect(again.platforms).toEqual(first.platforms);
    const log = world.team.accessLog(since);
    expect(log.filter((line) => line.path.includes('/manifests/sha256:') || line.path.includes('/blobs/'))).toEqual([]);
    // The tag may have moved since, so it is read again; then the cosign tags.
    expect(log.filter((line) => line.method === 'GET' && line.path.includes('/manifests/')).map((line) => line.path)).toEqual(['/v2/team/app/manifests/multi']);
  });

  it('asks a registry without the referrers API (distribution 2.8 answers 404) once per session, then reads the cosign tags only', async () => {
    const referrerAsks = () => world.proxy.requests().filter((line) => line.path.includes('/referrers/'));
    for (let call = 0; call < 3; call += 1) {
      const detail = await world.app.services.registryBrowser.image({ registryId: world.ids.proxied, repository: 'team/app', reference: 'multi' }, signal());
      expect(detail).toMatchObject({ digest: world.images.digests.multi, signature: 'found', attestation: 'none-found' });
    }
    expect(referrerAsks().map((line) => [line.path, line.status])).toEqual([[`/v2/team/app/referrers/${world.images.digests.multi}`, 404]]);
  });

  it('finds a signature and an attestation through the referrers API where the registry answers it (OCI distribution 1.1)', async () => {
    const since = world.refuses401.requests().length;
    const detail = await world.app.services.registryBrowser.image({ registryId: world.ids.refuses401, repository: 'odd/app', reference: '1' }, signal());
    expect(ODD_REFERRERS.map((descriptor) => descriptor.artifactType)).toEqual(['application/vnd.dev.cosign.artifact.sig.v1+json', 'application/vnd.in-toto+json']);
    expect(detail).toMatchObject({ signature: 'found', attestation: 'found' });
    // The stand-in has no cosign tags: what was found came from the referrers, which are asked again (they change as artifacts are attached).
    const again = await world.app.services.registryBrowser.image({ registryId: world.ids.refuses401, repository: 'odd/app', reference: '1' }, signal());
    expect(again).toMatchObject({ signature: 'found', attestation: 'found' });
    const asks = world.refuses401.requests().slice(since).filter((line) => line.path.startsWith('/v2/odd/app/referrers/') && line.authorized);
    expect(asks).toHaveLength(2);
    const tagAsks = world.refuses401.requests().slice(since).filter((line) => line.path.startsWith('/v2/odd/app/manifests/sha256-'));
    expect(tagAsks).toEqual([]);
  });

  it('shows a single image with its platform from the config, and none found for signatures', async () => {
    const detail = await world.app.services.registryBrowser.image({ registryId: world.ids.team, repository: 'team/app', reference: 'v1.7' }, signal());
    const target = { reference: `${world.team.address}/team/app:v1.7`, ...alice() };
    const [raw, config] = await Promise.all([inspectRaw(target), inspectConfig(target)]);
    expect(detail).toMatchObject({ kind: 'image', digest: raw.digest, signature: 'none-found', attestation: 'none-found' });
    // Every figure as skopeo reads it: the manifest's config and layer sizes, the config's platform and created time.
    const manifest = JSON.parse(raw.manifest!) as { config: { size: number }; layers: { size: number }[] };
    expect(detail.platforms).toEqual([
      expect.objectContaining({ platform: `${config.os}/${config.architecture}`, digest: raw.digest, size: manifest.config.size + manifest.layers.reduce((total, layer) => total + layer.size, 0), created: config.created }),
    ]);
    expect(config.created).toBe(IMAGE_CREATED);
  });

  it('reads an index through a token service too', async () => {
    const detail = await world.app.services.registryBrowser.image({ registryId: world.ids.token, repository: 'team/tok', reference: 'multi' }, signal());
    expect(detail.platforms.map((platform) => platform.platform)).toEqual(['linux/amd64', 'linux/arm64', 'linux/s390x']);
  });

  it('shows a manifest of an unknown media type as what it is, without platforms', async () => {
    const detail = await world.app.services.registryBrowser.image({ registryId: world.ids.refuses401, repository: 'odd/app', reference: '1' }, signal());
    expect(detail).toMatchObject({ kind: 'other', mediaType: 'application/vnd.example.thing.v1+json', platforms: [] });
  });
});

describe('who is asking', () => {
  it('names Registry Desk and its version in the User-Agent of every request: the registry’s access log, the Hub’s API and ECR’s API see it', async () => {
    expect(USER_AGENT).toBe(`RegistryDesk/${packageJson.version} (+https://registrydesk.io)`);
    const [teamSince, hubSince, hubRegistrySince, ecrSince] = [world.team.mark(), world.hub.requests().length, world.hubRegistry.mark(), world.ecr.userAgents().length];
    await everyRepository(world.ids.team, 100);
    await everyTag(world.ids.team, 'team/app', 200);
    await world.app.services.registryBrowser.image({ registryId: world.ids.team, repository: 'team/app', reference: 'multi' }, signal());
    await world.app.services.registryBrowser.repositories({ registryId: world.ids.hub, pageSize: 50 }, signal());
    await world.app.services.registryBrowser.tags({ registryId: world.ids.hub, repository: 'octocat/svc-007', pageSize: 100, order: 'time' }, signal());
    await world.app.services.registryBrowser.image({ registryId: world.ids.hub, repository: 'octocat/svc-007', reference: 'multi' }, signal());
    await world.app.services.registryBrowser.repositories({ registryId: world.ids.ecr, pageSize: 50 }, signal());

    const teamLog = world.team.accessLog(teamSince);
    expect(teamLog.length).toBeGreaterThan(5);
    expect(new Set(teamLog.map((line) => line.userAgent))).toEqual(new Set([USER_AGENT]));
    const hubApi = world.hub.requests().slice(hubSince);
    expect(hubApi.length).toBeGreaterThan(1);
    expect(new Set(hubApi.map((request) => request.userAgent))).toEqual(new Set([USER_AGENT]));
    expect(new Set(world.hubRegistry.accessLog(hubRegistrySince).map((line) => line.userAgent))).toEqual(new Set([USER_AGENT]));
    // The AWS SDK puts its own parts first and the client's customUserAgent after them.
    const ecrApi = world.ecr.userAgents().slice(ecrSince);
    expect(ecrApi.length).toBeGreaterThan(0);
    expect(ecrApi.every((userAgent) => userAgent.includes(`RegistryDesk/${packageJson.version}`))).toBe(true);
  });
});

describe('secrets while browsing', () => {
  it('no ECR key or token, Docker Hub password or JWT shows in what leaves main: IPC answers (errors too), logs, events, settings', async () => {
    const { answers, transcript } = await browsingTranscript(world.app, [
      ['browse:repositories', { registryId: world.ids.ecr, pageSize: 3 }],
      ['browse:tags', { registryId: world.ids.ecr, repository: 'team/app', pageSize: 50 }],
      ['browse:image', { registryId: world.ids.ecr, repository: 'team/app', reference: 'multi' }],
      ['browse:tags', { registryId: world.ids.ecr, repository: 'team/ghost', pageSize: 50 }],
      ['browse:repositories', { registryId: world.ids.hub, pageSize: 50 }],
      ['browse:tags', { registryId: world.ids.hub, repository: 'octocat/svc-007', pageSize: 100, order: 'time' }],
      ['browse:image', { registryId: world.ids.hub, repository: 'octocat/svc-007', reference: 'multi' }],
      ['browse:repositories', { registryId: world.ids.hubWrong, pageSize: 50 }],
    ]);
    // The calls browsed for real: ECR's token was issued and used, the Hub signed in; and some failed, as errors are where secrets slip.
    expect(answers.map((answer) => answer.ok)).toEqual([true, true, true, false, true, true, true, true]);
    expect(ecrPasswords.length).toBeGreaterThan(0);
    expect(world.hub.issuedTokens().length).toBeGreaterThan(0);
    const secrets = [
      { secret: ECR_KEYS.secretAccessKey, what: 'ECR secret access key' },
      ...ecrPasswords.map((secret) => ({ secret, username: 'AWS', what: 'ECR registry token' })),
      { secret: PASSWORD, username: 'octocat', what: 'Docker Hub password' },
      ...world.hub.issuedTokens().map((secret) => ({ secret, what: 'Docker Hub JWT' })),
    ];
    expect(secretsShown(transcript, secrets)).toEqual([]);
  });
});

describe('bad answers', () => {
  it('stops at a Link header that loops', async () => {
    const failure = await failureOf(world.app.services.registryBrowser.tags({ registryId: world.ids.refuses401, repository: 'loop/app', pageSize: 2 }, signal()));
    expect(failure.code).toBe('browse.linkLoop');
  });

  it('stops at a Link loop that spans calls (A → B → A, one page per call), not walking it for ever', async () => {
    const names: string[] = [];
    let cursor: string | undefined;
    let failure: unknown;
    for (let call = 0; call < 10 && failure === undefined; call += 1) {
      try {
        const page = await world.app.services.registryBrowser.tags({ registryId: world.ids.refuses401, repository: 'ring/app', pageSize: 2, ...(cursor ? { cursor } : {}) }, signal());
        names.push(...page.tags.map((tag) => tag.name));
        cursor = page.next ?? undefined;
      } catch (error) {
        failure = error;
      }
    }
    // The third call reads page B, whose next page is A again: it fails instead of handing out A.
    expect(names).toEqual(['a1', 'a2', 'b1', 'b2']);
    expect(failure).toMatchObject({ appError: { code: 'browse.linkLoop', params: { url: '/v2/ring/app/tags/list' } } });
  });

  it('never follows a Link to another host, so the login goes nowhere else', async () => {
    const failure = await failureOf(world.app.services.registryBrowser.tags({ registryId: world.ids.refuses401, repository: 'away/app', pageSize: 1, filter: 'zzz' }, signal()));
    expect(failure).toMatchObject({ code: 'browse.otherHost', params: { host: new URL(world.away.origin).host } });
    expect(world.awayRequests).toEqual([]);
  });

  it('refuses a 50 MB tag list without reading it whole', async () => {
    const started = Date.now();
    const failure = await failureOf(world.app.services.registryBrowser.tags({ registryId: world.ids.refuses401, repository: 'huge/app', pageSize: 100 }, signal()));
    // Named as a page too large, with the limit: not the transport's words about login answers.
    expect(failure).toMatchObject({ code: 'browse.pageTooLarge', params: { limit: '4 MiB' } });
    expect(failure.message).toContain('more than 4 MiB in one answer');
    expect(failure.message).not.toContain('login');
    expect(errorText('zh-CN', failure.code as ErrorCode, failure.params)).toContain('超过 4 MiB');
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  /** The gaps between a 429 and the request that followed it, and the Retry-After each 429 sent. */
  function waitsTaken(lines: SeenRequest[]): { gapMs: number; retryAfter: string; retriedAt: number }[] {
    return lines.flatMap((line, at) => (line.retryAfter !== undefined && lines[at + 1] ? [{ gapMs: lines[at + 1]!.at - line.at, retryAfter: line.retryAfter, retriedAt: lines[at + 1]!.at }] : []));
  }

  it('waits out 429 Retry-After in seconds, as long as asked, then reads the page and says why it waited', async () => {
    const eventsBefore = world.app.events.length;
    const page = await world.app.services.registryBrowser.tags({ registryId: world.ids.refuses403, repository: 'busy/app', pageSize: 10 }, signal());
    expect(page.tags.map((tag) => tag.name)).toEqual(['1']);
    const reads = world.refuses403.requests().filter((line) => line.path.startsWith('/v2/busy/app/tags/list') && line.authorized);
    expect(reads).toHaveLength(3);
    // Measured where the registry sees the requests: each retry came at least Retry-After after its 429.
    const waits = waitsTaken(reads);
    expect(waits).toHaveLength(2);
    for (const wait of waits) expect(wait.gapMs).toBeGreaterThanOrEqual(Number(wait.retryAfter) * 1000);
    const told = world.app.events.slice(eventsBefore).filter((entry) => entry.event === 'event:browse-wait');
    expect(told.map((entry) => entry.payload)).toEqual([
      { registryId: world.ids.refuses403, host: world.refuses403.address, seconds: 1 },
      { registryId: world.ids.refuses403, host: world.refuses403.address, seconds: 1 },
    ]);
  });

  it('waits out 429 Retry-After given as an HTTP date until that date', async () => {
    const page = await world.app.services.registryBrowser.tags({ registryId: world.ids.refuses403, repository: 'dated/app', pageSize: 10 }, signal());
    expect(page.tags.map((tag) => tag.name)).toEqual(['1']);
    const reads = world.refuses403.requests().filter((line) => line.path.startsWith('/v2/dated/app/tags/list') && line.authorized);
    const [wait] = waitsTaken(reads);
    expect(wait!.retryAfter).toMatch(/GMT$/);
    expect(wait!.retriedAt).toBeGreaterThanOrEqual(Date.parse(wait!.retryAfter));
  });

  it('cancels a call while it waits out a Retry-After, without asking again', async () => {
    const controller = new AbortController();
    const registryId = world.ids.refuses401;
    const eventsBefore = world.app.events.length;
    const pending = failureOf(world.app.services.registryBrowser.tags({ registryId, repository: 'busy/app', pageSize: 10 }, controller.signal));
    // Cancel once the wait has started (its event is out), not after a guessed time.
    await vi.waitFor(() => expect(world.app.events.slice(eventsBefore).some((entry) => entry.event === 'event:browse-wait')).toBe(true), { timeout: 20_000, interval: 20 });
    const asked = world.refuses401.requests().filter((line) => line.path.startsWith('/v2/busy/app/tags/list')).length;
    controller.abort();
    expect((await pending).code).toBe('browse.cancelled');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(world.refuses401.requests().filter((line) => line.path.startsWith('/v2/busy/app/tags/list'))).toHaveLength(asked);
  });

  it('reports a Retry-After longer than it waits for, without waiting', async () => {
    const started = Date.now();
    const failure = await failureOf(world.app.services.registryBrowser.tags({ registryId: world.ids.refuses403, repository: 'slow/app', pageSize: 10 }, signal()));
    expect(failure).toMatchObject({ code: 'browse.rateLimited', params: { seconds: 3600 } });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('cancels a call in flight', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 5);
    const failure = await failureOf(world.app.services.registryBrowser.tags({ registryId: world.ids.refuses401, repository: 'huge/app', pageSize: 100 }, controller.signal));
    expect(failure.code).toBe('browse.cancelled');
  });
});

describe('politeness', () => {
  it(`never holds more than ${MAX_IN_FLIGHT_PER_REGISTRY} requests open to one registry, across calls made at once`, async () => {
    // Each call reads a repository's tags: two requests (a 401, then with the login), all at once.
    const repositories = BULK.slice(0, 12);
    world.proxy.resetMaxInFlight();
    const since = world.proxy.mark();
    const pages = await Promise.all(repositories.map((repository) => world.app.services.registryBrowser.tags({ registryId: world.ids.proxied, repository, pageSize: 10 }, signal())));
    expect(pages.map((page) => page.tags.map((tag) => tag.name))).toEqual(repositories.map(() => ['1']));
    expect(world.proxy.requests(since).length).toBeGreaterThanOrEqual(repositories.length);
    expect(world.proxy.maxInFlight()).toBeLessThanOrEqual(MAX_IN_FLIGHT_PER_REGISTRY);
    expect(world.proxy.maxInFlight()).toBeGreaterThan(1);
  });
});

describe('ECR, through its own API', () => {
  it('lists repositories with DescribeRepositories, one signed request per nextToken page', async () => {
    const since = world.ecr.requests().length;
    const listed = await everyRepository(world.ids.ecr, 3);
    expect(listed.names).toEqual(Object.keys(ECR_REPOSITORIES).sort());
    const calls = world.ecr.requests().slice(since);
    expect(calls.every((call) => call.target.endsWith('.DescribeRepositories') && call.accessKeyId === ECR_KEYS.accessKeyId && call.status === 200)).toBe(true);
    expect(calls).toHaveLength(listed.pages);
    expect(listed.requests).toBe(listed.pages);
  });

  it('pages tags with DescribeImages, each with the time it was pushed', async () => {
    const listed: { name: string; pushedAt: string | null }[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await world.app.services.registryBrowser.tags({ registryId: world.ids.ecr, repository: 'team/app', pageSize: 500, ...(cursor ? { cursor } : {}) }, signal());
      listed.push(...page.tags);
      // DescribeImages has push times but no order for them, nor for names: only the loaded tags can be sorted.
      expect(page.timeOrder).toBe('loaded');
      expect(page.nameOrder).toBe('loaded');
      // Each page by name, by code point as `tags/list` sends them (r10 before r2), not in DescribeImages' order.
      const names = page.tags.map((tag) => tag.name);
      expect(names).toEqual([...names].sort(byCodePoint));
      cursor = page.next ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    const expected = ECR_IMAGES.flatMap((image) => image.tags.map((name) => ({ name, pushedAt: image.pushedAt.toISOString() })));
    const byTagName = (a: { name: string }, b: { name: string }) => byCodePoint(a.name, b.name);
    expect([...listed].sort(byTagName)).toEqual([...expected].sort(byTagName));
    // The stand-in's own order is not by name, so the sorting above is what made it so.
    expect(expected.map((tag) => tag.name)).not.toEqual(expected.map((tag) => tag.name).sort(byCodePoint));
  });

  it('filters tags across DescribeImages pages and reports a missing repository', async () => {
    const page = await world.app.services.registryBrowser.tags({ registryId: world.ids.ecr, repository: 'team/app', pageSize: 100, filter: 'alias' }, signal());
    expect(page.tags.map((tag) => tag.name)).toEqual(ECR_IMAGES.flatMap((image) => image.tags.filter((tag) => tag.includes('alias'))).sort(byCodePoint));
    const failure = await failureOf(world.app.services.registryBrowser.tags({ registryId: world.ids.ecr, repository: 'team/ghost', pageSize: 10 }, signal()));
    expect(failure).toMatchObject({ code: 'browse.repositoryNotFound' });
  });

  it('opens an image through the registry API with the token ECR issues', async () => {
    const detail = await world.app.services.registryBrowser.image({ registryId: world.ids.ecr, repository: 'team/app', reference: 'multi' }, signal());
    expect(detail.pullName).toBe(`${ECR_HOST}/team/app`);
    expect(detail.digest).toBe(world.images.digests.multi);
    expect(detail.platforms.map((platform) => platform.platform)).toEqual(['linux/amd64', 'linux/arm64', 'linux/s390x']);
  });
});

describe('Docker Hub, through its own API', () => {
  it('lists the login’s namespace, then each organisation it belongs to, one request per page after signing in once', async () => {
    const since = world.hub.requests().length;
    const listed = await everyRepository(world.ids.hub, 50);
    // An organisation that refuses its listing (`locked`) is passed over; the others follow the login's own namespace.
    expect(listed.names).toEqual([...HUB_REPOSITORIES.map((name) => `octocat/${name}`), ...HUB_ORG_REPOSITORIES.map((name) => `acme/${name}`)]);
    const requests = world.hub.requests().slice(since);
    const paths = (prefix: string) => requests.filter((request) => request.path.startsWith(prefix));
    expect(paths('/v2/namespaces/octocat/repositories')).toHaveLength(Math.ceil(HUB_REPOSITORIES.length / 50));
    expect(paths('/v2/namespaces/acme/repositories')).toHaveLength(Math.ceil(HUB_ORG_REPOSITORIES.length / 50));
    expect(paths('/v2/namespaces/locked/repositories').map((request) => request.status)).toEqual([403]);
    // The Hub's JWT and the organisations are read once for the session, not once per call.
    expect(paths('/v2/auth/token').length + paths('/v2/user/orgs/').length).toBeLessThanOrEqual(2);
    expect(listed.calls).toBeGreaterThan(1);
  });

  it('waits out the Hub API’s 429 Retry-After and goes on listing', async () => {
    const since = world.hub.requests().length;
    world.hub.throttle(1);
    const page = await world.app.services.registryBrowser.repositories({ registryId: world.ids.hub, pageSize: 50 }, signal());
    expect(page).toMatchObject({ outcome: 'page', repositories: HUB_REPOSITORIES.slice(0, 50).map((name) => `octocat/${name}`) });
    const listings = world.hub.requests().slice(since).filter((request) => request.path.startsWith('/v2/namespaces/octocat/repositories'));
    expect(listings.map((request) => request.status)).toEqual([429, 200]);
    expect(listings[1]!.at - listings[0]!.at).toBeGreaterThanOrEqual(1000);
  });

  it('signs in again once when the Hub stops taking the session’s JWT', async () => {
    await world.app.services.registryBrowser.repositories({ registryId: world.ids.hub, pageSize: 50 }, signal());
    world.hub.expireTokens();
    const since = world.hub.requests().length;
    const page = await world.app.services.registryBrowser.repositories({ registryId: world.ids.hub, pageSize: 50 }, signal());
    expect(page).toMatchObject({ outcome: 'page', repositories: HUB_REPOSITORIES.slice(0, 50).map((name) => `octocat/${name}`) });
    const requests = world.hub.requests().slice(since);
    expect(requests.map((request) => `${request.path.split('?')[0]} ${request.status}`)).toEqual([
      '/v2/namespaces/octocat/repositories 401',
      '/v2/auth/token 200',
      '/v2/user/orgs/ 200',
      '/v2/namespaces/octocat/repositories 200',
    ]);
  });

  it('says plainly when the Hub refuses the saved login, and a typed repository still opens', async () => {
    const page = await world.app.services.registryBrowser.repositories({ registryId: world.ids.hubWrong, pageSize: 50 }, signal());
    expect(page).toMatchObject({ outcome: 'unavailable', reason: { code: 'browse.hubRefused', params: { status: 401 } } });
  });

  it('lists a private repository’s tags newest first through the Hub’s ordering=last_updated, one request per page, with the session’s JWT', async () => {
    const since = world.hub.requests().length;
    const tags: { name: string; pushedAt: string | null }[] = [];
    let cursor: string | undefined;
    let calls = 0;
    do {
      const page: TagsPage = await world.app.services.registryBrowser.tags({ registryId: world.ids.hub, repository: 'octocat/svc-007', pageSize: 100, order: 'time', ...(cursor ? { cursor } : {}) }, signal());
      expect(page.timeOrder).toBe('server');
      tags.push(...page.tags);
      cursor = page.next ?? undefined;
      calls += 1;
    } while (cursor);
    const newestFirst = [...HUB_TAGS].sort((a, b) => Date.parse(b.lastUpdated) - Date.parse(a.lastUpdated));
    expect(tags).toEqual(newestFirst.map((tag) => ({ name: tag.name, pushedAt: tag.lastUpdated })));
    expect(calls).toBe(3);
    const pages = world.hub.requests().slice(since).filter((request) => request.path.startsWith('/v2/namespaces/octocat/repositories/svc-007/tags'));
    expect(pages.map((request) => [new URL(request.path, 'https://x').searchParams.get('ordering'), request.status])).toEqual([
      ['last_updated', 200],
      ['last_updated', 200],
      ['last_updated', 200],
    ]);
  });

  it('lists a Hub repository’s tags by name through the registry, with newest first on offer', async () => {
    const page = await world.app.services.registryBrowser.tags({ registryId: world.ids.hub, repository: 'octocat/svc-007', pageSize: 100 }, signal());
    expect(page).toMatchObject({ tags: [{ name: 'multi', pushedAt: null }], timeOrder: 'server' });
  });

  it('opens a Hub image through the registry API, named as pulls name it: by HEAD, then its platforms when asked', async () => {
    const asked = { registryId: world.ids.hub, repository: 'octocat/svc-007', reference: 'multi' };
    const looked = await world.app.services.registryBrowser.image(asked, signal());
    expect(looked).toMatchObject({ pullName: 'docker.io/octocat/svc-007', kind: 'index', platforms: [], hubPulls: { manifests: 'unread' } });
    const detail = await world.app.services.registryBrowser.image({ ...asked, readManifests: true }, signal());
    expect(detail.pullName).toBe('docker.io/octocat/svc-007');
    expect(detail.platforms).toHaveLength(3);
    // The HEAD's digest is the one the GET's bytes hash to.
    expect(detail.digest).toBe(looked.digest);
  });
});
