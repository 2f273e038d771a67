#!/usr/bin/env python3
"""Fails when a file includes a header of a layer above its own (design.md §1).

Layers, lowest first; a file may include headers of its own layer and of layers listed before
it. Public headers are "lks/<layer>/...", internal ones "<layer>/..." (from src/), the C ABI is
"lks.h". Same-rank layers (capi and server) may not include each other.

  core < http < livekit < store < groups < api < {capi, server} < cli < bindings

Two more rules: the C ABI (capi/src) uses public C++ headers only, except the store's JSON codec
(the C ABI carries store records as that JSON); and bindings include nothing of lkstudy but lks.h.
Usage: check_layers.py [ROOT | --self-test]; prints each violation as file:line and exits 1 if any.
"""
import os
import re
import sys

RANK = {"core": 0, "http": 1, "livekit": 2, "store": 3, "groups": 4, "api": 5,
        "capi": 6, "server": 6, "cli": 7, "bindings": 8}
# Internal headers the C ABI may include, and why: see the module docstring.
CAPI_INTERNAL_ALLOWED = {"store/store_json.h", "store/validation.h"}
INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')


def layer_of_file(rel):
    parts = rel.split("/")
    if parts[0] == "include" and len(parts) > 2 and parts[1] == "lks":
        return parts[2]
    if parts[0] == "src" and len(parts) > 2:
        return parts[1]
    if parts[0] == "capi":
        return "capi"
    if rel.startswith("bindings/node/src/"):
        return "bindings"
    return None


def layer_of_include(inc, includer_dir, root):
    """(layer, internal?) of an include, or None when it is not lkstudy's (or is a local file)."""
    if os.path.exists(os.path.join(root, includer_dir, inc)):
        return None  # a header beside the includer: same layer
    if inc == "lks.h":
        return ("capi", False)
    parts = inc.split("/")
    if parts[0] == "lks" and len(parts) > 2 and parts[1] in RANK:
        return (parts[1], False)
    if parts[0] in RANK and len(parts) > 1:
        return (parts[0], True)
    return None


def check(root):
    problems = []
    for top in ("include", "src", "capi", os.path.join("bindings", "node", "src")):
        for dirpath, _, files in os.walk(os.path.join(root, top)):
            for name in sorted(files):
                if not name.endswith((".h", ".cc", ".c")):
                    continue
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root).replace(os.sep, "/")
                layer = layer_of_file(rel)
                if layer not in RANK:
                    continue
                with open(path, encoding="utf-8") as f:
                    for lineno, line in enumerate(f, 1):
                        m = INCLUDE.match(line)
                        if not m:
                            continue
                        inc = m.group(1)
                        target = layer_of_include(inc, os.path.dirname(rel), root)
                        if target is None:
                            continue
                        tl, internal = target
                        where = f"{rel}:{lineno}: {layer} includes \"{inc}\""
                        if tl != layer and RANK[tl] >= RANK[layer]:
                            problems.append(f"{where}: {tl} is not below {layer}")
                        elif layer == "capi" and internal and inc not in CAPI_INTERNAL_ALLOWED:
                            problems.append(f"{where}: the C ABI uses public headers (lks/...)")
                        elif layer == "bindings" and inc != "lks.h":
                            problems.append(f"{where}: a binding uses only the C ABI (lks.h)")
    return problems


def self_test():
    """The checker itself catches an upward include (groups -> api, http -> lks.h)."""
    import tempfile
    with tempfile.TemporaryDirectory() as root:
        files = {"include/lks/groups/x.h": '#include "lks/api/app_token.h"\n',
                 "src/http/a.cc": '#include "lks.h"\n#include "lks/core/status.h"\n',
                 "capi/src/b.cc": '#include "core/json_writer.h"\n'}
        for rel, text in files.items():
            os.makedirs(os.path.dirname(os.path.join(root, rel)), exist_ok=True)
            with open(os.path.join(root, rel), "w", encoding="utf-8") as f:
                f.write(text)
        problems = check(root)
    if len(problems) != 3:
        print("self-test: expected 3 problems, got", problems)
        return 1
    print("self-test: the checker finds upward includes")
    return 0


def main():
    if sys.argv[1:] == ["--self-test"]:
        return self_test()
    root = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else
                           os.path.join(os.path.dirname(__file__), "..", ".."))
    problems = check(root)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} upward or forbidden include(s); see tests/layers/check_layers.py")
        return 1
    print("layers: every include points down")
    return 0


if __name__ == "__main__":
    sys.exit(main())
