#!/usr/bin/env bash
# Installs the Debian packages apibind's build and tests need, and nothing else.
# Idempotent: when everything is there it prints nothing and returns at once.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

packages=(cmake g++ make libboost1.81-dev libboost-json1.81-dev doctest-dev libbenchmark-dev libssl-dev libcurl4-openssl-dev)

# node + npm (for the fake API server used by the integration tests): a node/npm
# already on PATH (e.g. installed outside apt) is enough.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    packages+=(nodejs npm)
fi

exec bash ensure_packages.sh "${packages[@]}"
