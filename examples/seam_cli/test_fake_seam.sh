#!/usr/bin/env bash
# ctest: apibind-seam against the fake Seam server (scripts/fake_seam): calls, unwrapped output,
# --all across pages, API errors. Exit 77 (skipped) without node.
#   bash test_fake_seam.sh path/to/apibind-seam RUN_DIR
set -euo pipefail
cli=$1
export APIBIND_RUN_DIR=$2
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
command -v node >/dev/null 2>&1 || { echo "node not found: skipped"; exit 77; }

trap 'bash "$repo/scripts/fake_seam/serve.sh" stop >/dev/null 2>&1 || true' EXIT
SEAM_ENDPOINT=$(bash "$repo/scripts/fake_seam/serve.sh" start)
export SEAM_ENDPOINT SEAM_API_KEY=seam_labkey1_token
unset SEAM_PERSONAL_ACCESS_TOKEN SEAM_WORKSPACE_ID

failures=0
out=""
err=""
# check EXIT ARGS...: runs the CLI, keeps stdout in $out and stderr in $err, checks the exit status.
check() {
    local expect=$1 status=0
    shift
    out=$("$cli" "$@" 2>"$APIBIND_RUN_DIR/stderr") || status=$?
    err=$(<"$APIBIND_RUN_DIR/stderr")
    if [[ $status -ne $expect ]]; then
        echo "FAIL: apibind-seam $*: exit $status, expected $expect; stdout: $out; stderr: $err"
        failures=$((failures + 1))
        return 1
    fi
}
# has TEXT REGEX WHAT: TEXT matches REGEX.
has() {
    if ! grep -Eq -- "$2" <<<"$1"; then
        echo "FAIL: $3: no match for /$2/ in: $1"
        failures=$((failures + 1))
    fi
}
count() { grep -c -- "$1" <<<"$2" || true; }

# get: the account itself, unwrapped (no {"connected_account": ..., "ok": true} envelope)
if check 0 connected-accounts get --connected_account_id lab_ca_1; then
    has "$out" '^\{$' "get prints an object"
    has "$out" '^  "connected_account_id": "lab_ca_1",?$' "get prints the account's own members"
    has "$out" '"user_identifier"' "get decodes the account"
    [[ $(count '"ok"' "$out") == 0 ]] || { echo "FAIL: get printed the envelope"; failures=$((failures + 1)); }
fi
if check 0 connected-accounts get --email bob@example.com; then has "$out" '"connected_account_id": "lab_ca_2"' "get by email"; fi

# list: one page, then --all following next_page_cursor (7 accounts, pages of 3)
export SEAM_API_KEY=seam_pagekey1_token
if check 0 connected-accounts list --limit 3; then
    [[ $(count '^  {$' "$out") == 3 ]] || { echo "FAIL: list --limit 3 gave: $out"; failures=$((failures + 1)); }
fi
if check 0 connected-accounts list --limit 3 --all; then
    [[ $(count '^  {$' "$out") == 7 ]] || { echo "FAIL: list --all gave: $out"; failures=$((failures + 1)); }
    has "$(grep -o 'page_ca_[0-9]' <<<"$out" | tr '\n' ' ')" '^page_ca_1 page_ca_2 page_ca_3 page_ca_4 page_ca_5 page_ca_6 page_ca_7 $' "list --all in order"
fi
export SEAM_API_KEY=seam_labkey1_token

# update (nothing to unwrap: {} on stdout, what was done on stderr), then read it back
if check 0 connected-accounts update --connected_account_id lab_ca_2 --custom_metadata '{"floor":4,"note":"cli"}' --automatically_manage_new_devices true; then
    has "$out" '^\{\}$' "update prints {}"
    has "$err" '^connected-accounts update: done$' "update says it is done"
fi
if check 0 connected-accounts get --connected_account_id lab_ca_2; then
    has "$out" '"note": "cli"' "update took effect"
    has "$out" '"automatically_manage_new_devices": true' "update took the boolean flag"
fi

# An action attempt: awaited to success by default; with --no-wait as the server first answers.
if check 0 locks unlock-door --device_id lab_dev_1; then
    has "$out" '"action_type": "UNLOCK_DOOR"' "unlock-door prints the action attempt"
    has "$out" '"status": "success"' "unlock-door waits for the attempt to succeed"
fi
if check 0 locks unlock-door --device_id lab_dev_1 --no-wait; then
    has "$out" '"action_attempt_id": "' "unlock-door --no-wait prints the attempt"
fi
check 2 locks unlock-door || true
has "$err" 'missing required flag --device_id' "unlock-door needs --device_id"

# A nested route namespace (acs users), on the fake's "full" workspace: one ACS user.
if SEAM_API_KEY=seam_fullkey1_token check 0 acs users list; then
    has "$out" '^\[$' "acs users list prints an array"
    has "$out" '"full_name": "Full Guest One"' "acs users list decodes the user"
fi

# API errors: exit 1, one line on stderr
if check 1 connected-accounts get --connected_account_id nobody; then has "$err" '^error: API error \(HTTP 404\) connected_account_not_found' "unknown account"; fi
if check 1 connected-accounts list --limit 0; then has "$err" '^error: API error \(HTTP 400\)' "limit 0"; fi
SEAM_API_KEY=seam_unknown_key check 1 connected-accounts list || true
has "$err" '^error: (API|HTTP) error \(HTTP 401\)' "a bad key"

if ((failures)); then
    echo "$failures check(s) failed"
    exit 1
fi
echo "apibind-seam against the fake server: every check passed"
