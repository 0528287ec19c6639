#!/usr/bin/env bash
# Installs the fake Seam Connect server's npm packages into
# scripts/fake_seam/node_modules, exactly as pinned by package-lock.json (see scripts/npm_ci.sh).
#   bash scripts/fake_seam/install.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
exec bash "$here/../../scripts/npm_ci.sh" "$here"
