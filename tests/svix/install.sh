#!/usr/bin/env bash
# Installs the svix package (the reference webhook signer/verifier) into
# tests/svix/node_modules, exactly as pinned by package-lock.json (see scripts/npm_ci.sh).
#   bash tests/svix/install.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
exec bash "$here/../../scripts/npm_ci.sh" "$here"
