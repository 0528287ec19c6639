#!/usr/bin/env bash
# Installs the given Debian packages when any is missing; prints nothing and returns at once when
# all are there (idempotent). Used by install_deps.sh (the build's packages) and by the hardening
# scripts (fuzz.sh, sanitize.sh, tidy.sh) for their own tools:   bash scripts/ensure_packages.sh clang-14 valgrind
set -euo pipefail

missing=()
for pkg in "$@"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    [[ "$status" == "install ok installed" ]] || missing+=("$pkg")
done
((${#missing[@]} == 0)) && exit 0

if [[ $(id -u) -eq 0 ]]; then
    sudo=()
elif command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
else
    echo "ensure_packages.sh: missing packages (${missing[*]}) and neither root nor sudo available" >&2
    exit 1
fi
echo "ensure_packages.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
