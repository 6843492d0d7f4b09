#!/usr/bin/env bash
# The desktop app as a musician runs it: on an X display with a system tray (Xvfb + trayer),
# launched a second time (which brings up the running one's window), then stopped with SIGTERM
# as a session logout does. It must exit 0 within seconds, even with its window showing: the
# window hides to the tray when closed, and an app that asks its windows before quitting never
# quits. Run by ctest through xvfb-run: tests/desktop/tray_session.sh BINARY TRAY_AVAILABLE
set -euo pipefail
binary=$1
tray_available=$2   # exits 0 once the display has a system tray (tests/tools/tray_available.cpp)
home=$(mktemp -d)
trap 'kill "${tray:-}" "${app:-}" 2>/dev/null || true; rm -rf "$home"' EXIT
export HOME=$home XDG_CONFIG_HOME=$home/config XDG_DATA_HOME=$home/data XDG_RUNTIME_DIR=$home/run
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
unset QT_QPA_PLATFORM

trayer --edge top --width 10 >/dev/null 2>&1 &
tray=$!

wait_for() {  # wait_for SECONDS COMMAND...: polls a condition, fails when time is up
    local deadline=$((SECONDS + $1)); shift
    until "$@"; do
        [[ $SECONDS -lt $deadline ]] || return 1
        sleep 0.1
    done
}

# trayer owns the tray a moment after it starts; an app started before that runs without a tray
# (as it should), which is not what this test is about.
wait_for 20 "$tray_available" || { echo "trayer made no system tray on this display"; exit 1; }

"$binary" --port 0 >"$home/out.txt" 2>"$home/err.txt" &
app=$!
wait_for 20 grep -q "listening on" "$home/out.txt" || { echo "the app did not start"; cat "$home/err.txt"; exit 1; }
# The tray icon exists: the app did not fall back to its window-with-notice mode.
grep -q "aiband.ui: in the system tray" "$home/err.txt" || { echo "no tray icon under Xvfb + trayer"; cat "$home/err.txt"; exit 1; }

"$binary" --port 0 >"$home/second.txt" 2>&1
grep -q "already running" "$home/second.txt" || { echo "second launch:"; cat "$home/second.txt"; exit 1; }
wait_for 10 grep -q "showing it" "$home/err.txt" || { echo "the window was not brought up"; exit 1; }

kill -TERM "$app"
if ! wait_for 15 bash -c "! kill -0 $app 2>/dev/null"; then
    echo "still running 15 s after SIGTERM with its window showing"
    tail -5 "$home/err.txt"
    exit 1
fi
status=0
wait "$app" || status=$?
app=
[[ $status -eq 0 ]] || { echo "exit status $status"; exit 1; }
grep -q "aiband.app: stopped" "$home/err.txt" || { echo "no clean stop in the log"; exit 1; }
echo "tray session: started, second launch showed the window, SIGTERM exited 0"
