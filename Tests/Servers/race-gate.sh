#!/usr/bin/env bash
# Force lost races on a served test repository, deterministically (no timing involved).
#
#   Tests/Servers/race-gate.sh REPO_DIR WRITERS
#
# Installs hooks in the bare repository REPO_DIR (made by new-repo.sh) for WRITERS concurrent
# writers of one branch. The push of every writer is held in pre-receive -- after its pack is
# in, before its ref update -- until every writer still pushing has arrived there; then the first
# to arrive goes through, and the others are held until its update has landed (post-receive).
# Released then, their ref updates find the branch moved and fail ("failed to update ref"): each
# of them has lost a race against the winner, and tries again on the new tip.
#
# So round k (k = 1..WRITERS) has WRITERS-k+1 writers, one winner and WRITERS-k losers, whatever
# the scheduling: the writer that wins round k lost exactly k-1 races, WRITERS*(WRITERS-1)/2 in
# all. A wait longer than 300 s (a writer that never comes: a bug) fails the push with a message.
#
# State: REPO_DIR/race-gate/{round,remaining,arrived} (written atomically: tmp file + mv) under
# flock(1) on REPO_DIR/race-gate/lock. The waits poll these files; the poll interval only
# decides how soon a held push notices, never which push wins or loses.
set -euo pipefail

[ $# -eq 2 ] || { sed -n '4p' "${BASH_SOURCE[0]}" | sed 's/^# //' >&2; exit 2; }
DIR=$(cd "$1" && pwd -P)
WRITERS=$2
[[ "$WRITERS" =~ ^[1-9][0-9]*$ ]] || { echo "race-gate.sh: WRITERS must be a positive number" >&2; exit 2; }
[ -f "$DIR/HEAD" ] || { echo "race-gate.sh: $DIR is not a bare repository" >&2; exit 2; }
command -v flock >/dev/null || { echo "race-gate.sh: flock(1) not found" >&2; exit 1; }

mkdir -p "$DIR/race-gate"
printf '1\n' >"$DIR/race-gate/round"
printf '%s\n' "$WRITERS" >"$DIR/race-gate/remaining"
printf '0\n' >"$DIR/race-gate/arrived"
: >"$DIR/race-gate/lock"

# Shared by both hooks.
cat >"$DIR/hooks/race-gate-lib" <<'EOF'
# Sourced by pre-receive and post-receive (installed by Tests/Servers/race-gate.sh).
gate="$(cd "${GIT_DIR:-.}" && pwd -P)/race-gate"
get() { local v; read -r v <"$gate/$1" || true; printf '%s' "${v:-0}"; }
put() { printf '%s\n' "$2" >"$gate/$1.tmp.$$" && mv -f "$gate/$1.tmp.$$" "$gate/$1"; }
EOF

cat >"$DIR/hooks/pre-receive" <<'EOF'
#!/usr/bin/env bash
# Installed by Tests/Servers/race-gate.sh: hold this push until the round is decided.
. "$(dirname "$0")/race-gate-lib"
cat >/dev/null
exec 9>"$gate/lock"
flock 9
round=$(get round); remaining=$(get remaining); arrived=$(( $(get arrived) + 1 ))
put arrived "$arrived"
flock -u 9
deadline=$((SECONDS + 300))
hold() {
  while ! eval "$1"; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "race-gate: round $round: $2 did not happen within 300 s" >&2
      exit 1
    fi
    sleep 0.05
  done
}
if [ "$arrived" -eq 1 ]; then
  # The winner of this round: goes on once every writer still pushing is held here.
  hold '[ "$(get arrived)" -ge "$remaining" ]' "the arrival of all $remaining writers"
else
  # A loser: goes on once the winner's update has landed, so that its own update fails.
  hold '[ "$(get round)" != "$round" ]' "the winner's update"
fi
exit 0
EOF

cat >"$DIR/hooks/post-receive" <<'EOF'
#!/usr/bin/env bash
# Installed by Tests/Servers/race-gate.sh: log every accepted ref update as "<old> <new> <ref>"
# (as new-repo.sh's hook does), then open the next round.
. "$(dirname "$0")/race-gate-lib"
log="${GIT_DIR:-.}/push.log"
landed=0
while read -r old new ref; do
  printf '%s %s %s\n' "$old" "$new" "$ref" >>"$log"
  landed=1
done
if [ "$landed" = 1 ]; then
  exec 9>"$gate/lock"
  flock 9
  put arrived 0
  put remaining $(( $(get remaining) - 1 ))
  put round $(( $(get round) + 1 ))
  flock -u 9
fi
exit 0
EOF
chmod 755 "$DIR/hooks/pre-receive" "$DIR/hooks/post-receive"
printf '%s\n' "$DIR"
