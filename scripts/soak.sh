#!/usr/bin/env bash
# The soak test (docs/RELIABILITY.md, "Soak"): builds the app (Release, build/), starts the real
# headless server on port 0 with temporary folders, and runs tests/soak/soak.py against it for
# MINUTES (default 5): many plugins with mixed traffic plus clients that abort mid-request and
# mid-upgrade. Exits non-zero when the server crashed, lost or corrupted files, answered an
# unexpected 5xx, or its memory or descriptor counts grew after warm-up.
# Results: build/soak-results.json (samples of RSS and fds included).
#
# Usage: scripts/soak.sh [MINUTES] [soak.py options, e.g. --plugins 100 --env AIBAND_KEY=VALUE]
# Not part of ctest: it takes minutes by design.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${AIBAND_BUILD_DIR:-$root/build}"

case "${1:-}" in
    -h|--help) sed -n '2,/^set /p' "${BASH_SOURCE[0]}" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;;
esac
minutes=5
if [[ $# -gt 0 && "$1" =~ ^[0-9]+([.][0-9]+)?$ ]]; then
    minutes=$1
    shift
fi

"$root/scripts/install-deps.sh" --test
if [[ ! -f "$build/CMakeCache.txt" ]]; then
    cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build" -j"${AIBAND_BUILD_JOBS:-2}" --target ai-band-orchestrator
# Debian's python3, which has python3-mido and python3-websockets.
exec /usr/bin/python3 "$root/tests/soak/soak.py" "$build/app/ai-band-orchestrator" \
    --minutes "$minutes" --results "$build/soak-results.json" "$@"
