// An ECR password is commonly said to be a base64 JSON envelope with an `expiration` field. AWS
// documents the token's end only as `expiresAt` on GetAuthorizationToken's answer (AuthorizationData),
// never inside the password, so the radar does not read the envelope: an ECR secret with no
// annotation and no engine status stays "unknown", whatever its envelope claims, in the past or future.
import { describe, expect, it } from 'vitest';
import { secretExpiries } from '../../main/radar/expiry';
import type { SecretItem } from '../../main/radar/fleet-reads';
import type { PullSecretFacts } from '../../main/radar/inventory';
import { readPullSecret } from '../../main/pull-secrets/kubelet-keyring';

const NOW = new Date('2026-12-06T12:00:00Z');
const HOUR = 3_600_000;
const ECR_HOST = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** The shape seen in the wild: base64 of `{"payload":…,"datakey":…,"version":"2","type":"DATA_KEY","expiration":<unix s>}`. */
const envelope = (expiration: Date) => b64(JSON.stringify({ payload: b64('p'.repeat(64)), datakey: b64('k'.repeat(32)), version: '2', type: 'DATA_KEY', expiration: Math.floor(expiration.getTime() / 1000) }));

function rowFor(password: string, annotations: Record<string, string> = {}) {
  const data = { '.dockerconfigjson': b64(JSON.stringify({ auths: { [ECR_HOST]: { username: 'AWS', password, auth: b64(`AWS:${password}`) } } })) };
  const item: SecretItem = { namespace: 'shop', name: 'ecr', labels: {}, annotations, owners: [], created: null, type: 'kubernetes.io/dockerconfigjson', data };
  const reading = readPullSecret({ metadata: { name: 'ecr' }, type: item.type, data });
  expect(reading.state).toBe('usable');
  const rows = secretExpiries('prod', [{ item, reading } as PullSecretFacts], NOW, 14);
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

describe('an ECR password shaped as an envelope', () => {
  it('stays unknown whether its expiration says past or future', () => {
    for (const at of [new Date(NOW.getTime() - 3 * HOUR), new Date(NOW.getTime() + 9 * HOUR)]) {
      expect(rowFor(envelope(at))).toMatchObject({ what: 'ecr-token', expiresAt: null, state: 'unknown' });
    }
  });

  it('is dated by the app’s annotation alone, never by the envelope', () => {
    const marked = new Date(NOW.getTime() + 2 * HOUR).toISOString();
    expect(rowFor(envelope(new Date(NOW.getTime() - 3 * HOUR)), { 'registry-desk.io/expires-at': marked })).toMatchObject({ expiresAt: marked, state: 'soon', source: 'annotation' });
  });
});
