#!/usr/bin/env bash
# Measures how well chords, beats and keys are heard in audio (issue 15, item 5; docs/MUSIC.md,
# "Chords from audio: how well it hears"): builds the app, renders the whole corpus with
# fluidsynth and runs tests/python/audio_chord_accuracy.py against the server, prints the table
# and writes it into docs/MUSIC.md between its markers. Exit status 1 below the issue's floors.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${AIBAND_BUILD_DIR:-$root/build}"
"$root/scripts/install-deps.sh" --test
"$root/scripts/build.sh" ai-band-orchestrator

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
/usr/bin/python3 "$root/tests/python/audio_chord_accuracy.py" "$build/app/ai-band-orchestrator" --markdown "$work/table.md" --check || status=$?

/usr/bin/python3 "$root/tests/tools/write_between_markers.py" "$root/docs/MUSIC.md" audio-chord-accuracy "$work/table.md" scripts/audio-chord-accuracy.sh
exit "$status"
