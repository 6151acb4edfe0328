#!/usr/bin/env bash
# Shows that ISCCore (the pure library) builds with no libgit2 in reach: pkg-config is pointed at
# an empty folder so it cannot find libgit2 (checked), ISCCore is built alone in its own build
# folder, and its object files must not reference a single libgit2 symbol. No file of ISCCore may
# import CLibGit2 (the build would fail anyway: ISCCore does not depend on it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
  export PATH="/opt/swift/usr/bin:$PATH"
fi

if grep -rlE "^\s*(@_implementationOnly |internal |public |package )?import CLibGit2" Sources/ISCCore; then
  echo "check-core.sh: the files above import CLibGit2 into ISCCore" >&2
  exit 1
fi

empty=$(mktemp -d)
trap 'rm -rf "$empty"' EXIT
export PKG_CONFIG_LIBDIR="$empty" PKG_CONFIG_PATH="$empty"
if pkg-config --exists libgit2; then
  echo "check-core.sh: pkg-config still finds libgit2; the check would prove nothing" >&2
  exit 1
fi

scratch=.build/core-only
swift build --target ISCCore --scratch-path "$scratch" 2>&1 | grep -vE "^\[[0-9]+/[0-9]+\]" || true
objects=$(find "$scratch" -path "*ISCCore.build/*.o" | sort)
if [ -z "$objects" ]; then
  echo "check-core.sh: ISCCore did not build without libgit2" >&2
  exit 1
fi
count=$(echo "$objects" | wc -l)
if nm -u $objects | grep -E "\bgit_|\bgit_libgit2" ; then
  echo "check-core.sh: ISCCore's objects reference the libgit2 symbols above" >&2
  exit 1
fi
echo "check-core.sh: ISCCore built with pkg-config unable to find libgit2; $count object files, no libgit2 symbol"
