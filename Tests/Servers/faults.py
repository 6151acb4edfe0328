#!/usr/bin/env python3
"""Misbehaving Git servers for iscctl's fault tests: one mode per port, on 127.0.0.1.

    faults.py --upstream http://127.0.0.1:P/ --cert server.pem --key server.key --log FILE

prints one JSON line {"mode": port, ...} once every port listens, then serves until killed.
Modes (plain HTTP unless marked TLS, which use the test servers' certificate, CN=localhost):

  stall            accepts, reads the request, never answers
  status500        answers every request "500 Internal Server Error"
  garbage          answers every request with bytes that are not HTTP, then closes
  garbage-pkt      answers "200 OK" with the right content type and a body that is not pkt-lines
  redirect-loop    answers every request with a 302 to the same origin, alternating two paths
  redirect-away    TLS; answers with a 302 to the same path on the auth401 port (another origin)
  auth401          TLS; answers 401 (Basic) to everything; logs "auth401 connection" per
                   connection and "auth401 authorization" per request that carried credentials
  proxy-drop-fetch forwards to --upstream (the real smart-HTTP server); the response to
                   POST git-upload-pack is cut after DROP_AFTER bytes of its body (mid-pack)
  proxy-eof-fetch  as proxy-drop-fetch, but ends the connection with a clean close (FIN), not a reset
  proxy-drop-push  forwards; POST git-receive-pack: reads the headers and DROP_AFTER bytes of the
                   body, then closes without forwarding it (nothing reaches the server)
  proxy-500-push   forwards; POST git-receive-pack: reads it whole, answers 500, forwards nothing
  proxy-stall-push forwards; POST git-receive-pack: reads it whole, never answers

Every connection handled is logged as "<mode> <method> <path>" (never a header value).
"""
import argparse
import json
import os
import socket
import ssl
import sys
import threading

DROP_AFTER = 2048
MODES = ["stall", "status500", "garbage", "garbage-pkt", "redirect-loop", "redirect-away", "auth401",
         "proxy-drop-fetch", "proxy-eof-fetch", "proxy-drop-push", "proxy-500-push", "proxy-stall-push"]
TLS_MODES = {"redirect-away", "auth401"}

log_lock = threading.Lock()
held = []  # connections kept open by the stalling modes


def log(args, line):
    with log_lock:
        with open(args.log, "a") as f:
            f.write(line + "\n")


def read_line(f):
    line = f.readline(65537)
    if not line:
        raise EOFError
    return line


def read_request(f):
    """Reads one request: (method, path, header lines as raw bytes, raw body or None if not read)."""
    request_line = read_line(f)
    headers = []
    while True:
        line = read_line(f)
        if line in (b"\r\n", b"\n"):
            break
        headers.append(line)
    parts = request_line.decode("latin-1").split()
    method, path = (parts[0], parts[1]) if len(parts) >= 2 else ("?", "?")
    return request_line, method, path, headers


def header(headers, name):
    prefix = name.lower().encode() + b":"
    for line in headers:
        if line.lower().startswith(prefix):
            return line.split(b":", 1)[1].strip().decode("latin-1")
    return None


def read_body(f, headers, limit=None):
    """The raw body (with its chunked framing); stops after `limit` bytes if given."""
    out = bytearray()
    length = header(headers, "Content-Length")
    if length is not None:
        n = int(length)
        while len(out) < n and (limit is None or len(out) < limit):
            chunk = f.read(min(65536, n - len(out)))
            if not chunk:
                raise EOFError
            out += chunk
        return bytes(out)
    if (header(headers, "Transfer-Encoding") or "").lower() == "chunked":
        while limit is None or len(out) < limit:
            size_line = read_line(f)
            out += size_line
            size = int(size_line.split(b";")[0].strip(), 16)
            if size == 0:
                while True:
                    trailer = read_line(f)
                    out += trailer
                    if trailer in (b"\r\n", b"\n"):
                        return bytes(out)
            data = f.read(size + 2)
            if len(data) < size + 2:
                raise EOFError
            out += data
        return bytes(out)
    return b""


def send(conn, status, reason, headers=(), body=b""):
    lines = ["HTTP/1.1 %d %s" % (status, reason)] + list(headers) + ["Content-Length: %d" % len(body), "Connection: close"]
    conn.sendall(("\r\n".join(lines) + "\r\n\r\n").encode() + body)


def forward(args, request_line, headers, body):
    """Sends the request to the upstream server with Connection: close; returns the raw response."""
    host, port = args.upstream_host, args.upstream_port
    upstream = socket.create_connection((host, port), timeout=30)
    try:
        kept = [h for h in headers if not h.lower().startswith(b"connection:")]
        upstream.sendall(request_line + b"".join(kept) + b"Connection: close\r\n\r\n" + body)
        response = bytearray()
        while True:
            chunk = upstream.recv(65536)
            if not chunk:
                return bytes(response)
            response += chunk
    finally:
        upstream.close()


def split_response(raw):
    end = raw.find(b"\r\n\r\n")
    head, body = raw[:end], raw[end + 4:]
    lines = [l for l in head.split(b"\r\n") if not l.lower().startswith(b"connection:")]
    return b"\r\n".join(lines) + b"\r\nConnection: close\r\n\r\n", body


def abort(conn):
    """Closes with a reset, as a dropped connection would."""
    try:
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    except OSError:
        pass
    conn.close()


def handle(args, mode, conn, ports):
    if mode == "auth401":
        log(args, "auth401 connection")
    f = conn.makefile("rb")
    try:
        if mode == "stall":
            request_line, method, path, headers = read_request(f)
            log(args, "%s %s %s" % (mode, method, path))
            held.append(conn)
            return
        request_line, method, path, headers = read_request(f)
        log(args, "%s %s %s" % (mode, method, path))
        service = "git-receive-pack" if "receive-pack" in path else "git-upload-pack"
        if mode == "status500":
            read_body(f, headers)
            send(conn, 500, "Internal Server Error", body=b"internal error\n")
        elif mode == "garbage":
            conn.sendall(os.urandom(3000))
        elif mode == "garbage-pkt":
            read_body(f, headers)
            kind = "advertisement" if method == "GET" else "result"
            send(conn, 200, "OK", ["Content-Type: application/x-%s-%s" % (service, kind)], b"zzzz" + os.urandom(2000))
        elif mode == "redirect-loop":
            read_body(f, headers)
            # /a/repo.git/... -> /b/repo.git/... -> /a/repo.git/... : the same origin, for ever.
            target = "/b" + path[2:] if path.startswith("/a/") else "/a" + (path[2:] if path.startswith("/b/") else path)
            send(conn, 302, "Found", ["Location: https://localhost:%d%s" % (ports[mode], target) if mode in TLS_MODES
                                      else "Location: http://127.0.0.1:%d%s" % (ports[mode], target)])
        elif mode == "redirect-away":
            read_body(f, headers)
            send(conn, 302, "Found", ["Location: https://localhost:%d%s" % (ports["auth401"], path)])
        elif mode == "auth401":
            if header(headers, "Authorization") is not None:
                log(args, "auth401 authorization")
            read_body(f, headers)
            send(conn, 401, "Unauthorized", ['WWW-Authenticate: Basic realm="faults"'], b"who are you?\n")
        elif mode.startswith("proxy-"):
            is_pack_post = method == "POST" and path.endswith("/" + service)
            if mode == "proxy-drop-push" and is_pack_post and service == "git-receive-pack":
                received = read_body(f, headers, limit=DROP_AFTER)
                log(args, "%s dropped after %d bytes of the pushed pack" % (mode, len(received)))
                abort(conn)
                return
            if mode in ("proxy-500-push", "proxy-stall-push") and is_pack_post and service == "git-receive-pack":
                read_body(f, headers)
                if mode == "proxy-stall-push":
                    held.append(conn)
                    return
                send(conn, 500, "Internal Server Error", body=b"receive-pack failed\n")
                return
            body = read_body(f, headers)
            head, response_body = split_response(forward(args, request_line, headers, body))
            if mode in ("proxy-drop-fetch", "proxy-eof-fetch") and is_pack_post and service == "git-upload-pack":
                conn.sendall(head + response_body[:DROP_AFTER])
                log(args, "%s dropped after %d of %d bytes" % (mode, min(DROP_AFTER, len(response_body)), len(response_body)))
                if mode == "proxy-drop-fetch":
                    abort(conn)
                else:
                    conn.shutdown(socket.SHUT_RDWR)
                return
            conn.sendall(head + response_body)
    except (EOFError, OSError, ValueError, ssl.SSLError):
        pass
    finally:
        if conn not in held:
            try:
                conn.close()
            except OSError:
                pass


def serve(args, mode, listener, ports, context):
    while True:
        conn, _ = listener.accept()
        if context is not None:
            try:
                conn.settimeout(10)
                conn = context.wrap_socket(conn, server_side=True)
                conn.settimeout(None)
            except (OSError, ssl.SSLError):
                conn.close()
                continue
        threading.Thread(target=handle, args=(args, mode, conn, ports), daemon=True).start()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--upstream", required=True, help="http://127.0.0.1:PORT/ of the real smart-HTTP server")
    parser.add_argument("--cert", required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--log", required=True)
    args = parser.parse_args()
    hostport = args.upstream.split("://", 1)[1].split("/", 1)[0]
    args.upstream_host, args.upstream_port = hostport.rsplit(":", 1)[0], int(hostport.rsplit(":", 1)[1])
    open(args.log, "a").close()

    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(args.cert, args.key)
    listeners, ports = {}, {}
    for mode in MODES:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", 0))
        s.listen(64)
        listeners[mode], ports[mode] = s, s.getsockname()[1]
    for mode in MODES:
        threading.Thread(target=serve, args=(args, mode, listeners[mode], ports, context if mode in TLS_MODES else None),
                         daemon=True).start()
    print(json.dumps(ports), flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    sys.exit(main())
