#!/usr/bin/env bash
# Installs a folder's npm packages into DIR/node_modules, exactly as pinned by its package-lock.json
# (the fake Seam server, the generator's spec packages, svix for the webhook tests).
#   bash scripts/npm_ci.sh DIR
# Idempotent and fast when nothing changed: it does nothing when node_modules/.package-lock.json
# (written by npm) is newer than package.json and package-lock.json and lists the same package
# versions. Otherwise it runs `npm ci`. Safe to run concurrently (serialised with flock when available).
set -euo pipefail

[[ $# -eq 1 && -f "$1/package-lock.json" ]] || { echo "npm_ci.sh: usage: npm_ci.sh DIR (a folder with package.json and package-lock.json)" >&2; exit 2; }
here=$(cd "$1" && pwd)
name=${here#"$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/"}
cd "$here"

for tool in node npm; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "$name/install.sh: '$tool' not found on PATH." >&2
        echo "  Run scripts/install_deps.sh first (it installs node and npm), then retry." >&2
        exit 1
    fi
done

# True when node_modules already holds exactly what package-lock.json pins.
up_to_date() {
    local hidden=node_modules/.package-lock.json
    [[ -f "$hidden" && "$hidden" -nt package-lock.json && "$hidden" -nt package.json ]] || return 1
    node --input-type=module -e '
        import { readFileSync } from "node:fs"
        const read = (f) => JSON.parse(readFileSync(f, "utf8")).packages ?? {}
        const want = read("package-lock.json"), have = read("node_modules/.package-lock.json")
        delete want[""]
        // npm leaves out of the hidden lockfile what it did not install
        // (optional packages for other platforms, dev packages under omit=dev).
        const installed = Object.entries(want).filter(([, p]) => !p.optional && !p.dev)
        const ok = installed.every(([k, p]) => have[k]?.version === p.version) &&
            Object.entries(have).every(([k, p]) => want[k]?.version === p.version)
        process.exit(ok ? 0 : 1)
    ' 2>/dev/null
}

install() {
    if up_to_date; then
        return 0
    fi
    echo "$name/install.sh: npm ci in $here" >&2
    npm ci --no-audit --no-fund --loglevel=error >&2
}

if command -v flock >/dev/null 2>&1; then
    # Lock file next to node_modules (git-ignored); another running install
    # finishes first, after which up_to_date is normally true.
    exec 9>"$here/.install.lock"
    flock 9
fi
install
