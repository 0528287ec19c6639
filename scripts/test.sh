#!/usr/bin/env bash
# THE test command: installs what is missing, configures, builds and runs every test.
#   bash scripts/test.sh [--build-dir DIR] [--quick]
#   --quick: skip the hardening checks (sanitizers, valgrind, fuzzing, clang-tidy) that CI runs
# Ends with one line: "N passed, N failed" (ctest's tests plus the hardening steps; with --quick
# ", 3 skipped"). Logs: DIR/test_logs/. Exit status non-zero if anything failed.
# Environment: CMAKE_BUILD_TYPE (default RelWithDebInfo), CTEST_PARALLEL_LEVEL (ctest's own).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

build_dir=build
quick=0
while (($#)); do
    case "$1" in
        --build-dir)
            [[ $# -ge 2 ]] || { echo "test.sh: --build-dir needs a value" >&2; exit 2; }
            build_dir=$2; shift 2 ;;
        --build-dir=*)
            build_dir=${1#--build-dir=}; shift ;;
        --quick)
            quick=1; shift ;;
        -h|--help)
            sed -n '2,7p' "$0"; exit 0 ;;
        *)
            echo "test.sh: unknown argument: $1" >&2; exit 2 ;;
    esac
done

bash scripts/install_deps.sh

if [[ -f scripts/fake_seam/install.sh ]]; then
    bash scripts/fake_seam/install.sh
fi
# svix, the reference webhook signer the webhook tests check against.
if [[ -f tests/svix/install.sh ]]; then
    bash tests/svix/install.sh
fi

configure=(cmake -S . -B "$build_dir"
    -DCMAKE_BUILD_TYPE="${CMAKE_BUILD_TYPE:-RelWithDebInfo}"
    -DAPIBIND_BUILD_TESTS=ON
    -DAPIBIND_BUILD_EXAMPLES=ON)
# Ninja when installed, unless the build dir was already configured with another
# generator (CMake refuses to switch generators in place).
if [[ ! -f "$build_dir/CMakeCache.txt" ]] && command -v ninja >/dev/null 2>&1; then
    configure+=(-G Ninja)
fi
"${configure[@]}"

jobs=$(nproc 2>/dev/null || echo 2)
logs="$build_dir/test_logs"
mkdir -p "$logs"

# The last line is always the sum of ctest's tests and the hardening steps, in the plain form
# "N passed, N failed" (", N skipped" with --quick); the exit status is non-zero on any failure.
passed=0
failed=0
skipped=0
summary() {
    local line="$passed passed, $failed failed"
    ((skipped == 0)) || line+=", $skipped skipped"
    echo
    echo "$line"
}

if ! cmake --build "$build_dir" --parallel "$jobs"; then
    echo "test.sh: the build failed" >&2
    failed=$((failed + 1))
    summary
    exit 1
fi

status=0
ctest --test-dir "$build_dir" --output-on-failure 2>&1 | tee "$logs/ctest.log" || status=1
# ctest's own summary: "97% tests passed, 1 tests failed out of 40"
if counts=$(grep -Eo '[0-9]+ tests? failed out of [0-9]+' "$logs/ctest.log" | tail -n 1) && [[ -n $counts ]]; then
    read -r ctest_failed _ _ _ _ ctest_total <<<"$counts"
    passed=$((passed + ctest_total - ctest_failed))
    failed=$((failed + ctest_failed))
    ((ctest_failed == 0)) || status=1
else
    echo "test.sh: ctest gave no summary" >&2
    failed=$((failed + 1))
    status=1
fi

# Sanitizers + valgrind, a 30 s fuzz run per target, clang-tidy (docs/security.md): three steps,
# each counted once. hardening.sh ends with "hardening: N passed, N failed".
if ((quick)); then
    skipped=3
else
    bash scripts/hardening.sh --build-dir "$build_dir" 2>&1 | tee "$logs/hardening.log" || status=1
    if counts=$(grep -Eo '^hardening: [0-9]+ passed, [0-9]+ failed$' "$logs/hardening.log" | tail -n 1) && [[ -n $counts ]]; then
        read -r _ h_passed _ h_failed _ <<<"${counts//,/}"
        passed=$((passed + h_passed))
        failed=$((failed + h_failed))
    else
        echo "test.sh: the hardening checks gave no summary" >&2
        failed=$((failed + 1))
        status=1
    fi
fi

((failed == 0)) || status=1
summary
exit "$status"
