#!/usr/bin/env bash
# THE demo: builds the example CLI, starts the bundled fake Seam server on 127.0.0.1, runs the CLI
# through every command against it, and stops the server (also on Ctrl-C or failure).
#   bash scripts/demo.sh [--build-dir DIR]      (default build-demo)
# The CLI is built over every generated endpoint (APIBIND_SEAM_CLI_ROUTES=/, the environment may
# narrow it, e.g. "/connected_accounts/;/locks/"): a first build costs about 20-25 min of CPU
# (docs/seam.md), hence its own build directory, so that scripts/test.sh's build/ keeps the short default.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

build_dir=build-demo
if [[ ${1:-} == --build-dir ]]; then build_dir=$2; fi
if [[ ${1:-} == --build-dir=* ]]; then build_dir=${1#--build-dir=}; fi

bash scripts/install_deps.sh
bash scripts/fake_seam/install.sh

echo "== building apibind-seam"
configure=(cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE="${CMAKE_BUILD_TYPE:-RelWithDebInfo}" -DAPIBIND_BUILD_EXAMPLES=ON
    "-DAPIBIND_SEAM_CLI_ROUTES=${APIBIND_SEAM_CLI_ROUTES:-/}")
if command -v ccache >/dev/null 2>&1; then configure+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
if [[ ! -f "$build_dir/CMakeCache.txt" ]] && command -v ninja >/dev/null 2>&1; then configure+=(-G Ninja); fi
"${configure[@]}" >/dev/null
cmake --build "$build_dir" --target apibind_seam_cli --parallel "$(nproc 2>/dev/null || echo 2)"
cli=$(find "$build_dir" -type f -name apibind-seam -perm -u+x | head -n 1)
[[ -n $cli ]] || { echo "demo: apibind-seam was not built" >&2; exit 1; }

export APIBIND_RUN_DIR="$build_dir/demo_fake_seam"
trap 'bash scripts/fake_seam/serve.sh stop >/dev/null 2>&1 || true' EXIT
url=$(bash scripts/fake_seam/serve.sh start)
echo "== fake Seam server on $url (seed: scripts/fake_seam/README.md)"

export SEAM_ENDPOINT=$url
export SEAM_API_KEY=seam_labkey1_token
unset SEAM_PERSONAL_ACCESS_TOKEN SEAM_WORKSPACE_ID

failures=0
# Shell-quotes one word for display, so a shown command can be pasted as it is.
quote() {
    if [[ $1 =~ ^[A-Za-z0-9_./:@=+,-]+$ ]]; then
        printf '%s' "$1"
    else
        printf "'%s'" "${1//\'/\'\\\'\'}"
    fi
}
show() {
    local line="\$" word
    for word in "$@"; do line+=" $(quote "$word")"; done
    echo
    echo "$line"
}
# Runs one CLI command and shows it; `expect` is "ok" or "error" (the demo shows both paths).
# Leading NAME=value words are environment settings for this command only, shown as such.
run() {
    local expect=$1; shift
    local env_words=()
    while [[ ${1:-} =~ ^[A-Z_]+= ]]; do env_words+=("$1"); shift; done
    show "${env_words[@]}" apibind-seam "$@"
    local status=0
    env "${env_words[@]}" "$cli" "$@" || status=$?
    if [[ $expect == ok && $status -ne 0 ]] || [[ $expect == error && $status -eq 0 ]]; then
        echo "demo: unexpected exit status $status" >&2
        failures=$((failures + 1))
    fi
}
run_stdin() {
    local expect=$1 input=$2; shift 2
    echo
    echo "\$ apibind-seam $* <<< $(quote "$input")"
    local status=0
    "$cli" "$@" <<<"$input" || status=$?
    if [[ $expect == ok && $status -ne 0 ]] || [[ $expect == error && $status -eq 0 ]]; then
        echo "demo: unexpected exit status $status" >&2
        failures=$((failures + 1))
    fi
}

echo "== SEAM_ENDPOINT=$SEAM_ENDPOINT SEAM_API_KEY=$SEAM_API_KEY (the fake server's test key)"
run ok --version
echo
echo "# every bound endpoint is a command; --help at any level lists what exists there"
run ok connected-accounts --help
run ok connected-accounts update --help
run ok connected-accounts get --connected_account_id lab_ca_1
run ok connected-accounts get --email bob@example.com
run ok connected-accounts list --limit 2
run ok connected-accounts list --all
run ok connected-accounts update --connected_account_id lab_ca_1 --automatically_manage_new_devices false --custom_metadata '{"floor":4,"note":"demo"}'
run ok connected-accounts get --connected_account_id lab_ca_1
echo
echo "# unlock a lock: the server answers with a pending action attempt; the CLI polls /action_attempts/get"
echo "# until it leaves pending (here: success), and prints the finished attempt"
run ok locks unlock-door --help
run ok locks unlock-door --device_id lab_dev_1
echo
echo "# --no-wait: the attempt as the server first answers (pending); then awaiting it by hand"
show apibind-seam locks lock-door --device_id lab_dev_1 --no-wait
pending=$("$cli" locks lock-door --device_id lab_dev_1 --no-wait) || { echo "demo: lock-door --no-wait failed" >&2; failures=$((failures + 1)); }
echo "$pending"
attempt=$(sed -n 's/^ *"action_attempt_id": "\([^"]*\)".*/\1/p' <<<"$pending" | head -n 1)
if [[ -n $attempt ]]; then
    run ok action-attempts get --action_attempt_id "$attempt"
else
    echo "demo: no action_attempt_id in the answer" >&2
    failures=$((failures + 1))
fi
echo
echo "# a nested route namespace (acs users), on the fake's \"full\" workspace"
run ok acs users list --help
run ok SEAM_API_KEY=seam_fullkey1_token acs users list --limit 5 --all
if "$cli" devices --help >/dev/null 2>&1; then
    echo
    echo "# every generated endpoint is a command (this build: APIBIND_SEAM_CLI_ROUTES=${APIBIND_SEAM_CLI_ROUTES:-/})"
    run ok --help
    run ok SEAM_API_KEY=seam_fullkey1_token devices list --limit 3 --all
    run ok SEAM_API_KEY=seam_fullkey1_token noise-sensors noise-thresholds list --device_id full_noise_1
fi
echo
echo "# the fake server does not implement /connected_accounts/sync: it answers a plain-text 404"
run error connected-accounts sync --connected_account_id lab_ca_1
run ok connected-accounts delete --connected_account_id lab_ca_3
run error connected-accounts get --connected_account_id lab_ca_3
run error connected-accounts list --limit 0
run error connected-accounts list --limit many
echo
echo "# a key the server does not know: it answers 401, the CLI prints the API error and exits 1"
run error SEAM_API_KEY=seam_unknown_key connected-accounts list
run_stdin ok '{"event_type":"connected_account.disconnected","connected_account_id":"lab_ca_1","connected_account_errors":[],"created_at":"2025-06-15T16:54:17.946Z","event_id":"ev_1","occurred_at":"2025-06-15T16:54:17.946Z","workspace_id":"lab_workspace_1"}' decode event
run_stdin error '{"connected_account_id":"x","errors":[{"created_at":5,"message":"m","error_code":"account_disconnected"}]}' decode connected_account

echo
if ((failures)); then
    echo "== demo: $failures command(s) did not behave as expected" >&2
    exit 1
fi
echo "== demo: every command behaved as expected; stopping the fake server"
