#!/usr/bin/env python3
"""Reads capi/include/lks.h and either writes docs/c-api.md or checks the C API's hygiene.

  c_api_doc.py write        regenerate docs/c-api.md from the header's doc comments
  c_api_doc.py check        fail if a public function has no doc comment, appears in no test,
                            or docs/c-api.md is out of date

The header is the contract (SQLite's habit); this page is the same text, grouped by section, with
one line per function so a reader can scan the whole API.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEADER = os.path.join(ROOT, "capi", "include", "lks.h")
DOC = os.path.join(ROOT, "docs", "c-api.md")
TEST_DIRS = ["tests", os.path.join("bindings", "node", "test"), os.path.join("bindings", "node", "src")]


def parse(text):
    """Yields (section, comment, [declarations]) in header order."""
    lines = text.split("\n")
    section = "General"
    comment = None
    i = 0
    groups = []
    while i < len(lines):
        line = lines[i]
        if line.startswith("/* ----"):
            section = lines[i + 1].lstrip(" *").strip()
            j = i
            while "*/" not in lines[j]:
                j += 1
            i = j + 1
            comment = None
            continue
        if line.lstrip().startswith("/*"):
            buf = []
            j = i
            while True:
                buf.append(lines[j])
                if "*/" in lines[j]:
                    break
                j += 1
            comment = " ".join(l.strip().lstrip("/*").rstrip("*/").strip() for l in buf).strip()
            i = j + 1
            continue
        if line.startswith("LKS_API"):
            decls = []
            while i < len(lines) and lines[i].startswith("LKS_API"):
                d = lines[i]
                while not d.rstrip().endswith(";"):
                    i += 1
                    d += " " + lines[i].strip()
                decls.append(re.sub(r"\s+", " ", d.replace("LKS_API ", "")).strip())
                i += 1
            groups.append((section, comment, decls))
            comment = None
            continue
        if line.strip() and not line.startswith("#") and not line.strip().startswith("*"):
            comment = None if not line.startswith("typedef") and not line.startswith("}") else comment
        i += 1
    return groups


def name_of(decl):
    m = re.search(r"(lks_\w+)\s*\(", decl)
    return m.group(1) if m else None


def render(groups):
    out = ["# The C API (`lks.h`)", "",
           "Generated from `capi/include/lks.h` by `scripts/c_api_doc.py write`; the header is the",
           "contract. Conventions (statuses, `lks_error_last()`, `lks_buf`, borrowed inputs, NULL-safe",
           "`_free`) are at the top of the header and in [error-handling.md](error-handling.md);",
           "which handle may be used from which thread is in [threading.md](threading.md) and below.", ""]
    section = None
    for sec, comment, decls in groups:
        if sec != section:
            out += ["## " + sec, ""]
            section = sec
        for d in decls:
            out.append("- `" + d + "`")
        if comment:
            out.append("")
            out.append("  " + comment)
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else "check"
    groups = parse(open(HEADER).read())
    doc = render(groups)
    if mode == "write":
        open(DOC, "w").write(doc)
        return 0
    problems = []
    corpus = ""
    for d in TEST_DIRS:
        for base, _, files in os.walk(os.path.join(ROOT, d)):
            if "node_modules" in base:
                continue
            for f in files:
                if f.endswith((".c", ".cc", ".h", ".cpp", ".mjs", ".js", ".sh")):
                    corpus += open(os.path.join(base, f), errors="replace").read()
    count = 0
    for _, comment, decls in groups:
        for d in decls:
            n = name_of(d)
            count += 1
            if not comment:
                problems.append(f"{n}: no doc comment in lks.h")
            if n and not re.search(r"\b" + n + r"\b", corpus):
                problems.append(f"{n}: not called by any test")
    if not os.path.exists(DOC) or open(DOC).read() != doc:
        problems.append("docs/c-api.md is out of date: run scripts/c_api_doc.py write")
    for p in problems:
        print("c-api check: " + p)
    print(f"{count} public C functions checked")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
