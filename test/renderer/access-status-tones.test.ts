import { describe, expect, it } from 'vitest';
import type { AccessState, StatusRow } from '../../shared/access-contract';
import { accountTone, contextTone, worstTone } from '../../renderer/features/access/tones';

/** A namespace with the app's one secret and a default ServiceAccount naming it, as main reports it. */
const row = (secret: AccessState, account: AccessState = 'in-sync', blocked = false): StatusRow => ({
  namespace: 'team',
  state: secret,
  secrets: [{ name: 'pull-secret', state: secret }],
  serviceAccounts: [{ name: 'default', state: account, ...(blocked ? { blocked } : {}) }],
});

describe('status tones', () => {
  it('take the worst tone present, red over amber over green', () => {
    expect(worstTone(['ok', 'warn', 'ok'])).toBe('warn');
    expect(worstTone(['warn', 'error', 'ok'])).toBe('error');
    expect(worstTone(['ok'])).toBe('ok');
    expect(worstTone([])).toBe('neutral');
  });

  it('colour a blocked reference like the secret that blocks it', () => {
    const tone = (secret: AccessState) => {
      const blocked = row(secret, 'in-sync', true);
      return accountTone(blocked, blocked.serviceAccounts[0]!);
    };
    expect(tone('missing')).toBe('warn');
    expect(tone('forbidden')).toBe('error');
    expect(tone('conflict')).toBe('error');
    const unblocked = row('in-sync', 'missing');
    expect(accountTone(unblocked, unblocked.serviceAccounts[0]!)).toBe('warn');
  });

  it('give a cluster badge the worst tone of any badge in its rows', () => {
    // The drift screen: one secret deleted by hand, its ServiceAccount's reference blocked: amber throughout.
    expect(contextTone([row('in-sync'), row('missing', 'in-sync', true)])).toBe('warn');
    expect(contextTone([row('missing', 'in-sync', true), row('forbidden', 'in-sync', true)])).toBe('error');
    expect(contextTone([row('in-sync'), row('in-sync', 'forbidden')])).toBe('error');
    expect(contextTone([row('drifted')])).toBe('warn');
    expect(contextTone([row('in-sync')])).toBe('ok');
  });
});
