import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpExchange } from '../../main/registry-http/http-exchange';
import { StepFailure } from '../../main/registry-http/step-failure';
import { createTransport, type Transport } from '../../main/registry-http/transport';
import { listen, type ListeningServer } from '../registry-servers/http-server';

// Redirects are followed by hand so each hop counts as a round trip and credentials never
// follow a redirect to another origin (as Go's client, and so docker, behaves).
let elsewhere: ListeningServer;
let front: ListeningServer;
let transport: Transport;
const seen: { server: string; path: string; authorization: string | null }[] = [];

beforeAll(async () => {
  elsewhere = await listen((request, response) => {
    seen.push({ server: 'elsewhere', path: request.url ?? '', authorization: request.headers.authorization ?? null });
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{}');
  });
  front = await listen((request, response) => {
    seen.push({ server: 'front', path: request.url ?? '', authorization: request.headers.authorization ?? null });
    const moves: Record<string, string> = {
      '/same': '/landing',
      '/away': `${elsewhere.origin}/landing`,
      '/loop': '/loop',
    };
    const location = moves[request.url ?? ''];
    response.writeHead(location ? 307 : 200, location ? { location } : { 'content-type': 'application/json' });
    response.end(location ? '' : '{}');
  });
  transport = createTransport({ mode: 'insecure' }, {});
});

afterAll(async () => {
  await transport?.close();
  await Promise.all([elsewhere?.stop(), front?.stop()]);
});

function exchange() {
  return createHttpExchange({ transport, network: {}, cancel: new AbortController().signal, deadline: AbortSignal.timeout(5000), timeoutMs: 5000 });
}

describe('redirects', () => {
  it('keeps the credentials on the same origin and counts every hop', async () => {
    seen.length = 0;
    const http = exchange();
    const answer = await http.send({ url: new URL(`${front.origin}/same`), step: 'registry', headers: { authorization: 'Basic dGVzdDp0ZXN0' } });
    expect(answer).toMatchObject({ status: 200, url: new URL(`${front.origin}/landing`) });
    expect(seen).toEqual([
      { server: 'front', path: '/same', authorization: 'Basic dGVzdDp0ZXN0' },
      { server: 'front', path: '/landing', authorization: 'Basic dGVzdDp0ZXN0' },
    ]);
    expect(http.roundTrips).toBe(2);
  });

  it('drops the credentials when the redirect leaves the origin', async () => {
    seen.length = 0;
    await exchange().send({ url: new URL(`${front.origin}/away`), step: 'registry', headers: { authorization: 'Basic dGVzdDp0ZXN0' } });
    expect(seen).toEqual([
      { server: 'front', path: '/away', authorization: 'Basic dGVzdDp0ZXN0' },
      { server: 'elsewhere', path: '/landing', authorization: null },
    ]);
  });

  it('never sends a form with a password to another origin', async () => {
    seen.length = 0;
    const form = new URLSearchParams({ grant_type: 'password', username: 'u', password: 'secret' });
    const answer = await exchange().send({ url: new URL(`${front.origin}/away`), step: 'token', method: 'POST', body: form });
    expect(answer.status).toBe(307);
    expect(seen.map((line) => line.server)).toEqual(['front']);
  });

  it('gives up on a redirect loop with a clear error', async () => {
    const sending = exchange().send({ url: new URL(`${front.origin}/loop`), step: 'token' });
    await expect(sending).rejects.toBeInstanceOf(StepFailure);
    await expect(sending).rejects.toMatchObject({ step: 'token', failure: { appError: { code: 'connection.tooManyRedirects', params: { max: 5 } } } });
  });
});
