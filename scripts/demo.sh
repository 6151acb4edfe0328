#!/usr/bin/env bash
# The main job on an embedded default — no account, no network beyond Debian's packages: builds
# iscctl, creates a local bare repository, runs `init`, two `add-runtime`s and an `update-runtime`
# against it, and shows the resulting tree and the install command.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
  export PATH="/opt/swift/usr/bin:$PATH"
fi
scripts/install-deps.sh >/dev/null
build_log=$(mktemp)
if ! swift build -c release --product iscctl >"$build_log" 2>&1; then
  cat "$build_log" >&2
  exit 1
fi
rm -f "$build_log"
iscctl="$(swift build -c release --show-bin-path)/iscctl"

work=${ISC_DEMO_DIR:-$(mktemp -d /tmp/iscctl-demo.XXXXXX)}
repo="$work/isc.git"
rm -rf "$repo"
git init -q --bare --initial-branch=main "$repo"
url="$repo/gitops"          # an absolute path: the repository, then the ISC's path inside it
# iscctl keeps a mirror of each repository it writes (default ~/.cache/iscctl); the demo keeps its
# own beside the demo repository, so that nothing of it stays in your home directory.
export ISC_CACHE_DIR="$work/cache"

run() { printf '\n$ iscctl %s\n' "$*"; "$iscctl" "$@"; }

"$iscctl" --version
run init --repo "$url" --runtime codefresh --account-id 64f0c0ffee0123456789abcd \
  --argocd-token-secret argocd-token:token --git-runtime-token-secret git-runtime:token \
  --chart-version 0.26.3 --argocd-version 3.1 --author-name "Platform Team" --author-email platform@example.com
run add-runtime --repo "$url" --runtime eu1 --namespace argocd --access-mode ingress \
  --ingress-host eu1.gitops.example.com --ingress-class nginx \
  --argocd-auth password --argocd-password-secret argocd-initial-admin-secret:password --json
run add-runtime --repo "$url" --runtime us1 --namespace argocd --access-mode service-mesh \
  --ingress-url https://us1.gitops.example.com --argocd-token-secret argocd-token:token --json
run add-runtime --repo "$url" --runtime us1 --namespace argocd --access-mode service-mesh \
  --ingress-url https://us1.gitops.example.com --argocd-token-secret argocd-token:token --json
run update-runtime --repo "$url" --runtime eu1 --git-runtime-token-secret git-runtime:token --chart-version 0.29.0 --dry-run
run update-runtime --repo "$url" --runtime eu1 --git-runtime-token-secret git-runtime:token --chart-version 0.29.0 --json
run list --repo "$url"
run validate --repo "$url"
run helm-values --repo "$url" --runtime eu1 --format values
run helm-values --repo "$url" --runtime eu1 --format secrets

printf '\nThe repository now holds (git ls-tree -r main):\n'
git --git-dir="$repo" ls-tree -r --name-only main
printf '\nThe account (gitops/isc.yaml) and one runtime'"'"'s entry (gitops/runtimes/eu1/runtime.yaml), layout iscctl/v2:\n'
git --git-dir="$repo" show main:gitops/isc.yaml
echo ---
git --git-dir="$repo" show main:gitops/runtimes/eu1/runtime.yaml
printf '\nHistory:\n'
git --git-dir="$repo" log --format='%h %an: %s' main
printf '\nDemo repository: %s (iscctl'"'"'s mirror of it: %s)\n' "$repo" "$ISC_CACHE_DIR"
