import { describe, expect, it } from 'vitest';
import { parseRateLimitValue, pullAllowanceOf } from '../../main/registry-http/pull-limit';

const answer = (headers: Record<string, string>, status = 200) => ({ status, headers: new Headers(headers) });

describe('RateLimit header parsing', () => {
  it('reads Docker’s `<count>;w=<seconds>`, with or without the window and spaces', () => {
    expect(parseRateLimitValue('100;w=21600')).toEqual({ count: 100, windowSeconds: 21_600 });
    expect(parseRateLimitValue(' 96 ; w=21600 ')).toEqual({ count: 96, windowSeconds: 21_600 });
    expect(parseRateLimitValue('0;w=21600')).toEqual({ count: 0, windowSeconds: 21_600 });
    expect(parseRateLimitValue('100')).toEqual({ count: 100, windowSeconds: null });
    expect(parseRateLimitValue('100;comment=x;w=60')).toEqual({ count: 100, windowSeconds: 60 });
  });

  it.each([null, '', '-1;w=21600', '1e3;w=21600', '100;w=', '100;w=0', '100;w=abc', '0x10', '99999999999', `${'9'.repeat(40)};w=1`, `1;w=${'1'.repeat(10_000)}`, '١٠٠;w=21600'])(
    'refuses %j',
    (header) => expect(parseRateLimitValue(header)).toBeNull(),
  );

  it('stays linear on a long hostile header', () => {
    const hostile = `${'1'.repeat(200_000)};w=${'2'.repeat(200_000)}`;
    const started = performance.now();
    expect(parseRateLimitValue(hostile)).toBeNull();
    // Refused by its length before it is split: far under what even a loaded core takes for 400 KB of regex backtracking.
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('gives the allowance with its source, or "not reported" when a header is missing, malformed or remaining exceeds the limit', () => {
    expect(pullAllowanceOf(answer({ 'ratelimit-limit': '100;w=21600', 'ratelimit-remaining': '87;w=21600', 'docker-ratelimit-source': '192.0.2.7' }))).toEqual({
      state: 'reported',
      limit: 100,
      remaining: 87,
      windowSeconds: 21_600,
      source: '192.0.2.7',
    });
    expect(pullAllowanceOf(answer({ 'ratelimit-limit': '100;w=21600', 'ratelimit-remaining': '87;w=21600' }))).toMatchObject({ state: 'reported', source: null });
    expect(pullAllowanceOf(answer({ 'ratelimit-limit': '100;w=21600', 'ratelimit-remaining': '87', 'docker-ratelimit-source': 'x'.repeat(201) }))).toMatchObject({ source: null });
    expect(pullAllowanceOf(answer({}, 200))).toEqual({ state: 'not-reported', status: 200 });
    expect(pullAllowanceOf(answer({ 'ratelimit-limit': '100;w=21600' }, 200))).toEqual({ state: 'not-reported', status: 200 });
    expect(pullAllowanceOf(answer({ 'ratelimit-limit': 'lots', 'ratelimit-remaining': '5;w=21600' }, 200))).toEqual({ state: 'not-reported', status: 200 });
    expect(pullAllowanceOf(answer({ 'ratelimit-limit': '100;w=21600', 'ratelimit-remaining': '101;w=21600' }, 200))).toEqual({ state: 'not-reported', status: 200 });
    expect(pullAllowanceOf(answer({}, 401))).toEqual({ state: 'not-reported', status: 401 });
  });
});
