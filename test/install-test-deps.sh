#!/usr/bin/env bash
# Installs the OS packages the test suite runs against (real keychain, real browser, real
# registry). Safe to run repeatedly: when everything is present it touches neither apt nor the network.
set -euo pipefail

# openssl makes test certificates; fonts-noto-cjk gives Chromium a CJK face with a real bold (Noto Sans
# CJK SC, the app's Chinese font on Linux; WenQuanYi Micro Hei has none, so its bold is smeared) for the
# Chinese screenshots and the e2e check that Chinese and Latin in one button have one weight;
# golang-docker-credential-helpers gives the real docker-credential-secretservice the import tests read;
# golang-go runs Go's own text/template against the test renderer of External Secrets' templates.
# docker.io gives the real docker CLI whose choice of login the import tests compare with (no engine needed).
packages=(gnome-keyring dbus dbus-x11 libsecret-1-dev libsecret-tools chromium fonts-wqy-microhei fonts-noto-cjk openssl docker-registry skopeo kubectl golang-docker-credential-helpers golang-go docker.io podman buildah)

missing=()
for pkg in "${packages[@]}"; do
  if [ "$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null)" != installed ]; then
    missing+=("$pkg")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-test-deps: all ${#packages[@]} packages already installed"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "install-test-deps: need root or sudo to install: ${missing[*]}" >&2
  exit 1
fi

# apt is quiet on success; on failure its full output is what explains the problem.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
run_apt() {
  if ! "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive "$@" >"$log" 2>&1; then
    cat "$log" >&2
    echo "install-test-deps: failed: $*" >&2
    exit 1
  fi
}

echo "install-test-deps: installing ${missing[*]}"
run_apt apt-get update -q
run_apt apt-get install -y -q --no-install-recommends "${packages[@]}"
echo "install-test-deps: done"
