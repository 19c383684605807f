// The radar's pure readings: a JWT's `exp`, expiry states against a moved clock, Retry-After in
// both its forms, and who made a pull secret from the marks each tool leaves.
import { describe, expect, it } from 'vitest';
import { expiryState, jwtExpiry } from '../../main/radar/expiry';
import { makerOf } from '../../main/radar/inventory';
import { retryAfterMs } from '../../main/registry-http/retry-after';

const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const meta = (extra: Partial<Parameters<typeof makerOf>[0]>) => ({ namespace: 'ns', name: 'n', labels: {}, annotations: {}, owners: [], created: null, ...extra });

describe('radar facts', () => {
  it("reads a JWT's exp and nothing from what is not a JWT", () => {
    expect(jwtExpiry(`${part({ alg: 'none' })}.${part({ exp: 1_800_000_000 })}.sig`)?.toISOString()).toBe('2027-01-15T08:00:00.000Z');
    expect(jwtExpiry(`${part({ alg: 'none' })}.${part({ sub: 'x' })}.sig`)).toBeNull();
    expect(jwtExpiry(`${part({ alg: 'none' })}.${part({ exp: '1800000000' })}.sig`)).toBeNull();
    expect(jwtExpiry('plain-password')).toBeNull();
    expect(jwtExpiry('a.b.c.d')).toBeNull();
    expect(jwtExpiry(`x.${'A'.repeat(20_000)}.y`)).toBeNull();
  });

  it('says expired, soon, valid or unknown against the clock and window', () => {
    const now = new Date('2026-12-05T00:00:00Z');
    expect(expiryState(new Date('2026-12-04T23:59:59Z'), now, 7)).toBe('expired');
    expect(expiryState(new Date('2026-12-12T00:00:00Z'), now, 7)).toBe('soon');
    expect(expiryState(new Date('2026-12-12T00:00:01Z'), now, 7)).toBe('valid');
    expect(expiryState(null, now, 7)).toBe('unknown');
  });

  it('reads Retry-After as seconds or an HTTP date, and ignores anything else', () => {
    const now = Date.parse('2026-12-05T00:00:00Z');
    expect(retryAfterMs('2', now)).toBe(2000);
    expect(retryAfterMs('Sat, 05 Dec 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Fri, 04 Dec 2026 00:00:30 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(undefined, now)).toBeNull();
  });

  it('tells who made a pull secret', () => {
    expect(makerOf(meta({ labels: { 'app.kubernetes.io/managed-by': 'registry-desk' } }))).toBe('registry-desk');
    expect(makerOf(meta({ owners: [{ kind: 'ExternalSecret', name: 'x', controller: true }] }))).toBe('external-secrets');
    expect(makerOf(meta({ annotations: { 'reflector.v1.k8s.emberstack.com/reflects': 'ns/src' } }))).toBe('reflector');
    expect(makerOf(meta({ labels: { 'generate.kyverno.io/policy-name': 'sync' } }))).toBe('kyverno');
    expect(makerOf(meta({ annotations: { 'meta.helm.sh/release-name': 'shop' } }))).toBe('helm');
    expect(makerOf(meta({ labels: { constructor: 'x' } }))).toBe('by-hand');
  });
});
