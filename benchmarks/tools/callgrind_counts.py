#!/usr/bin/env python3
"""Instructions per operation of every apibind_callgrind operation, for benchmarks/run.

Each operation (`apibind_callgrind --list`) runs in its own process under
`valgrind --tool=callgrind --instr-atstart=no`: the driver checks its result, warms it up, then
instruments only its N calls, so valgrind's `Collected` / N is the instruction count per operation.
A driver that exits non-zero (a wrong result) stops the run. Writes JSON to OUT_JSON.

usage: callgrind_counts.py APIBIND_CALLGRIND OUT_JSON
Environment: APIBIND_BENCH_CALLGRIND_N_ACCOUNT (default 200), APIBIND_BENCH_CALLGRIND_N_LIST (default 10),
APIBIND_BENCH_FILTER (regex over the operation names, as for apibind_bench).
"""
import json
import os
import re
import subprocess
import sys
import time

COLLECTED = re.compile(r"^==\d+== Collected : (\d+)\s*$", re.M)
ALLOCS = re.compile(r"([0-9.]+) allocations/op, ([0-9.]+) bytes/op")


def main():
    driver, out_json = sys.argv[1:3]
    n_for = {"account": int(os.environ.get("APIBIND_BENCH_CALLGRIND_N_ACCOUNT", "200")),
             "list": int(os.environ.get("APIBIND_BENCH_CALLGRIND_N_LIST", "10"))}
    names = subprocess.run([driver, "--list"], check=True, capture_output=True, text=True).stdout.split()
    if os.environ.get("APIBIND_BENCH_FILTER"):  # the timed benchmark's filter, same names
        names = [n for n in names if re.search(os.environ["APIBIND_BENCH_FILTER"], n)]
    valgrind = subprocess.run(["valgrind", "--version"], check=True, capture_output=True, text=True).stdout.strip()
    start = time.perf_counter()
    ops = {}
    for name in names:
        doc = name.split("/")[1]
        n = n_for[doc]
        t0 = time.perf_counter()
        r = subprocess.run(["valgrind", "--tool=callgrind", "--instr-atstart=no", "--callgrind-out-file=/dev/null", driver, name, str(n)],
                           capture_output=True, text=True)
        if r.returncode != 0:
            sys.stderr.write(r.stderr)
            sys.exit(f"callgrind_counts: {name} failed (exit {r.returncode})")
        m = COLLECTED.search(r.stderr)
        if not m:
            sys.stderr.write(r.stderr)
            sys.exit(f"callgrind_counts: no 'Collected' line from valgrind for {name}")
        total = int(m.group(1))
        if total == 0:  # the driver never reached CALLGRIND_START_INSTRUMENTATION
            sys.exit(f"callgrind_counts: {name}: no instructions collected")
        a = ALLOCS.search(r.stdout)
        ops[name] = {"n": n, "collected": total, "per_op": total / n,
                     "allocs_per_op": float(a.group(1)) if a else None, "alloc_bytes_per_op": float(a.group(2)) if a else None,
                     "seconds": round(time.perf_counter() - t0, 2)}
        print(f"  {name}: {total / n:,.0f} instructions/op (N = {n}, {ops[name]['seconds']:.1f} s)", flush=True)
    # The implementation simdjson picks under valgrind (its CPUID has no AVX-512).
    impl = subprocess.run(["valgrind", "-q", "--tool=none", driver, "--simdjson-implementation"], capture_output=True, text=True)
    result = {"valgrind": valgrind, "n": n_for, "seconds": round(time.perf_counter() - start, 1),
              "simdjson_implementation": impl.stdout.strip() or "?", "ops": ops}
    with open(out_json, "w") as f:
        json.dump(result, f, indent=2)
    print(f"  {len(ops)} operations in {result['seconds']:.0f} s")


if __name__ == "__main__":
    main()
