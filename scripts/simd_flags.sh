#!/usr/bin/env bash
# Prints " -mavx2 -mpclmul -mpopcnt" if this CPU has all three, else nothing: the flags under which
# the codec's reader takes its wide scans (json/detail/reader.hpp, descent.hpp). The sanitizer and
# fuzz builds add them, so that those scans run under ASan and UBSan; the main build, without -m
# flags, tests the SSE2 and plain ones.
set -euo pipefail
flags=$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null || true)
for f in avx2 pclmulqdq popcnt; do
    [[ " $flags " == *" $f "* ]] || exit 0
done
printf ' -mavx2 -mpclmul -mpopcnt'
