#!/usr/bin/env bash
# Benchmarks with printed figures (no timing assertions in the test suite):
#   - iscctl write-files changing 2 files in a repository of 50,000 files, over file:// and https
#   - iscctl init / add-runtime / list on a local bare repository
#   - 8 concurrent add-runtimes over https
# Each figure: wall-clock seconds and the peak RSS of the iscctl process.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then export PATH="/opt/swift/usr/bin:$PATH"; fi
scripts/install-deps.sh >/dev/null
swift build -c release --product iscctl >/dev/null
iscctl="$(swift build -c release --show-bin-path)/iscctl"

work=$(mktemp -d /tmp/iscctl-bench.XXXXXX)
export ISC_TEST_SERVERS_DIR="$work/servers"
Tests/Servers/servers.sh start >/dev/null 2>&1
trap 'Tests/Servers/servers.sh stop >/dev/null 2>&1; rm -rf "$work"' EXIT
# shellcheck disable=SC1091
. "$ISC_TEST_SERVERS_DIR/env"
export ISC_GIT_TOKEN=$ISC_TEST_HTTP_TOKEN ISC_GIT_USER=$ISC_TEST_HTTP_USER HOME="$work/home"
mkdir -p "$HOME"

# measure LABEL CMD...: runs CMD, prints wall seconds and the child's peak RSS.
measure() {
  local label=$1; shift
  python3 - "$label" "$@" <<'PY'
import resource, subprocess, sys, time
label, cmd = sys.argv[1], sys.argv[2:]
start = time.monotonic()
result = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
elapsed = time.monotonic() - start
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
if result.returncode != 0:
    sys.exit(f"{label}: exit {result.returncode}: {result.stderr.decode().strip()}")
print(f"{label:<58} {elapsed:7.2f} s   peak RSS {rss:6.1f} MiB")
PY
}

# A repository of 50,000 files in 50 folders, made with git fast-import.
big="$ISC_TEST_REPOS/big.git"
git init -q --bare --initial-branch=main "$big"
python3 - <<'PY' | git --git-dir="$big" fast-import --quiet
import sys
out = sys.stdout
out.write("commit refs/heads/main\ncommitter bench <bench@example.com> 0 +0000\ndata 4\nbig\n")
for i in range(50000):
    body = f"apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: cm{i}}}\n"
    out.write(f"M 100644 inline apps/team{i // 1000}/cm{i}.yaml\ndata {len(body)}\n{body}\n")
PY
echo "repository: $(git --git-dir="$big" ls-tree -r main | wc -l) files, $(du -sh "$big" | cut -f1) on disk"
echo
n=0
for url in "file://$big" "${ISC_TEST_HTTPS_URL}big.git"; do
  n=$((n + 1))
  measure "write-files 2 files / 50k-file repo ($(echo "$url" | cut -d: -f1)) #1" \
    "$iscctl" write-files --repo "$url" --provider git --ca-file "$ISC_TEST_CA_FILE" --put "apps/team7/cm7001.yaml=changed $n" --put "new/file$n.txt=x"
  measure "write-files 2 files / 50k-file repo ($(echo "$url" | cut -d: -f1)) #2" \
    "$iscctl" write-files --repo "$url" --provider git --ca-file "$ISC_TEST_CA_FILE" --put "apps/team8/cm8001.yaml=changed $n" --put "new/other$n.txt=x"
done
echo

small="$work/isc.git"
git init -q --bare --initial-branch=main "$small"
runtime=(--account-id acc1 --argocd-token-secret argocd-token:token)
measure "init (file://)" "$iscctl" init --repo "$small/gitops" "${runtime[@]}"
measure "add-runtime (file://)" "$iscctl" add-runtime --repo "$small/gitops" --runtime eu1 "${runtime[@]}"
measure "add-runtime again, no change (file://)" "$iscctl" add-runtime --repo "$small/gitops" --runtime eu1 "${runtime[@]}"
measure "list (file://)" "$iscctl" list --repo "$small/gitops"
Tests/Servers/new-repo.sh race --empty >/dev/null
https=("${ISC_TEST_HTTPS_URL}race.git" --provider git --ca-file "$ISC_TEST_CA_FILE")
measure "init (https)" "$iscctl" init --repo "${https[@]}" "${runtime[@]}"
start=$(date +%s.%N)
for i in 1 2 3 4 5 6 7 8; do
  "$iscctl" add-runtime --repo "${https[@]}" --runtime "r$i" "${runtime[@]}" --retries 12 --json >"$work/race.$i" 2>&1 &
done
wait
end=$(date +%s.%N)
retries=$(python3 -c "import json,sys; print(sum(json.load(open(f))['retries'] for f in sys.argv[1:]))" "$work"/race.*)
printf '%-58s %7.2f s   %d retries in all, %d runtimes registered\n' "8 concurrent add-runtimes (https)" \
  "$(echo "$end - $start" | bc)" "$retries" "$(git --git-dir="$ISC_TEST_REPOS/race.git" show main:isc.yaml | grep -c '^  - name:')"

echo
echo "In-process handle check: repeated clone/commit/push/list/fetch cycles, RSS sampled (KiB):"
ISC_GITLAYER_SOAK_CYCLES=${ISC_BENCH_SOAK_CYCLES:-200} ISC_GITLAYER_SOAK_TRANSPORTS=${ISC_BENCH_SOAK_TRANSPORTS:-file,https,git} \
  swift test --disable-xctest --filter GitLayerSoak 2>&1 | grep '^GitLayer soak' || true
echo
echo "Git layer, 50,000-file tree (debug build):"
swift test --disable-xctest --filter GitLayerLargeTree 2>&1 | grep '^GitLayer large tree' || true
