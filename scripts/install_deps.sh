#!/usr/bin/env bash
# Installs the Debian packages apibind's build and tests need, and nothing else.
# Idempotent: when everything is there it prints nothing and returns at once.
set -euo pipefail

packages=(cmake g++ make libboost1.81-dev libboost-json1.81-dev doctest-dev libbenchmark-dev libssl-dev libcurl4-openssl-dev)

# node + npm (for the fake API server used by the integration tests): a node/npm
# already on PATH (e.g. installed outside apt) is enough.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    packages+=(nodejs npm)
fi

missing=()
for pkg in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
    if [[ "$status" != "install ok installed" ]]; then
        missing+=("$pkg")
    fi
done

if ((${#missing[@]} == 0)); then
    exit 0
fi

if [[ $(id -u) -eq 0 ]]; then
    sudo=()
elif command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
else
    echo "install_deps.sh: missing packages (${missing[*]}) and neither root nor sudo available" >&2
    exit 1
fi

echo "install_deps.sh: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
