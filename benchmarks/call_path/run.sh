#!/usr/bin/env bash
# Client-side cost of one API call, apibind vs the official JS SDK, against the fake Seam
# server on 127.0.0.1: N `connected_accounts.list({limit: 3})` calls over a kept-alive
# connection; calls/s and CPU µs per call of the CLIENT process (the server's CPU is not
# counted). Prints a markdown table.
#
#   bash benchmarks/call_path/run.sh [--calls N] [--warmup N]
#
# Builds benchmarks/call_path/call_path.cpp with g++ -O2 into ${BUILD_DIR:-build-call_path}
# (CXX, CXXFLAGS override), starts the fake with scripts/fake_seam/serve.sh (its own run
# directory, so it does not touch another fake) and stops it on exit.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
calls=2000
warmup=200
while (($#)); do
    case "$1" in
        --calls) calls=$2; shift 2 ;;
        --warmup) warmup=$2; shift 2 ;;
        -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done

build_dir=${BUILD_DIR:-$repo/build-call_path}
mkdir -p "$build_dir"
bin="$build_dir/call_path"

# Build when missing or older than any apibind header or the source.
newest=$(find "$repo/include" "$here/call_path.cpp" -newer "$bin" -print -quit 2>/dev/null || true)
if [[ ! -x "$bin" || -n "$newest" ]]; then
    echo "run.sh: building $bin" >&2
    curl_flags=()
    if [[ -f /usr/include/curl/curl.h || -f /usr/include/x86_64-linux-gnu/curl/curl.h ]] || pkg-config --exists libcurl 2>/dev/null; then
        curl_flags=(-DAPIBIND_HAS_CURL=1 -lcurl)
    fi
    ${CXX:-g++} -std=c++20 ${CXXFLAGS:--O2 -DNDEBUG} -I"$repo/include" -DAPIBIND_BEAST_HAS_SSL=1 \
        "$here/call_path.cpp" -o "$bin" -lssl -lcrypto -lpthread "${curl_flags[@]}"
fi

export APIBIND_RUN_DIR="$build_dir/fake_seam"
serve="$repo/scripts/fake_seam/serve.sh"
url=$(bash "$serve" start)
trap 'bash "$serve" stop >/dev/null 2>&1 || true' EXIT

# The fake (Node) gets faster as its JIT warms up: warm it first, so that the order in which
# the clients run does not favour the later ones. Its speed bounds calls/s for every client.
"$bin" --url "$url" --calls 1500 --warmup 0 --transport beast_async >/dev/null

results=$("$bin" --url "$url" --calls "$calls" --warmup "$warmup")
results+=$'\n'$(node "$here/js_sdk.mjs" --url "$url" --calls "$calls" --warmup "$warmup")

js_cpu=$(awk -F'\t' '$1 == "js_sdk" { print $5 }' <<<"$results")
echo
echo "$calls calls after $warmup warm-up calls, \`connected_accounts.list({limit: 3})\` on the fake Seam server (Node, same machine), one kept-alive connection."
echo "CPU = user + system time of the client process only; calls/s is bounded by the fake server."
echo
echo "| client | calls/s | CPU µs per call (user + system) | CPU vs JS SDK |"
echo "| --- | ---: | ---: | ---: |"
while IFS=$'\t' read -r name n wall rate cpu user sys; do
    [[ -n "$name" ]] || continue
    case "$name" in
        beast_sync) label="apibind + beast_sync_transport" ;;
        curl) label="apibind + curl_transport" ;;
        beast_async) label="apibind + beast_async_transport" ;;
        js_sdk) label="@seamapi/http (Node $(node --version))" ;;
        *) label=$name ;;
    esac
    ratio=$(awk -v a="$cpu" -v b="$js_cpu" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "n/a" }')
    echo "| $label | $rate | $cpu ($user + $sys) | $ratio |"
done <<<"$results"
