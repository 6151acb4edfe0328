#!/usr/bin/env bash
# What a user would script with the git CLI instead of `iscctl add-runtime`: clone, write the new
# runtime's files (copied from files iscctl wrote for a template runtime, with the name
# replaced), commit, push. Benchmarks/run times it against iscctl.
#
#   Benchmarks/git-add-runtime.sh shallow|sparse|full URL NAME DIR TEMPLATE_DIR
#
#   shallow  git clone --depth 1 --single-branch --branch main
#   sparse   git clone --filter=blob:none --sparse --depth 1 --single-branch --branch main,
#            then git sparse-checkout set runtimes (resources/runtimes/NAME/.keep is written
#            outside the sparse cone: git add --sparse)
#   full     git clone --single-branch --branch main (all history)
#
# TEMPLATE_DIR is what `isc_bench.py template` wrote: template.json and runtime/<files of the
# template runtime>. Credentials come from git's credential helper, the CA from GIT_SSL_CAINFO:
# nothing secret is on the command line.
set -euo pipefail
[ $# -eq 5 ] || { sed -n '2,16p' "$0" >&2; exit 2; }
mode=$1 url=$2 name=$3 dir=$4 template=$5
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
tname=$(sed -n 's/^ *"name": "\(.*\)",$/\1/p' "$template/template.json")
layout=$(sed -n 's/^ *"layout": "\(.*\)",$/\1/p' "$template/template.json")

add=(git add)
case "$mode" in
  shallow) git clone -q --depth 1 --single-branch --branch main "$url" "$dir" ;;
  sparse)
    git clone -q --filter=blob:none --sparse --depth 1 --single-branch --branch main "$url" "$dir"
    # A server that does not allow filters silently sends everything: that is not this pipeline.
    [ "$(git -C "$dir" config --get remote.origin.promisor || true)" = true ] \
      || { echo "git-add-runtime.sh: the server ignored --filter=blob:none" >&2; exit 1; }
    git -C "$dir" sparse-checkout set runtimes
    add=(git add --sparse)
    ;;
  full) git clone -q --single-branch --branch main "$url" "$dir" ;;
  *) echo "git-add-runtime.sh: unknown mode $mode" >&2; exit 2 ;;
esac
cd "$dir"
if [ -e "runtimes/$name" ]; then
  echo "git-add-runtime.sh: runtime $name exists already" >&2
  exit 3
fi

# The runtime's own files: the template runtime's, with its name replaced.
paths=()
while IFS= read -r -d '' src; do
  rel=${src#"$template/runtime/"}
  dest=$(printf '/%s' "$rel" | sed "s#/$tname/#/$name/#g")
  dest=${dest#/}
  mkdir -p "$(dirname "$dest")"
  sed "s/$tname/$name/g" "$src" >"$dest"
  paths+=("$dest")
done < <(find "$template/runtime" -type f -print0)

if [ "$layout" = v1 ]; then
  # Layout v1 also lists every runtime in isc.yaml (a user would reach for yq here).
  python3 "$here/isc_bench.py" add-registry-entry --template "$template" --registry isc.yaml --name "$name"
  paths+=(isc.yaml)
fi

"${add[@]}" -- "${paths[@]}"
git commit -q -m "Add runtime $name"
git push -q origin main
