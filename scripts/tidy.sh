#!/usr/bin/env bash
# clang-tidy-14 over apibind's public headers, with the checked-in .clang-tidy (warnings are
# errors there, so this fails on any finding).
#
#   bash scripts/tidy.sh [--each] [--no-instantiations]
#
# By default it checks (a) one generated TU that includes every public header (the code a header
# contains is the same whether it is included alone or with the others; that each header compiles
# alone is the header self-containment test's job) and (b) the fuzz targets' TUs
# (tests/fuzz/*.cpp), which instantiate every model, the codec and the Beast transport: many
# checks only see template code once it is instantiated. --each: one TU per public header
# instead of (a) (slower, same findings so far). TUs are generated in build-tidy/ (inside the
# tree, so clang-tidy finds .clang-tidy).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

each=0
instantiations=1
while (($#)); do
    case "$1" in
        --each) each=1; shift ;;
        --no-instantiations) instantiations=0; shift ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) echo "tidy.sh: unknown argument: $1" >&2; exit 2 ;;
    esac
done

bash scripts/install_deps.sh
bash scripts/ensure_packages.sh clang-tidy-14 clang-14

root=$PWD
out=build-tidy
rm -rf "$out"
mkdir -p "$out"

flags=(-std=c++20 "-I$root/include")
ssl=0
if [[ -f /usr/include/openssl/ssl.h ]]; then
    flags+=(-DAPIBIND_BEAST_HAS_SSL=1)  # check the https code path too
    ssl=1
fi

# Public headers: everything under include/apibind except detail/ directories (checked through
# the headers that include them); curl.hpp, curl_async.hpp and curl_asio.hpp only when libcurl's headers are installed.
headers=()
while IFS= read -r h; do
    [[ ( "$h" == apibind/transport/curl.hpp || "$h" == apibind/transport/curl_async.hpp || "$h" == apibind/transport/curl_asio.hpp ) && ! -f /usr/include/curl/curl.h && ! -f /usr/include/x86_64-linux-gnu/curl/curl.h ]] && continue
    # beast_src.hpp is for APIBIND_BEAST_SEPARATE_COMPILATION (an #error without it); the code it
    # compiles is impl/beast.ipp, which beast.hpp includes in the header-only mode checked here.
    [[ "$h" == apibind/transport/beast_src.hpp ]] && continue
    headers+=("$h")
done < <(cd include && find apibind -name '*.hpp' -not -path '*/detail/*' | LC_ALL=C sort)

tus=()
if ((each)); then
    for h in "${headers[@]}"; do
        tu="$out/check_${h//[^A-Za-z0-9_]/_}.cpp"
        printf '#include <%s>\n' "$h" >"$tu"
        tus+=("$tu")
    done
else
    printf '#include <%s>\n' "${headers[@]}" >"$out/all_public_headers.cpp"
    tus+=("$out/all_public_headers.cpp")
fi
if ((instantiations)); then
    for f in tests/fuzz/*.cpp; do tus+=("$f"); done
fi

echo "tidy.sh: clang-tidy-14 on ${#headers[@]} public headers via ${#tus[@]} TUs (https code: $([[ $ssl == 1 ]] && echo yes || echo no))"
jobs=$(nproc 2>/dev/null || echo 2)
flags_q=$(printf '%q ' "${flags[@]}")
# One clang-tidy per TU, $jobs at a time; each writes build-tidy/<tu name>.tidy.log.
failed=0
printf '%s\0' "${tus[@]}" |
    xargs -0 -P "$jobs" -I{} sh -c 'log="$2/$(basename "$1").tidy.log"
        clang-tidy-14 --quiet "$1" -- '"$flags_q"' >"$log" 2>&1 || { echo "tidy.sh: findings in $1" >&2; exit 1; }' _ {} "$out" ||
    failed=1
for tu in "${tus[@]}"; do
    log="$out/$(basename "$tu").tidy.log"
    [[ -f "$log" ]] || continue
    grep -E '(warning|error):' "$log" | sed "s|$root/||" || true
done | sort -u
if ((failed)); then
    echo "tidy.sh: FAILED (logs: $out/*.tidy.log)" >&2
    exit 1
fi
echo "tidy.sh: clean"
