#!/usr/bin/env bash
# Builds the API documentation of ISCCore and ISCKit with DocC, warnings as errors, into
# .build/docs/ISCCore and .build/docs/ISCKit (static sites: open index.html through a web server,
# or `docc preview`). Uses the toolchain's own `docc` and SwiftPM's `dump-symbol-graph`: no package
# dependency. Run after `swift build` (scripts/test.sh does); it reuses that build.
#
# 1. Symbol graphs of the public API (`swift package dump-symbol-graph`, same build directory and
#    flags as `swift build`, so nothing is rebuilt), one directory per module: ISCKit's holds only
#    its own symbols and its extensions of ISCCore types, not the re-exported ISCCore.
# 2. The code of the catalogs' articles: the ```swift listings of each article, in order, form one
#    program that is type-checked against the built modules (Swift 6, warnings as errors).
# 3. `docc convert` of Sources/<Module>/<Module>.docc with --warnings-as-errors: a broken
#    ``symbol`` link, a missing parameter, an unknown topic fails the build.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
  export PATH="/opt/swift/usr/bin:$PATH"
fi
docc=$(command -v docc || true)
if [ -z "$docc" ]; then
  docc="$(dirname "$(readlink -f "$(command -v swift)")")/docc"
fi
[ -x "$docc" ] || { echo "docs.sh: docc not found next to swift" >&2; exit 1; }

started=$(date +%s%N)
modules=(ISCCore ISCKit)
out=.build/docs
graphs="$out/symbol-graphs"
rm -rf "$graphs" "$out/listings"
mkdir -p "$graphs"

# 1. Symbol graphs (public API, extension blocks kept so ISCKit's extensions of ISCCore types show).
dump_log=$(mktemp)
trap 'rm -f "$dump_log"' EXIT
if ! swift package dump-symbol-graph --minimum-access-level public --emit-extension-block-symbols >"$dump_log" 2>&1; then
  cat "$dump_log" >&2
  echo "docs.sh: swift package dump-symbol-graph failed" >&2
  exit 1
fi
written=$(sed -n 's/^Files written to //p' "$dump_log" | tail -1)
[ -d "$written" ] || { cat "$dump_log" >&2; echo "docs.sh: no symbol graph directory in the output above" >&2; exit 1; }
for module in "${modules[@]}"; do
  mkdir -p "$graphs/$module"
  cp "$written/$module.symbols.json" "$graphs/$module/"
  # Extensions a module makes to other modules' types: <Module>@<Other>.symbols.json.
  for extension in "$written/$module@"*.symbols.json; do
    if [ -e "$extension" ]; then cp "$extension" "$graphs/$module/"; fi
  done
done

# 2. The articles' code, type-checked against the modules just built.
bin=$(swift build --show-bin-path)
cyaml=$(find .build/checkouts -type d -path '*/Sources/CYaml/include' 2>/dev/null | head -1)
[ -n "$cyaml" ] || { echo "docs.sh: Yams' CYaml headers not found under .build/checkouts" >&2; exit 1; }
checked=0
for module in "${modules[@]}"; do
  for article in Sources/"$module"/"$module".docc/*.md; do
    code=$(awk '/^```swift[[:space:]]*$/ { inside = 1; next } /^```/ { inside = 0; next } inside { print }' "$article")
    [ -n "$code" ] || continue
    program="$out/listings/$module/$(basename "$article" .md)/main.swift"
    mkdir -p "$(dirname "$program")"
    printf '%s\n' "$code" >"$program"
    if ! swiftc -typecheck -swift-version 6 -warnings-as-errors \
        -I "$bin/Modules" -I "$cyaml" -I Sources/CLibGit2 "$program"; then
      echo "docs.sh: the code of $article does not compile (all its swift listings, in order: $program)" >&2
      exit 1
    fi
    checked=$((checked + 1))
  done
done

# 3. DocC, warnings as errors.
for module in "${modules[@]}"; do
  rm -rf "${out:?}/$module"
  if ! "$docc" convert "Sources/$module/$module.docc" \
      --additional-symbol-graph-dir "$graphs/$module" \
      --output-path "$out/$module" \
      --fallback-display-name "$module" \
      --fallback-bundle-identifier "iscctl.$module" \
      --fallback-default-module-kind Library \
      --warnings-as-errors >"$out/$module.log" 2>&1; then
    cat "$out/$module.log" >&2
    echo "docs.sh: DocC reported the problems above in $module (warnings are errors)" >&2
    exit 1
  fi
done

elapsed_ms=$(( ($(date +%s%N) - started) / 1000000 ))
printf 'docs.sh: %s built into %s (%d article programs type-checked) in %d.%01d s\n' \
  "${modules[*]}" "$out/" "$checked" $((elapsed_ms / 1000)) $((elapsed_ms % 1000 / 100))
