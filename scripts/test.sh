#!/usr/bin/env bash
# Installs what is missing, builds (Release) and runs the whole test suite through ctest.
# Arguments are passed to ctest, e.g. scripts/test.sh -R config
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/install-deps.sh" --test
"$root/scripts/build.sh"
exec ctest --test-dir "${AIBAND_BUILD_DIR:-$root/build}" --output-on-failure --parallel "$(nproc)" "$@"
