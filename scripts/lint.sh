#!/usr/bin/env bash
# swift-format lint, strict (every finding fails), with the repository's .swift-format over every
# Swift file of the project. `scripts/lint.sh --fix` formats the files in place first.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
  export PATH="/opt/swift/usr/bin:$PATH"
fi

mapfile -t files < <(git ls-files '*.swift' 2>/dev/null || find . -name '*.swift' -not -path '*/.build/*')
if [ "${1:-}" = "--fix" ]; then
  swift-format format -i --configuration .swift-format "${files[@]}"
fi
swift-format lint --strict --configuration .swift-format "${files[@]}"
echo "lint.sh: ${#files[@]} Swift files follow .swift-format"
