#!/usr/bin/env bash
# The one command to get going: installs what is missing, builds (Release) and starts the app.
# Only the app is built (its libraries and translations), not the test programs, so a first run
# takes a fraction of scripts/test.sh's build.
# Arguments are passed to the app, e.g. scripts/run.sh --headless --port 8001
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/install-deps.sh"
"$root/scripts/build.sh" ai-band-orchestrator
exec "${AIBAND_BUILD_DIR:-$root/build}/app/ai-band-orchestrator" "$@"
