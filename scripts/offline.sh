#!/usr/bin/env bash
# Run a command with no network but loopback: in a new network namespace (unshare -n) whose
# only interface, lo (127.0.0.1, ::1), is brought up. Anything that tries to reach another host
# fails at once ("Network is unreachable"; names other than localhost do not resolve).
#
#   scripts/offline.sh COMMAND [ARG...]    # exit status of COMMAND
#   scripts/offline.sh --check             # exit 0 if this machine can do it (root), else 1
#
# Needs the right to make a network namespace (root, or CAP_SYS_ADMIN); util-linux's unshare.
set -euo pipefail

if [ "${1:-}" = --check ]; then
  unshare -n true 2>/dev/null
  exit
fi
[ $# -gt 0 ] || { sed -n '5,6p' "${BASH_SOURCE[0]}" | sed 's/^# //' >&2; exit 2; }

exec unshare -n bash -c '
  set -euo pipefail
  if command -v ip >/dev/null 2>&1; then
    ip link set lo up
  else
    # No iproute2: SIOCGIFFLAGS / SIOCSIFFLAGS with IFF_UP on lo.
    python3 -c "
import fcntl, socket, struct
s = socket.socket()
flags = struct.unpack(\"16sH\", fcntl.ioctl(s, 0x8913, struct.pack(\"16sH\", b\"lo\", 0)))[1]
fcntl.ioctl(s, 0x8914, struct.pack(\"16sH\", b\"lo\", flags | 1))
"
  fi
  exec "$@"
' offline "$@"
