#!/usr/bin/env bash
# The main job on an embedded default, no account or network needed: builds iscctl and shows
# how it reads repository URLs. (Replaced by init/add-runtime against a local bare repository
# once those commands exist.)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
  export PATH="/opt/swift/usr/bin:$PATH"
fi
scripts/install-deps.sh >/dev/null
swift build -c release --product iscctl >/dev/null
bin=$(swift build -c release --show-bin-path)/iscctl

"$bin" --version
for url in \
  "git@github.com:acme/isc.git/envs/prod?ref=main" \
  "https://gitlab.com/platform/team/isc.git/clusters/eu?ref=release%2F2026" \
  "https://dev.azure.com/acme/platform/_git/isc//gitops"; do
  echo
  echo "\$ iscctl parse '$url'"
  "$bin" parse "$url"
done
echo
echo "\$ iscctl parse 'https://gitlab.example.com/isc.git' --provider gitlab --json"
"$bin" parse "https://gitlab.example.com/isc.git" --provider gitlab --json || echo "(exit code $?)"
