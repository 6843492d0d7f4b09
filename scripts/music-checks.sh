#!/usr/bin/env bash
# Renders the property corpus (every style in several meters, progressions, seeds and feels),
# checks every file with the independent checker (Python + mido, FluidSynth for one render),
# prints the table per style, and writes it into docs/MUSIC.md between its markers.
# Exit status is the checker's: 0 when every check passed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${AIBAND_BUILD_DIR:-$root/build}"
"$root/scripts/install-deps.sh" --test
"$root/scripts/build.sh"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/tests/render_corpus" "$work/corpus"
status=0
/usr/bin/python3 "$root/tests/python/music_checks.py" "$work/corpus" --render --markdown "$work/table.md" || status=$?

/usr/bin/python3 "$root/tests/tools/write_between_markers.py" "$root/docs/MUSIC.md" checks "$work/table.md" scripts/music-checks.sh
exit "$status"
