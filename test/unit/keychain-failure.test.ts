import { describe, expect, it } from 'vitest';
import { keychainFailure } from '../../main/keychain/keychain-failure';

describe('keychain errors become clear, typed failures', () => {
  it.each([
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'keychain.noBus'],
    ['Object does not exist at path “/org/freedesktop/secrets/collection/login”', 'keychain.locked'],
    ['Object does not exist at path "/org/freedesktop/secrets/collection/login"', 'keychain.locked'],
    ['Cannot create an item in a locked collection', 'keychain.locked'],
    ['No such interface “org.freedesktop.Secret.Item” on object at path /org/freedesktop/secrets/collection/login/1', 'keychain.failed'],
    ['Object does not exist at path “/org/freedesktop/secrets/collection/login2”', 'keychain.failed'],
    ['The name org.freedesktop.secrets was not provided by any .service files', 'keychain.noService'],
    ['Something unexpected', 'keychain.failed'],
  ])('%s → %s', (message, code) => {
    expect(keychainFailure(new Error(message)).appError.code).toBe(code);
  });
});
