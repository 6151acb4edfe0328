#!/usr/bin/env bash
# The whole test suite on a fresh Debian machine: installs what is missing, builds with
# warnings as errors, builds the API documentation (scripts/docs.sh), builds ISCCore with no libgit2 in reach (scripts/check-core.sh), fuzzes the parsers (scripts/fuzz.sh), starts the Git servers on 127.0.0.1,
# runs `swift test`, stops the servers.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
  export PATH="/opt/swift/usr/bin:$PATH"
fi

scripts/install-deps.sh

# Our targets set `treatAllWarnings(as: .error)` in Package.swift; the grep is a second guard.
build_log=$(mktemp)
swift build --build-tests 2>&1 | tee "$build_log"
if grep -E "(^|/)(Sources|Tests)/.*warning:" "$build_log"; then
  echo "test.sh: the build has warnings" >&2
  exit 1
fi
rm -f "$build_log"

# The DocC catalogs of ISCCore and ISCKit (Sources/*/*.docc) with the public API's doc comments,
# warnings as errors, into .build/docs/; the articles' Swift listings are type-checked too.
scripts/docs.sh

# ISCCore, the pure library, builds with pkg-config unable to find libgit2 and links no libgit2 symbol.
scripts/check-core.sh

# libFuzzer + AddressSanitizer on the parsers of untrusted text: builds Fuzz/ and runs each target
# for ISC_FUZZ_SECONDS (default 25) seconds; fails on any crash or sanitizer report.
scripts/fuzz.sh "${ISC_FUZZ_SECONDS:-25}"

Tests/Servers/servers.sh start
trap 'Tests/Servers/servers.sh stop' EXIT

swift test --skip-build --disable-xctest
