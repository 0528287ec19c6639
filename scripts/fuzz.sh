#!/usr/bin/env bash
# Builds apibind's libFuzzer targets (tests/fuzz/) with clang++-14 and
# -fsanitize=fuzzer,address,undefined -O1 -gline-tables-only in build-fuzz/, then runs each for N seconds on a
# copy of its committed seed corpus (tests/fuzz/corpus/<target>/). Fails on any crash, leak,
# timeout, sanitizer report or invariant violation, and prints the reproducer's path.
#
#   bash scripts/fuzz.sh [--seconds N] [--jobs J] [--build-dir DIR] [target...]
#     targets: seam superoffice json http webhook (default: all)
#     --seconds N   per target (default 60); long runs: --seconds 3600
#     --jobs J      targets run at the same time (default: the number of cores)
#
# Reproduce a failure:  build-fuzz/fuzz_<target> <reproducer>
# New inputs the run found stay in build-fuzz/run/<target>/corpus (never written back to the repo).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

all_targets=(seam superoffice json http webhook)
seconds=60
jobs=$(nproc 2>/dev/null || echo 2)
build_dir=build-fuzz
targets=()
while (($#)); do
    case "$1" in
        --seconds) seconds=${2:?--seconds needs a value}; shift 2 ;;
        --seconds=*) seconds=${1#--seconds=}; shift ;;
        --jobs) jobs=${2:?--jobs needs a value}; shift 2 ;;
        --jobs=*) jobs=${1#--jobs=}; shift ;;
        --build-dir) build_dir=${2:?--build-dir needs a value}; shift 2 ;;
        --build-dir=*) build_dir=${1#--build-dir=}; shift ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        -*) echo "fuzz.sh: unknown option: $1" >&2; exit 2 ;;
        *)
            [[ " ${all_targets[*]} " == *" $1 "* ]] || { echo "fuzz.sh: unknown target: $1 (have: ${all_targets[*]})" >&2; exit 2; }
            targets+=("$1"); shift ;;
    esac
done
((${#targets[@]})) || targets=("${all_targets[@]}")
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "fuzz.sh: --seconds must be a whole number" >&2; exit 2; }

bash scripts/ensure_packages.sh clang-14 libclang-rt-14-dev cmake

configure=(cmake -S tests/fuzz -B "$build_dir" -DCMAKE_CXX_COMPILER=clang++-14 -DCMAKE_BUILD_TYPE=)
# The reader's wide scans (AVX2, PCLMUL, POPCNT) on a CPU that has them; the unit tests' main build
# covers the SSE2 and plain ones.
simd=$(bash scripts/simd_flags.sh)
if [[ -n "$simd" ]]; then configure+=("-DCMAKE_CXX_FLAGS=$simd"); fi
if [[ ! -f "$build_dir/CMakeCache.txt" ]] && command -v ninja >/dev/null 2>&1; then
    configure+=(-G Ninja)
fi
echo "fuzz.sh: building ${targets[*]/#/fuzz_} in $build_dir"
mkdir -p "$build_dir"
"${configure[@]}" >"$build_dir/configure.log" 2>&1 || { cat "$build_dir/configure.log"; exit 1; }
cmake --build "$build_dir" --parallel "$(nproc 2>/dev/null || echo 2)" --target "${targets[@]/#/fuzz_}"

export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

# Runs one target; its output goes to run/<target>/log.
run_target() {
    local t=$1 work="$build_dir/run/$1"
    rm -rf "$work"
    mkdir -p "$work/corpus" "$work/artifacts"
    cp tests/fuzz/corpus/"$t"/* "$work/corpus/"
    local rc=0
    "$build_dir/fuzz_$t" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2560 -print_final_stats=1 \
        -dict=tests/fuzz/apibind.dict -artifact_prefix="$work/artifacts/" "$work/corpus" >"$work/log" 2>&1 || rc=$?
    echo "$rc" >"$work/rc"
}

echo "fuzz.sh: running ${targets[*]} for ${seconds} s each, ${jobs} at a time"
pids=()
for t in "${targets[@]}"; do
    while (($(jobs -rp | wc -l) >= jobs)); do wait -n || true; done
    run_target "$t" &
    pids+=($!)
done
wait "${pids[@]}" 2>/dev/null || true

passed=0
failed=0
for t in "${targets[@]}"; do
    work="$build_dir/run/$t"
    rc=$(cat "$work/rc" 2>/dev/null || echo 1)
    artifacts=("$work"/artifacts/*)
    [[ -e "${artifacts[0]}" ]] || artifacts=()
    stats=$(grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb):' "$work/log" | awk '{printf "%s %s  ", $1, $2}' || true)
    cov=$(grep -oE 'cov: [0-9]+' "$work/log" | tail -1 || true)
    if [[ "$rc" == 0 && ${#artifacts[@]} -eq 0 ]]; then
        echo "fuzz_$t: ok (${seconds} s, ${cov:-cov: ?}, ${stats% })"
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "fuzz_$t: FAILED (exit $rc); last lines of $work/log:" >&2
        grep -vE '^#[0-9]+' "$work/log" | tail -40 >&2
        for a in "${artifacts[@]}"; do
            echo "fuzz_$t: reproducer: $a   (run: $build_dir/fuzz_$t $a)" >&2
        done
    fi
done
echo "fuzz: $passed passed, $failed failed"
((failed == 0))
