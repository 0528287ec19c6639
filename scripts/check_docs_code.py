#!/usr/bin/env python3
"""Checks the ```cpp blocks of README.md and docs/*.md (the ctest test `docs_code`).

A block is checked according to the HTML comment on the line right before its fence:

  <!-- check: quoted from examples/x.cpp -->   its code lines appear, in order, in that file
                                               (compared without leading/trailing whitespace; lines
                                               that are only a // comment may differ); the file
                                               itself is compiled and run as a test
  <!-- check: statements -->                   compiled inside a function body
  <!-- check: declarations -->                 compiled at namespace scope (also the default)
  <!-- check: none (reason) -->                not compiled (pseudo-code, output, a deliberate error)

After the kind, `; prelude: CODE` puts CODE (one line of C++) before the block (outside the
function body of `statements`), e.g. a struct the text defined earlier or the variables a fragment
uses; `; epilogue: CODE` puts CODE after it; `; as NAME` names a block and `; uses NAME` puts that
named block (with its own uses, prelude and epilogue) in front of this one, in the same namespace;
`; global` compiles the block at global scope (e.g. a specialization of a library template).

All compiled blocks of one doc file go into ONE translation unit (each block in its own
namespace; `#include` lines are hoisted to the top), compiled with -fsyntax-only. `#line` maps
the compiler's messages back to the doc, so a failure names the file and line.

Usage: check_docs_code.py --root DIR --cxx COMPILER --flags FILE [--keep DIR] [doc.md ...]
FLAGS holds compiler arguments, one a line (include dirs and definitions, from CMake).
"""
import argparse
import glob
import os
import re
import subprocess
import sys
import tempfile

# The headers each doc's blocks assume (what the doc tells the reader to include); "H if M": only
# when the macro M is defined (the optional targets apibind::webhook and apibind::curl).
PRELUDES = {
    "README.md": ["apibind/seam.hpp", "apibind/transport/beast.hpp", "boost/asio/io_context.hpp"],
    "docs/getting-started.md": ["apibind/apibind.hpp", "apibind/testing/mock_transport.hpp"],
    "docs/seam.md": ["apibind/seam.hpp", "apibind/transport/beast.hpp", "boost/asio/io_context.hpp",
                     "apibind/seam/webhook.hpp if APIBIND_HAS_WEBHOOK"],
    "docs/superoffice.md": ["apibind/superoffice.hpp", "apibind/testing/mock_transport.hpp",
                            "apibind/transport/beast.hpp", "boost/asio/io_context.hpp"],
    "docs/transports.md": ["apibind/apibind.hpp", "apibind/asio.hpp", "apibind/seam.hpp",
                           "apibind/transport/beast.hpp", "boost/asio/io_context.hpp",
                           "apibind/transport/curl_async.hpp if APIBIND_HAS_CURL"],
    "docs/security.md": ["apibind/seam.hpp"],
    "docs/codegen.md": ["apibind/seam.hpp"],
}
DEFAULT_PRELUDE = ["apibind/apibind.hpp"]
STD_HEADERS = ["boost/describe.hpp", "boost/mp11.hpp", "array", "chrono", "cstdio", "cstdint", "cstdlib", "future", "memory", "optional", "span",
               "string", "string_view", "thread", "utility", "vector"]

MARKER = re.compile(r"^\s*<!--\s*check:\s*(.*?)\s*-->\s*$")


class Block:
    def __init__(self, doc, line, code, marker):
        self.doc, self.line, self.code = doc, line, code  # line: of the first code line
        self.kind, self.arg, self.prelude, self.name, self.uses = "declarations", "", "", "", ""
        self.epilogue, self.global_scope = "", False
        if marker is None:
            return
        parts = [p.strip() for p in re.split(r";\s*(?=prelude:|epilogue:|as |uses |global)", marker)]
        head = parts[0]
        if head.startswith("quoted from "):
            self.kind, self.arg = "quoted", head[len("quoted from "):].strip()
        elif head.startswith("none"):
            self.kind, self.arg = "none", head[len("none"):].strip()
            if not re.fullmatch(r"\(.+\)", self.arg):
                raise ValueError(f"{doc}:{line - 1}: `check: none` needs a reason in parentheses")
        elif head in ("statements", "declarations"):
            self.kind = head
        else:
            raise ValueError(f"{doc}:{line - 1}: unknown check marker '{head}'")
        for p in parts[1:]:
            if p.startswith("prelude:"):
                self.prelude = p[len("prelude:"):].strip()
            elif p == "global":
                self.global_scope = True
            elif p.startswith("epilogue:"):
                self.epilogue = p[len("epilogue:"):].strip()
            elif p.startswith("as "):
                self.name = p[3:].strip()
            elif p.startswith("uses "):
                self.uses = p[5:].strip()
            elif p:
                raise ValueError(f"{doc}:{line - 1}: unknown check option '{p}'")


def extract(root, doc):
    lines = open(os.path.join(root, doc), encoding="utf-8").read().split("\n")
    blocks, i = [], 0
    while i < len(lines):
        if lines[i].strip().startswith("```cpp"):
            j = i + 1
            while j < len(lines) and not lines[j].strip().startswith("```"):
                j += 1
            k = i - 1
            while k >= 0 and not lines[k].strip():
                k -= 1
            m = MARKER.match(lines[k]) if k >= 0 else None
            blocks.append(Block(doc, i + 2, lines[i + 1:j], m.group(1) if m else None))
            i = j
        i += 1
    return blocks


def check_quoted(root, b):
    path = os.path.join(root, b.arg)
    if not os.path.isfile(path):
        return f"quoted from {b.arg}, which does not exist"
    src = [l.strip() for l in open(path, encoding="utf-8").read().split("\n")]
    pos = 0
    for n, line in enumerate(b.code):
        want = line.strip()
        if not want or want.startswith("//"):  # the doc may annotate: only code must match
            continue
        while pos < len(src) and src[pos] != want:
            pos += 1
        if pos == len(src):
            return f"line {b.line + n} is not in {b.arg} (in this order): {want}"
        pos += 1
    return None


def translation_unit(doc, blocks, headers):
    out = [f"// Generated by scripts/check_docs_code.py from {doc}"]
    for h in STD_HEADERS + headers:
        header, _, macro = h.partition(" if ")
        out += [f"#if defined({macro})", f"#include <{header}>", "#endif"] if macro else [f"#include <{header}>"]
    body, named = [], {}
    for b in blocks:
        code = []
        for line in b.code:
            if line.strip().startswith("#include"):
                out.append(line.strip())
                code.append("")  # keeps the #line mapping
            else:
                code.append(line)
        ns = f"apibind_docs_block_{b.line}"
        if not b.global_scope:
            body.append(f"namespace {ns} {{")
        own = []  # what a later `uses` of this block gets
        if b.uses:
            if b.uses not in named:
                raise ValueError(f"{doc}:{b.line - 1}: `uses {b.uses}` names no earlier block")
            own += named[b.uses]
        if b.prelude:
            own += [f'#line {b.line - 1} "{doc}"', b.prelude]
        body += own
        if b.kind == "statements":
            body.append("[[maybe_unused]] static int apibind_docs_block() {")
        body.append(f'#line {b.line} "{doc}"')
        body += code
        if b.kind != "statements":  # a later block reuses declarations, not statements
            own += [f'#line {b.line} "{doc}"'] + code
        if b.kind == "statements":
            body.append("return 0; }")
        if b.epilogue:
            body += [f'#line {b.line + len(b.code)} "{doc}"', b.epilogue]
            own += [f'#line {b.line + len(b.code)} "{doc}"', b.epilogue]
        if b.name:
            named[b.name] = own
        if not b.global_scope:
            body.append(f"}}  // namespace {ns}")
    return "\n".join(out + body) + "\n"


def first_error(stderr):
    lines = stderr.splitlines()
    for n, line in enumerate(lines):
        if ": error:" in line or ": fatal error:" in line:
            return "\n".join(lines[n:n + 4])
    return "\n".join(lines[:6])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--cxx", required=True)
    ap.add_argument("--flags", required=True)
    ap.add_argument("--keep", help="write the generated translation units here")
    ap.add_argument("docs", nargs="*")
    args = ap.parse_args()
    root = os.path.abspath(args.root)
    docs = args.docs or ["README.md"] + sorted(
        os.path.relpath(p, root) for p in glob.glob(os.path.join(root, "docs", "*.md")))
    flags = list(dict.fromkeys(l.strip() for l in open(args.flags, encoding="utf-8") if l.strip()))

    failures, counts, skipped = [], {"quoted": 0, "compiled": 0, "none": 0}, []
    for doc in docs:
        try:
            blocks = extract(root, doc)
        except ValueError as e:
            failures.append(str(e))
            continue
        compiled = []
        for b in blocks:
            if b.kind == "quoted":
                counts["quoted"] += 1
                err = check_quoted(root, b)
                if err:
                    failures.append(f"{doc}:{b.line - 1}: cpp block: {err}")
            elif b.kind == "none":
                counts["none"] += 1
                skipped.append(f"{doc}:{b.line - 1} {b.arg}")
            else:
                counts["compiled"] += 1
                compiled.append(b)
        if not compiled:
            continue
        try:
            tu = translation_unit(doc, compiled, PRELUDES.get(doc, DEFAULT_PRELUDE))
        except ValueError as e:
            failures.append(str(e))
            continue
        with tempfile.TemporaryDirectory() as tmp:
            out_dir = args.keep or tmp
            os.makedirs(out_dir, exist_ok=True)
            src = os.path.join(out_dir, re.sub(r"[^A-Za-z0-9]", "_", doc) + ".cpp")
            with open(src, "w", encoding="utf-8") as f:
                f.write(tu)
            # Beast declared, not defined (as for apibind::beast_compiled users): -fsyntax-only needs
            # no definitions, and it saves ~15 s of CPU per doc that uses a Beast transport. -w: the
            # check is whether it compiles (the headers' own warnings are checked by `headers`).
            limit = "-ferror-limit=20" if "clang" in os.path.basename(args.cxx) else "-fmax-errors=20"
            cmd = [args.cxx, "-std=c++20", "-fsyntax-only", "-DAPIBIND_BEAST_SEPARATE_COMPILATION", "-w",
                   limit] + flags + [src]
            run = subprocess.run(cmd, cwd=root, capture_output=True, text=True)
            if run.returncode != 0:
                m = re.search(r"^(\S+?\.md):(\d+):", run.stderr, re.M)
                where = f"{m.group(1)}:{m.group(2)}" if m else doc
                starts = [b.line - 1 for b in compiled if m and b.line <= int(m.group(2)) + 1]
                block = f" (the cpp block at line {starts[-1]})" if starts else ""
                failures.append(f"{where}{block} does not compile:\n{first_error(run.stderr)}")

    print(f"docs_code: {counts['quoted']} blocks quoted, {counts['compiled']} compiled, "
          f"{counts['none']} not checked")
    for s in skipped:
        print(f"  not checked: {s}")
    for f in failures:
        print(f"FAILED: {f}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
