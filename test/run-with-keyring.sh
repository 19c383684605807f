#!/bin/sh
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring and a throwaway
# HOME: the tests use the real Secret Service (as the app does) without ever touching the
# user's own keyring, and nothing they store outlives the run.
set -eu

# Nested calls (npm test → vitest stage) must share the outer session, not start a second keyring.
if [ "${REGISTRY_DESK_KEYRING_SESSION:-}" = 1 ]; then
  exec "$@"
fi

for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "run-with-keyring: $tool not found; run test/install-test-deps.sh" >&2
    exit 127
  fi
done

home=$(mktemp -d "${TMPDIR:-/tmp}/registry-desk-test-home.XXXXXX")
trap 'rm -rf "$home"' EXIT INT TERM
mkdir -m 700 "$home/runtime"

# gnome-keyring derives its storage and control socket from these; inherited values would point
# back at the real user's keyring.
unset XDG_DATA_HOME XDG_CONFIG_HOME XDG_CACHE_HOME DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL
HOME=$home
XDG_RUNTIME_DIR=$home/runtime
REGISTRY_DESK_KEYRING_SESSION=1
REGISTRY_DESK_KEYRING_PW=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
export HOME XDG_RUNTIME_DIR REGISTRY_DESK_KEYRING_SESSION REGISTRY_DESK_KEYRING_PW

dbus-run-session -- sh -c '
  printf %s "$REGISTRY_DESK_KEYRING_PW" | gnome-keyring-daemon --unlock --components=secrets >/dev/null || {
    echo "run-with-keyring: gnome-keyring-daemon could not start and unlock a keyring" >&2
    exit 1
  }
  unset REGISTRY_DESK_KEYRING_PW
  exec "$@"
' run-with-keyring "$@"
