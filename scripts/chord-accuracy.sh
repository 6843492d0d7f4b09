#!/usr/bin/env bash
# Measures how well chords and keys are read from what was played (issue 14; docs/MUSIC.md,
# "Chords from MIDI"): builds the app, runs tests/tools/chord_accuracy.py against it, prints
# the table and writes it into docs/MUSIC.md between its markers. Exit status 1 when a corpus
# falls below its floor (the script's --check).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${AIBAND_BUILD_DIR:-$root/build}"
"$root/scripts/install-deps.sh" --test
"$root/scripts/build.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
/usr/bin/python3 "$root/tests/tools/chord_accuracy.py" "$build/app/ai-band-orchestrator" --markdown "$work/table.md" --check || status=$?

/usr/bin/python3 "$root/tests/tools/write_between_markers.py" "$root/docs/MUSIC.md" chord-accuracy "$work/table.md" scripts/chord-accuracy.sh
exit "$status"
