import type { ContextContainers } from '../../shared/radar-contract';
import { byCodePoint, type ImageDetail, type ImageRequest, type PlatformImage, type PullLimits, type PullLimitsRequest, type RepositoriesPage, type RepositoriesRequest, type RunsReport, type RunsRequest, type Tag, type TagsPage, type TagsRequest } from '../../shared/registry-browser-contract';
import type { RegistryId } from '../../shared/schemas';
import { AppFailure } from '../app-errors/app-failure';
import type { EventSink } from '../events/event-sink';
import type { RegistryLogins } from '../registry-credentials/registry-logins';
import type { ConnectionNetwork } from '../registry-http/connection-network';
import { readCatalogPage, readTagsPage } from '../registry-http/name-pages';
import { readPullAllowance } from '../registry-http/pull-limit';
import type { SettingsRepository } from '../settings/settings-repository';
import { createDigestCache } from '../registry-http/digest-cache';
import { hubImageDetail, imageDetail, type DetailCache } from './image-detail';
import { fetchGoogleLoginToken, type GoogleLoginToken } from '../registry-credentials/google-token-source';
import { artifactRegistryPlace, createArtifactRegistryListing } from './artifact-registry-listing';
import { createDockerHubListing, type DockerHubListing } from './docker-hub-listing';
import { createEcrListing } from './ecr-listing';
import { walkNames } from './name-walk';
import { createQuayListing, isQuayCursor } from './quay-listing';
import { createRegistrySession, sessionKey, type RegistrySession } from './registry-session';
import { currentDigests, hubCurrentDigests, matchRuns } from './where-it-runs';

export interface RegistryBrowserDependencies {
  settings: SettingsRepository;
  logins: Pick<RegistryLogins, 'forRegistry' | 'credentials'>;
  network: ConnectionNetwork;
  /** AWS's ECR API endpoint; absent means the real regional one. */
  ecrEndpoint?: string;
  /** One browse call's whole time (default 60 s). */
  callTimeoutMs?: number;
  /** Registry pages one filtered call may read before it hands back a cursor (default 20). */
  maxPagesPerCall?: number;
  /** The longest `Retry-After` honoured by waiting (default 10 s); longer ones are reported. */
  maxRetryAfterMs?: number;
  /** Every context's containers with their running digests (the radar's read). */
  runningImages: (signal: AbortSignal) => Promise<ContextContainers[]>;
  /** Where a wait for a registry's `429 Retry-After` is told to the window. */
  events: EventSink;
}

const MAX_CACHED_PLATFORMS = 2000;
/** A detail holds at most 64 platforms and 64 annotations: a few hundred keep memory small. */
const MAX_CACHED_HUB_DETAILS = 300;
/** The image Docker documents for reading the pull limit (docs.docker.com, "Docker Hub usage and limits"). */
const HUB_PROBE = { repository: 'ratelimitpreview/test', tag: 'latest' };

/** Docker Hub's registry host is not the name pulls use. */
const pullHost = (session: RegistrySession) => (session.type === 'docker' && session.endpoint.host === 'registry-1.docker.io' ? 'docker.io' : session.endpoint.host);

/**
 * A page of tags by name, as `tags/list` pages are: ECR and Artifact Registry send them in their
 * own order, so a page is sorted here and the window sorts the pages it has loaded (`nameOrder: 'loaded'`).
 */
const byName = (tags: Tag[]): Tag[] => [...tags].sort((a, b) => byCodePoint(a.name, b.name));

/** Docker Hub's official images live under `library/`, which `nginx` leaves out. */
const apiRepository = (session: RegistrySession, repository: string) => (session.type === 'docker' && !repository.includes('/') ? `library/${repository}` : repository);

/**
 * What is inside each saved registry, through the API its type has: repositories, tags in pages,
 * and one image's platforms, sizes and digests. Everything is read with the registry's own login,
 * which goes to its own host only.
 */
export function createRegistryBrowser(deps: RegistryBrowserDependencies) {
  /** Each next page: the session's trail catches a loop; the window is told how far a long call has read. */
  const trail = (session: RegistrySession, listing: string, kind: 'repositories' | 'tags') => (from: string | undefined, to: string, read: { pages: number; names: number }) => {
    session.pageTrail.follow(listing, from, to);
    deps.events.emit('event:browse-progress', { registryId: session.id, listing: kind, ...read });
  };
  const sessions = new Map<RegistryId, { key: string; session: RegistrySession }>();
  const platforms = createDigestCache<PlatformImage>(MAX_CACHED_PLATFORMS);
  /** Docker Hub images read whole, so opening the same digest again spends no pull. */
  const hubDetails: DetailCache = createDigestCache<Omit<ImageDetail, 'requests'>>(MAX_CACHED_HUB_DETAILS);
  const maxPages = deps.maxPagesPerCall ?? 20;
  const ecr = createEcrListing({ endpoint: deps.ecrEndpoint, proxyEnv: deps.network.proxyEnv ?? process.env, timeoutMs: deps.network.timeoutMs ?? 10_000 });

  /** Docker Hub's sign-in (its JWT and the login's organisations) per session: a new session (another URL or login) signs in again. */
  const hubListings = new WeakMap<RegistrySession, Promise<DockerHubListing>>();
  function hubListing(session: RegistrySession): Promise<DockerHubListing> {
    let listing = hubListings.get(session);
    if (!listing) {
      listing = session.credentials().then(createDockerHubListing);
      listing.catch(() => hubListings.delete(session));
      hubListings.set(session, listing);
    }
    return listing;
  }

  /** Access tokens minted from each Artifact Registry key, kept while they have more than five minutes left. */
  const googleTokens = new Map<RegistryId, Promise<GoogleLoginToken>>();

  /**
   * Artifact Registry's listing for the registry, or null when its URL is not `LOCATION-docker.pkg.dev`
   * (then the catalog is tried). Minting the token and the listing share the call's one deadline:
   * a token endpoint that never answers ends the call as a registry that never answers does.
   */
  async function artifactRegistry(session: RegistrySession, signal: AbortSignal) {
    const credentials = await deps.logins.credentials(session.id);
    if (credentials.kind !== 'google-key') return null;
    const record = deps.settings.read().registries.find((candidate) => candidate.id === session.id);
    const place = record ? artifactRegistryPlace(record.url, credentials.serviceAccountJson) : null;
    if (!place) return null;
    const deadline = session.callDeadline();
    const token = await session.withinDeadline(
      signal,
      async (bounded) => {
        const cached = await googleTokens.get(session.id)?.catch(() => null);
        if (!cached || Date.parse(cached.expiresAt) - Date.now() < 5 * 60_000) {
          const minting = fetchGoogleLoginToken(credentials.serviceAccountJson, { proxyEnv: deps.network.proxyEnv, timeoutMs: deps.network.timeoutMs, signal: bounded });
          // A cancelled, late or failed mint is not kept: the next call mints again.
          minting.catch(() => googleTokens.get(session.id) === minting && googleTokens.delete(session.id));
          googleTokens.set(session.id, minting);
        }
        return googleTokens.get(session.id)!;
      },
      deadline,
    );
    const http = session.exchange(signal, deadline);
    return {
      place,
      http,
      listing: createArtifactRegistryListing(http, place, token.password, session.support),
      /** Google refused the token: the next call mints another. */
      forgetToken: () => googleTokens.delete(session.id),
    };
  }

  async function ecrCredentials(registryId: RegistryId) {
    const credentials = await deps.logins.credentials(registryId);
    if (credentials.kind !== 'ecr') throw new AppFailure('registry.notFound');
    return credentials;
  }

  function sessionFor(registryId: RegistryId): RegistrySession {
    const record = deps.settings.read().registries.find((candidate) => candidate.id === registryId);
    if (!record) throw new AppFailure('registry.notFound');
    const key = sessionKey(record);
    const known = sessions.get(registryId);
    if (known?.key === key) return known.session;
    if (known) void known.session.close();
    const session = createRegistrySession(record, {
      network: deps.network,
      callTimeoutMs: deps.callTimeoutMs ?? 60_000,
      maxRetryAfterMs: deps.maxRetryAfterMs ?? 10_000,
      onWait: ({ host, ms }) => deps.events.emit('event:browse-wait', { registryId, host, seconds: Math.ceil(ms / 1000) }),
      login: () => deps.logins.forRegistry(registryId),
    });
    sessions.set(registryId, { key, session });
    return session;
  }

  async function repositories(request: RepositoriesRequest, signal: AbortSignal): Promise<RepositoriesPage> {
    const session = sessionFor(request.registryId);
    if (session.type === 'ecr') {
      const credentials = await ecrCredentials(request.registryId);
      // A denial is kept for the session as a refused catalog is: the login's rights do not change under it.
      const denied = (reason: string): RepositoriesPage => ({ outcome: 'unavailable', reason: new AppFailure('browse.ecrListingDenied', { reason }).appError });
      if (session.support.ecrListing) return denied(session.support.ecrListing.denied);
      return session.withinDeadline(signal, async (bounded): Promise<RepositoriesPage> => {
        const walk = await walkNames((cursor) => ecr.repositories(credentials, { cursor, pageSize: request.pageSize, signal: bounded }), request, maxPages, trail(session, 'ecr repositories', 'repositories'));
        if (walk.outcome === 'denied') {
          session.support.ecrListing = { denied: walk.reason };
          return denied(walk.reason);
        }
        return { outcome: 'page', source: 'ecr', repositories: walk.names, next: walk.next, requests: walk.pages };
      });
    }
    if (session.type === 'docker') {
      return session.guarded(signal, async () => {
        const http = session.exchange(signal);
        const hub = await hubListing(session);
        const walk = await walkNames((cursor) => hub.page(http, cursor, request.pageSize), request, maxPages, trail(session, 'hub repositories', 'repositories'));
        if (walk.outcome === 'refused') return { outcome: 'unavailable', reason: new AppFailure('browse.hubRefused', { status: walk.status }).appError };
        if (walk.outcome === 'missing') return { outcome: 'unavailable', reason: new AppFailure('browse.listingMissing').appError };
        return { outcome: 'page', source: 'docker-hub', repositories: walk.names, next: walk.next, requests: http.roundTrips };
      });
    }
    if (session.type === 'artifact-registry') {
      const listed = await session.guarded(signal, async (): Promise<RepositoriesPage | null> => {
        const google = await artifactRegistry(session, signal);
        if (!google) return null;
        const walk = await walkNames((cursor) => google.listing.repositories(cursor, request.pageSize), request, maxPages, trail(session, 'artifact-registry repositories', 'repositories'));
        if (walk.outcome === 'refused') {
          if (walk.status === 401) google.forgetToken();
          return { outcome: 'unavailable', reason: new AppFailure('browse.googleRefused', { status: walk.status, project: google.place.project, location: google.place.location }).appError };
        }
        if (walk.outcome === 'missing') return { outcome: 'unavailable', reason: new AppFailure('browse.listingMissing').appError };
        return { outcome: 'page', source: 'artifact-registry', repositories: walk.names, next: walk.next, requests: google.http.roundTrips };
      });
      if (listed) return listed;
    }
    if (session.type === 'quay' && isQuayCursor(request.cursor)) return quayRepositories(session, request, signal);
    const catalog = await catalogPage(session, request, signal);
    // Quay grants the catalog to few logins; its own API lists the login's namespace instead.
    if (session.type === 'quay' && catalog.outcome === 'unavailable') return quayRepositories(session, { ...request, cursor: undefined }, signal);
    return catalog;
  }

  /** `_catalog` in `Link` pages; one refused this session is not asked again (the login's rights do not change under it). */
  function catalogPage(session: RegistrySession, request: RepositoriesRequest, signal: AbortSignal): Promise<RepositoriesPage> {
    const refused = (status: number): RepositoriesPage => ({ outcome: 'unavailable', reason: new AppFailure('browse.listingRefused', { status }).appError });
    if (session.support.catalog) return Promise.resolve(refused(session.support.catalog.refused));
    return session.call(signal, async (call): Promise<RepositoriesPage> => {
      const walk = await walkNames((cursor) => readCatalogPage(call.reader, call.endpoint, { cursor, pageSize: request.pageSize }), request, maxPages, trail(session, 'catalog', 'repositories'));
      if (walk.outcome === 'refused') {
        // A wrong password also answers 401: that is the login's error, and not remembered as the catalog's.
        const rejection = walk.status === 401 ? await session.loginRejection(signal) : null;
        if (rejection) throw rejection;
        session.support.catalog = { refused: walk.status };
        return refused(walk.status);
      }
      if (walk.outcome === 'missing') return { outcome: 'unavailable', reason: new AppFailure('browse.listingMissing').appError };
      return { outcome: 'page', source: 'catalog', repositories: walk.names, next: walk.next, requests: call.requests };
    });
  }

  /** The login's namespace through Quay's API: every repository with an OAuth token, the public ones without. */
  function quayRepositories(session: RegistrySession, request: RepositoriesRequest, signal: AbortSignal): Promise<RepositoriesPage> {
    return session.guarded(signal, async () => {
      const http = session.exchange(signal);
      const quay = createQuayListing(http, session.endpoint, await session.credentials());
      const walk = await walkNames((cursor) => quay.repositories(cursor), request, maxPages, trail(session, 'quay repositories', 'repositories'));
      if (walk.outcome === 'refused') return { outcome: 'unavailable', reason: new AppFailure('browse.listingRefused', { status: walk.status }).appError };
      if (walk.outcome === 'missing') return { outcome: 'unavailable', reason: new AppFailure('browse.listingMissing').appError };
      return { outcome: 'page', source: quay.publicOnly ? 'quay-public' : 'quay', repositories: walk.names, next: walk.next, requests: http.roundTrips };
    });
  }

  /**
   * One page of a repository's tags. By time (`order: 'time'`), newest first where the registry's
   * API orders by it (Docker Hub's `ordering=last_updated`, Artifact Registry's `orderBy`, Quay's
   * tag API always); ECR reports push times but has no order for them (`timeOrder: 'loaded'`: the
   * window sorts what it has loaded); a registry API's `tags/list` has no times at all.
   */
  async function tags(request: TagsRequest, signal: AbortSignal): Promise<TagsPage> {
    const session = sessionFor(request.registryId);
    const repository = apiRepository(session, request.repository);
    const order = request.order ?? 'name';
    if (session.type === 'ecr') {
      const credentials = await ecrCredentials(request.registryId);
      return session.withinDeadline(signal, async (bounded) => {
        const walk = await walkNames((cursor) => ecr.tags(credentials, repository, { cursor, pageSize: request.pageSize, signal: bounded }), request, maxPages, trail(session, `ecr tags ${repository}`, 'tags'), (tag) => tag.name);
        if (walk.outcome !== 'names') throw new AppFailure('browse.repositoryNotFound', { repository });
        return { tags: byName(walk.names), next: walk.next, requests: walk.pages, timeOrder: 'loaded', nameOrder: 'loaded' };
      });
    }
    if (session.type === 'artifact-registry') {
      const listed = await session.guarded(signal, async (): Promise<TagsPage | null> => {
        const google = await artifactRegistry(session, signal);
        if (!google) return null;
        const walk = await walkNames((cursor) => google.listing.tags(repository, cursor, request.pageSize, order, request.filter), request, maxPages, trail(session, `artifact-registry tags ${repository} ${order}`, 'tags'), (tag) => tag.name);
        if (walk.outcome === 'refused') {
          if (walk.status === 401) google.forgetToken();
          throw new AppFailure('browse.tagsRefused', { repository, status: walk.status });
        }
        if (walk.outcome === 'missing') throw new AppFailure('browse.repositoryNotFound', { repository });
        const named = order === 'name' ? { tags: byName(walk.names), nameOrder: 'loaded' as const } : { tags: walk.names };
        return { ...named, next: walk.next, requests: google.http.roundTrips, timeOrder: google.listing.timeOrder() };
      });
      if (listed) return listed;
    }
    if (session.type === 'docker' && order === 'time' && repository.split('/').length === 2 && (request.cursor === undefined || request.cursor.startsWith('hubt1.'))) {
      return session.guarded(signal, async () => {
        const http = session.exchange(signal);
        const hub = await hubListing(session);
        const walk = await walkNames((cursor) => hub.tags(http, repository, cursor, request.pageSize), request, maxPages, trail(session, `hub tags ${repository}`, 'tags'), (tag) => tag.name);
        if (walk.outcome === 'refused') throw new AppFailure('browse.tagsRefused', { repository, status: walk.status });
        if (walk.outcome === 'missing') throw new AppFailure('browse.repositoryNotFound', { repository });
        return { tags: walk.names, next: walk.next, requests: http.roundTrips, timeOrder: 'server' };
      });
    }
    if (session.type === 'quay' && order === 'time' && (request.cursor === undefined || isQuayCursor(request.cursor))) {
      // Quay's API sends tags newest first with their push times; where it refuses (a private
      // repository without an OAuth token) the registry API lists them, without times.
      const listed = await session.guarded(signal, async (): Promise<TagsPage | null> => {
        const http = session.exchange(signal);
        const quay = createQuayListing(http, session.endpoint, await session.credentials());
        const walk = await walkNames((cursor) => quay.tags(repository, cursor, request.pageSize), request, maxPages, trail(session, `quay tags ${repository}`, 'tags'), (tag) => tag.name);
        if (walk.outcome !== 'names') {
          if (request.cursor !== undefined) throw new AppFailure('browse.tagsRefused', { repository, status: walk.status });
          return null;
        }
        return { tags: walk.names, next: walk.next, requests: http.roundTrips, timeOrder: 'server' };
      });
      if (listed) return listed;
    }
    return session.call(signal, async (call): Promise<TagsPage> => {
      const walk = await walkNames((cursor) => readTagsPage(call.reader, call.endpoint, repository, { cursor, pageSize: request.pageSize }), request, maxPages, trail(session, `tags ${repository}`, 'tags'));
      if (walk.outcome === 'refused') throw new AppFailure('browse.tagsRefused', { repository, status: walk.status });
      if (walk.outcome === 'missing') throw new AppFailure('browse.repositoryNotFound', { repository });
      // distribution 2.8 sends tags in storage order; a page sorted by code point is the order later versions send.
      const names = [...walk.names].sort(byCodePoint);
      // Docker Hub and Quay report times through their own APIs, which the time order asks.
      const timeOrder = session.type === 'docker' || (session.type === 'quay' && order === 'name') ? 'server' : 'unavailable';
      return { tags: names.map((name) => ({ name, pushedAt: null })), next: walk.next, requests: call.requests, timeOrder };
    });
  }

  async function image(request: ImageRequest, signal: AbortSignal): Promise<ImageDetail> {
    const session = sessionFor(request.registryId);
    const repository = apiRepository(session, request.repository);
    return session.call(signal, async (call) => {
      const asked = { repository, reference: request.reference, pullName: `${pullHost(session)}/${repository}` };
      const detail =
        session.type === 'docker'
          ? await hubImageDetail(call, { ...asked, readManifests: request.readManifests === true }, { platforms, details: hubDetails })
          : await imageDetail(call, asked, platforms);
      return { ...detail, requests: call.requests };
    });
  }

  /** The pods that run the repository, or what the reference names now (and those started from it before it moved). */
  async function runs(request: RunsRequest, signal: AbortSignal): Promise<RunsReport> {
    const session = sessionFor(request.registryId);
    const repository = apiRepository(session, request.repository);
    const { reference } = request;
    const [now, contexts] = await Promise.all([
      reference === undefined
        ? { current: { digest: null, digests: new Set<string>() }, requests: 0 }
        : session.call(signal, async (call) => {
            const platformsOf = (digest: string) => hubDetails.get(digest)?.platforms.map((platform) => platform.digest);
            const current = session.type === 'docker' ? await hubCurrentDigests(call, repository, reference, platformsOf) : await currentDigests(call, repository, reference);
            return { current, requests: call.requests };
          }),
      session.guarded(signal, () => deps.runningImages(signal)),
    ]);
    const pods = matchRuns(contexts, { name: `${pullHost(session)}/${repository}`, reference, digests: now.current.digests });
    return { digest: now.current.digest, pods, contexts: contexts.map(({ context, error }) => ({ context, error })), requests: now.requests };
  }

  /**
   * Docker Hub's pulls left for the saved login and for anonymous pulls, from a HEAD of Docker's own
   * probe image (`ratelimitpreview/test:latest`): a HEAD is not counted as a pull, a GET would be.
   */
  async function pullLimits(request: PullLimitsRequest, signal: AbortSignal): Promise<PullLimits> {
    const session = sessionFor(request.registryId);
    if (session.type !== 'docker') throw new AppFailure('browse.pullLimitsHubOnly');
    const read = (anonymous: boolean) => session.call(signal, (call) => readPullAllowance(call.reader, call.endpoint, HUB_PROBE.repository, HUB_PROBE.tag), { anonymous });
    const [login, anonymous] = await Promise.all([read(false), read(true)]);
    return { login, anonymous, probe: `${HUB_PROBE.repository}:${HUB_PROBE.tag}` };
  }

  return {
    repositories,
    tags,
    image,
    runs,
    pullLimits,
    async close(): Promise<void> {
      await Promise.all([...sessions.values()].map(({ session }) => session.close()));
      sessions.clear();
    },
  };
}
export type RegistryBrowser = ReturnType<typeof createRegistryBrowser>;
