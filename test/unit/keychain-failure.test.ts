import { describe, expect, it } from 'vitest';
import { keychainFailure } from '../../main/keychain/keychain-failure';

describe('keychain errors become clear, typed failures', () => {
  it.each([
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'keychain.noBus'],
    ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', 'keychain.locked'],
    ['Cannot create an item in a locked collection', 'keychain.locked'],
    ['The name org.freedesktop.secrets was not provided by any .service files', 'keychain.noService'],
    ['Something unexpected', 'keychain.failed'],
  ])('%s → %s', (message, code) => {
    expect(keychainFailure(new Error(message)).appError.code).toBe(code);
  });
});
