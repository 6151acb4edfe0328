#!/usr/bin/env bash
# Start / stop real Git servers on 127.0.0.1 for iscctl's test suite.
#
#   Tests/Servers/servers.sh start    # (re)create state, start all servers, wait until they answer
#   Tests/Servers/servers.sh stop     # stop exactly the processes `start` started
#   Tests/Servers/servers.sh status   # print which servers are up (exit 0 only if all are)
#
# State dir: $ISC_TEST_SERVERS_DIR, default <repo root>/.test-servers (gitignored).
# After `start`, $STATE/env holds `export KEY=value` lines (see README.md in this folder).
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO_ROOT=$(cd "$SCRIPT_DIR/../.." && pwd -P)

STATE=${ISC_TEST_SERVERS_DIR:-$REPO_ROOT/.test-servers}
case "$STATE" in /*) ;; *) STATE="$PWD/$STATE" ;; esac
STATE=${STATE%/}

MARKER="$STATE/.isc-test-servers"
RUN="$STATE/run"
LOGS="$STATE/logs"
REPOS="$STATE/repos"
TLS="$STATE/tls"
SSHD="$STATE/ssh"
HTTPD="$STATE/http"
BIN="$STATE/bin"
ENV_FILE="$STATE/env"

START_TIMEOUT=${ISC_TEST_SERVERS_TIMEOUT:-15}
PROBE_REPO=_probe

# name:pidfile pairs for everything `start` launches.
SERVERS=(git-daemon lighttpd sshd)

log() { printf 'servers.sh: %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

pidfile_of() { printf '%s/%s.pid' "$RUN" "$1"; }

# The pid from a pid file, if that process is alive and is really ours
# (its command line mentions our state dir). Prints nothing otherwise.
live_pid() {
  local f pid
  f=$(pidfile_of "$1")
  [ -s "$f" ] || return 0
  pid=$(tr -dc '0-9' <"$f")
  [ -n "$pid" ] || return 0
  [ -r "/proc/$pid/cmdline" ] || return 0
  if tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$STATE/"; then
    printf '%s' "$pid"
  fi
}

stop_one() {
  local name=$1 pid
  pid=$(live_pid "$name")
  if [ -n "$pid" ]; then
    # Connection handlers forked by this server (git daemon / sshd children) are ours too.
    pkill -TERM -P "$pid" 2>/dev/null || true
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      [ -d "/proc/$pid" ] || break
      # A zombie (exited, not yet reaped by its parent) counts as gone.
      if [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" = Z ]; then break; fi
      sleep 0.1
    done
    if [ -d "/proc/$pid" ] && [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != Z ]; then
      log "$name (pid $pid) did not stop on SIGTERM; sending SIGKILL"
      pkill -KILL -P "$pid" 2>/dev/null || true
      kill -KILL "$pid" 2>/dev/null || true
    fi
    log "stopped $name (pid $pid)"
  fi
  rm -f "$(pidfile_of "$name")"
}

do_stop() {
  [ -d "$RUN" ] || return 0
  local s
  for s in "${SERVERS[@]}"; do stop_one "$s"; done
  "$SCRIPT_DIR/proxy.sh" stop "$STATE" || true   # the tinyproxy proxies (proxy.sh)
}

do_status() {
  local s pid up=0 total=0 port=""
  if [ -f "$ENV_FILE" ]; then
    # shellcheck disable=SC1090
    . "$ENV_FILE"
  fi
  for s in "${SERVERS[@]}"; do
    total=$((total + 1))
    pid=$(live_pid "$s")
    case "$s" in
      git-daemon) port="git://127.0.0.1:${ISC_TEST_GIT_DAEMON_PORT:-?}" ;;
      lighttpd) port="http://127.0.0.1:${ISC_TEST_HTTP_PORT:-?} https://localhost:${ISC_TEST_HTTPS_PORT:-?}" ;;
      sshd) port="ssh://127.0.0.1:${ISC_TEST_SSH_PORT:-?}" ;;
    esac
    if [ -n "$pid" ]; then
      up=$((up + 1))
      printf '%-11s up    pid %-7s %s\n' "$s" "$pid" "$port"
    else
      printf '%-11s down\n' "$s"
    fi
  done
  printf 'state: %s\n' "$STATE"
  [ "$up" -eq "$total" ]
}

# N distinct TCP ports on 127.0.0.1 that were free a moment ago (the kernel picks them: bound
# together, then released). Another process may take one before a server binds it: `launch`
# notices that for certain (the server fails to bind and says so) and `do_start` tries again
# with new ports. For the test of that retry (ServersScriptTests, which holds ports itself):
# ISC_TEST_SERVERS_PORTS="P1 P2 P3 P4,P1 P2 P3 P4,..." (git daemon, http, https, ssh) replaces
# the pick of attempt 1, 2, ... ($2); later attempts pick as usual.
pick_ports() {
  local given
  if [ -n "${ISC_TEST_SERVERS_PORTS:-}" ] && [ -n "${2:-}" ]; then
    given=$(printf '%s\n' "$ISC_TEST_SERVERS_PORTS" | cut -s -d, -f"$2")
    [ -n "$given" ] || [ "$2" -ne 1 ] || given=$ISC_TEST_SERVERS_PORTS
    if [ -n "$given" ]; then
      printf '%s\n' "$given"
      return 0
    fi
  fi
  local py
  py=$(command -v /usr/bin/python3 || command -v python3) || die "python3 is required"
  "$py" - "$1" <<'PY'
import socket, sys
n = int(sys.argv[1])
socks = []
for _ in range(n):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
for s in socks:
    s.close()
PY
}

print_log() {
  local f=$1
  if [ -s "$f" ]; then
    printf -- '----- %s (last 40 lines) -----\n' "$f" >&2
    tail -n 40 "$f" >&2
    printf -- '----- end %s -----\n' "$f" >&2
  else
    printf -- '----- %s: empty or missing -----\n' "$f" >&2
  fi
}

# Isolated git for probes: no user/system config, no prompts.
probe_git() {
  env GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null GIT_TERMINAL_PROMPT=0 \
    GIT_ASKPASS="$BIN/askpass" GIT_SSH="$BIN/ssh" GIT_SSL_CAINFO="$TLS/ca.pem" \
    timeout 5 git "$@"
}

gen_tls() {
  mkdir -p "$TLS"
  (
    cd "$TLS"
    openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650 \
      -keyout ca.key -out ca.pem -subj "/CN=iscctl test CA" \
      -addext "basicConstraints=critical,CA:TRUE" \
      -addext "keyUsage=critical,keyCertSign,cRLSign" \
      -addext "subjectKeyIdentifier=hash" 2>/dev/null
    openssl req -new -newkey rsa:2048 -nodes -sha256 \
      -keyout server.key -out server.csr -subj "/CN=localhost" 2>/dev/null
    cat >server.ext <<'EXT'
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=DNS:localhost,IP:127.0.0.1
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid
EXT
    openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial \
      -sha256 -days 3650 -extfile server.ext -out server.pem 2>/dev/null
    rm -f server.csr ca.srl
    chmod 600 ca.key server.key
  )
}

gen_ssh() {
  local port=$1 user=$2
  mkdir -p "$SSHD"
  chmod 700 "$SSHD"
  ssh-keygen -q -t ed25519 -N '' -C "iscctl-test-host" -f "$SSHD/ssh_host_ed25519_key"
  ssh-keygen -q -t ed25519 -N '' -C "iscctl-test-wrong-host" -f "$SSHD/wrong_host_ed25519_key"
  ssh-keygen -q -t ed25519 -N '' -C "iscctl-test-client-ed25519" -f "$SSHD/id_ed25519"
  ssh-keygen -q -t ecdsa -b 256 -N '' -C "iscctl-test-client-ecdsa" -f "$SSHD/id_ecdsa"
  cat "$SSHD/id_ed25519.pub" "$SSHD/id_ecdsa.pub" >"$SSHD/authorized_keys"
  chmod 600 "$SSHD/authorized_keys"

  local hostkey wrongkey
  hostkey=$(awk '{print $1" "$2}' "$SSHD/ssh_host_ed25519_key.pub")
  wrongkey=$(awk '{print $1" "$2}' "$SSHD/wrong_host_ed25519_key.pub")
  printf '[127.0.0.1]:%s %s\n' "$port" "$hostkey" >"$SSHD/known_hosts"
  cp "$SSHD/known_hosts" "$SSHD/known_hosts_hashed"
  ssh-keygen -q -H -f "$SSHD/known_hosts_hashed" >/dev/null 2>&1
  rm -f "$SSHD/known_hosts_hashed.old"
  grep -q '^|1|' "$SSHD/known_hosts_hashed" || die "ssh-keygen -H did not hash known_hosts_hashed"
  printf '[127.0.0.1]:%s %s\n' "$port" "$wrongkey" >"$SSHD/known_hosts_wrong"
  rm -f "$SSHD/wrong_host_ed25519_key"   # only its public half is needed

  local permit=no
  [ "$user" = root ] && permit=prohibit-password
  cat >"$SSHD/sshd_config" <<EOF
# Generated by Tests/Servers/servers.sh -- test-only sshd on loopback.
ListenAddress 127.0.0.1
Port $port
AddressFamily inet
HostKey $SSHD/ssh_host_ed25519_key
HostKeyAlgorithms ssh-ed25519
PidFile $RUN/sshd.pid
AuthorizedKeysFile $SSHD/authorized_keys
AllowUsers $user
UsePAM no
StrictModes no
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin $permit
PermitEmptyPasswords no
AllowTcpForwarding no
AllowAgentForwarding no
X11Forwarding no
PermitTTY no
PrintMotd no
PrintLastLog no
UseDNS no
AcceptEnv GIT_PROTOCOL
LogLevel VERBOSE
LoginGraceTime 30
MaxStartups 200
MaxSessions 50
EOF

  # ssh wrapper for the git CLI (GIT_SSH=$BIN/ssh; basename "ssh" keeps git's OpenSSH handling).
  mkdir -p "$BIN"
  cat >"$BIN/ssh" <<EOF
#!/bin/sh
# ssh for the test sshd: test key, test known_hosts, no user config, no agent.
exec ssh -F /dev/null -i "\${ISC_TEST_SSH_IDENTITY:-$SSHD/id_ed25519}" -o IdentitiesOnly=yes \\
  -o IdentityAgent=none -o UserKnownHostsFile="\${ISC_TEST_SSH_KNOWN_HOSTS_FILE:-$SSHD/known_hosts}" \\
  -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes -o BatchMode=yes \\
  -o ConnectTimeout=10 -o LogLevel=ERROR "\$@"
EOF
  chmod 755 "$BIN/ssh"
}

gen_http() {
  local http_port=$1 https_port=$2 user=$3 token=$4
  mkdir -p "$HTTPD/tmp" "$HTTPD/docroot"
  printf '%s:%s\n' "$user" "$token" >"$HTTPD/users"
  chmod 600 "$HTTPD/users"
  local backend
  backend="$(git --exec-path)/git-http-backend"
  [ -x "$backend" ] || die "git-http-backend not found at $backend"
  cat >"$HTTPD/lighttpd.conf" <<EOF
# Generated by Tests/Servers/servers.sh -- git smart HTTP(S) on loopback, Basic auth everywhere.
server.modules = (
  "mod_alias",
  "mod_setenv",
  "mod_auth",
  "mod_authn_file",
  "mod_cgi",
  "mod_openssl",
  "mod_accesslog",
)
server.bind = "127.0.0.1"
server.port = $http_port
server.document-root = "$HTTPD/docroot"
server.pid-file = "$RUN/lighttpd.pid"
server.errorlog = "$LOGS/lighttpd-error.log"
accesslog.filename = "$LOGS/lighttpd-access.log"
# Per request: client, time, request line, status, bytes received (request line, headers and
# body) and bytes sent (headers and body) -- Benchmarks/run sums the last two per run.
accesslog.format = "%h %t \\"%r\\" %>s %I %O"
server.upload-dirs = ( "$HTTPD/tmp" )
server.max-request-size = 0
server.max-connections = 512
server.max-keep-alive-idle = 5
server.tag = "iscctl-test"
# HTTP/1.1 only, like libgit2. (Also: with HTTP/2, lighttpd 1.4.69 resets a CGI request whose
# body has no content-length -- the git CLI's large pushes over https fail with curl error 92.)
server.feature-flags = ( "server.h2proto" => "disable" )

\$SERVER["socket"] == "127.0.0.1:$https_port" {
  ssl.engine = "enable"
  ssl.pemfile = "$TLS/server.pem"
  ssl.privkey = "$TLS/server.key"
}

auth.backend = "plain"
auth.backend.plain.userfile = "$HTTPD/users"
auth.require = ( "/" => (
  "method" => "basic",
  "realm" => "iscctl-test",
  "require" => "valid-user",
) )

# Every URL goes to git-http-backend; the URL path becomes PATH_INFO.
alias.url = ( "/" => "$backend/" )
cgi.assign = ( "" => "" )
setenv.add-environment = (
  "GIT_PROJECT_ROOT" => "$REPOS",
  "GIT_HTTP_EXPORT_ALL" => "1",
  "GIT_HTTP_MAX_REQUEST_BUFFER" => "100M",
  "PATH" => "/usr/local/bin:/usr/bin:/bin",
  "HOME" => "$HTTPD",
)
EOF

  if [ -n "${ISC_TEST_HTTP_DEBUG:-}" ]; then
    # Log every request's headers to lighttpd-error.log (e.g. to see Transfer-Encoding: chunked).
    printf 'debug.log-request-header = "enable"\n' >>"$HTTPD/lighttpd.conf"
  fi

  cat >"$BIN/askpass" <<EOF
#!/bin/sh
# GIT_ASKPASS for the test HTTP servers.
case "\$1" in
  Username*) printf '%s\n' "\${ISC_TEST_HTTP_USER_OVERRIDE:-$user}" ;;
  *) printf '%s\n' "\${ISC_TEST_HTTP_TOKEN_OVERRIDE:-$token}" ;;
esac
EOF
  chmod 755 "$BIN/askpass"
}

write_env() {
  local gd_port=$1 http_port=$2 https_port=$3 ssh_port=$4 user=$5 token=$6 ssh_user=$7
  local fp
  fp=$(ssh-keygen -l -E sha256 -f "$SSHD/ssh_host_ed25519_key.pub" | awk '{print $2}')
  local tmp="$ENV_FILE.tmp"
  # Only `export KEY=value` lines (no comments, quotes or spaces): simple parsers read it too.
  {
    echo "export ISC_TEST_STATE=$STATE"
    echo "export ISC_TEST_REPOS=$REPOS"
    echo "export ISC_TEST_GIT_DAEMON_URL=git://127.0.0.1:$gd_port/"
    echo "export ISC_TEST_GIT_DAEMON_PORT=$gd_port"
    echo "export ISC_TEST_HTTP_URL=http://127.0.0.1:$http_port/"
    echo "export ISC_TEST_HTTP_PORT=$http_port"
    echo "export ISC_TEST_HTTPS_URL=https://localhost:$https_port/"
    echo "export ISC_TEST_HTTPS_PORT=$https_port"
    echo "export ISC_TEST_SSH_URL=ssh://$ssh_user@127.0.0.1:$ssh_port$REPOS/"
    echo "export ISC_TEST_SSH_HOST=127.0.0.1"
    echo "export ISC_TEST_SSH_PORT=$ssh_port"
    echo "export ISC_TEST_SSH_USER=$ssh_user"
    echo "export ISC_TEST_SSH_KEY=$SSHD/id_ed25519"
    echo "export ISC_TEST_SSH_ECDSA_KEY=$SSHD/id_ecdsa"
    echo "export ISC_TEST_SSH_HOST_KEY_SHA256=$fp"
    echo "export ISC_TEST_KNOWN_HOSTS=$SSHD/known_hosts"
    echo "export ISC_TEST_KNOWN_HOSTS_HASHED=$SSHD/known_hosts_hashed"
    echo "export ISC_TEST_KNOWN_HOSTS_WRONG=$SSHD/known_hosts_wrong"
    echo "export ISC_TEST_FILE_URL=file://$REPOS/"
    echo "export ISC_TEST_CA_FILE=$TLS/ca.pem"
    echo "export ISC_TEST_HTTP_USER=$user"
    echo "export ISC_TEST_HTTP_TOKEN=$token"
    echo "export ISC_TEST_GIT_ASKPASS=$BIN/askpass"
    echo "export ISC_TEST_GIT_SSH=$BIN/ssh"
  } >"$tmp"
  chmod 600 "$tmp"
  mv "$tmp" "$ENV_FILE"
}

# Exit status of `launch` when a server could not bind its port (taken by another process since
# pick_ports saw it free): `do_start` tries again with new ports.
PORT_TAKEN=75
BIND_FAILED='Address already in use|unable to allocate any listen sockets|Cannot bind any address|can.t bind to socket'

# Waits until the server with pid $1 says in its log $2 that it listens (fixed text $3), or has
# ended. 0: it listens (it holds its port); 1: it ended without listening. Nothing here depends
# on timing: the poll interval only decides how soon the answer is seen (120 s: a hang guard).
wait_listening() {
  local pid=$1 logf=$2 text=$3 deadline=$((SECONDS + 120))
  while :; do
    grep -qF -- "$text" "$logf" 2>/dev/null && return 0
    if [ ! -d "/proc/$pid" ] || [ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" = Z ]; then
      grep -qF -- "$text" "$logf" 2>/dev/null && return 0
      return 1
    fi
    [ "$SECONDS" -lt "$deadline" ] || { log "pid $pid did not say '$text' within 120s"; return 1; }
    sleep 0.05
  done
}

# A server that did not start: PORT_TAKEN when its log says its port was taken, else 1.
start_failed() {
  local name=$1 f; shift
  for f in "$@"; do
    if grep -qsE "$BIND_FAILED" "$f"; then
      log "$name: $(grep -hsE "$BIND_FAILED" "$f" | tr '\n' ' ')"
      return "$PORT_TAKEN"
    fi
  done
  for f in "$@"; do print_log "$f"; done
  return 1
}

# Starts the three servers; returns only once each holds its ports for certain (each says so,
# or exits non-zero when it cannot bind): 0, PORT_TAKEN or 1.
launch() {
  local gd_port=$1 ssh_port=$2
  # git daemon: stays in the foreground of its own session; stdio to its log; with --verbose it
  # logs "Ready to rumble" once it listens, and exits when it cannot bind.
  # Run git-daemon itself (not the `git` wrapper) so the pid file names the only process.
  setsid "$(git --exec-path)/git-daemon" --listen=127.0.0.1 --port="$gd_port" --reuseaddr \
    --base-path="$REPOS" --export-all --enable=receive-pack --informative-errors \
    --max-connections=0 --verbose --pid-file="$RUN/git-daemon.pid" "$REPOS" \
    </dev/null >>"$LOGS/git-daemon.log" 2>&1 &
  local gd_pid=$!
  # Before anything else starts: a failed start stops what runs by its pid file, and git daemon
  # has written its own once it listens.
  if ! wait_listening "$gd_pid" "$LOGS/git-daemon.log" "Ready to rumble"; then
    start_failed git-daemon "$LOGS/git-daemon.log"
    return
  fi

  # lighttpd binds its sockets, then daemonizes; it exits non-zero when it cannot bind.
  if ! lighttpd -f "$HTTPD/lighttpd.conf" </dev/null >>"$LOGS/lighttpd-start.log" 2>&1; then
    start_failed lighttpd "$LOGS/lighttpd-start.log" "$LOGS/lighttpd-error.log"
    return
  fi

  # sshd -D: in the foreground of its own session (its pid is $!, and it writes the pid file
  # once it listens); it logs "Server listening on ..." or exits with "Cannot bind any address".
  mkdir -p /run/sshd
  chmod 755 /run/sshd 2>/dev/null || true
  setsid /usr/sbin/sshd -D -f "$SSHD/sshd_config" -E "$LOGS/sshd.log" </dev/null >>"$LOGS/sshd-start.log" 2>&1 &
  local ssh_pid=$!

  if ! wait_listening "$ssh_pid" "$LOGS/sshd.log" "Server listening on 127.0.0.1 port $ssh_port."; then
    start_failed sshd "$LOGS/sshd-start.log" "$LOGS/sshd.log"
    return
  fi
}

# Poll every transport until `git ls-remote` on the probe repo works.
wait_ready() {
  local gd_port=$1 http_port=$2 https_port=$3 ssh_port=$4 ssh_user=$5
  local -A url=(
    [git-daemon]="git://127.0.0.1:$gd_port/$PROBE_REPO.git"
    [http]="http://127.0.0.1:$http_port/$PROBE_REPO.git"
    [https]="https://localhost:$https_port/$PROBE_REPO.git"
    [ssh]="ssh://$ssh_user@127.0.0.1:$ssh_port$REPOS/$PROBE_REPO.git"
  )
  local -A logf=(
    [git-daemon]="$LOGS/git-daemon.log"
    [http]="$LOGS/lighttpd-start.log $LOGS/lighttpd-error.log"
    [https]="$LOGS/lighttpd-start.log $LOGS/lighttpd-error.log"
    [ssh]="$LOGS/sshd-start.log $LOGS/sshd.log"
  )
  local -A ready=()
  local deadline=$((SECONDS + START_TIMEOUT)) k pending
  while :; do
    pending=0
    for k in git-daemon http https ssh; do
      [ -n "${ready[$k]:-}" ] && continue
      if probe_git ls-remote "${url[$k]}" >"$LOGS/probe-$k.log" 2>&1 \
         && grep -q 'refs/heads/main' "$LOGS/probe-$k.log"; then
        ready[$k]=1
      else
        pending=$((pending + 1))
      fi
    done
    [ "$pending" -eq 0 ] && return 0
    if [ "$SECONDS" -ge "$deadline" ]; then
      for k in git-daemon http https ssh; do
        [ -n "${ready[$k]:-}" ] && continue
        log "$k did not answer within ${START_TIMEOUT}s: git ls-remote ${url[$k]}"
        print_log "$LOGS/probe-$k.log"
        local f
        for f in ${logf[$k]}; do print_log "$f"; done
      done
      return 1
    fi
    sleep 0.2
  done
}

do_start() {
  local t0=$SECONDS attempt rc
  precheck
  # A port taken by someone else between pick_ports and the bind is seen for certain (launch
  # returns PORT_TAKEN); only then is the start repeated, with new ports.
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    rc=0
    set +e
    ( set -e; start_once "$attempt" )
    rc=$?
    set -e
    if [ "$rc" -eq 0 ]; then
      log "all servers up in $((SECONDS - t0))s (state: $STATE)"
      log "  env: $ENV_FILE"
      return 0
    fi
    do_stop
    if [ "$rc" -eq "$PORT_TAKEN" ]; then
      log "attempt $attempt: a port was taken before the server bound it; again with new ports"
      continue
    fi
    break
  done
  die "servers did not come up (state: $STATE)"
}

precheck() {
  [[ "$STATE" =~ ^[A-Za-z0-9._/+-]+$ ]] \
    || die "state dir '$STATE' must not contain spaces or special characters (set ISC_TEST_SERVERS_DIR)"
  local c
  for c in git lighttpd /usr/sbin/sshd ssh ssh-keygen openssl setsid timeout pkill; do
    command -v "$c" >/dev/null 2>&1 || die "'$c' not found; run scripts/install-deps.sh"
  done

  if [ -d "$STATE" ] && [ ! -e "$MARKER" ] && [ -n "$(ls -A "$STATE" 2>/dev/null)" ]; then
    die "$STATE exists, is not empty and was not made by servers.sh; refusing to touch it"
  fi
}

start_once() {
  # Starting twice: stop the previous servers of this state dir first.
  do_stop

  # Fresh state each start (only what this script creates); the test CA and certificate (slow to
  # make, and independent of the ports) are kept for a second attempt of the same start.
  [ "${1:-1}" -gt 1 ] && [ -s "$TLS/server.pem" ] || rm -rf "$TLS"
  rm -rf "$RUN" "$LOGS" "$REPOS" "$SSHD" "$HTTPD" "$BIN" "$ENV_FILE"
  mkdir -p "$STATE"
  : >"$MARKER"
  mkdir -p "$RUN" "$LOGS" "$REPOS" "$BIN"

  local user ssh_user token
  user=isc
  ssh_user=$(id -un)
  token="isc-canary-$(openssl rand -hex 16)"

  local tls_pid=""
  if [ ! -s "$TLS/server.pem" ]; then
    gen_tls &
    tls_pid=$!
  fi

  local ports gd_port http_port https_port ssh_port
  ports=$(pick_ports 4 "${1:-}")
  read -r gd_port http_port https_port ssh_port <<<"$ports"

  gen_ssh "$ssh_port" "$ssh_user"
  [ -z "$tls_pid" ] || wait "$tls_pid" || die "test CA / certificate generation failed"
  gen_http "$http_port" "$https_port" "$user" "$token"
  write_env "$gd_port" "$http_port" "$https_port" "$ssh_port" "$user" "$token" "$ssh_user"

  ISC_TEST_SERVERS_DIR="$STATE" "$SCRIPT_DIR/new-repo.sh" "$PROBE_REPO" --with-commit main >/dev/null

  mkdir -p /run/sshd
  /usr/sbin/sshd -t -f "$SSHD/sshd_config" >"$LOGS/sshd-check.log" 2>&1 \
    || { print_log "$LOGS/sshd-check.log"; die "sshd_config is invalid"; }

  local rc=0
  launch "$gd_port" "$ssh_port" || rc=$?
  if [ "$rc" -ne 0 ]; then
    do_stop
    return "$rc"
  fi
  if ! wait_ready "$gd_port" "$http_port" "$https_port" "$ssh_port" "$ssh_user"; then
    do_stop
    return 1
  fi
  # Two HTTP proxies (open, Basic auth); they add their keys to the env file.
  "$SCRIPT_DIR/proxy.sh" start "$STATE" || { do_stop; return 1; }
  log "git://127.0.0.1:$gd_port/  http://127.0.0.1:$http_port/  https://localhost:$https_port/  ssh://127.0.0.1:$ssh_port"
}

case "${1:-}" in
  start) do_start ;;
  stop) do_stop ;;
  restart) do_stop; do_start ;;
  status) do_status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
