// The radar's kept Bearer tokens: fetched once for checks asked at the same time, offered within
// their lifetime on the given clock (60 s when the token service does not say), a refusal not kept,
// and a token the registry refuses before its end dropped and replaced in the same check.
import { describe, expect, it } from 'vitest';
import { createBearerTokens, tokenKey } from '../../main/registry-http/bearer-tokens';
import type { HttpAnswer, HttpExchange, HttpRequest } from '../../main/registry-http/http-exchange';
import { checkManifest } from '../../main/registry-http/manifest-check';

const ENDPOINT = new URL('https://registry.example/v2/');
const ALICE = { username: 'alice', password: 'secret' };
const KEY = tokenKey(ENDPOINT, 'team/app', ALICE);

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, move: (ms: number) => void (now += ms) };
}

describe('kept Bearer tokens', () => {
  it('fetches once for checks that ask at the same time, and again only after the lifetime less its margin', async () => {
    const time = clock();
    const tokens = createBearerTokens(time.now);
    let fetched = 0;
    const fetch = async () => ({ token: `t${(fetched += 1)}`, expiresInSeconds: 300 });
    expect(await Promise.all([tokens.grant(KEY, fetch), tokens.grant(KEY, fetch), tokens.grant(KEY, fetch)])).toEqual(['t1', 't1', 't1']);
    time.move(289_000);
    expect(await tokens.valid(KEY)).toBe('t1');
    time.move(1_000);
    expect(tokens.valid(KEY)).toBeUndefined();
    expect(await tokens.grant(KEY, fetch)).toBe('t2');
  });

  it('keeps at most its bound of tokens, fetching a forgotten one again (rotated logins leave no dead tokens)', async () => {
    const tokens = createBearerTokens(clock().now, 3);
    let fetched = 0;
    const fetch = async () => ({ token: `t${(fetched += 1)}`, expiresInSeconds: 300 });
    const keys = Array.from({ length: 50 }, (_, index) => tokenKey(ENDPOINT, 'team/app', { username: 'AWS', password: `rotated-${index}` }));
    for (const key of keys) await tokens.grant(key, fetch);
    expect(keys.map((key) => tokens.valid(key) !== undefined)).toEqual([...Array<boolean>(47).fill(false), true, true, true]);
    expect(await tokens.grant(keys[0]!, fetch)).toBe('t51');
    expect(await tokens.grant(keys[49]!, fetch)).toBe('t50');
  });

  it('gives a token whose lifetime is not said the spec’s 60 s, and keys tokens by repository and login', async () => {
    const time = clock();
    const tokens = createBearerTokens(time.now);
    await tokens.grant(KEY, async () => ({ token: 'short', expiresInSeconds: null }));
    expect(tokens.valid(tokenKey(ENDPOINT, 'team/other', ALICE))).toBeUndefined();
    expect(tokens.valid(tokenKey(ENDPOINT, 'team/app', { ...ALICE, password: 'other' }))).toBeUndefined();
    expect(tokens.valid(tokenKey(ENDPOINT, 'team/app', null))).toBeUndefined();
    time.move(49_000);
    expect(await tokens.valid(KEY)).toBe('short');
    time.move(1_000);
    expect(tokens.valid(KEY)).toBeUndefined();
  });

  it('keeps no refusal: the next check asks the token service again', async () => {
    const tokens = createBearerTokens(clock().now);
    await expect(tokens.grant(KEY, () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    expect(tokens.valid(KEY)).toBeUndefined();
    expect(await tokens.grant(KEY, async () => ({ token: 'fresh', expiresInSeconds: 300 }))).toBe('fresh');
  });
});

/** A registry that takes only `accepted` as a Bearer token, and its token service issuing `issue()`. */
function fakeRegistry(accepted: () => string, issue: () => string) {
  const sent: string[] = [];
  const answer = (status: number, headers: Record<string, string> = {}, body = ''): HttpAnswer => ({ status, headers: new Headers(headers), url: ENDPOINT, body });
  const http = {
    roundTrips: 0,
    async send(request: HttpRequest): Promise<HttpAnswer> {
      const authorization = request.headers?.authorization ?? '';
      sent.push(`${request.method ?? 'GET'} ${request.url.pathname} ${authorization.split(' ')[0] || '-'}`);
      if (request.url.hostname === 'auth.example') return answer(200, {}, JSON.stringify({ token: issue(), expires_in: 300 }));
      if (authorization !== `Bearer ${accepted()}`) return answer(401, { 'www-authenticate': 'Bearer realm="https://auth.example/token",service="registry"' });
      return answer(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json', 'docker-content-digest': 'sha256:abc' });
    },
  } as unknown as HttpExchange;
  return { http, sent };
}

describe('manifest checks with kept tokens', () => {
  const request = { endpoint: ENDPOINT, repository: 'team/app', reference: '1', credentials: ALICE, allowPlainHttp: false };

  it('sends a kept token at once, and replaces one the registry refuses before its end', async () => {
    const tokens = createBearerTokens(clock().now);
    let current = 'one';
    let issued = 0;
    const registry = fakeRegistry(
      () => current,
      () => ((issued += 1), current),
    );
    expect((await checkManifest(registry.http, { ...request, tokens })).state).toBe('exists');
    expect(registry.sent).toEqual(['HEAD /v2/team/app/manifests/1 -', 'GET /token Basic', 'HEAD /v2/team/app/manifests/1 Bearer']);
    registry.sent.length = 0;
    expect((await checkManifest(registry.http, { ...request, tokens })).state).toBe('exists');
    expect(registry.sent).toEqual(['HEAD /v2/team/app/manifests/1 Bearer']);
    // Revoked at the registry: the kept token meets a 401, a new one is fetched within the same check.
    current = 'two';
    registry.sent.length = 0;
    expect((await checkManifest(registry.http, { ...request, tokens })).state).toBe('exists');
    expect(registry.sent).toEqual(['HEAD /v2/team/app/manifests/1 Bearer', 'GET /token Basic', 'HEAD /v2/team/app/manifests/1 Bearer']);
    expect(issued).toBe(2);
    expect(await tokens.valid(KEY)).toBe('two');
  });
});
