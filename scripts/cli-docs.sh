#!/usr/bin/env bash
# The man page and the shell completion scripts, generated from iscctl's command definitions (the
# same ones --help is rendered from) and checked in:
#   Docs/man/iscctl.1                 swift-argument-parser's generate-manual plugin (mdoc)
#   Docs/completions/iscctl.bash      iscctl completion bash
#   Docs/completions/_iscctl          iscctl completion zsh
#   Docs/completions/iscctl.fish      iscctl completion fish
#
#   scripts/cli-docs.sh           regenerate them in place (run it after changing a command or flag)
#   scripts/cli-docs.sh --check   regenerate them into a scratch folder and fail when a checked-in
#                                 copy differs (a flag changed without regenerating), or when the
#                                 man page is not well-formed (mandoc -Tlint errors, groff -ww warnings)
#
# Needs the debug build (swift build); the plugin builds its generate-manual tool from the
# resolved swift-argument-parser checkout, offline. The page's date is fixed (MAN_DATE) so that
# regenerating is reproducible; bump it with a release.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

MAN_DATE=2026-12-02

if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
  export PATH="/opt/swift/usr/bin:$PATH"
fi

check=false
case "${1:-}" in
  --check) check=true ;;
  "") ;;
  *) echo "usage: scripts/cli-docs.sh [--check]" >&2; exit 2 ;;
esac

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
mkdir -p "$out/man" "$out/completions"

bin="$(swift build --show-bin-path)/iscctl"
[ -x "$bin" ] || { echo "cli-docs: $bin is not built (run swift build)" >&2; exit 1; }
"$bin" completion bash >"$out/completions/iscctl.bash"
"$bin" completion zsh >"$out/completions/_iscctl"
"$bin" completion fish >"$out/completions/iscctl.fish"

# The plugin builds the package's products in debug (already built: nothing to do), then runs
# generate-manual on iscctl's --experimental-dump-help.
plugin_log="$out/plugin.log"
if ! swift package plugin generate-manual --configuration debug --date "$MAN_DATE" >"$plugin_log" 2>&1; then
  cat "$plugin_log" >&2
  echo "cli-docs: swift package plugin generate-manual failed" >&2
  exit 1
fi
cp .build/plugins/GenerateManual/outputs/iscctl/iscctl.1 "$out/man/iscctl.1"

# The man page is well-formed: mandoc's lint finds no error (its style warnings about the
# generator's paragraph macros are not counted), and groff formats it with every warning on
# without one.
for tool in mandoc groff; do
  command -v "$tool" >/dev/null 2>&1 || { echo "cli-docs: $tool is missing (scripts/install-deps.sh installs mandoc and groff-base)" >&2; exit 1; }
done
if ! mandoc -Tlint -W error "$out/man/iscctl.1" >&2; then
  echo "cli-docs: mandoc -Tlint finds errors in the man page" >&2
  exit 1
fi
warnings=$(groff -mandoc -Tutf8 -ww -z "$out/man/iscctl.1" 2>&1)
if [ -n "$warnings" ]; then
  printf '%s\n' "$warnings" >&2
  echo "cli-docs: groff warns about the man page" >&2
  exit 1
fi
# Every command `iscctl --help` lists has its entry.
for command in $(COLUMNS=200 "$bin" --help | awk '/^SUBCOMMANDS:/ { on = 1; next } on && NF == 0 { on = 0 } on && /^  [a-z]/ { print $1 }'); do
  grep -q "^\.It Em $command\$" "$out/man/iscctl.1" || { echo "cli-docs: the man page lacks the command $command" >&2; exit 1; }
done

if ! $check; then
  cp "$out/man/iscctl.1" Docs/man/iscctl.1
  cp "$out/completions/"* Docs/completions/
  echo "cli-docs: wrote Docs/man/iscctl.1 and Docs/completions/{iscctl.bash,_iscctl,iscctl.fish}"
  exit 0
fi

status=0
for file in man/iscctl.1 completions/iscctl.bash completions/_iscctl completions/iscctl.fish; do
  if ! diff -u "Docs/$file" "$out/$file" >"$out/diff" 2>&1; then
    head -40 "$out/diff" >&2
    echo "cli-docs: Docs/$file differs from what the command definitions generate: run scripts/cli-docs.sh and commit the result" >&2
    status=1
  fi
done
[ "$status" -eq 0 ] && echo "cli-docs: the man page and the completion scripts match the command definitions; the man page formats cleanly"
exit "$status"
