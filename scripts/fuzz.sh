#!/usr/bin/env bash
# Fuzzes ISCKit's parsers of untrusted text with libFuzzer + AddressSanitizer (the Fuzz/ package):
#
#   FuzzRepositoryURL  RepositoryURL(parsing:provider:apiURL:)
#   FuzzRegistry       RegistryFile.parse, Registry.parse, RuntimeFile.parse (+ CanonicalYAML)
#   FuzzKnownHosts     KnownHosts(parsing:) and its matching
#
# Usage: scripts/fuzz.sh [seconds-per-target]   (default 25; the targets run side by side, up to
#        FUZZ_JOBS at a time, default: the number of cores)
#
# Seeds are taken from Fixtures/ at run time (the URL corpus, the golden isc.yaml and runtime.yaml
# files), Fuzz/Seeds/<target>/ and Fixtures/fuzz/<target>/ (inputs that once failed, kept as
# regression cases). The corpus grown during the run lives in a temporary folder and is deleted
# (set FUZZ_CORPUS_DIR to keep it somewhere; do not commit it). A crash, a sanitizer report, a
# leak, an input slower than the per-input timeout or over the memory limit makes the script exit
# 1 and leaves the input in Fixtures/fuzz/<target>/ (crash-*, leak-*, timeout-*, oom-*) to be
# turned into a fixture case.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
  export PATH="/opt/swift/usr/bin:$PATH"
fi

seconds=${1:-25}
jobs=${FUZZ_JOBS:-$(nproc)}
targets=(FuzzRepositoryURL FuzzRegistry FuzzKnownHosts)
# -max_len per target: URLs a little over the parser's 1,024-byte path limit; repository files
# and known_hosts files a few times the size of the largest seed.
declare -A max_len=([FuzzRepositoryURL]=1500 [FuzzRegistry]=4096 [FuzzKnownHosts]=4096)
# Per input: 10 s (an input normally takes well under a millisecond; the slowest seen take
# about 0.1 s, see Docs/reliability.md), 2 GiB RSS.
timeout_s=10
rss_mb=2048

start=$(date +%s)
echo "fuzz.sh: building Fuzz/ (release, -sanitize=fuzzer,address)"
build_log=$(mktemp)
# `--sanitize fuzzer --sanitize address` alone is not enough: SwiftPM passes them as two
# `-sanitize=` flags in no fixed order and swiftc keeps only the last, so a build had either
# coverage or ASan, never both. `--sanitize fuzzer` stays (SwiftPM then links libFuzzer's `main`);
# the `-Xswiftc` flag comes last and wins; clang adds up its `-fsanitize` flags.
if ! swift build -c release --package-path Fuzz --sanitize fuzzer -Xswiftc -sanitize=fuzzer,address \
    -Xcc -fsanitize=address -Xswiftc -enable-testing >"$build_log" 2>&1; then
  cat "$build_log" >&2
  echo "fuzz.sh: the build failed" >&2
  exit 1
fi
if grep -E "(^|/)(Sources|Fuzz/Sources)/.*warning:" "$build_log"; then
  echo "fuzz.sh: the build has warnings" >&2
  exit 1
fi
rm -f "$build_log"
built=$(date +%s)
echo "fuzz.sh: built in $((built - start)) s"
bin=Fuzz/.build/release
# A failed property check is a `fatalError`: let libFuzzer report it (the Swift backtracer,
# which reads memory of its own, trips AddressSanitizer).
export SWIFT_BACKTRACE=enable=no

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The full libFuzzer output of the last run, per target.
logs=Fuzz/.build/fuzz-logs
rm -rf "$logs" && mkdir -p "$logs"
corpus_root=${FUZZ_CORPUS_DIR:-$work/corpus}

# Seeds from Fixtures/: one file per URL case (`<url>\0<provider>\0<api-url>`), the golden files.
mkdir -p "$work/seeds/FuzzRepositoryURL" "$work/seeds/FuzzRegistry"
python3 - "$work/seeds/FuzzRepositoryURL" <<'EOF'
import json, sys
cases = json.load(open("Fixtures/repository-urls.json"))["cases"]
for index, case in enumerate(cases):
    fields = [case["input"]]
    if case.get("provider") is not None or case.get("apiURL") is not None:
        fields += [case.get("provider") or "", case.get("apiURL") or ""]
        if case.get("apiURL") is None: fields.pop()
    with open(f"{sys.argv[1]}/case-{index:03d}", "wb") as out:
        out.write("\0".join(fields).encode())
EOF
find Fixtures/golden \( -name isc.yaml -o -name runtime.yaml \) | while read -r file; do
  cp "$file" "$work/seeds/FuzzRegistry/$(echo "${file#Fixtures/golden/}" | tr / -)"
done

run_target() {
  local target=$1 corpus=$corpus_root/$1 artifacts=Fixtures/fuzz/$1/
  mkdir -p "$corpus" "$artifacts"
  local dirs=("$corpus")
  for dir in "$work/seeds/$target" "Fuzz/Seeds/$target" "Fixtures/fuzz/$target"; do
    [ -d "$dir" ] && dirs+=("$dir")
  done
  local status=0
  "$bin/$target" -max_total_time="$seconds" -max_len="${max_len[$target]}" -timeout="$timeout_s" \
    -rss_limit_mb="$rss_mb" -print_final_stats=1 -artifact_prefix="$artifacts" "${dirs[@]}" \
    >"$logs/$target.log" 2>&1 || status=$?
  echo "$status" >"$work/$target.status"
}

echo "fuzz.sh: ${#targets[@]} targets, $seconds s each, $jobs at a time"
before=$(find Fixtures/fuzz -type f 2>/dev/null | sort || true)
running=0
for target in "${targets[@]}"; do
  if [ "$running" -ge "$jobs" ]; then wait -n; running=$((running - 1)); fi
  run_target "$target" &
  running=$((running + 1))
done
wait

failed=0
total_execs=0
for target in "${targets[@]}"; do
  log=$logs/$target.log status=$(cat "$work/$target.status")
  stat() { sed -n "s/^stat::$1: *//p" "$log" | tail -1; }
  # The last status line: `#<n> DONE cov: <edges> ft: <features> corp: <units>/<size> ...`.
  last=$(grep -aE '^#[0-9]+.*cov: ' "$log" | tail -1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")
  execs=$(stat number_of_executed_units)
  total_execs=$((total_execs + ${execs:-0}))
  # Each failing input is written as an artifact: crash-*, leak-*, timeout-*, oom-*.
  crashes=$(grep -ac "^artifact_prefix=.*Test unit written to" "$log" || true)
  printf '%-18s %3s s  executions %9s (%s/s)  cov %5s  ft %6s  corpus %5s  slowest %ss  peak RSS %s MB  crashes %s\n' \
    "$target" "$seconds" "${execs:-?}" "$(stat average_exec_per_sec)" "${cov:-?}" "${ft:-?}" "${corp:-?}" \
    "$(stat slowest_unit_time_sec)" "$(stat peak_rss_mb)" "$crashes"
  # ISCKit, Yams and libyaml give about 70,000 counters; a few thousand means no coverage.
  counters=$(sed -n 's/^INFO: Loaded 1 modules *(\([0-9]*\) inline 8-bit counters.*/\1/p' "$log" | head -1)
  if [ "${counters:-0}" -lt 20000 ]; then
    echo "fuzz.sh: $target has only ${counters:-no} coverage counters: the build is not instrumented" >&2
    failed=1
  fi
  if [ "$status" -ne 0 ] || [ "$crashes" -ne 0 ]; then
    failed=1
    echo "---- $target exited $status; the end of its log:" >&2
    tail -40 "$log" >&2
  fi
done
after=$(find Fixtures/fuzz -type f 2>/dev/null | sort || true)
new=$(comm -13 <(echo "$before") <(echo "$after"))
find Fixtures/fuzz -type d -empty -delete 2>/dev/null || true
end=$(date +%s)
echo "fuzz.sh: $total_execs executions; build $((built - start)) s, fuzzing $((end - built)) s"
if [ -n "$new" ]; then
  echo "fuzz.sh: failing inputs (turn each into a fixture case):" >&2
  echo "$new" >&2
fi
if [ "$failed" -ne 0 ]; then
  echo "fuzz.sh: FAILED" >&2
  exit 1
fi
echo "fuzz.sh: no crash, no sanitizer report"
