// The ECR token end the radar reads from External Secrets Operator: Go durations as ESO's
// `refreshInterval` spells them, and the refresh policies that never replace a token.
import { describe, expect, it } from 'vitest';
import { goDurationMs, secretExpiries } from '../../main/radar/expiry';
import type { EngineSecretItem, SecretItem } from '../../main/radar/fleet-reads';
import type { PullSecretFacts } from '../../main/radar/inventory';

const HOUR = 3_600_000;
const NOW = new Date('2026-12-06T12:00:00Z');
const ECR_HOST = '123456789012.dkr.ecr.eu-west-1.amazonaws.com';
const meta = { namespace: 'shop', labels: {}, annotations: {}, created: null };

function rowFor(engine: Partial<EngineSecretItem>) {
  const item: SecretItem = {
    ...meta,
    name: 'ecr',
    owners: [{ kind: 'ExternalSecret', name: 'ecr', controller: true }],
    type: 'kubernetes.io/dockerconfigjson',
    data: {},
    engine: { ...meta, name: 'ecr', owners: [], target: 'ecr', generators: ['ECRAuthorizationToken'], refreshInterval: null, refreshPolicy: null, refreshTime: new Date(NOW.getTime() - HOUR).toISOString(), ...engine },
  };
  const facts = { item, reading: { secret: 'ecr', state: 'usable', entries: [{ key: ECR_HOST, username: 'AWS', password: 'opaque' }] } } as unknown as PullSecretFacts;
  return secretExpiries('prod', [facts], NOW, 14)[0];
}

describe('ECR tokens from External Secrets Operator', () => {
  it('reads Go durations, and nothing else', () => {
    expect(goDurationMs('1h0m0s')).toBe(HOUR);
    expect(goDurationMs('12h')).toBe(12 * HOUR);
    expect(goDurationMs('90m')).toBe(90 * 60_000);
    expect(goDurationMs('1.5h')).toBe(1.5 * HOUR);
    expect(goDurationMs('0')).toBe(0);
    expect(goDurationMs('1d')).toBeNull();
    expect(goDurationMs('h')).toBeNull();
    expect(goDurationMs('1h junk')).toBeNull();
  });

  it('dates the token from the last refresh + 12 h, and flags an ExternalSecret that will not replace it in time', () => {
    expect(rowFor({})).toMatchObject({ expiresAt: new Date(NOW.getTime() + 11 * HOUR).toISOString(), state: 'soon', source: 'engine-refresh' });
    expect(rowFor({ refreshInterval: '12h0m0s' })?.source).toBe('engine-refresh');
    expect(rowFor({ refreshInterval: '12h1m' })?.source).toBe('engine-refresh-slow');
    expect(rowFor({ refreshInterval: '0' })?.source).toBe('engine-refresh-slow');
    expect(rowFor({ refreshPolicy: 'CreatedOnce' })?.source).toBe('engine-refresh-slow');
    expect(rowFor({ refreshPolicy: 'OnChange' })?.source).toBe('engine-refresh-slow');
  });

  it('says unknown for an ExternalSecret that reads no ECR generator', () => {
    expect(rowFor({ generators: ['Password'] })).toMatchObject({ expiresAt: null, state: 'unknown', source: 'unknown' });
  });
});
