#!/usr/bin/env python3
"""Turns the benchmark's JSON, the compile measurements, the machine facts and (when valgrind ran)
the callgrind instruction counts into docs/performance.md and the bar chart docs/performance.png (gnuplot).

usage: report.py BENCH_JSON COMPILE_JSON MACHINE_JSON OUT_MD OUT_PNG [CALLGRIND_JSON]
(a CALLGRIND_JSON that is absent or missing: the instructions section says they were not measured)
"""
import json
import os
import subprocess
import sys
import tempfile

DOCS = [("account", "one connected_account"), ("list", "list response, 100 accounts")]

DECODERS = [
    ("apibind_decode", "apibind `json::decode<T>` (new struct)"),
    ("apibind_decode_into", "apibind `json::decode_into` (reused struct)"),
    ("boost_json", "Boost.JSON `parse` + `value_to`"),
    ("nlohmann", "nlohmann/json `parse` + extraction"),
    ("rapidjson", "RapidJSON `Document::Parse` + extraction"),
    ("simdjson_ondemand", "simdjson On Demand + extraction"),
    ("floor_boost_null_parser", "floor: Boost `basic_parser`, null handler (validation only)"),
    ("floor_simdjson_dom", "floor: simdjson DOM parse (validation only)"),
    ("floor_memcpy", "floor: `memcpy` of the bytes"),
]
ENCODERS = [
    ("apibind", "apibind `json::encode(v, out)` (reused buffer)"),
    ("boost_json", "Boost.JSON `value_from` + serializer"),
    ("nlohmann", "nlohmann/json struct -> `json` -> `dump()`"),
    ("rapidjson", "RapidJSON `Writer` (reused `StringBuffer`)"),
    ("floor_memcpy", "floor: `memcpy` of the output bytes"),
]

# (description, kind, document(s), row, reference row, minimum ratio) -- ratios are time(ref) / time(row)
TARGETS = [
    ("decode<T> >= 2.5x Boost.JSON parse+value_to", "decode", "apibind_decode", "boost_json", 2.5),
    ("decode<T> >= 2.5x RapidJSON", "decode", "apibind_decode", "rapidjson", 2.5),
    ("decode<T> >= 1.0x simdjson On Demand", "decode", "apibind_decode", "simdjson_ondemand", 1.0),
    ("decode_into >= 4x RapidJSON", "decode", "apibind_decode_into", "rapidjson", 4.0),
    ("encode (reused buffer) >= 4x Boost.JSON value_from+serialize", "encode", "apibind", "boost_json", 4.0),
    ("encode (reused buffer) >= 4x RapidJSON Writer", "encode", "apibind", "rapidjson", 4.0),
]


def load(path):
    with open(path) as f:
        return json.load(f)


def medians(bench):
    """name -> median aggregate (the benchmark runs with repetitions and aggregates only)."""
    out = {}
    for b in bench["benchmarks"]:
        if b.get("run_type") == "aggregate" and b.get("aggregate_name") == "median":
            out[b["run_name"]] = b
        elif b.get("run_type") != "aggregate" and b["name"] not in out:
            out[b["name"]] = b  # a run without repetitions
    return out


def ns(b):
    scale = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}[b.get("time_unit", "ns")]
    return b["cpu_time"] * scale


def fmt_ns(v):
    if v >= 1e6:
        return f"{v / 1e6:,.2f} ms"
    if v >= 1e4:
        return f"{v / 1e3:,.1f} µs"
    if v >= 1e3:
        return f"{v / 1e3:,.2f} µs"
    return f"{v:,.0f} ns"


def fmt_ratio(r):
    return f"{r:.2f}×"


def fmt_count(v):
    if v >= 1000:
        return f"{v:,.0f}"
    if v == int(v):
        return f"{int(v)}"
    return f"{v:.1f}"


def fmt_bytes(v):
    if v >= 1 << 20:
        return f"{v / (1 << 20):.2f} MiB"
    if v >= 1 << 10:
        return f"{v / (1 << 10):.1f} KiB"
    return f"{v:.0f} B"


def table(kind, doc, rows, med, refs):
    lines = []
    head = "| contender | time/op (CPU, median) | MB/s | allocations/op | allocated bytes/op | " + " | ".join(
        f"speed vs {label}" for _, label in refs) + " |"
    lines.append(head)
    lines.append("|" + "---|" * (5 + len(refs)))
    for key, label in rows:
        b = med.get(f"{kind}/{doc}/{key}")
        if not b:
            continue
        t = ns(b)
        mbs = b.get("bytes_per_second", 0) / 1e6
        cells = [label, fmt_ns(t), f"{mbs:,.0f}", fmt_count(b.get("allocs_per_op", 0)), fmt_bytes(b.get("alloc_bytes_per_op", 0))]
        for ref, _ in refs:
            rb = med.get(f"{kind}/{doc}/{ref}")
            cells.append(fmt_ratio(ns(rb) / t) if rb and not key.startswith("floor") else "")
        bold = key.startswith("apibind")
        if bold:
            cells[0] = f"**{cells[0]}**"
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


# Reference rows of the instruction tables: "vs X" is instructions(X) / instructions(row).
INSTR_REFS = {
    "decode": [("apibind_decode_into", "apibind decode_into"), ("boost_json", "Boost.JSON"), ("rapidjson", "RapidJSON"),
               ("simdjson_ondemand", "simdjson")],
    "encode": [("apibind", "apibind"), ("boost_json", "Boost.JSON"), ("rapidjson", "RapidJSON")],
}


def instructions(cg, kind, doc, key):
    op = cg["ops"].get(f"{kind}/{doc}/{key}") if cg else None
    return op["per_op"] if op else None


def instr_table(cg, kind, doc, rows):
    refs = INSTR_REFS[kind]
    lines = ["| contender | instructions/op | " + " | ".join(f"vs {label}" for _, label in refs) + " |",
             "|" + "---|" * (2 + len(refs))]
    for key, label in rows:
        n = instructions(cg, kind, doc, key)
        if n is None:
            continue
        cells = [f"**{label}**" if key.startswith("apibind") else label, f"{n:,.0f}"]
        for ref, _ in refs:
            r = instructions(cg, kind, doc, ref)
            cells.append(fmt_ratio(r / n) if r and n and not key.startswith("floor") else "")
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def instr_section(cg):
    md = ["## Instructions per operation (callgrind)\n"]
    if not cg:
        md.append("Not measured in this run: valgrind was not installed (`benchmarks/run` installs it with the other "
                  "Debian packages and then counts every contender's instructions per operation here).\n")
        return md
    n = cg["n"]
    md.append(f"CPU times move with whatever else runs on the machine; instruction counts do not. The same contenders, "
              f"built into one binary (`apibind_callgrind`, `benchmarks/callgrind_driver.cpp`: the adapters above, "
              f"`-O3` with apibind_bench's `-march=native` less AVX-512, which valgrind cannot decode; simdjson's "
              f"implementation there: {cg.get('simdjson_implementation', '?')}), each operation in its own process under "
              f"`valgrind --tool=callgrind --instr-atstart=no` ({cg.get('valgrind', 'valgrind')}): the driver checks the "
              f"operation's result as above, runs it once to warm up, then instruments only N more calls (N = "
              f"{n.get('account', '?')} for the account, {n.get('list', '?')} for the list); the table gives `Collected` / N. "
              f"\"vs X\" is instructions(X) / instructions(row): above 1 the row executes fewer instructions. Fewer "
              f"instructions is not the same as less time (SIMD width, branch misses and cache misses are not counted), "
              f"but the ratios hold from run to run. Counted in {cg.get('seconds', 0):.0f} s.\n")
    for doc, title in DOCS:
        md.append(f"### Instructions: {doc} ({title})\n")
        for kind, rows in (("decode", DECODERS), ("encode", ENCODERS)):
            md.append(f"{kind.capitalize()}:\n")
            md.append(instr_table(cg, kind, doc, rows))
            md.append("")
    return md


def chart(med, machine, out_png):
    """Clustered bars, MB/s on a log scale: decode and encode, both documents."""
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "d.dat")
        rows = []
        for key, label in DECODERS:
            if key == "floor_memcpy":
                continue
            vals = [med.get(f"decode/{d}/{key}", {}).get("bytes_per_second", 0) / 1e6 for d, _ in DOCS]
            rows.append((f"decode: {key.replace('_', ' ')}", vals))
        for key, label in ENCODERS:
            if key == "floor_memcpy":
                continue
            vals = [med.get(f"encode/{d}/{key}", {}).get("bytes_per_second", 0) / 1e6 for d, _ in DOCS]
            rows.append((f"encode: {key.replace('_', ' ')}", vals))
        with open(data, "w") as f:
            for name, vals in rows:
                f.write('"{}" {}\n'.format(name, " ".join(f"{v:.1f}" for v in vals)))
        script = os.path.join(tmp, "p.gp")
        with open(script, "w") as f:
            f.write(f"""
set terminal pngcairo noenhanced size 1400,700 font "DejaVu Sans,10"
set output "{out_png}"
set title "apibind vs Boost.JSON, nlohmann/json, RapidJSON, simdjson: MB/s of JSON (CPU time, median; higher is better)\\n{machine['cpu']}, {machine['compiler']}"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set logscale y
set yrange [10:*]
set ylabel "MB/s (log scale)"
set grid ytics
set xtics rotate by -35 scale 0
set key top right
plot "{data}" using 2:xtic(1) title "connected_account ({machine['account_bytes']} B)", '' using 3 title "list of 100 ({machine['list_bytes']} B)"
""")
        subprocess.run(["gnuplot", script], check=True)


def main():
    bench_path, compile_path, machine_path, out_md, out_png = sys.argv[1:6]
    cg_path = sys.argv[6] if len(sys.argv) > 6 else None
    cg = load(cg_path) if cg_path and os.path.exists(cg_path) else None
    bench = load(bench_path)
    comp = load(compile_path)
    machine = load(machine_path)
    med = medians(bench)
    ctx = bench.get("context", {})
    machine["account_bytes"] = ctx.get("account_bytes", "?")
    machine["list_bytes"] = ctx.get("list_bytes", "?")

    md = []
    md.append("# Performance\n")
    md.append("Generated by `benchmarks/run` (do not edit by hand: rerun it). The benchmark is one Google Benchmark "
              "binary, `apibind_bench` (`benchmarks/`), that decodes and encodes the same C++ structs "
              "(`apibind::seam::connected_account` and the `/connected_accounts/list` response) with apibind and with "
              "the usual C++ JSON libraries, side by side in one run.\n")
    md.append("## Machine and build\n")
    md.append(f"- date: {machine['date']}")
    md.append(f"- CPU: {machine['cpu']}, {machine['cores']} cores (shared with other work: see *Noise* below)")
    md.append(f"- compiler: {machine['compiler']}; benchmark built `Release` (`-O3 -DNDEBUG`) with `-march=native` for every contender "
              "(simdjson On Demand only uses SIMD when the compiler flags allow it)")
    md.append(f"- Boost {ctx.get('boost_version', '?').replace('_', '.')}, nlohmann/json {machine.get('nlohmann', '?')}, "
              f"RapidJSON {machine.get('rapidjson', '?')}, simdjson {machine.get('simdjson', '?')} "
              f"(implementation: {ctx.get('simdjson_implementation', '?')}), Google Benchmark {machine.get('benchmark', '?')}")
    reps = machine.get("repetitions", "?")
    md.append(f"- {reps} repetitions per benchmark, random interleaving; the tables give the **median CPU time** per operation\n")

    md.append("## What is measured\n")
    md.append(f"- **account**: the seed's connected account with 3 of the 4 error variants (`account_disconnected`, "
              f"`bridge_disconnected`, `salto_ks_subscription_limit_exceeded` with 2 sites) and 4 of the 8 warning variants "
              f"(incl. `salto_ks_subscription_limit_almost_reached` with 2 sites), the optional members the seed has "
              f"(not the connector ones: `default_checkin_time`, `ical_url`, `time_zone`...), "
              f"`custom_metadata` with string and boolean values: {machine['account_bytes']} bytes of compact JSON, keys in "
              f"Seam's order (so the error tag comes second and the warning tag last).")
    md.append(f"- **list**: `{{\"connected_accounts\":[100 such accounts, varied ids],\"pagination\":{{...}},\"ok\":true}}`: "
              f"{machine['list_bytes']} bytes.")
    md.append("- Every contender fills the same structs completely; before anything is timed, each decoder's result is "
              "compared with the expected struct (`operator==`) and each encoder's text is compared JSON-equal (via "
              "`boost::json::parse`) with the input document; the binary refuses to run if any differs.")
    md.append("- Decoders return a new struct per operation (its construction and destruction are timed), except "
              "`decode_into`, which refills one struct. Encoders write into a buffer kept between operations "
              "(apibind's `std::string`, RapidJSON's `StringBuffer`, a `std::string` for Boost.JSON's serializer; "
              "nlohmann's `dump()` returns a new string).")
    md.append("- allocations/op and allocated bytes/op are counted by the benchmark itself (replaced `operator new` and "
              "interposed `malloc`/`calloc`/`realloc`), over the timed loop.")
    md.append("- \"speed vs X\" is time(X) / time(row): above 1 the row is faster.\n")

    for kind, rows, refs in (("decode", DECODERS, [("boost_json", "Boost.JSON"), ("rapidjson", "RapidJSON"), ("simdjson_ondemand", "simdjson")]),
                             ("encode", ENCODERS, [("boost_json", "Boost.JSON"), ("rapidjson", "RapidJSON")])):
        for doc, title in DOCS:
            md.append(f"### {kind.capitalize()}: {doc} ({title})\n")
            md.append(table(kind, doc, rows, med, refs))
            md.append("")

    md.append("![decode and encode throughput](performance.png)\n")

    md.extend(instr_section(cg))

    md.append("## Targets\n")
    md.append("Ratios of CPU time (medians above) and of instructions (callgrind, above), measured in this run.\n")
    md.append("| target | account (time) | list (time) | account (instructions) | list (instructions) | met (time / instructions) |")
    md.append("|---|---|---|---|---|---|")
    for desc, kind, row, ref, minimum in TARGETS:
        cells, met = [], []
        for measure in (lambda d, k: ns(med[f"{kind}/{d}/{k}"]) if f"{kind}/{d}/{k}" in med else None,
                        lambda d, k: instructions(cg, kind, d, k)):
            ok = True
            for doc, _ in DOCS:
                a, b = measure(doc, row), measure(doc, ref)
                if not a or not b:
                    cells.append("n/a")
                    ok = False
                    continue
                r = b / a
                ok = ok and r >= minimum
                cells.append(fmt_ratio(r))
            met.append("yes" if ok else "**no**")
        if not cg:
            met[1] = "n/a"
        md.append(f"| {desc} | {' | '.join(cells)} | {met[0]} / {met[1]} |")
    into_allocs = [med.get(f"decode/{d}/apibind_decode_into", {}).get("allocs_per_op", -1) for d, _ in DOCS]
    md.append(f"| decode_into allocates nothing in steady state | {fmt_count(into_allocs[0])} allocations/op | "
              f"{fmt_count(into_allocs[1])} allocations/op | | | {'yes' if all(a == 0 for a in into_allocs) else '**no**'} |")
    units = {u["name"]: u for u in comp["units"]}
    if "apibind" in units and "nlohmann" in units:
        a, n = units["apibind"], units["nlohmann"]
        r = a["cpu_s"] / n["cpu_s"]
        md.append(f"| compile of the apibind TU <= 0.75× the nlohmann TU (CPU time) | {r:.2f}× | | | | {'yes' if r <= 0.75 else '**no**'} |")
        md.append(f"| apibind object no larger than nlohmann's | {a['object_bytes']:,} B vs {n['object_bytes']:,} B "
                  f"(text {a['text']:,} vs {n['text']:,}) | | | | {'yes' if a['object_bytes'] <= n['object_bytes'] else '**no**'} |")
    if "seam_endpoints" in units:
        s = units["seam_endpoints"]
        md.append(f"| include the Seam binding and call every endpoint: compile < 5 s | {s['cpu_s']:.2f} s CPU, {s['wall_s']:.2f} s wall | | | | "
                  f"{'yes' if s['cpu_s'] < 5 else '**no**'} |")
    md.append("")

    md.append("## Compile time and object size\n")
    md.append(f"`{comp['compiler']}`, `{comp['flags']}`, best of {comp['runs']} (CPU = user + sys of the compiler; wall time "
              f"is also shown but suffers more from whatever else runs on the machine). Each library's translation unit is "
              f"the adapter the benchmark runs (`benchmarks/compile/*.cpp`): it decodes and encodes the model "
              f"(simdjson: decodes only).\n")
    md.append("| translation unit | does | compile, CPU | compile, wall | vs nlohmann (CPU) | object file | text | data |")
    md.append("|---|---|---|---|---|---|---|---|")
    ncpu = units.get("nlohmann", {}).get("cpu_s")
    for u in comp["units"]:
        ratio = f"{u['cpu_s'] / ncpu:.2f}×" if ncpu else ""
        name = f"**{u['name']}**" if u["name"] in ("apibind", "seam_endpoints") else u["name"]
        md.append(f"| {name} (`{u['source']}`) | {u['what']} | {u['cpu_s']:.2f} s | {u['wall_s']:.2f} s | {ratio} | "
                  f"{u['object_bytes']:,} B | {u['text']:,} B | {u['data']:,} B |")
    md.append("")

    notes_path = os.path.join(os.path.dirname(__file__), "..", "performance_notes.md")
    if os.path.exists(notes_path):
        with open(notes_path) as f:
            md.append(f.read().strip() + "\n")

    with open(out_md, "w") as f:
        f.write("\n".join(md))
    chart(med, machine, out_png)


if __name__ == "__main__":
    main()
