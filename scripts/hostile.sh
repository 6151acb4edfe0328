#!/usr/bin/env bash
# Bounded input, measured (figures printed, nothing asserted on time; see Docs/reliability.md,
# "Bounded input"):
#   scripts/hostile.sh                 every hostile case: list, validate, add-runtime, remove-runtime
#   scripts/hostile.sh --scale         validate and list at 2,500 / 5,000 / 10,000 runtimes
#   scripts/hostile.sh --cases a,b     only these cases (scripts/isc_hostile.py cases lists them)
# Each run prints: exit code, wall seconds, user+system CPU seconds, peak RSS (/usr/bin/time),
# the first line of stderr, and for writes whether the remote's tip moved.
# ISCCTL=/path/to/iscctl measures that binary; the default builds this checkout in release.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then export PATH="/opt/swift/usr/bin:$PATH"; fi
mode=hostile
cases=""
while [ $# -gt 0 ]; do
  case $1 in
    --scale) mode=scale ;;
    --cases) cases=$2; shift ;;
    *) echo "usage: $0 [--scale] [--cases a,b]" >&2; exit 2 ;;
  esac
  shift
done
if [ -z "${ISCCTL:-}" ]; then
  swift build -c release --product iscctl >/dev/null
  ISCCTL="$(swift build -c release --show-bin-path)/iscctl"
fi
work=$(mktemp -d /tmp/iscctl-hostile.XXXXXX)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" XDG_CACHE_HOME="$work/cache" TMPDIR="$work/tmp" GIT_CONFIG_NOSYSTEM=1
mkdir -p "$HOME" "$XDG_CACHE_HOME" "$TMPDIR"
flags=(--provider git --access-mode tunnel --account-id acc1 --argocd-token-secret argocd-token:token)

# new_isc NAME: a bare repository where iscctl ran init and add-runtime tmplrt.
new_isc() {
  local repo="$work/$1.git"
  git init -q --bare "$repo"
  "$ISCCTL" init --repo "file://$repo" "${flags[@]}" >/dev/null
  "$ISCCTL" add-runtime --repo "file://$repo" --runtime tmplrt "${flags[@]}" >/dev/null
  echo "$repo"
}

# run LABEL REPO ARGS...: one measured iscctl run.
run() {
  local label=$1 repo=$2; shift 2
  local before after moved rc
  before=$(git --git-dir="$repo" rev-parse main)
  set +e
  /usr/bin/time -o "$work/time" -f "%e %U %S %M" "$ISCCTL" "$@" --repo "file://$repo" >"$work/out" 2>"$work/err"
  rc=$?
  set -e
  after=$(git --git-dir="$repo" rev-parse main)
  moved=$([ "$before" = "$after" ] && echo "no" || echo "PUSHED")
  read -r wall user sys rss < <(tail -n 1 "$work/time")
  local first
  first=$(grep -m 1 "^problem: " "$work/out" | cut -c1-150 || true)
  [ -n "$first" ] || first=$(head -n 1 "$work/err" | cut -c1-150)
  [ -n "$first" ] || first=$(head -n 1 "$work/out" | cut -c1-150)
  printf "  %-15s exit %s  %6.2f s wall  %6.2f s cpu  %6.1f MiB  tip moved: %-6s  %s\n" \
    "$label" "$rc" "$wall" "$(awk "BEGIN { print $user + $sys }")" "$(awk "BEGIN { print $rss / 1024 }")" "$moved" "$first"
}

if [ "$mode" = scale ]; then
  echo "validate and list, layout v2, file://, warm cache, iscctl $ISCCTL"
  # Runtimes only; then one manifest per runtime (the same ConfigMap name in each runtime's
  # resources folder: the duplicate check), up to validate's 5,000 manifest files.
  for series in "2500 5000 10000:0" "1250 2500 5000:1"; do
    manifests=${series#*:}
    for n in ${series%:*}; do
      repo=$(new_isc "scale-$n-$manifests")
      HOSTILE_MANIFESTS=$manifests python3 scripts/isc_hostile.py scale --git-dir "$repo" --runtimes "$n" | git --git-dir="$repo" fast-import --quiet
      "$ISCCTL" list --repo "file://$repo" >/dev/null   # fills the cache: the runs below are warm
      echo "$n runtimes (+ codefresh, tmplrt)$([ "$manifests" = 1 ] && echo ", one manifest each"):"
      for i in 1 2 3; do
        run "validate #$i" "$repo" validate
        run "list #$i" "$repo" list
      done
    done
  done
  exit 0
fi

[ -n "$cases" ] || cases=$(python3 scripts/isc_hostile.py cases | cut -f1 | paste -sd,)
IFS=, read -r -a selected <<<"$cases"
for case in "${selected[@]}"; do
  repo=$(new_isc "$case")
  python3 scripts/isc_hostile.py hostile --git-dir "$repo" --case "$case" | git --git-dir="$repo" fast-import --quiet
  echo "$case: $(python3 scripts/isc_hostile.py cases | grep "^$case	" | cut -f2)"
  run list "$repo" list
  run validate "$repo" validate
  run add-runtime "$repo" add-runtime --runtime newrt "${flags[@]}"
  target=tmplrt
  case $case in runtime-symlink|runtime-gitlink|runtime-file) target=evil ;; esac
  run "remove $target" "$repo" remove-runtime --runtime "$target"
done
