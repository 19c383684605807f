import { AppFailure } from '../app-errors/app-failure';

// libsecret's own words for each way the Secret Service can be missing (see TESTING.md).
const NO_BUS = /Cannot autolaunch D-Bus|DBUS_SESSION_BUS_ADDRESS|Failed to connect to socket|Could not connect/i;
const NO_SERVICE = /was not provided by any \.service files|ServiceUnknown/i;
const LOCKED = /locked collection|is locked|prompt was dismissed|Cancelled/i;
// A bus with no unlocked keyring names the login collection itself as missing. Only that path counts:
// an error about an item inside it (`…/collection/login/1`) is some other failure.
const NO_UNLOCKED_KEYRING = /Object does not exist at path\W+\/org\/freedesktop\/secrets\/collection\/login(?![\w/])/;

/** Turns a keytar/libsecret error into a clear, typed failure; the raw text is kept only as detail. */
export function keychainFailure(error: unknown): AppFailure {
  const detail = error instanceof Error ? error.message : String(error);
  if (NO_BUS.test(detail)) return new AppFailure('keychain.noBus');
  if (NO_SERVICE.test(detail)) return new AppFailure('keychain.noService');
  if (LOCKED.test(detail) || NO_UNLOCKED_KEYRING.test(detail)) return new AppFailure('keychain.locked');
  return new AppFailure('keychain.failed', { detail });
}
