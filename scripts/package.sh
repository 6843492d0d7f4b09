#!/usr/bin/env bash
# Builds the Debian package in one command: installs what is missing, builds (Release) and runs
# CPack's DEB generator. Prints the path of the .deb; install it with
#   sudo apt install ./build/ai-band-orchestrator_<version>-<revision>_amd64.deb
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${AIBAND_BUILD_DIR:-$root/build}"
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh"
log="$build/package.log"
if ! (cd "$build" && cpack -G DEB) >"$log" 2>&1; then
    cat "$log" >&2
    exit 1
fi
sed -n 's/^CPack: - package: \(.*\.deb\) generated\.$/\1/p' "$log"
