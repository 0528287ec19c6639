#!/usr/bin/env bash
# Regenerates the generated bindings: today the whole Seam Connect API
# (include/apibind/seam/*.hpp except auth.hpp, errors.hpp, policy.hpp, and the umbrella
# include/apibind/seam.hpp) from the spec pinned in scripts/codegen/package-lock.json.
#   bash scripts/generate.sh            # write the headers into the source tree
#   bash scripts/generate.sh --check    # write nothing; fail, naming the files, if they differ
#   bash scripts/generate.sh --ir ir.json   # also dump the intermediate model (docs/codegen.md)
# Installs the generator's pinned npm packages first when they are missing.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$root/scripts/codegen/install.sh"
exec node "$root/scripts/codegen/generate.mjs" "$@"
