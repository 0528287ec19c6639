#!/usr/bin/env bash
# THE test command: installs what is missing, configures, builds and runs every test.
#   bash scripts/test.sh [--build-dir DIR] [--quick]
#   --quick: skip the hardening checks (sanitizers, valgrind, fuzzing, clang-tidy) that CI runs
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
            sed -n '2,5p' "$0"; exit 0 ;;
        *)
            echo "test.sh: unknown argument: $1" >&2; exit 2 ;;
    esac
done

bash scripts/install_deps.sh

if [[ -f scripts/fake_seam/install.sh ]]; then
    bash scripts/fake_seam/install.sh
fi
# The generator's pinned spec packages, for the codegen_drift test.
bash scripts/codegen/install.sh

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
cmake --build "$build_dir" --parallel "$jobs"

status=0
ctest --test-dir "$build_dir" --output-on-failure || status=$?
# Sanitizers + valgrind, a 30 s fuzz run per target, clang-tidy (docs/security.md).
((quick)) || bash scripts/hardening.sh --build-dir "$build_dir" || status=1
exit "$status"
