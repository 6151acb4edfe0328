#!/usr/bin/env bash
# The whole test suite on a fresh Debian machine: installs what is missing, lints (swift-format),
# builds with warnings as errors, builds the API documentation (scripts/docs.sh), builds ISCCore
# with no libgit2 in reach (scripts/check-core.sh), checks the man page and completion scripts
# (scripts/cli-docs.sh), fuzzes the parsers (scripts/fuzz.sh), starts the Git servers on
# 127.0.0.1, runs `swift test` (without network where it can), stops the servers.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
  export PATH="/opt/swift/usr/bin:$PATH"
fi

scripts/install-deps.sh

# swift-format lint --strict with .swift-format over every Swift file (scripts/lint.sh --fix formats).
scripts/lint.sh

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

# The man page (Docs/man/iscctl.1) and the completion scripts (Docs/completions/) are regenerated
# from the command definitions and must equal the checked-in copies; the man page must lint clean
# (mandoc -Tlint, groff -ww). About 5 s, plus ~15 s the first time to build the generate-manual tool.
scripts/cli-docs.sh --check

# libFuzzer + AddressSanitizer on the parsers of untrusted text: builds Fuzz/ and runs each target
# for ISC_FUZZ_SECONDS (default 25) seconds; fails on any crash or sanitizer report.
scripts/fuzz.sh "${ISC_FUZZ_SECONDS:-25}"

# No test needs the network: where this machine allows it (root), the servers and the suite run
# with nothing but loopback (scripts/offline.sh), so a test that reached another host would fail.
suite() {
  Tests/Servers/servers.sh start
  trap 'Tests/Servers/servers.sh stop' EXIT
  swift test --skip-build --disable-xctest
}
if [ "${ISC_TEST_NETWORK:-}" != host ] && scripts/offline.sh --check; then
  echo "test.sh: servers and suite run without network (loopback only; ISC_TEST_NETWORK=host to run them on the host's network)"
  export -f suite
  scripts/offline.sh bash -c 'set -euo pipefail; suite'
else
  suite
fi
