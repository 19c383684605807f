// One browse call's whole time (60 s in the app) is bounded apart from each request's timeout: a
// registry that accepts a request and never answers is given up on at the call's deadline, with an
// error that names the deadline — not a request timeout the operator never set. The deadline is
// injected (callTimeoutMs), the per-request timeout set far beyond it, so only the deadline can end the call.
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRegistryBrowser } from '../../main/registry-browser/registry-browser';
import type { RegistryLogins } from '../../main/registry-credentials/registry-logins';
import type { SettingsRepository } from '../../main/settings/settings-repository';
import { createEventSink } from '../../main/events/event-sink';
import type { TagOrder } from '../../shared/registry-browser-contract';
import { RegistryRecordSchema, type RegistryId } from '../../shared/schemas';
import { listen, type ListeningServer } from '../registry-servers/http-server';
import { failureOf } from '../support/failure-of';
import { makeServiceAccountKey } from '../support/fixtures';
import { createRecordingLogger } from '../support/services';

const REGISTRY_ID = 'reg_stallsstalls0000' as RegistryId;
let server: ListeningServer;
/** The requests the registry is holding without an answer. */
const held: ServerResponse[] = [];
const seen: string[] = [];

beforeAll(async () => {
  server = await listen((request, response) => {
    seen.push(request.url ?? '');
    if (request.url === '/v2/') {
      response.writeHead(200, { 'content-type': 'application/json', 'docker-distribution-api-version': 'registry/2.0' });
      response.end('{}');
      return;
    }
    // Every listing request is accepted and never answered.
    held.push(response);
  });
});

afterAll(async () => {
  for (const response of held) response.destroy();
  await server?.stop();
});

const ECR_URL = 'https://123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const AR_URL = 'europe-west1-docker.pkg.dev/stalls-proj';

/**
 * A browser of one saved registry (a plain one, ECR whose API is the stalling server too, or
 * Artifact Registry whose key's token endpoint is the stalling server), its login stubbed: only
 * the deadline is under test.
 */
function browser(callTimeoutMs: number, type: 'other' | 'ecr' | 'artifact-registry' = 'other') {
  const url = type === 'ecr' ? ECR_URL : type === 'artifact-registry' ? AR_URL : `http://127.0.0.1:${server.port}`;
  const record = RegistryRecordSchema.parse({ id: REGISTRY_ID, name: 'Stalls', type, url, isDefault: false, createdAt: '2026-12-01T00:00:00.000Z', updatedAt: '2026-12-01T00:00:00.000Z', username: 'carol', connection: type === 'other' ? 'insecure' : 'secure', secrets: [type === 'artifact-registry' ? 'serviceAccountJson' : 'password'] });
  const settings = { read: () => ({ registries: [record] }) } as unknown as SettingsRepository;
  const credentials =
    type === 'ecr'
      ? { kind: 'ecr', region: 'eu-west-1', accountId: '123456789012', accessKey: { accessKeyId: 'AKIASTALLS0000000001', secretAccessKey: 'not-used-here' } }
      : type === 'artifact-registry'
        ? { kind: 'google-key', serviceAccountJson: makeServiceAccountKey({ project_id: 'stalls-proj', token_uri: `http://127.0.0.1:${server.port}/token` }) }
        : { kind: 'password', username: 'carol', password: 'not-used-here' };
  const logins: Pick<RegistryLogins, 'forRegistry' | 'credentials'> = {
    forRegistry: async () => ({ registryId: REGISTRY_ID, type, server: record.url, username: 'carol', password: 'not-used-here' }),
    credentials: async () => credentials as unknown as Awaited<ReturnType<RegistryLogins['credentials']>>,
  };
  return createRegistryBrowser({ settings, logins, network: { timeoutMs: 120_000 }, ecrEndpoint: `http://127.0.0.1:${server.port}`, callTimeoutMs, runningImages: async () => [], events: createEventSink(() => undefined, createRecordingLogger([])) });
}

/**
 * A listing then a tags call on a browser of `type` whose deadline is 300 ms: each call's failure,
 * and the paths the stalling server was asked after the listing and after both.
 */
async function heldCalls(type: 'other' | 'ecr' | 'artifact-registry', repository: string, order: TagOrder = 'name') {
  const registryBrowser = browser(300, type);
  const since = seen.length;
  try {
    const listing = await failureOf(registryBrowser.repositories({ registryId: REGISTRY_ID, pageSize: 50 }, new AbortController().signal));
    const askedByListing = seen.slice(since);
    const tags = await failureOf(registryBrowser.tags({ registryId: REGISTRY_ID, repository, pageSize: 50, order }, new AbortController().signal));
    return { listing, tags, askedByListing, asked: seen.slice(since) };
  } finally {
    await registryBrowser.close();
  }
}

it('ends a listing the registry never answers at the call’s deadline, saying so', async () => {
  const { listing, tags, askedByListing } = await heldCalls('other', 'team/app');
  expect(listing).toMatchObject({ code: 'browse.deadline', params: { host: `127.0.0.1:${server.port}`, seconds: 0.3 } });
  expect(listing.message).toContain('took longer than 0.3 s');
  // The call reached the listing and was held there: the deadline ended it, not an answer.
  expect(askedByListing.some((path) => path.startsWith('/v2/_catalog'))).toBe(true);
  // Tags the same way: the deadline is each call's, and a new call has its own.
  expect(tags).toMatchObject({ code: 'browse.deadline' });
});

it('bounds ECR’s API calls (the AWS SDK, apart from the session’s HTTP) by the same deadline', async () => {
  const { listing, tags, askedByListing } = await heldCalls('ecr', 'team/app');
  expect(listing).toMatchObject({ code: 'browse.deadline', params: { host: '123456789012.dkr.ecr.eu-west-1.amazonaws.com', seconds: 0.3 } });
  // DescribeRepositories reached the (stalling) API and was held there.
  expect(askedByListing.length).toBeGreaterThan(0);
  expect(tags).toMatchObject({ code: 'browse.deadline' });
});

it('bounds minting Artifact Registry’s Google token by the same deadline: a token endpoint that holds the request ends the call', async () => {
  const { listing, tags, askedByListing, asked } = await heldCalls('artifact-registry', 'stalls-proj/apps/web', 'time');
  expect(listing).toMatchObject({ code: 'browse.deadline', params: { host: 'europe-west1-docker.pkg.dev', seconds: 0.3 } });
  // The key's token endpoint was asked and held the request; nothing else was.
  expect(askedByListing).toEqual(['/token']);
  // A late mint is not kept: the next call asks again, and its own deadline ends it.
  expect(tags).toMatchObject({ code: 'browse.deadline' });
  expect(asked).toEqual(['/token', '/token']);
});

it('a cancel before the deadline is a cancel, not a deadline', async () => {
  const registryBrowser = browser(60_000);
  try {
    const cancel = new AbortController();
    const waiting = seen.length;
    const call = failureOf(registryBrowser.repositories({ registryId: REGISTRY_ID, pageSize: 50 }, cancel.signal));
    await expect.poll(() => seen.slice(waiting).some((path) => path.startsWith('/v2/_catalog'))).toBe(true);
    cancel.abort();
    expect(await call).toMatchObject({ code: 'browse.cancelled' });
  } finally {
    await registryBrowser.close();
  }
});
