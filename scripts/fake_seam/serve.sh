#!/usr/bin/env bash
# Runs the fake Seam Connect server in the background, for shell scripts such
# as the demo.
#   bash scripts/fake_seam/serve.sh start   # install if needed, start, print URL
#   bash scripts/fake_seam/serve.sh url     # print the running server's URL
#   bash scripts/fake_seam/serve.sh stop    # stop it (TERM, then KILL after 5 s)
# State lives in ${APIBIND_RUN_DIR:-build/fake_seam} (relative paths are taken
# from the repository root): log, url, pid. PORT (env) picks the port; default
# is any free port on 127.0.0.1.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
run_dir=${APIBIND_RUN_DIR:-build/fake_seam}
[[ "$run_dir" == /* ]] || run_dir="$repo/$run_dir"
url_file="$run_dir/url"
pid_file="$run_dir/pid"
log_file="$run_dir/server.log"

say() { echo "fake_seam/serve.sh: $*" >&2; }

# Alive and not a zombie waiting for its (re)parent to reap it.
alive() {
    kill -0 "$1" 2>/dev/null || return 1
    local state
    state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 0
    [[ "$state" != Z ]]
}

running_pid() {
    # Prints the pid if the pid file names a live start.mjs process.
    [[ -f "$pid_file" ]] || return 1
    local pid
    pid=$(<"$pid_file")
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    alive "$pid" || return 1
    grep -q start.mjs "/proc/$pid/cmdline" 2>/dev/null || return 1
    echo "$pid"
}

do_start() {
    if pid=$(running_pid) && [[ -s "$url_file" ]]; then
        say "already running (pid $pid)"
        cat "$url_file"
        return 0
    fi
    rm -f "$url_file" "$pid_file"
    bash "$here/install.sh"
    mkdir -p "$run_dir"
    : >"$log_file"
    # setsid: own session, so the caller's Ctrl-C / terminal hangup does not
    # reach it; --no-stdin-watch: it outlives this script.
    setsid node "$here/start.mjs" --no-stdin-watch </dev/null >>"$log_file" 2>&1 &
    local pid=$!
    echo "$pid" >"$pid_file"

    local url="" deadline=$((SECONDS + 30))
    while ((SECONDS < deadline)); do
        url=$(sed -n 's/^APIBIND_FAKE_SEAM_URL=//p' "$log_file" | head -n 1)
        [[ -n "$url" ]] && break
        if ! alive "$pid"; then
            say "server exited during start-up; log $log_file:"
            cat "$log_file" >&2
            rm -f "$pid_file"
            return 1
        fi
        sleep 0.1
    done
    if [[ -z "$url" ]]; then
        say "no URL from the server within 30 s; log $log_file:"
        cat "$log_file" >&2
        do_stop >/dev/null 2>&1 || true
        return 1
    fi
    if ! running_pid >/dev/null; then
        say "pid $pid is not the server (log $log_file)"
        return 1
    fi
    echo "$url" >"$url_file"
    echo "$url"
}

do_stop() {
    local pid
    if pid=$(running_pid); then
        kill -TERM "$pid" 2>/dev/null || true
        local deadline=$((SECONDS + 5))
        while alive "$pid" && ((SECONDS < deadline)); do
            sleep 0.1
        done
        if alive "$pid"; then
            say "pid $pid ignored SIGTERM for 5 s; sending SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
        fi
    fi
    rm -f "$url_file" "$pid_file"
}

do_url() {
    if running_pid >/dev/null && [[ -s "$url_file" ]]; then
        cat "$url_file"
    else
        say "not running (start it with: bash scripts/fake_seam/serve.sh start)"
        return 1
    fi
}

case "${1:-}" in
    start) do_start ;;
    stop) do_stop ;;
    url) do_url ;;
    *)
        sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2
        exit 2
        ;;
esac
