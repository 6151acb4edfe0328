#!/usr/bin/env python3
"""Helpers for Benchmarks/run (standard library only).

  template  --git-dir D --name NAME --out DIR   read what iscctl init + add-runtime NAME wrote
  generate  --template DIR --size S             print the history as a git fast-import stream
  add-registry-entry --template DIR --registry F --name N
                                                layout v1: add runtime N's entry to isc.yaml
  measure   --label L --log F --pid P --marker URL --out F -- CMD...
                                                run CMD once; wall time, peak RSS, HTTP requests
                                                and bytes from the server's access log
  annotate  --out F KEY=JSON...                 set fields on the last record of a results file
  cache-key --template DIR --url URL --size S   the repository cache's key (URL taken out)
  report    --results F --meta F [--out F]      print the tables
"""

import argparse
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid

# Bump when the generated repositories change in any way: it keys the cache in Benchmarks/.work.
GENERATOR_VERSION = 1

# total runtimes (codefresh included), ConfigMaps under resources/, total commits (init included)
SIZES = {
    "small": {"runtimes": 10, "files": 100, "commits": 50, "team_size": 50},
    "medium": {"runtimes": 200, "files": 5_000, "commits": 1_000, "team_size": 500},
    "large": {"runtimes": 2_000, "files": 50_000, "commits": 5_000, "team_size": 500},
}

NAME_RE = re.compile(r"^[a-z][a-z0-9]{0,37}$")


def die(message):
    sys.exit(f"isc_bench.py: error: {message}")


def git(git_dir, *args, data=None):
    return subprocess.run(["git", f"--git-dir={git_dir}", *args], input=data, check=True,
                          stdout=subprocess.PIPE).stdout


# ---------------------------------------------------------------------------------------------
# template


def tree_files(git_dir, rev):
    """{path: bytes} of every file in rev."""
    listing = git(git_dir, "ls-tree", "-r", "-z", rev).split(b"\0")
    entries = []
    for line in listing:
        if not line:
            continue
        meta, path = line.split(b"\t", 1)
        mode, kind, sha = meta.split()
        if kind != b"blob" or mode not in (b"100644", b"100755"):
            die(f"unexpected entry {line!r} in {rev}")
        entries.append((path.decode(), sha.decode()))
    batch = "".join(sha + "\n" for _, sha in entries).encode()
    out = git(git_dir, "cat-file", "--batch", data=batch)
    files, pos = {}, 0
    for path, sha in entries:
        header_end = out.index(b"\n", pos)
        size = int(out[pos:header_end].split()[2])
        files[path] = out[header_end + 1:header_end + 1 + size]
        pos = header_end + 1 + size + 1
    return files


def registry_blocks(text, name=None):
    """v1 isc.yaml: (header lines up to `runtimes:`, {name: entry lines})."""
    lines = text.split("\n")
    try:
        start = lines.index("runtimes:")
    except ValueError:
        die("isc.yaml has no top-level 'runtimes:' (expected layout v1)")
    header, blocks, current = lines[:start + 1], {}, None
    for line in lines[start + 1:]:
        if line.startswith("  - name: "):
            current = line[len("  - name: "):].strip()
            blocks[current] = [line]
        elif line.startswith("    ") and current is not None:
            blocks[current].append(line)
        elif line == "":
            current = None
        else:
            die(f"isc.yaml: unexpected line after 'runtimes:': {line!r}")
    return header, blocks


def check_occurrences(path, text, name):
    """The runtime name may only appear as a path segment runtimes/NAME/ or as a YAML value."""
    allowed = [rf"runtimes/{name}/", rf"^\s*(- )?name: {name}$"]
    for lineno, line in enumerate(text.split("\n"), 1):
        rest = line
        for pattern in allowed:
            rest = re.sub(pattern, "", rest)
        if name in rest:
            die(f"{path}:{lineno}: the template name '{name}' appears where it cannot be replaced "
                f"safely: {line!r}")
        for match in re.finditer(re.escape(name), line):
            before = line[match.start() - 1] if match.start() else " "
            after = line[match.end()] if match.end() < len(line) else " "
            if before.isalnum() or after.isalnum():
                die(f"{path}:{lineno}: '{name}' is part of a longer word: {line!r}")


def cmd_template(args):
    name = args.name
    init = tree_files(args.git_dir, "main~1")
    added = tree_files(args.git_dir, "main")
    changed = sorted(p for p in added if init.get(p) != added[p])
    removed = sorted(p for p in init if p not in added)
    if removed:
        die(f"add-runtime removed files: {removed}")
    runtime_files = {p: added[p] for p in changed if f"/{name}/" in f"/{p}"}
    shared = [p for p in changed if p not in runtime_files]
    registry = init.get("isc.yaml", b"").decode()
    if "apiVersion: iscctl/v2" in added.get("isc.yaml", b"").decode():
        layout = "v2"
        if shared:
            die(f"layout v2: add-runtime also changed shared files {shared}; the generator "
                "expects only the runtime's own files")
        if init["isc.yaml"] != added["isc.yaml"]:
            die("layout v2: add-runtime changed isc.yaml")
    elif "apiVersion: iscctl/v1" in registry:
        layout = "v1"
        if shared != ["isc.yaml"]:
            die(f"layout v1: expected add-runtime to change isc.yaml and its own files, got {changed}")
    else:
        die("isc.yaml is neither iscctl/v1 nor iscctl/v2")
    for path, data in runtime_files.items():
        check_occurrences(path, data.decode(), name)
    entry = None
    if layout == "v1":
        header, blocks = registry_blocks(added["isc.yaml"].decode())
        if set(blocks) != {"codefresh", name}:
            die(f"unexpected runtimes in template isc.yaml: {sorted(blocks)}")
        entry = "\n".join(blocks[name])
        check_occurrences("isc.yaml", entry, name)
        # the registry is the header plus the blocks: check that this round-trips exactly
        rebuilt = "\n".join(header + blocks["codefresh"] + blocks[name]) + "\n"
        if rebuilt != added["isc.yaml"].decode():
            die("isc.yaml does not round-trip through the registry splitter")
    os.makedirs(args.out, exist_ok=True)
    for kind, files in (("init", init), ("runtime", runtime_files)):
        for path, data in files.items():
            dest = os.path.join(args.out, kind, path)
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            with open(dest, "wb") as f:
                f.write(data)
    meta = {"name": name, "layout": layout, "runtime_files": sorted(runtime_files),
            "init_files": sorted(init), "registry_entry": entry}
    with open(os.path.join(args.out, "template.json"), "w") as f:
        json.dump(meta, f, indent=1)
    print(f"template: layout {layout}; {len(init)} files from init; runtime files "
          f"{', '.join(sorted(runtime_files))}" + ("; plus its isc.yaml entry" if entry else ""))


class Template:
    def __init__(self, directory):
        self.dir = directory
        with open(os.path.join(directory, "template.json")) as f:
            self.meta = json.load(f)
        self.name = self.meta["name"]
        self.layout = self.meta["layout"]
        self.init = {p: self._read("init", p) for p in self.meta["init_files"]}
        self.runtime = {p: self._read("runtime", p).decode() for p in self.meta["runtime_files"]}

    def _read(self, kind, path):
        with open(os.path.join(self.dir, kind, path), "rb") as f:
            return f.read()

    def files_for(self, name):
        """{path: bytes} of runtime `name`'s own files (the registry entry not included)."""
        if not NAME_RE.match(name):
            die(f"invalid runtime name {name!r}")
        return {("/" + p).replace(f"/{self.name}/", f"/{name}/")[1:]: data.replace(self.name, name).encode()
                for p, data in self.runtime.items()}

    def entry_for(self, name):
        return self.meta["registry_entry"].replace(self.name, name).split("\n")


def cmd_cache_key(args):
    """A key for the generated repository that does not depend on the server's URL: the
    generator version, the size, and the template's files with the URL replaced."""
    import hashlib
    h = hashlib.sha256(f"generator {GENERATOR_VERSION}\nsize {args.size}\n{SIZES[args.size]}\n".encode())
    for top, _, names in sorted(os.walk(args.template)):
        for name in sorted(names):
            path = os.path.join(top, name)
            with open(path, "rb") as f:
                data = f.read().replace(args.url.encode(), b"@URL@")
            h.update(os.path.relpath(path, args.template).encode() + b"\0" + data + b"\0")
    print(f"g{GENERATOR_VERSION}-{args.size}-{h.hexdigest()[:16]}")


def registry_text(header, blocks):
    lines = list(header)
    for name in sorted(blocks):
        lines.extend(blocks[name])
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# generate


class Rng:
    """A tiny deterministic LCG (the same stream on every Python version)."""

    def __init__(self, seed):
        self.state = seed

    def next(self, n):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        return (self.state >> 33) % n


def configmap(i, team, revision):
    # ~300 bytes; contents vary enough that packs compress like real YAML, not like copies
    return (f"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-{i:05d}\n  namespace: {team}\n"
            f"  labels:\n    app.kubernetes.io/part-of: {team}\n    bench.iscctl/revision: \"{revision}\"\n"
            f"data:\n  owner: {team}\n  replicas: \"{(i * 7 + revision) % 9 + 1}\"\n"
            f"  settings.yaml: |\n    endpoint: https://svc-{i % 97}.{team}.example.invalid:{8000 + i % 1000}\n"
            f"    timeoutSeconds: {(i * 13 + revision * 5) % 120 + 1}\n    feature-{i % 31}: {'true' if (i + revision) % 2 else 'false'}\n"
            f"    checksum: {(i * 2654435761 + revision * 40503) % (1 << 32):08x}\n").encode()


def cmd_generate(args):
    t = Template(args.template)
    spec = SIZES[args.size]
    out = sys.stdout.buffer
    when = 1704067200  # 2024-01-01T00:00:00Z; one commit every 10 minutes after that
    mark = 0

    def commit(message, files):
        nonlocal mark, when
        mark += 1
        msg = message.encode()
        parts = [b"commit refs/heads/main\n", b"mark :%d\n" % mark,
                 b"author iscctl bench <bench@iscctl.invalid> %d +0000\n" % when,
                 b"committer iscctl bench <bench@iscctl.invalid> %d +0000\n" % when,
                 b"data %d\n%s\n" % (len(msg), msg)]
        if mark > 1:
            parts.append(b"from :%d\n" % (mark - 1))
        for path, data in files.items():
            parts.append(b"M 100644 inline %s\ndata %d\n%s\n" % (path.encode(), len(data), data))
        out.write(b"".join(parts))
        when += 600

    # 1. what iscctl init wrote (configuration runtime "codefresh")
    commit("iscctl: init with configuration runtime codefresh", t.init)
    header = blocks = None
    if t.layout == "v1":
        header, blocks = registry_blocks(t.init["isc.yaml"].decode())

    names = [f"r{i:05d}" for i in range(1, spec["runtimes"])]
    n_runtime = len(names)
    n_resource = spec["commits"] - 1 - n_runtime
    total = n_runtime + n_resource
    files_total = spec["files"]
    team_size = spec["team_size"]
    rng = Rng(args.seed)
    revision = {}  # file id -> revision
    added_files = 0
    resource_done = 0
    runtime_done = 0
    for k in range(total):
        # spread runtime commits evenly over the history
        if (k + 1) * n_runtime // total > k * n_runtime // total:
            name = names[runtime_done]
            runtime_done += 1
            files = t.files_for(name)
            if t.layout == "v1":
                blocks[name] = t.entry_for(name)
                files["isc.yaml"] = registry_text(header, blocks).encode()
            commit(f"Add runtime {name}", files)
            continue
        # resource commit: add the next slice of ConfigMaps, edit a few existing ones
        resource_done += 1
        upto = files_total * resource_done // n_resource
        files, teams = {}, set()
        for i in range(added_files, upto):
            team = f"team{i // team_size:02d}"
            revision[i] = 1
            files[f"resources/all-runtimes-all-clusters/{team}/cm-{i:05d}.yaml"] = configmap(i, team, 1)
            teams.add(team)
        new = upto - added_files
        added_files = upto
        edits = 0
        if added_files:
            for _ in range(1 + rng.next(4)):
                i = rng.next(added_files)
                team = f"team{i // team_size:02d}"
                revision[i] += 1
                files[f"resources/all-runtimes-all-clusters/{team}/cm-{i:05d}.yaml"] = configmap(i, team, revision[i])
                teams.add(team)
                edits += 1
        commit(f"{', '.join(sorted(teams))}: add {new} ConfigMaps, update {edits}", files)
    assert runtime_done == n_runtime and added_files == files_total
    out.write(b"done\n")
    out.flush()
    print(f"generate {args.size}: {mark} commits, {1 + n_runtime} runtimes, {files_total} ConfigMaps",
          file=sys.stderr)


# ---------------------------------------------------------------------------------------------
# add-registry-entry: layout v1 only, for the git CLI pipelines (a user would use yq)


def cmd_add_registry_entry(args):
    t = Template(args.template)
    with open(args.registry) as f:
        header, blocks = registry_blocks(f.read())
    if args.name in blocks:
        die(f"runtime {args.name} is already registered")
    blocks[args.name] = t.entry_for(args.name)
    with open(args.registry, "w") as f:
        f.write(registry_text(header, blocks))


# ---------------------------------------------------------------------------------------------
# measure


def flush_log(log, pid_file, marker_base):
    """Make lighttpd write out its buffered access log up to a marker request of ours; return
    the file size just past the marker line."""
    tag = uuid.uuid4().hex
    try:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        opener.open(f"{marker_base}__bench_marker__/{tag}", timeout=10).read()
    except urllib.error.HTTPError:
        pass  # 401: what we want, it is logged like any request
    with open(pid_file) as f:
        os.kill(int(f.read().strip()), signal.SIGHUP)  # lighttpd: flush and reopen its logs
    needle = f"/__bench_marker__/{tag} ".encode()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with open(log, "rb") as f:
            data = f.read()
        at = data.find(needle)
        end = data.find(b"\n", at) if at >= 0 else -1
        if end >= 0:  # the whole marker line is there (it may be written in pieces)
            return end + 1
        time.sleep(0.01)
    die("the access log marker did not show up within 10 s")


LOG_RE = re.compile(rb'^\S+ \[[^\]]*\] "(\S+) (\S+)[^"]*" (\d{3}) (\d+) (\d+)$')


def parse_log(chunk):
    requests = received = sent = unauthorized = 0
    for line in chunk.splitlines():
        m = LOG_RE.match(line)
        if not m:
            die(f"unparsable access log line: {line!r} (is accesslog.format set in Tests/Servers/servers.sh?)")
        if b"/__bench_marker__/" in m.group(2):
            continue
        requests += 1
        unauthorized += m.group(3) == b"401"
        sent += int(m.group(4))       # request bytes in at the server = sent by the client
        received += int(m.group(5))   # response bytes out of the server = received by the client
    return {"requests": requests, "unauthorized": unauthorized, "received": received, "sent": sent}


def cmd_measure(args):
    import resource
    cmd = args.cmd[1:] if args.cmd and args.cmd[0] == "--" else args.cmd
    start_at = flush_log(args.log, args.pid, args.marker)
    env = dict(os.environ)
    start = time.monotonic()
    with open(args.stdout or os.devnull, "wb") as out, open(args.stderr or os.devnull, "wb") as err:
        result = subprocess.run(cmd, stdout=out, stderr=err, env=env)
    wall = time.monotonic() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    rss_kib = usage.ru_maxrss
    end_at = flush_log(args.log, args.pid, args.marker)
    with open(args.log, "rb") as f:
        f.seek(start_at)
        chunk = f.read(end_at - start_at)
    record = {"label": args.label, "wall": wall, "rss_mib": rss_kib / 1024, "exit": result.returncode,
              "cpu_user": usage.ru_utime, "cpu_sys": usage.ru_stime}
    record.update(parse_log(chunk))
    record.update(json.loads(args.extra) if args.extra else {})
    problem = None
    if result.returncode != 0:
        tail = ""
        if args.stderr and os.path.exists(args.stderr):
            with open(args.stderr, errors="replace") as f:
                tail = f.read()[-2000:]
        problem = f"exit {result.returncode}\n{tail}"
    elif args.expect_pushed:
        # iscctl --json: one {"commit", "pushed", "changed", "retries"} line per process
        outputs = []
        with open(args.stdout) as f:
            for line in f:
                if line.strip():
                    try:
                        outputs.append(json.loads(line))
                    except ValueError:
                        problem = f"not JSON on stdout: {line.strip()[:200]}"
        pushed = sum(1 for o in outputs if o.get("pushed") is True and o.get("commit"))
        record["retries"] = sum(int(o.get("retries", 0)) for o in outputs)
        record["pushed"] = pushed
        if problem is None and pushed != args.expect_pushed:
            problem = f"{pushed} of {args.expect_pushed} processes report a pushed commit: {outputs}"
    record["ok"] = problem is None
    with open(args.out, "a") as f:
        f.write(json.dumps(record) + "\n")
    if problem:
        die(f"{args.label}: {problem}")
    print(f"  {args.label:<34} {wall:7.2f} s  cpu {usage.ru_utime:5.2f}+{usage.ru_stime:5.2f} s  "
          f"{rss_kib / 1024:6.1f} MiB  {record['requests']:3d} req  "
          f"recv {human(record['received']):>9}  sent {human(record['sent']):>9}", flush=True)


def cmd_annotate(args):
    """Set KEY=JSON on the last record of a results file."""
    with open(args.out) as f:
        lines = [line for line in f if line.strip()]
    record = json.loads(lines[-1])
    for item in args.set:
        key, value = item.split("=", 1)
        record[key] = json.loads(value)
    lines[-1] = json.dumps(record) + "\n"
    with open(args.out, "w") as f:
        f.writelines(lines)


# ---------------------------------------------------------------------------------------------
# report


def human(n):
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= size:
            return f"{n / size:.1f} {unit}"
    return f"{int(n)} B"


def cmd_report(args):
    with open(args.results) as f:
        records = [json.loads(line) for line in f if line.strip()]
    with open(args.meta) as f:
        meta = json.load(f)
    lines = []
    p = lines.append

    groups = {}
    for r in records:
        groups.setdefault((r["size"], r["variant"]), []).append(r)

    def stats(size, variant):
        if variant == "warm" and not meta["cache"]:
            variant = "cold"  # no cache: every run is a cold one
        rs = groups.get((size, variant))
        if not rs:
            return None
        return {
            "runs": len(rs),
            "wall": statistics.median(r["wall"] for r in rs),
            "min": min(r["wall"] for r in rs), "max": max(r["wall"] for r in rs),
            "rss": max(r["rss_mib"] for r in rs),
            "cpu": statistics.median(r.get("cpu_user", 0) + r.get("cpu_sys", 0) for r in rs),
            "received": statistics.median(r["received"] for r in rs),
            "sent": statistics.median(r["sent"] for r in rs),
            "requests": statistics.median(r["requests"] for r in rs),
            "retries": sum(r.get("retries", 0) for r in rs),
            "landed": rs[-1].get("landed"), "expected": rs[-1].get("expected"),
        }

    labels = {
        "cold": "iscctl add-runtime, cold cache",
        "warm": "iscctl add-runtime, warm cache",
        "shallow": "git: shallow clone pipeline",
        "sparse": "git: blobless sparse shallow pipeline",
        "full": "git: full clone pipeline",
        "list": "iscctl list, warm",
        "validate": "iscctl validate, warm",
        "race-shared": "16 concurrent, one shared cache",
        "race-own": "16 concurrent, own caches",
    }
    cache = meta["cache"]
    p(f"run: {meta.get('date', '?')}, whole run {meta.get('elapsed', 0) // 60} min {meta.get('elapsed', 0) % 60} s "
      f"(repository generation included)")
    p(f"iscctl: {meta['iscctl']}")
    p(f"layout: {meta['layout']}; cache flags: {'yes' if cache else 'NO (warm == cold: every run clones into a temporary directory)'}")
    if meta.get("scratch"):
        p(meta["scratch"])
    p(f"machine: {meta['machine']}; runs per figure: {meta['runs']} (median wall time; peak RSS = max over runs and processes;")
    p("  CPU = median user+system time of the client processes; bytes and requests = median per run, from lighttpd's")
    p("  access log: recv = response bytes, sent = request bytes)")
    sizes = [s for s in meta["sizes"]]
    for size in sizes:
        info = meta["repos"].get(size, {})
        p("")
        p(f"== {size}: {info.get('runtimes')} runtimes, {info.get('files')} files, {info.get('commits')} commits, "
          f"server pack {human(info.get('pack_bytes', 0))} ==")
        p(f"{'':40} {'median s':>9} {'min-max s':>13} {'CPU s':>6} {'peak RSS':>10} {'recv':>10} {'sent':>10} {'requests':>8}")
        for variant in ("cold", "warm", "shallow", "sparse", "full", "list", "validate", "race-shared", "race-own"):
            s = stats(size, variant)
            if not s:
                continue
            label = labels[variant]
            if variant == "warm" and not cache:
                label += " (= cold)"
            p(f"{label:40} {s['wall']:9.2f} {s['min']:6.2f}-{s['max']:<6.2f} {s['cpu']:6.2f} {s['rss']:6.1f} MiB "
              f"{human(s['received']):>10} {human(s['sent']):>10} {s['requests']:8.0f}")
            if variant.startswith("race"):
                w = stats(size, "warm")
                one = f"; 16 x one warm run = {16 * w['wall']:.2f} s" if w else ""
                p(f"{'':40} {s['retries']} retries in all; {s['landed']}/{s['expected']} runtimes landed{one}")
        p("ratios (time iscctl / time git; below 1 = iscctl faster):")
        for a, b in (("warm", "shallow"), ("warm", "sparse"), ("warm", "full"),
                     ("cold", "shallow"), ("cold", "sparse"), ("cold", "full")):
            sa, sb = stats(size, a), stats(size, b)
            if sa and sb:
                p(f"  {a:>4} / {b:<8} {sa['wall'] / sb['wall']:6.3f}  (git takes {sb['wall'] / sa['wall']:5.1f}x as long)"
                  f"   bytes received {human(sa['received'])} vs {human(sb['received'])}")

    warm = [(s, stats(s, "warm")) for s in sizes]
    if any(w for _, w in warm):
        p("")
        p("warm add-runtime by repository size: " + "   ".join(
            f"{meta['repos'].get(s, {}).get('runtimes')} runtimes {w['wall']:.2f} s" for s, w in warm if w))

    if "large" in sizes:
        p("")
        p("targets (large repository):")
        g = lambda v: stats("large", v)
        targets = []

        def target(text, ok, detail):
            targets.append(ok)
            p(f"  {'met   ' if ok else 'MISSED'} {text:58} {detail}")

        w, sh, sp, c = g("warm"), g("shallow"), g("sparse"), g("cold")
        if w and sh:
            target("warm add-runtime >= 20x faster than shallow pipeline", sh["wall"] >= 20 * w["wall"],
                   f"{sh['wall'] / w['wall']:.1f}x")
        if w and sp:
            target("warm add-runtime >= 5x faster than blobless sparse shallow", sp["wall"] >= 5 * w["wall"],
                   f"{sp['wall'] / w['wall']:.1f}x")
        if c and sh:
            target("cold add-runtime no slower than shallow pipeline", c["wall"] <= sh["wall"],
                   f"{c['wall']:.2f} s vs {sh['wall']:.2f} s")
        ws = stats("small", "warm")
        if w and ws:
            target("warm at 2,000 runtimes within 1.5x of warm at 10", w["wall"] <= 1.5 * ws["wall"],
                   f"{w['wall'] / ws['wall']:.2f}x")
        elif w:
            p("         warm at 2,000 vs 10 runtimes: not measured (run the small size too)")
        li, va = g("list"), g("validate")
        if li:
            target("warm list <= 0.5 s", li["wall"] <= 0.5, f"{li['wall']:.2f} s")
        if va:
            target("warm validate <= 1 s", va["wall"] <= 1.0, f"{va['wall']:.2f} s")
        for variant in ("race-shared", "race-own"):
            r = g(variant)
            if r and w:
                ok = r["landed"] == r["expected"] and r["wall"] <= 1.5 * 16 * w["wall"]
                target(f"16 concurrent ({'shared' if variant == 'race-shared' else 'own'} cache) land, <= 1.5 x 16 x warm",
                       ok, f"{r['landed']}/{r['expected']} landed, {r['wall']:.1f} s vs {1.5 * 16 * w['wall']:.1f} s")
        rss = max((r["rss_mib"] for r in records if r["variant"] in ("cold", "warm", "list", "validate", "race-shared", "race-own")), default=None)
        if rss is not None:
            target("iscctl peak RSS < 100 MiB everywhere", rss < 100, f"max {rss:.1f} MiB")
        p(f"  {sum(targets)} of {len(targets)} targets met")
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    t = sub.add_parser("template")
    t.add_argument("--git-dir", required=True)
    t.add_argument("--name", required=True)
    t.add_argument("--out", required=True)
    g = sub.add_parser("generate")
    g.add_argument("--template", required=True)
    g.add_argument("--size", required=True, choices=sorted(SIZES))
    g.add_argument("--seed", type=int, default=20240101)
    a = sub.add_parser("add-registry-entry")
    a.add_argument("--template", required=True)
    a.add_argument("--registry", required=True)
    a.add_argument("--name", required=True)
    m = sub.add_parser("measure")
    m.add_argument("--label", required=True)
    m.add_argument("--log", required=True)
    m.add_argument("--pid", required=True)
    m.add_argument("--marker", required=True)
    m.add_argument("--out", required=True)
    m.add_argument("--extra")
    m.add_argument("--stdout")
    m.add_argument("--stderr")
    m.add_argument("--expect-pushed", type=int, default=0,
                   help="stdout holds iscctl --json results: this many must report a pushed commit")
    m.add_argument("cmd", nargs=argparse.REMAINDER)
    r = sub.add_parser("report")
    r.add_argument("--results", required=True)
    r.add_argument("--meta", required=True)
    r.add_argument("--out")
    k = sub.add_parser("cache-key")
    k.add_argument("--template", required=True)
    k.add_argument("--url", required=True)
    k.add_argument("--size", required=True, choices=sorted(SIZES))
    n = sub.add_parser("annotate")
    n.add_argument("--out", required=True)
    n.add_argument("set", nargs="+", metavar="KEY=JSON")
    v = sub.add_parser("version")
    args = ap.parse_args()
    if args.command == "version":
        print(GENERATOR_VERSION)
        return
    {"template": cmd_template, "generate": cmd_generate, "add-registry-entry": cmd_add_registry_entry,
     "measure": cmd_measure, "annotate": cmd_annotate, "cache-key": cmd_cache_key, "report": cmd_report}[args.command](args)


if __name__ == "__main__":
    main()
