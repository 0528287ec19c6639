#!/usr/bin/env bash
# Installs the generator's npm packages (@seamapi/types, @seamapi/blueprint) into
# scripts/codegen/node_modules, exactly as pinned by package-lock.json (see scripts/npm_ci.sh).
#   bash scripts/codegen/install.sh
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
exec bash "$here/../../scripts/npm_ci.sh" "$here"
