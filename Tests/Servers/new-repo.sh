#!/usr/bin/env bash
# Create a bare test repository served by every test server.
#
#   Tests/Servers/new-repo.sh NAME [--empty | --with-commit BRANCH] [--default-branch B] [--force]
#
# Creates $ISC_TEST_REPOS/NAME.git (NAME may contain '/'), prints its absolute path.
#   --empty               no commits (default)
#   --with-commit BRANCH  one commit with README.md on BRANCH
#   --default-branch B    HEAD -> refs/heads/B (default: main)
#   --force               replace an existing repository of that name
# Every accepted ref update is appended to NAME.git/push.log as "<old> <new> <ref>".
#
# Finds the servers' env file at $ISC_TEST_SERVERS_DIR/env, else uses $ISC_TEST_REPOS if set,
# else <repo root>/.test-servers/env.
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd -P)

usage() {
  sed -n '3,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}
die() { printf 'new-repo.sh: ERROR: %s\n' "$*" >&2; exit 1; }

NAME=""
BRANCH=""
DEFAULT_BRANCH=main
FORCE=0
while [ $# -gt 0 ]; do
  case "$1" in
    --empty) BRANCH="" ;;
    --with-commit) [ $# -ge 2 ] || usage; BRANCH=$2; shift ;;
    --with-commit=*) BRANCH=${1#*=} ;;
    --default-branch) [ $# -ge 2 ] || usage; DEFAULT_BRANCH=$2; shift ;;
    --default-branch=*) DEFAULT_BRANCH=${1#*=} ;;
    --force) FORCE=1 ;;
    -h|--help) usage ;;
    -*) echo "new-repo.sh: unknown option $1" >&2; usage ;;
    *) [ -z "$NAME" ] || usage; NAME=$1 ;;
  esac
  shift
done
[ -n "$NAME" ] || usage

NAME=${NAME%.git}
[[ "$NAME" =~ ^[A-Za-z0-9._][A-Za-z0-9._/-]*$ ]] || die "invalid repository name '$NAME'"
case "/$NAME/" in */../*|*/./*|*//*) die "invalid repository name '$NAME'" ;; esac

# Locate the repos base dir.
REPOS=""
if [ -n "${ISC_TEST_SERVERS_DIR:-}" ]; then
  ENV_FILE="$ISC_TEST_SERVERS_DIR/env"
elif [ -n "${ISC_TEST_REPOS:-}" ]; then
  ENV_FILE=""
  REPOS=$ISC_TEST_REPOS
else
  ENV_FILE="$REPO_ROOT/.test-servers/env"
fi
if [ -n "$ENV_FILE" ]; then
  [ -f "$ENV_FILE" ] || die "$ENV_FILE not found; run Tests/Servers/servers.sh start first"
  REPOS=$(sed -n 's/^\(export \)\{0,1\}ISC_TEST_REPOS=//p' "$ENV_FILE" | tail -n 1)
fi
[ -n "$REPOS" ] && [ -d "$REPOS" ] || die "repos dir '$REPOS' does not exist"

# Plain git, independent of the caller's config and of any repository we may be inside.
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES \
      GIT_COMMON_DIR GIT_NAMESPACE
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null

git check-ref-format "refs/heads/$DEFAULT_BRANCH" || die "invalid branch name '$DEFAULT_BRANCH'"
[ -z "$BRANCH" ] || git check-ref-format "refs/heads/$BRANCH" || die "invalid branch name '$BRANCH'"

DIR="$REPOS/$NAME.git"
if [ -e "$DIR" ]; then
  [ "$FORCE" = 1 ] || die "$DIR already exists (use --force to replace it)"
  rm -rf "$DIR"
fi
mkdir -p "$(dirname "$DIR")"

g() { git --git-dir="$DIR" "$@"; }

git init -q --bare --template= --initial-branch="$DEFAULT_BRANCH" "$DIR"
g config core.logAllRefUpdates true
g config receive.denyNonFastForwards true
g config receive.denyDeletes true
g config http.receivepack true
g symbolic-ref HEAD "refs/heads/$DEFAULT_BRANCH"

mkdir -p "$DIR/hooks"
cat >"$DIR/hooks/post-receive" <<'EOF'
#!/bin/sh
# Installed by Tests/Servers/new-repo.sh: log every accepted ref update as "<old> <new> <ref>".
log="${GIT_DIR:-.}/push.log"
while read -r old new ref; do
  printf '%s %s %s\n' "$old" "$new" "$ref" >>"$log"
done
exit 0
EOF
chmod 755 "$DIR/hooks/post-receive"
: >"$DIR/push.log"
touch "$DIR/git-daemon-export-ok"

if [ -n "$BRANCH" ]; then
  export GIT_AUTHOR_NAME="iscctl test" GIT_AUTHOR_EMAIL="test@iscctl.invalid" \
         GIT_COMMITTER_NAME="iscctl test" GIT_COMMITTER_EMAIL="test@iscctl.invalid" \
         GIT_AUTHOR_DATE="2024-01-01T00:00:00Z" GIT_COMMITTER_DATE="2024-01-01T00:00:00Z"
  blob=$(printf '# %s\n\nTest repository created by Tests/Servers/new-repo.sh.\n' "$NAME" \
         | g hash-object -w --stdin)
  tree=$(printf '100644 blob %s\tREADME.md\n' "$blob" | g mktree)
  commit=$(g commit-tree "$tree" -m "Initial commit")
  g update-ref -m "new-repo.sh: initial commit" "refs/heads/$BRANCH" "$commit" ""
fi

printf '%s\n' "$DIR"
