#!/usr/bin/env python3
"""Builds hostile and large Shared Configuration Repositories for scripts/hostile.sh (standard
library and the git CLI only: test and benchmark setup, never iscctl's own Git work).

Every command reads the `main` branch of --git-dir, a bare repository where the real iscctl ran
`init` and `add-runtime --runtime tmplrt` (layout v2, ISC at the repository root), and prints a
`git fast-import` stream of one more commit on `main`:

  scale   --git-dir D --runtimes N       N more runtimes r00001.., each tmplrt's files with the
                                         name replaced (byte for byte what iscctl writes); with
                                         HOSTILE_MANIFESTS=1 also a ConfigMap runtime-settings in
                                         each resources/runtimes/<R>/
  hostile --git-dir D --case NAME        one hostile change (see CASES)
"""

import argparse
import os
import subprocess
import sys

TEMPLATE = "tmplrt"


def git(git_dir, *args, data=None):
    return subprocess.run(["git", f"--git-dir={git_dir}", *args], input=data, check=True,
                          stdout=subprocess.PIPE).stdout


def show(git_dir, path):
    return git(git_dir, "show", f"main:{path}")


def blob(data):
    return b"data %d\n" % len(data) + data + b"\n"


def commit(out, message, body):
    out.write(b"commit refs/heads/main\n")
    out.write(b"committer Hostile <hostile@example.com> 1700000000 +0000\n")
    out.write(blob(message.encode()))
    out.write(b"from refs/heads/main^0\n")
    out.write(body)
    out.write(b"\n")


def modify(path, data, mode=b"100644"):
    return b"M " + mode + b" inline " + path.encode() + b"\n" + blob(data)


def template(git_dir):
    files = {}
    for rel in (f"runtimes/{TEMPLATE}/runtime.yaml", f"runtimes/{TEMPLATE}/in-cluster.yaml"):
        files[rel] = show(git_dir, rel)
    return files


def renamed(text, name):
    return (text.replace(f"runtimes/{TEMPLATE}/".encode(), f"runtimes/{name}/".encode())
                .replace(f"name: {TEMPLATE}\n".encode(), f"name: {name}\n".encode()))


def cmd_scale(args):
    files = template(args.git_dir)
    out = sys.stdout.buffer
    # One blob per distinct file: fast-import marks.
    body = []
    mark = 0
    for index in range(1, args.runtimes + 1):
        name = f"r{index:05d}"
        for rel, data in files.items():
            mark += 1
            out.write(b"blob\nmark :%d\n" % mark + blob(renamed(data, name)))
            body.append(b"M 100644 :%d %s\n" % (mark, rel.replace(TEMPLATE, name).encode()))
        body.append(b"M 100644 inline resources/runtimes/%s/.keep\ndata 0\n\n" % name.encode())
        if os.environ.get("HOSTILE_MANIFESTS") != "1":
            continue
        # Each runtime's own settings: a ConfigMap of the same name in every runtime's folder.
        body.append(b"M 100644 inline resources/runtimes/%s/settings.yaml\n" % name.encode() + blob(
            b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: runtime-settings\n  namespace: codefresh\n"
            b"data:\n  runtime: %s\n" % name.encode()))
    commit(out, f"{args.runtimes} runtimes", b"".join(body))


def v1_entry(name, clusters):
    listed = ", ".join(["in-cluster"] + [f"c{i}" for i in range(clusters)])
    return (f"  - name: {name}\n"
            f"    namespace: codefresh\n"
            f"    helmRelease: cf-gitops-runtime\n"
            f"    accessMode: {{type: tunnel, accountId: acc1}}\n"
            f"    argoCD:\n"
            f"      server: {{svc: argocd-server, port: 80, rootpath: \"\"}}\n"
            f"      repoServer: {{svc: argocd-repo-server, port: 8081}}\n"
            f"      auth: {{type: token, tokenSecretKeyRef: {{name: argocd-token, key: token}}}}\n"
            f"    clusters: [{listed}]\n")


V1_HEADER = ("apiVersion: iscctl/v1\nkind: SharedConfiguration\ngitProvider:\n  type: git\n"
             "configRuntime: codefresh\nruntimes:\n")


def case_big_isc_yaml(git_dir):
    """isc.yaml: 50 MB of real layout v1 entries ($HOSTILE_BYTES to change)."""
    parts, size, index = [V1_HEADER], len(V1_HEADER), 0
    while size < int(os.environ.get("HOSTILE_BYTES", 50_000_000)):
        entry = v1_entry("codefresh" if index == 0 else f"r{index:07d}", 0)
        parts.append(entry)
        size += len(entry)
        index += 1
    return modify("isc.yaml", "".join(parts).encode())


def case_isc_yaml_at_limit(git_dir):
    """isc.yaml: real v1 entries up to the 2 MiB limit (parsed: the largest isc.yaml read)."""
    parts, size, index = [V1_HEADER], len(V1_HEADER), 0
    while True:
        entry = v1_entry("codefresh" if index == 0 else f"r{index:07d}", 0)
        if size + len(entry) > (2 << 20):
            break
        parts.append(entry)
        size += len(entry)
        index += 1
    return modify("isc.yaml", "".join(parts).encode())


def case_alias_amplification(git_dir):
    """isc.yaml: one runtime entry with 2,000 clusters anchored, repeated 20,000 times (- *r)."""
    entry = v1_entry("codefresh", 2000).replace("  - name:", "  - &r\n    name:", 1)
    text = V1_HEADER + entry + "  - *r\n" * 20_000
    return modify("isc.yaml", text.encode())


def case_alias_runtime_yaml(git_dir):
    """runtimes/tmplrt/runtime.yaml: the clusters list anchored and aliased."""
    text = show(git_dir, f"runtimes/{TEMPLATE}/runtime.yaml").decode()
    text = text.replace("clusters: [in-cluster]", "clusters: &c [in-cluster]\nextra: [*c, *c, *c]")
    return modify(f"runtimes/{TEMPLATE}/runtime.yaml", text.encode())


def case_deep_flow(git_dir):
    """isc.yaml: 100,000 '['."""
    return modify("isc.yaml", b"apiVersion: iscctl/v2\nkind: " + b"[" * 100_000 + b"\n")


def case_deep_block(git_dir):
    """runtimes/tmplrt/runtime.yaml: 30,000 nested '- ' on one line (60 KB, under the size limit)."""
    return modify(f"runtimes/{TEMPLATE}/runtime.yaml", b"clusters:\n" + b"- " * 30_000 + b"x\n")


def case_many_runtimes(git_dir):
    """100,000 folders under runtimes/, copies of tmplrt's ($HOSTILE_RUNTIMES to change)."""
    tree = git(git_dir, "rev-parse", f"main:runtimes/{TEMPLATE}").strip()
    count = int(os.environ.get("HOSTILE_RUNTIMES", 100_000))
    return b"".join(b"M 040000 %s runtimes/h%06d\n" % (tree, i) for i in range(count))


def case_non_utf8(git_dir):
    """runtimes/tmplrt/runtime.yaml with bytes that are not UTF-8."""
    data = show(git_dir, f"runtimes/{TEMPLATE}/runtime.yaml").replace(b"namespace: codefresh", b"namespace: \xff\xfe\xc0")
    return modify(f"runtimes/{TEMPLATE}/runtime.yaml", data)


def case_big_application(git_dir):
    """runtimes/tmplrt/in-cluster.yaml: 50 MB."""
    return modify(f"runtimes/{TEMPLATE}/in-cluster.yaml", b"# x\n" * 12_500_000)


def case_runtimes_symlink(git_dir):
    """runtimes is a symbolic link (to /etc)."""
    return b"D runtimes\n" + modify("runtimes", b"/etc", mode=b"120000")


def case_runtimes_file(git_dir):
    """runtimes is a file."""
    return b"D runtimes\n" + modify("runtimes", b"not a folder\n")


def case_resources_symlink(git_dir):
    """resources is a symbolic link (to ..)."""
    return b"D resources\n" + modify("resources", b"..", mode=b"120000")


def case_runtime_symlink(git_dir):
    """runtimes/evil is a symbolic link (to tmplrt)."""
    return modify("runtimes/evil", TEMPLATE.encode(), mode=b"120000")


def case_runtime_gitlink(git_dir):
    """runtimes/evil is a submodule entry (gitlink)."""
    return b"M 160000 " + b"1" * 40 + b" runtimes/evil\n"


def case_runtime_file(git_dir):
    """runtimes/evil is a file."""
    return modify("runtimes/evil", b"apiVersion: iscctl/v2\n")


def case_resources_runtime_symlink(git_dir):
    """resources/runtimes/tmplrt is a symbolic link (to ../..)."""
    return b"D resources/runtimes/tmplrt\n" + modify("resources/runtimes/tmplrt", b"../..", mode=b"120000")


def case_resources_runtime_gitlink(git_dir):
    """resources/runtimes/tmplrt is a submodule entry (gitlink)."""
    return b"D resources/runtimes/tmplrt\nM 160000 " + b"2" * 40 + b" resources/runtimes/tmplrt\n"


def case_resources_runtime_file(git_dir):
    """resources/runtimes/tmplrt is a file."""
    return b"D resources/runtimes/tmplrt\n" + modify("resources/runtimes/tmplrt", b"x\n")


CASES = {name[len("case_"):].replace("_", "-"): fn for name, fn in globals().items() if name.startswith("case_")}


def cmd_hostile(args):
    if args.case not in CASES:
        sys.exit(f"isc_hostile.py: unknown case {args.case}; one of {', '.join(CASES)}")
    commit(sys.stdout.buffer, f"hostile: {args.case}", CASES[args.case](args.git_dir))


def cmd_cases(args):
    for name, fn in CASES.items():
        print(f"{name}\t{fn.__doc__.splitlines()[0]}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    s = sub.add_parser("scale")
    s.add_argument("--git-dir", required=True)
    s.add_argument("--runtimes", type=int, required=True)
    h = sub.add_parser("hostile")
    h.add_argument("--git-dir", required=True)
    h.add_argument("--case", required=True)
    sub.add_parser("cases")
    args = ap.parse_args()
    {"scale": cmd_scale, "hostile": cmd_hostile, "cases": cmd_cases}[args.command](args)


if __name__ == "__main__":
    main()
