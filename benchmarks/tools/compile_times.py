#!/usr/bin/env python3
"""Compile-time and object-size measurements for benchmarks/run.

For each translation unit: `g++ -std=c++20 -O2 -c` three times; the best wall time and the best CPU
time (user + sys of the compiler, which concurrent load inflates far less than wall time) are kept,
with the median CPU time, the compiler's peak memory, the object's file size and its `size` sections. Writes JSON to the path given as argv[1].
"""
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CXX = os.environ.get("CXX", "g++")
RUNS = int(os.environ.get("APIBIND_BENCH_COMPILE_RUNS", "3"))

# (name, source, what it does)
UNITS = [
    ("apibind", "benchmarks/compile/apibind.cpp", "decode<T>, decode_into, encode of the account and the list"),
    ("boost_json", "benchmarks/compile/boost_json.cpp", "parse + value_to, value_from + serializer, the wrappers' conversions"),
    ("nlohmann", "benchmarks/compile/nlohmann.cpp", "parse + extraction, struct -> json -> dump"),
    ("rapidjson", "benchmarks/compile/rapidjson.cpp", "Document::Parse + extraction, Writer"),
    ("simdjson", "benchmarks/compile/simdjson.cpp", "On Demand extraction (decode only)"),
    ("seam_endpoints", "benchmarks/compile/seam_endpoints.cpp", "includes <apibind/seam/connected_accounts.hpp>, calls its 6 endpoints through apibind::client"),
    ("seam_include_all", "benchmarks/compile/seam_include_all.cpp", "includes <apibind/seam.hpp> (the whole generated API: 201 endpoints), calls nothing"),
    ("seam_include_locks", "benchmarks/compile/seam_include_locks.cpp", "includes <apibind/seam/locks.hpp> (one route namespace), calls nothing"),
    ("seam_mock_two_calls", "benchmarks/compile/seam_mock_two_calls.cpp", "includes <apibind/seam.hpp>, two calls over the mock transport (the floor of the next two)"),
    ("seam_beast_header_only", "benchmarks/compile/seam_beast_header_only.cpp", "the same two calls over beast_sync_transport, header-only (the default)"),
    ("seam_beast_separate", "benchmarks/compile/seam_beast_separate.cpp", "the same with APIBIND_BEAST_SEPARATE_COMPILATION (apibind::beast_compiled)"),
    ("beast_send_header_only", "benchmarks/compile/beast_send_header_only.cpp", "beast.hpp alone, one send on each transport, header-only"),
    ("beast_send_separate", "benchmarks/compile/beast_send_separate.cpp", "the same with APIBIND_BEAST_SEPARATE_COMPILATION"),
    ("beast_src", "benchmarks/compile/beast_src.cpp", "the one TU of the separate mode: <apibind/transport/beast_src.hpp>, with https"),
]


def compile_once(src, obj):
    cmd = [CXX, "-std=c++20", "-O2", "-c", "-I", os.path.join(ROOT, "include"), "-I", os.path.join(ROOT, "benchmarks"),
           os.path.join(ROOT, src), "-o", obj]
    # /usr/bin/time -f: the compiler's own CPU time and peak memory (RUSAGE_CHILDREN's maxrss would
    # keep the largest child seen so far).
    start = time.perf_counter()
    timed = subprocess.run(["/usr/bin/time", "-f", "%U %S %M"] + cmd, check=True, capture_output=True, text=True)
    wall = time.perf_counter() - start
    user, sys_, max_kb = timed.stderr.strip().splitlines()[-1].split()
    return wall, float(user) + float(sys_), int(max_kb)


def sections(obj):
    out = subprocess.run(["size", obj], check=True, capture_output=True, text=True).stdout.splitlines()
    text, data, bss = (int(x) for x in out[1].split()[:3])
    return {"text": text, "data": data, "bss": bss}


def main():
    only = set(os.environ.get("APIBIND_BENCH_COMPILE_ONLY", "").split(",")) - {""}
    results = {"compiler": subprocess.run([CXX, "--version"], capture_output=True, text=True).stdout.splitlines()[0],
               "flags": "-std=c++20 -O2 -c", "runs": RUNS, "units": []}
    with tempfile.TemporaryDirectory() as tmp:
        for name, src, what in UNITS:
            if (only and name not in only) or not os.path.exists(os.path.join(ROOT, src)):
                continue
            obj = os.path.join(tmp, name + ".o")
            walls, cpus, mems = [], [], []
            for _ in range(RUNS):
                w, c, m = compile_once(src, obj)
                walls.append(w)
                cpus.append(c)
                mems.append(m)
            unit = {"name": name, "source": src, "what": what, "wall_s": min(walls), "cpu_s": min(cpus),
                    "cpu_median_s": sorted(cpus)[len(cpus) // 2], "peak_mb": max(mems) / 1024,
                    "walls": walls, "cpus": cpus, "object_bytes": os.path.getsize(obj)}
            unit.update(sections(obj))
            results["units"].append(unit)
            print(f"  {name:18s} cpu {unit['cpu_s']:6.2f} s (median {unit['cpu_median_s']:6.2f})  {unit['peak_mb']:5.0f} MB  wall {unit['wall_s']:6.2f} s  .o {unit['object_bytes']:>9} B  text {unit['text']:>8} B",
                  flush=True)
    with open(sys.argv[1], "w") as f:
        json.dump(results, f, indent=2)


if __name__ == "__main__":
    main()
