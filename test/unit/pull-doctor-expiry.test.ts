import { describe, expect, it } from 'vitest';
import { expiryOf } from '../../main/pull-doctor/expiry';
import type { SecretObject } from '../../main/pull-secrets/pull-secret';

const NOW = new Date('2026-12-06T12:00:00Z');
const ECR_KEY = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
/** The envelope shape blog posts describe, with an `expiration` long past: nothing AWS documents. */
const ENVELOPE = Buffer.from(JSON.stringify({ payload: 'x', datakey: 'y', version: '2', type: 'DATA_KEY', expiration: 1_000_000 })).toString('base64');
const match = { secret: 'ecr-pull', key: ECR_KEY, username: 'AWS', password: ENVELOPE, fallback: false };
const secretCreated = (hoursAgo: number, annotations: Record<string, string> = {}): Map<string, SecretObject> =>
  new Map([['ecr-pull', { metadata: { name: 'ecr-pull', namespace: 'team', annotations, creationTimestamp: new Date(NOW.getTime() - hoursAgo * 3_600_000).toISOString() } } as SecretObject]]);
const noGoogle = () => Promise.resolve(null);

describe("an ECR token's end", () => {
  it("is not read from an `expiration` inside the password: without the app's mark, the secret's age is what is known", async () => {
    const verdict = await expiryOf([match], secretCreated(2), NOW, noGoogle);
    expect(verdict.expired).toBeUndefined();
    expect(verdict.findings).toEqual([{ code: 'doctor.expiry.ecrAge', params: { secret: 'ecr-pull', hours: 2 }, tone: 'info' }]);
  });

  it('warns by age once the secret is older than an ECR token lives', async () => {
    const verdict = await expiryOf([match], secretCreated(13), NOW, noGoogle);
    expect(verdict.findings[0]).toMatchObject({ code: 'doctor.expiry.ecrAge', tone: 'warn' });
  });

  it("is the app's expiry mark when the secret carries it", async () => {
    const at = new Date(NOW.getTime() - 60_000).toISOString();
    const verdict = await expiryOf([match], secretCreated(13, { 'registry-desk.io/expires-at': at }), NOW, noGoogle);
    expect(verdict.expired).toEqual({ secret: 'ecr-pull', at });
  });
});
