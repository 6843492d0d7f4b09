#!/usr/bin/env bash
# Configures (once) and builds the project in Release mode into build/.
# Arguments are build targets (e.g. scripts/build.sh ai-band-orchestrator builds the app alone,
# as scripts/run.sh does); none builds everything, tests included (scripts/test.sh).
# Output goes to build/build.log and is shown only when something fails.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${AIBAND_BUILD_DIR:-$root/build}"
mkdir -p "$build"
log="$build/build.log"

if [[ ! -f "$build/CMakeCache.txt" ]]; then
    if ! cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >"$log" 2>&1; then
        cat "$log" >&2
        exit 1
    fi
fi
targets=()
for target in "$@"; do
    targets+=(--target "$target")
done
if ! cmake --build "$build" --parallel "$(nproc)" "${targets[@]}" >"$log" 2>&1; then
    grep -E "error|Error|FAILED" "$log" >&2 || cat "$log" >&2
    echo "Build failed; the full output is in $log" >&2
    exit 1
fi
