#!/usr/bin/env bash
# The hardening checks CI runs after the normal build and ctest (called by scripts/test.sh unless
# it is given --quick):
#   1. scripts/sanitize.sh   ASan+UBSan build and ctest (clang++-14, -Werror), valgrind on the unit tests
#   2. scripts/fuzz.sh       every fuzz target for --fuzz-seconds (default 30) on its committed corpus
#   3. scripts/tidy.sh       clang-tidy-14 on the public headers
# Every step runs even if an earlier one failed; the exit status is non-zero if any failed.
#
#   bash scripts/hardening.sh [--build-dir DIR] [--fuzz-seconds N]
#     --build-dir   the normal build whose unit tests valgrind runs (default: build)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

build_dir=build
fuzz_seconds=30
while (($#)); do
    case "$1" in
        --build-dir) build_dir=${2:?--build-dir needs a value}; shift 2 ;;
        --build-dir=*) build_dir=${1#--build-dir=}; shift ;;
        --fuzz-seconds) fuzz_seconds=${2:?--fuzz-seconds needs a value}; shift 2 ;;
        --fuzz-seconds=*) fuzz_seconds=${1#--fuzz-seconds=}; shift ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "hardening.sh: unknown argument: $1" >&2; exit 2 ;;
    esac
done

passed=0
failed=0
failures=()
summary=()
start_all=$SECONDS

step() {
    local name=$1
    shift
    echo
    echo "=== hardening: $name ==="
    local start=$SECONDS rc=0
    # CPU time too: on a shared machine the wall time says little about CI's.
    local TIMEFORMAT="hardening: $name: %0R s wall, %0U s user + %0S s sys CPU"
    time "$@" || rc=$?
    local took=$((SECONDS - start))
    if ((rc == 0)); then
        passed=$((passed + 1))
        summary+=("$(printf '  %-10s ok      %4d s' "$name" "$took")")
    else
        failed=$((failed + 1))
        failures+=("$name")
        summary+=("$(printf '  %-10s FAILED  %4d s' "$name" "$took")")
    fi
}

step sanitize bash scripts/sanitize.sh --build-dir "$build_dir"
step fuzz bash scripts/fuzz.sh --seconds "$fuzz_seconds"
step tidy bash scripts/tidy.sh

echo
echo "=== hardening: summary ($((SECONDS - start_all)) s) ==="
printf '%s\n' "${summary[@]}"
((failed == 0)) || echo "hardening: failed: ${failures[*]}" >&2
echo "hardening: $passed passed, $failed failed"
((failed == 0))
