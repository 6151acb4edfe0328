#!/usr/bin/env bash
# Install the system packages iscctl's build and test suite need (Debian 12).
# Idempotent: checks each package with dpkg and only touches apt when one is missing.
# lighttpd-mod-openssl (HTTPS test server) is only a Recommends of lighttpd, so it is listed
# explicitly: --no-install-recommends would leave it out.
set -euo pipefail

PACKAGES=(
  libgit2-dev pkg-config git
  lighttpd lighttpd-mod-openssl openssh-server openssh-client openssl
  python3-yaml python3-jsonschema tinyproxy
  ca-certificates procps
  mandoc groff-base
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed$'; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages already installed"
  exit 0
fi

echo "install-deps: installing missing packages: ${missing[*]}"
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  else
    echo "install-deps: not root and no sudo; install these packages: ${missing[*]}" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y --no-install-recommends "${missing[@]}"

# Verify.
still=()
for p in "${missing[@]}"; do
  dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed$' || still+=("$p")
done
if [ "${#still[@]}" -ne 0 ]; then
  echo "install-deps: failed to install: ${still[*]}" >&2
  exit 1
fi
echo "install-deps: done"
